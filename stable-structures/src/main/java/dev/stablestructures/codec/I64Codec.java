package dev.stablestructures.codec;

/**
 * A signed 64-bit integer, which the crate lacks: 8 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 8 bytes. Has primitive
 * methods so hot paths never box. (For the crate's {@code u64} use {@link U64Codec}.)
 */
public final class I64Codec extends LongCodec {
  /** The single instance. */
  public static final I64Codec INSTANCE = new I64Codec();

  private I64Codec() {
    super("i64", true);
  }
}
