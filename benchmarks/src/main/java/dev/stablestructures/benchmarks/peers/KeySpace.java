package dev.stablestructures.benchmarks.peers;

/**
 * Which numbers the keys are made from, the same for every contender. Entry {@code i} of a map of
 * {@code n} entries has the key number {@link #random}(i), a fixed bijective mix of {@code i} into
 * 62 bits, so keys are in random order, distinct, and never collide with misses or fresh keys:
 *
 * <ul>
 *   <li>stored keys: ids {@code [0, n)};
 *   <li>fresh keys a random-insert benchmark adds: ids from {@code n} on;
 *   <li>misses: ids from {@link #MISS_BASE} on (never stored);
 *   <li>sequential keys: {@link #sequential}(j) = 2^62 + j, above every random key, so inserting
 *       them in order appends at the end of an ordered map, as time-ordered keys do.
 * </ul>
 *
 * <p>Values are made from {@link #value}(key number), so a read checks what it got.
 */
final class KeySpace {
  /** The first id of the keys that are never stored. */
  static final long MISS_BASE = 1L << 40;

  private static final long MASK = (1L << 62) - 1;
  private static final long SEED = 42;
  private static final long VALUE_SALT = 0x5DEECE66DL;

  private KeySpace() {}

  /** The key number of id {@code id}: a bijection of the low 62 bits, seeded. */
  static long random(long id) {
    long x = (id ^ SEED) & MASK;
    x ^= x >>> 31;
    x = (x * 0xBF58476D1CE4E5B9L) & MASK;
    x ^= x >>> 29;
    x = (x * 0x94D049BB133111EBL) & MASK;
    return x ^ (x >>> 32);
  }

  /** The {@code j}-th sequential key number, above every random one. */
  static long sequential(long j) {
    return (1L << 62) + j;
  }

  /** The number the value stored under key number {@code keyNumber} is made from. */
  static long value(long keyNumber) {
    return keyNumber ^ VALUE_SALT;
  }
}
