package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The crate's {@code u64}: 8 bytes, big-endian, ordered as an unsigned number. A Java {@code long}
 * holds the same 64 bits; values above {@code Long.MAX_VALUE} appear negative in Java but sort
 * after every positive one, as in Rust. Has primitive methods so hot paths never box.
 */
public final class U64Codec extends NumberCodec<Long> implements OrderedLongCodec<Long> {
  /** The single instance. */
  public static final U64Codec INSTANCE = new U64Codec();

  private U64Codec() {
    super("u64", Long.BYTES, true);
  }

  @Override
  long bits(Long value) {
    return value;
  }

  @Override
  Long value(long bits) {
    return bits;
  }

  /**
   * Encodes a primitive value.
   *
   * @param value the value
   * @return its 8 big-endian bytes
   */
  public byte[] encodeLong(long value) {
    return encodeBits(value);
  }

  /**
   * Decodes a primitive value.
   *
   * @param bytes the array
   * @param offset the first byte
   * @param length must be 8
   * @return the value
   * @throws DecodeException if {@code length} is not 8
   */
  public long decodeLong(byte[] bytes, int offset, int length) {
    return decodeBits(bytes, offset, length);
  }

  @Override
  public long orderedLong(Long value) {
    return value;
  }

  @Override
  public int compare(Long a, Long b) {
    return Long.compareUnsigned(a, b);
  }
}
