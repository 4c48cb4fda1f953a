package dev.stablestructures.btreemap;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An entry yielded by an {@link EntryIterator}, like the crate's {@code LazyEntry}. It comes in two
 * forms, chosen per tree by the iterator: a lazy one that points into the iterator's heap copy of a
 * node ({@link ScanNode}, kept for it) and decodes the key and value only when asked for, then
 * keeps them; and, for values of a few bytes, a decoded one that holds the key and value the
 * iterator decoded from that copy (cheaper than keeping the copy alive). Either way, if the tree
 * was written since the entry was read, the value is looked up again by key on first use instead of
 * taken from the (possibly stale) copy.
 *
 * <p>Keys and values are compared with {@link Objects#deepEquals} and hashed to match, so entries
 * of {@code byte[]} values (the crate's {@code Vec<u8>} and blobs) are equal when their bytes are,
 * as the stored bytes are.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class LazyEntry<K, V> implements Map.Entry<K, V> {
  private final BTree<K, V> tree;

  /** The node copy the entry was read from; null for a decoded entry. */
  private final ScanNode node;

  private final int index;

  /** The tree's write epoch when the entry was read. */
  private final long epoch;

  private final boolean writable;
  private K key;
  private V value;

  /** Whether {@link #value} is the entry's value (read, or looked up again). */
  private boolean frozen;

  /**
   * A lazy entry over a node copy, which the caller keeps unchanged for it ({@link ScanNode#pin}).
   *
   * @param writable whether {@link #setValue} writes through (entry-set iterators) or is refused
   *     ({@code range} iterators)
   */
  LazyEntry(BTree<K, V> tree, ScanNode node, int index, boolean writable) {
    this.tree = tree;
    this.node = node;
    this.index = index;
    this.epoch = node.epoch();
    this.writable = writable;
  }

  /** A decoded entry: {@code key} and {@code value} as stored at write epoch {@code epoch}. */
  LazyEntry(BTree<K, V> tree, K key, V value, long epoch, boolean writable) {
    this.tree = tree;
    this.node = null;
    this.index = -1;
    this.key = key;
    this.value = value;
    this.epoch = epoch;
    this.writable = writable;
  }

  @Override
  public K getKey() {
    if (key == null) {
      key = node.key(index, tree.keyCodec());
    }
    return key;
  }

  /**
   * Returns the value, decoded on first use.
   *
   * @throws IllegalStateException if the tree changed since the entry was read and its key is no
   *     longer stored
   */
  @Override
  public V getValue() {
    freeze();
    return value;
  }

  /** Reads the value now, if not yet read: before the entry's node can change. */
  void freeze() {
    if (frozen) {
      return;
    }
    if (epoch != tree.writeEpoch()) {
      value = tree.get(getKey());
      if (value == null) {
        throw new IllegalStateException("the entry for " + key + " was removed from the map");
      }
    } else if (node != null) {
      value = node.value(index, tree.valueCodec());
    }
    frozen = true;
  }

  /**
   * Replaces the value in the map, as {@code TreeMap}'s entry iterators allow.
   *
   * @throws IllegalStateException if the key is no longer in the map
   * @throws UnsupportedOperationException for entries of {@code range} iterators
   */
  @Override
  public V setValue(V newValue) {
    if (!writable) {
      throw new UnsupportedOperationException("entries of range() are read-only");
    }
    StableBTreeMap.checkValue(newValue);
    V old = getValue();
    if (!tree.containsKey(getKey())) {
      throw new IllegalStateException("the entry for " + key + " was removed from the map");
    }
    tree.insert(key, newValue);
    value = newValue;
    return old;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Map.Entry<?, ?> e
        && Objects.deepEquals(getKey(), e.getKey())
        && Objects.deepEquals(getValue(), e.getValue());
  }

  @Override
  public int hashCode() {
    return hash(getKey()) ^ hash(getValue());
  }

  /** A hash consistent with {@link Objects#deepEquals}: by content for arrays. */
  static int hash(Object o) {
    if (o instanceof byte[] bytes) {
      return Arrays.hashCode(bytes);
    }
    if (o instanceof Object[] objects) {
      return Arrays.deepHashCode(objects);
    }
    return Objects.hashCode(o);
  }

  @Override
  public String toString() {
    return getKey() + "=" + getValue();
  }
}
