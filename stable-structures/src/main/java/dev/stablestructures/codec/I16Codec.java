package dev.stablestructures.codec;

/**
 * A signed 16-bit integer, which the crate lacks: 2 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 2 bytes.
 */
public final class I16Codec extends IntegerCodec<Short> {
  /** The single instance. */
  public static final I16Codec INSTANCE = new I16Codec();

  private I16Codec() {
    super("i16", Short.BYTES, true);
  }
}
