package dev.stablestructures.codec;

/**
 * A signed 8-bit integer, which the crate lacks (it has no signed integers): one byte with the sign
 * bit flipped, so the unsigned order of the bytes is the signed order of the values ({@code -128}
 * is {@code 00}, {@code 0} is {@code 80}, {@code 127} is {@code ff}). Fixed, 1 byte.
 */
public final class I8Codec extends IntegerCodec<Byte> {
  /** The single instance. */
  public static final I8Codec INSTANCE = new I8Codec();

  private I8Codec() {
    super("i8", Byte.BYTES, true);
  }
}
