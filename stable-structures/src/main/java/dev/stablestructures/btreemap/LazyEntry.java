package dev.stablestructures.btreemap;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An entry yielded by an {@link EntryIterator}, like the crate's {@code LazyEntry}: it points into
 * the iterator's heap copy of a node, and the key and value are decoded only when asked for, then
 * kept. If the tree was written since the node was read, the value is looked up again by key
 * instead of read from the (possibly stale) copy.
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
  private final Node node;
  private final int index;
  private final boolean writable;
  private K key;
  private V value;

  /**
   * @param writable whether {@link #setValue} writes through (entry-set iterators) or is refused
   *     ({@code range} iterators)
   */
  LazyEntry(BTree<K, V> tree, Node node, int index, boolean writable) {
    this.tree = tree;
    this.node = node;
    this.index = index;
    this.writable = writable;
  }

  /** The stored bytes of the key. */
  byte[] keyBytes() {
    return node.keys[index];
  }

  @Override
  public K getKey() {
    if (key == null) {
      key = tree.keyCodec().decode(node.keys[index]);
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
    if (value != null) {
      return;
    }
    if (node.epoch == tree.writeEpoch()) {
      value = tree.nodeValue(node, index);
    } else {
      value = tree.get(getKey());
      if (value == null) {
        throw new IllegalStateException("the entry for " + key + " was removed from the map");
      }
    }
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
