package dev.stablestructures.btreemap;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The iterator behind every view: walks a key range of the tree in one direction and yields keys,
 * values or entries. It adds to the tree's raw iterator what {@code java.util} expects:
 *
 * <ul>
 *   <li>{@code remove()}: removes the last key through the map, then resumes strictly after that
 *       key with a fresh tree iterator (the old one is invalid once the tree changed);
 *   <li>fail-fast: a structural change made elsewhere ({@link TreeOps#modCount()} moved) throws
 *       {@link ConcurrentModificationException};
 *   <li>a value overwrite made elsewhere (not structural, as in {@code TreeMap}) is allowed: the
 *       iterator resumes after its last key on a fresh tree iterator, so it never reads stale node
 *       bytes.
 * </ul>
 */
final class ViewIterator<K, V, T> implements Iterator<T> {
  static final int KEYS = 0;
  static final int VALUES = 1;
  static final int ENTRIES = 2;
  static final int LAZY_ENTRIES = 3;

  private final StableBTreeMap<K, V> owner;
  private final TreeOps<K, V> tree;
  private final K lo;
  private final boolean loInclusive;
  private final K hi;
  private final boolean hiInclusive;
  private final boolean descending;
  private final int kind;

  private Iterator<Map.Entry<K, V>> it;
  private int expectedModCount;
  private int expectedWrites;

  /** The last key yielded: where to resume after the tree changed. */
  private K cursor;

  private boolean canRemove;
  private IterEntry<K, V> lastEntry;

  ViewIterator(
      StableBTreeMap<K, V> owner,
      K lo,
      boolean loInclusive,
      K hi,
      boolean hiInclusive,
      boolean descending,
      int kind) {
    this.owner = owner;
    this.tree = owner.tree;
    this.lo = lo;
    this.loInclusive = loInclusive;
    this.hi = hi;
    this.hiInclusive = hiInclusive;
    this.descending = descending;
    this.kind = kind;
    this.expectedModCount = tree.modCount();
    this.expectedWrites = owner.writes;
    this.it = tree.iterator(lo, loInclusive, hi, hiInclusive, descending);
  }

  private void sync() {
    if (tree.modCount() != expectedModCount) {
      throw new ConcurrentModificationException(
          "the map was structurally changed other than through this iterator");
    }
    if (owner.writes != expectedWrites) {
      expectedWrites = owner.writes;
      it = resumed();
    }
  }

  /** A fresh tree iterator over what is left of the range, strictly past {@link #cursor}. */
  private Iterator<Map.Entry<K, V>> resumed() {
    if (cursor == null) {
      return tree.iterator(lo, loInclusive, hi, hiInclusive, descending);
    }
    return descending
        ? tree.iterator(lo, loInclusive, cursor, false, true)
        : tree.iterator(cursor, false, hi, hiInclusive, false);
  }

  @Override
  public boolean hasNext() {
    sync();
    return it.hasNext();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    sync();
    if (!it.hasNext()) {
      throw new NoSuchElementException();
    }
    Map.Entry<K, V> e = it.next();
    cursor = e.getKey();
    canRemove = true;
    return switch (kind) {
      case KEYS -> {
        lastEntry = null;
        yield (T) cursor;
      }
      case VALUES -> {
        lastEntry = null;
        yield (T) e.getValue();
      }
      default -> {
        lastEntry = new IterEntry<>(owner, e, kind == ENTRIES);
        yield (T) lastEntry;
      }
    };
  }

  @Override
  public void remove() {
    if (!canRemove) {
      throw new IllegalStateException("next() was not called, or remove() was already called");
    }
    if (tree.modCount() != expectedModCount) {
      throw new ConcurrentModificationException(
          "the map was structurally changed other than through this iterator");
    }
    if (lastEntry != null) {
      // The entry handed out stays readable after removal, as TreeMap's do.
      lastEntry.freeze();
      lastEntry = null;
    }
    owner.doRemove(cursor);
    canRemove = false;
    expectedModCount = tree.modCount();
    expectedWrites = owner.writes;
    it = resumed();
  }

  /**
   * An entry yielded by an iterator. Its value is decoded on first use and then kept (the crate's
   * lazy entry decodes on every call). If the map changed since the entry was yielded, the value is
   * looked up again by key instead of reading the tree iterator's possibly stale node.
   */
  static final class IterEntry<K, V> implements Map.Entry<K, V> {
    private final StableBTreeMap<K, V> owner;
    private final K key;
    private Map.Entry<K, V> lazy;
    private V value;
    private final int writes;
    private final int modCount;
    private final boolean writable;

    IterEntry(StableBTreeMap<K, V> owner, Map.Entry<K, V> lazy, boolean writable) {
      this.owner = owner;
      this.key = lazy.getKey();
      this.lazy = lazy;
      this.writes = owner.writes;
      this.modCount = owner.tree.modCount();
      this.writable = writable;
    }

    /** Decodes and keeps the value now, before the entry's node can change. */
    void freeze() {
      if (value == null) {
        if (owner.writes == writes && owner.tree.modCount() == modCount) {
          value = lazy.getValue();
        } else {
          value = owner.tree.get(key);
          if (value == null) {
            throw new IllegalStateException("the entry for " + key + " was removed from the map");
          }
        }
        lazy = null;
      }
    }

    @Override
    public K getKey() {
      return key;
    }

    @Override
    public V getValue() {
      freeze();
      return value;
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
      if (!owner.tree.containsKey(key)) {
        throw new IllegalStateException("the entry for " + key + " was removed from the map");
      }
      owner.doInsert(key, newValue);
      value = newValue;
      return old;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
      return key.equals(e.getKey()) && getValue().equals(e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ getValue().hashCode();
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
