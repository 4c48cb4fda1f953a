package dev.stablestructures.benchmarks.peers;

/** The checksum scans and ranges return, the same for every store, so tests compare them. */
final class Checksums {
  private Checksums() {}

  /** One entry's contribution, from the numbers its key and value were made from. */
  static long entry(long keyNumber, long valueNumber) {
    return keyNumber * 31 + valueNumber;
  }

  /** The entry's contribution from its objects. */
  static <K, V> long entry(ColumnType<K> keys, ColumnType<V> values, K key, V value) {
    return entry(keys.number(key), values.number(value));
  }
}
