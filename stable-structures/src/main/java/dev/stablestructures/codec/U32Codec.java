package dev.stablestructures.codec;

/**
 * The crate's {@code u32}: 4 bytes, big-endian, ordered as an unsigned number. A Java {@code int}
 * holds the same 32 bits; values above {@code Integer.MAX_VALUE} appear negative in Java but sort
 * after every positive one, as in Rust.
 */
public final class U32Codec extends IntegerCodec<Integer> {
  /** The single instance. */
  public static final U32Codec INSTANCE = new U32Codec();

  private U32Codec() {
    super("u32", Integer.BYTES, false);
  }
}
