package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * A signed 64-bit integer, which the crate lacks: 8 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 8 bytes. Has primitive
 * methods so hot paths never box. (For the crate's {@code u64} use {@link U64Codec}.)
 */
public final class I64Codec implements OrderedLongCodec<Long> {
  /** The single instance. */
  public static final I64Codec INSTANCE = new I64Codec();

  private static final Bound BOUND = Bound.fixed(8);

  private I64Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Long value) {
    return encodeLong(value);
  }

  /**
   * Encodes a primitive value.
   *
   * @param value the value
   * @return its 8 bytes, sign bit flipped, big-endian
   */
  public byte[] encodeLong(long value) {
    return U64Codec.INSTANCE.encodeLong(value ^ Long.MIN_VALUE);
  }

  @Override
  public Long decode(byte[] bytes, int offset, int length) {
    return decodeLong(bytes, offset, length);
  }

  /**
   * Decodes a primitive value.
   *
   * @param bytes the array
   * @param offset the first byte
   * @param length must be 8
   * @return the value
   * @throws dev.stablestructures.DecodeException if {@code length} is not 8
   */
  public long decodeLong(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("i64", 8, length);
    return FixedBytes.readBE(bytes, offset, 8) ^ Long.MIN_VALUE;
  }

  @Override
  public Long read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("i64", 8, length);
    return memory.readLongBE(offset) ^ Long.MIN_VALUE;
  }

  @Override
  public long orderedLong(Long value) {
    return value ^ Long.MIN_VALUE;
  }

  @Override
  public int compare(Long a, Long b) {
    return Long.compare(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "i64";
  }
}
