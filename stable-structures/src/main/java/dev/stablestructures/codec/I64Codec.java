package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * A signed 64-bit integer, which the crate lacks: 8 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 8 bytes. Has primitive
 * methods so hot paths never box. (For the crate's {@code u64} use {@link U64Codec}.)
 */
public final class I64Codec extends NumberCodec<Long> implements OrderedLongCodec<Long> {
  /** The single instance. */
  public static final I64Codec INSTANCE = new I64Codec();

  private I64Codec() {
    super("i64", Long.BYTES, true);
  }

  @Override
  long bits(Long value) {
    return value ^ Long.MIN_VALUE;
  }

  @Override
  Long value(long bits) {
    return bits ^ Long.MIN_VALUE;
  }

  /**
   * Encodes a primitive value.
   *
   * @param value the value
   * @return its 8 bytes, sign bit flipped, big-endian
   */
  public byte[] encodeLong(long value) {
    return encodeBits(value ^ Long.MIN_VALUE);
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
    return decodeBits(bytes, offset, length) ^ Long.MIN_VALUE;
  }

  @Override
  public long orderedLong(Long value) {
    return value ^ Long.MIN_VALUE;
  }

  @Override
  public int compare(Long a, Long b) {
    return Long.compare(a, b);
  }
}
