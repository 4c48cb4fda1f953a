package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/** Shared checks for codecs whose encodings have one size; keeps their messages uniform. */
final class FixedBytes {
  private FixedBytes() {}

  /** Throws a {@link DecodeException} unless {@code length == size}. */
  static void checkLength(String type, int size, int length) {
    if (length != size) {
      throw new DecodeException(
          "a " + type + " takes " + size + " byte" + (size == 1 ? "" : "s") + ", found " + length);
    }
  }

  /** Reads {@code count} bytes big-endian as an unsigned number (count at most 8). */
  static long readBE(byte[] bytes, int offset, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = value << 8 | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  /** Writes the low {@code count} bytes of {@code value} big-endian. */
  static void writeBE(byte[] dst, int offset, long value, int count) {
    for (int i = count - 1; i >= 0; i--) {
      dst[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
