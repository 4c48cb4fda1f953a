package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The 8-byte integers: the crate's {@code u64}, and the signed {@code i64} it lacks. A value is a
 * {@link Long}; its stored bits are its own, with the sign bit flipped for {@code i64}, so the
 * stored bits read as an unsigned number order as the values do:
 *
 * <pre>
 * codec  size  stored bits (big-endian)      order
 * -----  ----  ----------------------------  --------
 * u64    8     the value's 64 bits           unsigned
 * i64    8     the 64 bits, sign bit flipped signed
 * </pre>
 *
 * Those bits are the {@link #orderedLong}: a B-tree keyed by either codec searches with one
 * unsigned comparison per key. The primitive methods never box.
 */
abstract class LongCodec extends NumberCodec<Long> implements OrderedLongCodec<Long> {
  /** The stored bits of the value 0: the sign bit for i64, else nothing. */
  private final long signBit;

  LongCodec(String name, boolean signed) {
    super(name, Long.BYTES, true);
    this.signBit = signed ? Long.MIN_VALUE : 0;
  }

  @Override
  final long bits(Long value) {
    return value ^ signBit;
  }

  @Override
  final Long value(long bits) {
    return bits ^ signBit;
  }

  /**
   * Encodes a primitive value.
   *
   * @param value the value
   * @return its 8 big-endian bytes, the sign bit flipped for {@code i64}
   */
  public final byte[] encodeLong(long value) {
    return encodeBits(value ^ signBit);
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
  public final long decodeLong(byte[] bytes, int offset, int length) {
    return decodeBits(bytes, offset, length) ^ signBit;
  }

  @Override
  public final long orderedLong(Long value) {
    return value ^ signBit;
  }

  /**
   * Orders by the stored bits, unsigned: the crate's order of {@code u64}, the signed one for i64.
   */
  @Override
  public final int compare(Long a, Long b) {
    return Long.compareUnsigned(a ^ signBit, b ^ signBit);
  }
}
