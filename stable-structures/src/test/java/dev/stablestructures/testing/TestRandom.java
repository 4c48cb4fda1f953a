package dev.stablestructures.testing;

import java.util.SplittableRandom;

/**
 * The seeded random stream of the library's own tests, with the value shapes they draw. (The
 * compatibility scripts' exact TestRandom stream lives in the vectors module; tests here only need
 * a repeatable stream.)
 */
public final class TestRandom {
  private final SplittableRandom random;

  /**
   * Starts a stream.
   *
   * @param seed the seed; the same seed gives the same stream
   */
  public TestRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Returns the next 64 random bits.
   *
   * @return the value
   */
  public long next() {
    return random.nextLong();
  }

  /**
   * Returns a value in {@code [0, bound)}.
   *
   * @param bound the exclusive upper bound, positive
   * @return the value
   */
  public long nextBelow(long bound) {
    return random.nextLong(bound);
  }

  /**
   * Returns {@code length} bytes whose byte {@code j} is {@code (x + j) & 0xFF}.
   *
   * @param length the length
   * @param x the start value
   * @return the bytes
   */
  public static byte[] bytes(int length, long x) {
    byte[] bytes = new byte[length];
    for (int j = 0; j < length; j++) {
      bytes[j] = (byte) (x + j);
    }
    return bytes;
  }

  /**
   * Returns an ASCII string whose char {@code j} is {@code 'a' + ((x + j) mod 26)}.
   *
   * @param length the length
   * @param x the start value
   * @return the string
   */
  public static String letters(int length, long x) {
    char[] chars = new char[length];
    for (int j = 0; j < length; j++) {
      chars[j] = (char) ('a' + Math.floorMod(x + j, 26));
    }
    return new String(chars);
  }
}
