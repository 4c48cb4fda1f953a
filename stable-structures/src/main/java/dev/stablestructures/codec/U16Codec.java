package dev.stablestructures.codec;

/**
 * The crate's {@code u16}: 2 bytes, big-endian, ordered as an unsigned number. A Java {@code short}
 * holds the same 16 bits, as {@link U32Codec} does for {@code u32}: values above 32767 appear
 * negative in Java but sort after every positive one. Use {@link Short#toUnsignedInt} to read them.
 */
public final class U16Codec extends IntegerCodec<Short> {
  /** The single instance. */
  public static final U16Codec INSTANCE = new U16Codec();

  private U16Codec() {
    super("u16", Short.BYTES, false);
  }
}
