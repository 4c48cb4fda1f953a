package dev.stablestructures.codec;

/**
 * A signed 32-bit integer, which the crate lacks: 4 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 4 bytes. (For the
 * crate's {@code u32} use {@link U32Codec}.)
 */
public final class I32Codec extends IntegerCodec<Integer> {
  /** The single instance. */
  public static final I32Codec INSTANCE = new I32Codec();

  private I32Codec() {
    super("i32", Integer.BYTES, true);
  }
}
