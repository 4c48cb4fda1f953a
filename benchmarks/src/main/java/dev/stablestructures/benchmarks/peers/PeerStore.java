package dev.stablestructures.benchmarks.peers;

import java.io.Closeable;

/**
 * The few operations every workload needs, over one contender's map: one adapter per store behind
 * this interface, so each workload is written once for all of them. Adapters do what a user of the
 * store would write, with its documented API and defaults, except where {@link Contender} says.
 *
 * @param <K> key type
 * @param <V> value type
 */
interface PeerStore<K, V> extends Closeable {
  /** Maps {@code key} to {@code value}. */
  void put(K key, V value);

  /** The value of {@code key}, copied out of the store, or null. */
  V get(K key);

  /** Removes {@code key}; true if it was there. */
  boolean remove(K key);

  /**
   * Visits every entry in key order, decoding keys and values.
   *
   * @return the sum of {@link Checksums#entry} over them
   * @throws UnsupportedOperationException for a store with no order (Chronicle Map)
   */
  long scan();

  /**
   * Visits up to {@code count} entries in key order, from {@code from} inclusive.
   *
   * @return the sum of {@link Checksums#entry} over them
   * @throws UnsupportedOperationException for a store with no order (Chronicle Map)
   */
  long range(K from, int count);

  /**
   * Ends the current transaction at the workloads' common durability setting, "no sync": what was
   * written is in the operating system's page cache, not forced to disk (see {@link Contender}).
   * Stores without transactions do nothing.
   */
  void commit();
}
