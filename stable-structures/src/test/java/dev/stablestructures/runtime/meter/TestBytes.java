package dev.stablestructures.runtime.meter;

import java.util.Arrays;

/** Byte arrays the meter tests write. */
final class TestBytes {
  private TestBytes() {}

  /** Returns {@code n} bytes of value 1. */
  static byte[] ones(int n) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, (byte) 1);
    return bytes;
  }
}
