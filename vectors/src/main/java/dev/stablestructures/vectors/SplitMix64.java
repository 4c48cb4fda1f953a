package dev.stablestructures.vectors;

/**
 * The random stream every compatibility script draws from: SplitMix64 with 64-bit wrapping
 * arithmetic, exactly as in {@code vectors/data/README.md}.
 */
public final class SplitMix64 {
  private long state;

  /**
   * Starts a stream.
   *
   * @param seed the seed
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * Returns the next 64 random bits.
   *
   * @return the next value
   */
  public long next() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Returns {@code next() % bound}, with the remainder taken unsigned as the scripts say.
   *
   * @param bound the modulus, treated as unsigned
   * @return the remainder
   */
  public long nextBelow(long bound) {
    return Long.remainderUnsigned(next(), bound);
  }

  /**
   * The scripts' {@code bytes(len, x)}: byte {@code j} is {@code (x + j) & 0xFF}.
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
   * The scripts' {@code letters(len, x)}: char {@code j} is {@code 'a' + ((x + j) mod 26)},
   * unsigned.
   *
   * @param length the length
   * @param x the start value
   * @return the ASCII string
   */
  public static String letters(int length, long x) {
    char[] chars = new char[length];
    for (int j = 0; j < length; j++) {
      chars[j] = (char) ('a' + Long.remainderUnsigned(x + j, 26));
    }
    return new String(chars);
  }
}
