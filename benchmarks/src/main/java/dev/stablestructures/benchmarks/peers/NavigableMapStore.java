package dev.stablestructures.benchmarks.peers;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Any {@code NavigableMap} as a store: a heap {@code TreeMap} as it is (nothing to commit or
 * close), and the base of the stores that are {@code NavigableMap}s too (ours, MapDB's {@code
 * BTreeMap}), which add their commit and close. Ranges go through {@code tailMap}, as a user of the
 * interface writes them.
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

  @Override
  public final long scan() {
    long sum = 0;
    for (Map.Entry<K, V> e : map.entrySet()) {
      sum += Checksums.entry(keys, values, e.getKey(), e.getValue());
    }
    return sum;
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
