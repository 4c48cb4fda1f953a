package dev.stablestructures.codec;

/**
 * The catalogue of codecs. Names follow the Rust types whose bytes they reproduce ({@code u64()},
 * {@code blob(n)}, ...); codecs Java users need and the crate lacks are listed after them.
 */
public final class Codecs {
  private Codecs() {}

  /**
   * The crate's {@code u64}: 8 bytes big-endian, unsigned order.
   *
   * @return the codec
   */
  public static U64Codec u64() {
    return U64Codec.INSTANCE;
  }

  /**
   * The crate's {@code u32}: 4 bytes big-endian, unsigned order.
   *
   * @return the codec
   */
  public static U32Codec u32() {
    return U32Codec.INSTANCE;
  }

  /**
   * The crate's {@code Vec<u8>}: raw bytes, unbounded.
   *
   * @return the codec
   */
  public static BytesCodec bytes() {
    return BytesCodec.unbounded();
  }

  /**
   * The crate's {@code Blob<N>}: raw bytes, at most {@code maxSize}, not fixed-size.
   *
   * @param maxSize N
   * @return the codec
   */
  public static BytesCodec blob(int maxSize) {
    return BytesCodec.blob(maxSize);
  }

  /**
   * The crate's {@code String}: UTF-8, unbounded, ordered by code point.
   *
   * @return the codec
   */
  public static StringCodec string() {
    return StringCodec.INSTANCE;
  }

  /**
   * The crate's {@code ()}: no bytes, the value type of sets.
   *
   * @return the codec
   */
  public static UnitCodec unit() {
    return UnitCodec.INSTANCE;
  }
}
