package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.ByteArrays;

/** Length fields of the crate's tuple layouts ({@code src/storable/tuples.rs}). */
final class TupleSizes {
  private TupleSizes() {}

  /** Bytes a length field takes for lengths up to {@code size}: 1, 2 or 4 (the crate's rule). */
  static int bytesToStoreSize(long size) {
    return size <= 0xFF ? 1 : size <= 0xFFFF ? 2 : 4;
  }

  /** Writes {@code value} big-endian in {@code width} bytes (1, 2 or 4). */
  static void write(byte[] dst, int offset, int value, int width) {
    ByteArrays.putBE(dst, offset, width, value);
  }

  /** Reads a {@code width}-byte big-endian length, checking that it lies inside the encoding. */
  static int read(byte[] src, int offset, int width, int end, String what) {
    if (offset + width > end) {
      throw new DecodeException("invalid tuple encoding: truncated length of " + what);
    }
    long value = ByteArrays.getBE(src, offset, width);
    if (value > Integer.MAX_VALUE) {
      throw new DecodeException("invalid tuple encoding: length of " + what + " is " + value);
    }
    return (int) value;
  }

  /** Converts a computed maximum to the int a {@link Bound} holds, refusing overflow. */
  static int toMaxSize(long maxSize, String what) {
    if (maxSize > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " would have a max size of " + maxSize + " bytes");
    }
    return (int) maxSize;
  }
}
