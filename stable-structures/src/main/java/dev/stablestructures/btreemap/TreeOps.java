package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;
import java.util.Iterator;
import java.util.Map;

/**
 * The operations of the stored B-tree that the {@code java.util} views are built from. The tree
 * ({@code BTree}) implements them on the crate's byte layout; {@code StableBTreeMap} turns them
 * into a {@code NavigableMap}. Keys are never null; a null bound in a range means "unbounded".
 *
 * @param <K> key type
 * @param <V> value type
 */
interface TreeOps<K, V> {
  /** The key codec, whose order is the tree's order. */
  Codec<K> keyCodec();

  /** The value codec. */
  Codec<V> valueCodec();

  /** The memory the tree lives in. */
  Memory memory();

  /** Number of entries. */
  long size();

  /** The value stored for {@code key}, or null. */
  V get(K key);

  /** Whether {@code key} is stored; never decodes a value. */
  boolean containsKey(K key);

  /**
   * Stores {@code value} under {@code key}. Both are checked against their bounds before anything
   * is written.
   *
   * @return the previous value, or null if the key was new
   */
  V insert(K key, V value);

  /** Removes {@code key}; returns its value, or null if it was absent. */
  V remove(K key);

  /** The entry with the smallest key, or null when empty. Entries are immutable snapshots. */
  Map.Entry<K, V> firstEntry();

  /** The entry with the largest key, or null when empty. */
  Map.Entry<K, V> lastEntry();

  /** Removes and returns the first entry, or null when empty (the crate's single-pass pop). */
  Map.Entry<K, V> popFirst();

  /** Removes and returns the last entry, or null when empty. */
  Map.Entry<K, V> popLast();

  /**
   * Iterates the entries whose keys lie in a range, ascending or descending. Values are decoded
   * only when {@code getValue()} is called. The iterator does not support {@code remove} and is
   * invalid after any change to the tree (the views check {@link #modCount()}).
   *
   * @param from lower bound, or null for none
   * @param fromInclusive whether {@code from} itself is in the range
   * @param to upper bound, or null for none
   * @param toInclusive whether {@code to} itself is in the range
   * @param descending iterate from the top of the range down
   */
  Iterator<Map.Entry<K, V>> iterator(
      K from, boolean fromInclusive, K to, boolean toInclusive, boolean descending);

  /** Counts the entries in a range without decoding values (bounds as in {@link #iterator}). */
  long count(K from, boolean fromInclusive, K to, boolean toInclusive);

  /** O(1) reset to empty, as the crate's {@code clear_new}: memory is kept, not zeroed. */
  void clearNew();

  /**
   * A counter that changes on every structural modification (insert of a new key, remove, clear).
   */
  int modCount();
}
