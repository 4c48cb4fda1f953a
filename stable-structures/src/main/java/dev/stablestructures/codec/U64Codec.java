package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code u64}: 8 bytes, big-endian, ordered as an unsigned number. A Java {@code long}
 * holds the same 64 bits; values above {@code Long.MAX_VALUE} appear negative in Java but sort
 * after every positive one, as in Rust. Has primitive methods so hot paths never box.
 */
public final class U64Codec implements OrderedLongCodec<Long> {
  /** The single instance. */
  public static final U64Codec INSTANCE = new U64Codec();

  private static final Bound BOUND = Bound.fixed(8);

  private U64Codec() {}

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
   * @return its 8 big-endian bytes
   */
  public byte[] encodeLong(long value) {
    byte[] bytes = new byte[8];
    for (int i = 7; i >= 0; i--) {
      bytes[i] = (byte) value;
      value >>>= 8;
    }
    return bytes;
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
   * @throws DecodeException if {@code length} is not 8
   */
  public long decodeLong(byte[] bytes, int offset, int length) {
    if (length != 8) {
      throw new DecodeException("a u64 takes 8 bytes, found " + length);
    }
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = value << 8 | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  @Override
  public Long read(Memory memory, long offset, int length) {
    if (length != 8) {
      throw new DecodeException("a u64 takes 8 bytes, found " + length);
    }
    return memory.readLongBE(offset);
  }

  @Override
  public long orderedLong(Long value) {
    return value;
  }

  @Override
  public int compare(Long a, Long b) {
    return Long.compareUnsigned(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "u64";
  }
}
