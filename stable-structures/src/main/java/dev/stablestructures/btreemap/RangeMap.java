package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A live view of a key range of a {@link StableBTreeMap}, ascending or descending: what {@code
 * subMap}, {@code headMap}, {@code tailMap} and {@code descendingMap} return, and what the map
 * itself is (the unbounded ascending range, which overrides the hot lookups to go straight to the
 * tree). Bounds are kept in the tree's (ascending) order; null means unbounded, which is safe
 * because keys are never null. Navigation is written once, in the tree's order, and a descending
 * view asks for the other side.
 */
sealed class RangeMap<K, V> extends AbstractMap<K, V> implements NavigableMap<K, V>
    permits StableBTreeMap {
  final BTree<K, V> tree;
  private final Codec<K> codec;
  private final K lo;
  private final boolean loInclusive;
  private final K hi;
  private final boolean hiInclusive;
  private final boolean descending;

  RangeMap(
      BTree<K, V> tree, K lo, boolean loInclusive, K hi, boolean hiInclusive, boolean descending) {
    this.tree = Objects.requireNonNull(tree, "tree");
    this.codec = tree.keyCodec();
    if (lo != null && hi != null && codec.compare(lo, hi) > 0) {
      throw new IllegalArgumentException("fromKey > toKey");
    }
    this.lo = lo;
    this.loInclusive = loInclusive;
    this.hi = hi;
    this.hiInclusive = hiInclusive;
    this.descending = descending;
  }

  // ---- range tests (ascending order) ----

  private boolean unbounded() {
    return lo == null && hi == null;
  }

  private boolean tooLow(K key) {
    if (lo == null) {
      return false;
    }
    int c = codec.compare(key, lo);
    return c < 0 || (c == 0 && !loInclusive);
  }

  private boolean tooHigh(K key) {
    if (hi == null) {
      return false;
    }
    int c = codec.compare(key, hi);
    return c > 0 || (c == 0 && !hiInclusive);
  }

  private boolean inRange(K key) {
    return !tooLow(key) && !tooHigh(key);
  }

  private boolean inClosedRange(K key) {
    return (lo == null || codec.compare(key, lo) >= 0)
        && (hi == null || codec.compare(hi, key) >= 0);
  }

  /** A key the caller passed as {@code Object}: null is refused, the codec checks its type. */
  @SuppressWarnings("unchecked")
  final K key(Object o) {
    return (K) Objects.requireNonNull(o, "stable structures do not store null keys");
  }

  // ---- navigation, in the tree's order; entries may be lazy tree entries ----

  /** Which key near a probe a navigation asks for, in a view's own order. */
  private enum Near {
    LOWER(false, false),
    FLOOR(false, true),
    CEILING(true, true),
    HIGHER(true, false);

    /** Whether the key sought is above the probe in the view's order. */
    final boolean above;

    /** Whether the probe itself answers. */
    final boolean inclusive;

    Near(boolean above, boolean inclusive) {
      this.above = above;
      this.inclusive = inclusive;
    }
  }

  private static <K, V> Map.Entry<K, V> first(Iterator<Map.Entry<K, V>> it) {
    return it.hasNext() ? it.next() : null;
  }

  /** The entry with the lowest key of the range, or with the highest. */
  private Map.Entry<K, V> edge(boolean highest) {
    if (unbounded()) {
      return highest ? tree.lastEntry() : tree.firstEntry();
    }
    return first(tree.iterator(lo, loInclusive, hi, hiInclusive, highest));
  }

  /** The entry whose key is nearest {@code key} on the side {@code near} names, in view order. */
  private Map.Entry<K, V> near(K key, Near near) {
    StableBTreeMap.checkKey(key);
    if (near.above != descending) { // up the tree: from the key toward hi
      if (tooLow(key)) {
        return edge(false);
      }
      return tooHigh(key)
          ? null
          : first(tree.iterator(key, near.inclusive, hi, hiInclusive, false));
    }
    if (tooHigh(key)) {
      return edge(true);
    }
    return tooLow(key) ? null : first(tree.iterator(lo, loInclusive, key, near.inclusive, true));
  }

  private static <K> K keyOf(Map.Entry<K, ?> e) {
    return e == null ? null : e.getKey();
  }

  private static <K> K keyOrThrow(Map.Entry<K, ?> e) {
    if (e == null) {
      throw new NoSuchElementException();
    }
    return e.getKey();
  }

  // ---- Map ----

  @Override
  public V get(Object o) {
    K key = key(o);
    return inRange(key) ? tree.get(key) : null;
  }

  @Override
  public boolean containsKey(Object o) {
    K key = key(o);
    return inRange(key) && tree.containsKey(key);
  }

  @Override
  public V put(K key, V value) {
    StableBTreeMap.checkKey(key);
    StableBTreeMap.checkValue(value);
    if (!inRange(key)) {
      throw new IllegalArgumentException("key out of range: " + key);
    }
    return tree.insert(key, value);
  }

  @Override
  public V remove(Object o) {
    K key = key(o);
    return inRange(key) ? tree.remove(key) : null;
  }

  long longSize() {
    return unbounded() ? tree.size() : tree.count(lo, loInclusive, hi, hiInclusive);
  }

  @Override
  public int size() {
    return (int) Math.min(longSize(), Integer.MAX_VALUE);
  }

  @Override
  public boolean isEmpty() {
    return unbounded() ? tree.size() == 0 : edge(false) == null;
  }

  @Override
  public void clear() {
    if (unbounded()) {
      tree.clearNew();
      return;
    }
    // Remove in batches: each removal invalidates the tree iterator, so collect keys first.
    List<K> batch = new ArrayList<>();
    do {
      batch.clear();
      Iterator<Map.Entry<K, V>> it = tree.iterator(lo, loInclusive, hi, hiInclusive, false);
      while (batch.size() < CLEAR_BATCH && it.hasNext()) {
        batch.add(it.next().getKey());
      }
      for (K key : batch) {
        tree.remove(key);
      }
    } while (batch.size() == CLEAR_BATCH);
  }

  private static final int CLEAR_BATCH = 256;

  // ---- SortedMap / NavigableMap ----

  @Override
  public Comparator<? super K> comparator() {
    return descending ? Collections.reverseOrder(codec) : codec;
  }

  @Override
  public K firstKey() {
    return keyOrThrow(edge(descending));
  }

  @Override
  public K lastKey() {
    return keyOrThrow(edge(!descending));
  }

  @Override
  public Map.Entry<K, V> firstEntry() {
    return StableBTreeMap.snapshot(edge(descending));
  }

  @Override
  public Map.Entry<K, V> lastEntry() {
    return StableBTreeMap.snapshot(edge(!descending));
  }

  @Override
  public Map.Entry<K, V> pollFirstEntry() {
    return poll(descending);
  }

  @Override
  public Map.Entry<K, V> pollLastEntry() {
    return poll(!descending);
  }

  private Map.Entry<K, V> poll(boolean highest) {
    if (unbounded()) {
      return highest ? tree.popLast() : tree.popFirst();
    }
    Map.Entry<K, V> e = StableBTreeMap.snapshot(edge(highest));
    if (e != null) {
      tree.remove(e.getKey());
    }
    return e;
  }

  @Override
  public Map.Entry<K, V> lowerEntry(K key) {
    return StableBTreeMap.snapshot(near(key, Near.LOWER));
  }

  @Override
  public K lowerKey(K key) {
    return keyOf(near(key, Near.LOWER));
  }

  @Override
  public Map.Entry<K, V> floorEntry(K key) {
    return StableBTreeMap.snapshot(near(key, Near.FLOOR));
  }

  @Override
  public K floorKey(K key) {
    return keyOf(near(key, Near.FLOOR));
  }

  @Override
  public Map.Entry<K, V> ceilingEntry(K key) {
    return StableBTreeMap.snapshot(near(key, Near.CEILING));
  }

  @Override
  public K ceilingKey(K key) {
    return keyOf(near(key, Near.CEILING));
  }

  @Override
  public Map.Entry<K, V> higherEntry(K key) {
    return StableBTreeMap.snapshot(near(key, Near.HIGHER));
  }

  @Override
  public K higherKey(K key) {
    return keyOf(near(key, Near.HIGHER));
  }

  @Override
  public NavigableMap<K, V> descendingMap() {
    return new RangeMap<>(tree, lo, loInclusive, hi, hiInclusive, !descending);
  }

  @Override
  public NavigableMap<K, V> subMap(K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
    StableBTreeMap.checkKey(fromKey);
    StableBTreeMap.checkKey(toKey);
    return narrow(
        bound("fromKey", fromKey, fromInclusive),
        fromInclusive,
        bound("toKey", toKey, toInclusive),
        toInclusive);
  }

  @Override
  public NavigableMap<K, V> headMap(K toKey, boolean inclusive) {
    StableBTreeMap.checkKey(toKey);
    return narrow(null, false, bound("toKey", toKey, inclusive), inclusive);
  }

  @Override
  public NavigableMap<K, V> tailMap(K fromKey, boolean inclusive) {
    StableBTreeMap.checkKey(fromKey);
    return narrow(bound("fromKey", fromKey, inclusive), inclusive, null, false);
  }

  @Override
  public NavigableMap<K, V> subMap(K fromKey, K toKey) {
    return subMap(fromKey, true, toKey, false);
  }

  @Override
  public NavigableMap<K, V> headMap(K toKey) {
    return headMap(toKey, false);
  }

  @Override
  public NavigableMap<K, V> tailMap(K fromKey) {
    return tailMap(fromKey, true);
  }

  /**
   * Checks the end of a narrower view: it must lie in this range, and may lie on an exclusive edge
   * of it only if it is itself exclusive.
   */
  private K bound(String name, K key, boolean inclusive) {
    if (!(inclusive ? inRange(key) : inClosedRange(key))) {
      throw new IllegalArgumentException(name + " out of range: " + key);
    }
    return key;
  }

  /** A narrower view; its ends are in this view's order, and a null end keeps this view's own. */
  private RangeMap<K, V> narrow(K from, boolean fromInclusive, K to, boolean toInclusive) {
    K low = descending ? to : from;
    boolean lowInclusive = descending ? toInclusive : fromInclusive;
    K high = descending ? from : to;
    boolean highInclusive = descending ? fromInclusive : toInclusive;
    return new RangeMap<>(
        tree,
        low == null ? lo : low,
        low == null ? loInclusive : lowInclusive,
        high == null ? hi : high,
        high == null ? hiInclusive : highInclusive,
        descending);
  }

  /**
   * Hands every entry of the range, in order, to {@code action}: a walk of the tree that makes no
   * entry objects. Overwrites made by the action are seen as by an iterator; a key added or removed
   * fails the walk with {@link java.util.ConcurrentModificationException}.
   */
  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    Objects.requireNonNull(action, "action");
    new EntryIterator<>(tree, lo, loInclusive, hi, hiInclusive, descending, false)
        .forEachRemaining(true, true, action);
  }

  // ---- views ----

  <T> Iterator<T> iterator(boolean reverse, ViewIterator.Kind kind) {
    return ViewIterator.over(tree, lo, loInclusive, hi, hiInclusive, descending ^ reverse, kind);
  }

  /** The key set; views are made per call (reads write no shared state), and cost nothing. */
  KeySetView<K, V> keySetView(V addValue) {
    return new KeySetView<>(this, addValue);
  }

  @Override
  public NavigableSet<K> navigableKeySet() {
    return keySetView(null);
  }

  @Override
  public NavigableSet<K> keySet() {
    return keySetView(null);
  }

  @Override
  public NavigableSet<K> descendingKeySet() {
    return descendingMap().navigableKeySet();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new EntrySetView();
  }

  @Override
  public Collection<V> values() {
    return new ValuesView();
  }

  private final class EntrySetView extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return RangeMap.this.iterator(false, ViewIterator.Kind.ENTRIES);
    }

    @Override
    public void forEach(Consumer<? super Map.Entry<K, V>> action) {
      iterator().forEachRemaining(action);
    }

    @Override
    public int size() {
      return RangeMap.this.size();
    }

    @Override
    public boolean isEmpty() {
      return RangeMap.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
      if (e.getKey() == null) {
        return false;
      }
      V v = get(e.getKey());
      return v != null && Objects.deepEquals(v, e.getValue()); // byte[] values by content
    }

    @Override
    public boolean remove(Object o) {
      if (!contains(o)) {
        return false;
      }
      tree.remove(key(((Map.Entry<?, ?>) o).getKey()));
      return true;
    }

    @Override
    public void clear() {
      RangeMap.this.clear();
    }
  }

  private final class ValuesView extends AbstractCollection<V> {
    @Override
    public Iterator<V> iterator() {
      return RangeMap.this.iterator(false, ViewIterator.Kind.VALUES);
    }

    @Override
    public void forEach(Consumer<? super V> action) {
      iterator().forEachRemaining(action);
    }

    @Override
    public int size() {
      return RangeMap.this.size();
    }

    @Override
    public boolean isEmpty() {
      return RangeMap.this.isEmpty();
    }

    @Override
    public void clear() {
      RangeMap.this.clear();
    }
  }
}
