package dev.stablestructures.codec;

/**
 * The crate's {@code u64}: 8 bytes, big-endian, ordered as an unsigned number. A Java {@code long}
 * holds the same 64 bits; values above {@code Long.MAX_VALUE} appear negative in Java but sort
 * after every positive one, as in Rust. Has primitive methods so hot paths never box.
 */
public final class U64Codec extends LongCodec {
  /** The single instance. */
  public static final U64Codec INSTANCE = new U64Codec();

  private U64Codec() {
    super("u64", false);
  }
}
