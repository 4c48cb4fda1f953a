package dev.stablestructures.codec;

import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;

/**
 * A codec of values stored as a number of 1, 2, 4 or 8 big-endian bytes: the crate's {@code u8} to
 * {@code u64}, {@code bool}, {@code f32} and {@code f64}, and the signed integers with their sign
 * bit flipped. A subclass says only how a value maps to those stored bits and back, and how values
 * order; the bytes are written and read here, once, with one memory access to read from memory.
 *
 * @param <T> the type of values
 */
abstract class NumberCodec<T> extends FixedSizeCodec<T> {
  NumberCodec(String name, int size, boolean byteOrdered) {
    super(name, size, byteOrdered);
  }

  /** Returns the stored bits of a value: the unsigned number its encoding spells, big-endian. */
  abstract long bits(T value);

  /**
   * Returns the value whose stored bits are {@code bits} (zero-extended from the encoding's size).
   */
  abstract T value(long bits);

  @Override
  public final byte[] encode(T value) {
    return encodeBits(bits(value));
  }

  /** Encodes stored bits, without boxing. */
  final byte[] encodeBits(long bits) {
    // One constant-size allocation per width: an array of the field's size is slower to allocate.
    byte[] bytes =
        switch (size) {
          case Long.BYTES -> new byte[Long.BYTES];
          case Integer.BYTES -> new byte[Integer.BYTES];
          case Short.BYTES -> new byte[Short.BYTES];
          default -> new byte[Byte.BYTES];
        };
    ByteArrays.putBE(bytes, 0, size, bits);
    return bytes;
  }

  /** Decodes stored bits, without boxing, checking the length. */
  final long decodeBits(byte[] bytes, int offset, int length) {
    checkLength(length);
    return ByteArrays.getBE(bytes, offset, size);
  }

  @Override
  final T decodeFixed(byte[] bytes, int offset) {
    return value(ByteArrays.getBE(bytes, offset, size));
  }

  @Override
  final T readFixed(Memory memory, long offset) {
    long bits =
        switch (size) {
          case Long.BYTES -> memory.readLongBE(offset);
          case Integer.BYTES -> memory.readIntBE(offset) & 0xFFFF_FFFFL;
          // Memory has no big-endian short: swap the little-endian one.
          case Short.BYTES -> Short.reverseBytes((short) memory.readShortLE(offset)) & 0xFFFFL;
          default -> memory.readByte(offset) & 0xFFL;
        };
    return value(bits);
  }
}
