package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.vectors.SplitMix64;

/** Keys to insert in a write benchmark: random u64 keys that a map does not hold, drawn once. */
final class AbsentKeys {
  private AbsentKeys() {}

  /**
   * Draws {@code n} keys from a {@link SplitMix64} stream seeded with {@code seed}, skipping those
   * {@code map} holds (duplicates in the stream itself are not skipped: at 2^64 they do not occur).
   *
   * @param map the map the keys must be absent from
   * @param n how many keys
   * @param seed the stream's seed
   * @return the keys, in the stream's order
   */
  static long[] draw(StableBTreeMap<Long, Long> map, int n, long seed) {
    long[] keys = new long[n];
    SplitMix64 random = new SplitMix64(seed);
    for (int i = 0; i < n; i++) {
      long key;
      do {
        key = random.next();
      } while (map.containsKey(key));
      keys[i] = key;
    }
    return keys;
  }
}
