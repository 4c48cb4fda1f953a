package dev.stablestructures.codec;

/**
 * The crate's {@code u8}: one byte, ordered as an unsigned number. A Java {@code byte} holds the
 * same 8 bits, as {@link U32Codec} does for {@code u32}: values above 127 appear negative in Java
 * but sort after every positive one, as in Rust. Use {@link Byte#toUnsignedInt} to read them.
 */
public final class U8Codec extends IntegerCodec<Byte> {
  /** The single instance. */
  public static final U8Codec INSTANCE = new U8Codec();

  private U8Codec() {
    super("u8", Byte.BYTES, false);
  }
}
