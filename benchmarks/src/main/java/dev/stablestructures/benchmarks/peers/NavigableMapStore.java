package dev.stablestructures.benchmarks.peers;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Any {@code NavigableMap} as a store: a heap {@code TreeMap} as it is (nothing to commit or
 * close), and the base of the stores that are {@code NavigableMap}s too (ours, MapDB's {@code
 * BTreeMap}), which add their commit and close. Full scans go through {@code forEach}, ranges
 * through {@code tailMap} and an entry iterator, as a user of the interface writes them.
 */
class NavigableMapStore<K, V> extends MapStore<K, V> {
  private final ColumnType<K> keys;
  private final ColumnType<V> values;
  private final NavigableMap<K, V> map;

  /** The store over {@code map}, whose entries are made by these columns. */
  NavigableMapStore(ColumnType<K> keys, ColumnType<V> values, NavigableMap<K, V> map) {
    super(map);
    this.keys = keys;
    this.values = values;
    this.map = map;
  }

  /**
   * Walks the whole map with {@code Map.forEach}, each map's own whole-map walk (TreeMap's and ours
   * override it; the peers' scans likewise use their native cursors), the same code for every
   * {@code NavigableMap} contender.
   */
  @Override
  public final long scan() {
    long[] sum = {0};
    map.forEach((k, v) -> sum[0] += Checksums.entry(keys, values, k, v));
    return sum[0];
  }

  @Override
  public final long range(K from, int count) {
    long sum = 0;
    Iterator<Map.Entry<K, V>> it = map.tailMap(from, true).entrySet().iterator();
    for (int i = 0; i < count && it.hasNext(); i++) {
      Map.Entry<K, V> e = it.next();
      sum += Checksums.entry(keys, values, e.getKey(), e.getValue());
    }
    return sum;
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
