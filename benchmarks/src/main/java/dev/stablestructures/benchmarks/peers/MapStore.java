package dev.stablestructures.benchmarks.peers;

import java.util.Map;

/**
 * Point operations over any {@code java.util.Map}, which every contender's map is: the base of the
 * adapters, each adding its scans (or none), commit and close.
 */
abstract class MapStore<K, V> implements PeerStore<K, V> {
  private final Map<K, V> map;

  /** Point operations on {@code map}. */
  MapStore(Map<K, V> map) {
    this.map = map;
  }

  @Override
  public final void put(K key, V value) {
    map.put(key, value);
  }

  @Override
  public final V get(K key) {
    return map.get(key);
  }

  @Override
  public final boolean remove(K key) {
    return map.remove(key) != null;
  }
}
