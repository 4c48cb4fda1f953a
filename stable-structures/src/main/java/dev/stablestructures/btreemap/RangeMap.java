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

/**
 * A live view of a key range of a {@link StableBTreeMap}, ascending or descending: what {@code
 * subMap}, {@code headMap}, {@code tailMap} and {@code descendingMap} return, and what the map
 * itself delegates its navigation to (as the unbounded ascending range). Bounds are kept in the
 * tree's (ascending) order; null means unbounded, which is safe because keys are never null.
 */
final class RangeMap<K, V> extends AbstractMap<K, V> implements NavigableMap<K, V> {
  final StableBTreeMap<K, V> owner;
  private final BTree<K, V> tree;
  private final Codec<K> codec;
  final K lo;
  final boolean loInclusive;
  final K hi;
  final boolean hiInclusive;
  final boolean descending;

  RangeMap(
      StableBTreeMap<K, V> owner,
      K lo,
      boolean loInclusive,
      K hi,
      boolean hiInclusive,
      boolean descending) {
    this.owner = owner;
    this.tree = owner.tree;
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

  boolean inRange(K key) {
    return !tooLow(key) && !tooHigh(key);
  }

  private boolean inClosedRange(K key) {
    return (lo == null || codec.compare(key, lo) >= 0)
        && (hi == null || codec.compare(hi, key) >= 0);
  }

  /** A new bound is allowed on an exclusive edge of this range when it is itself exclusive. */
  private boolean inRange(K key, boolean inclusive) {
    return inclusive ? inRange(key) : inClosedRange(key);
  }

  @SuppressWarnings("unchecked") // a key the caller passed as Object; the codec checks its type
  private K key(Object o) {
    return (K) Objects.requireNonNull(o, "stable structures do not store null keys");
  }

  // ---- absolute (ascending) navigation; entries may be lazy tree entries ----

  private static <K, V> Map.Entry<K, V> first(Iterator<Map.Entry<K, V>> it) {
    return it.hasNext() ? it.next() : null;
  }

  private Map.Entry<K, V> absLowest() {
    return unbounded()
        ? tree.firstEntry()
        : first(tree.iterator(lo, loInclusive, hi, hiInclusive, false));
  }

  private Map.Entry<K, V> absHighest() {
    return unbounded()
        ? tree.lastEntry()
        : first(tree.iterator(lo, loInclusive, hi, hiInclusive, true));
  }

  private Map.Entry<K, V> absCeiling(K key) {
    if (tooLow(key)) {
      return absLowest();
    }
    return tooHigh(key) ? null : first(tree.iterator(key, true, hi, hiInclusive, false));
  }

  private Map.Entry<K, V> absHigher(K key) {
    if (tooLow(key)) {
      return absLowest();
    }
    return tooHigh(key) ? null : first(tree.iterator(key, false, hi, hiInclusive, false));
  }

  private Map.Entry<K, V> absFloor(K key) {
    if (tooHigh(key)) {
      return absHighest();
    }
    return tooLow(key) ? null : first(tree.iterator(lo, loInclusive, key, true, true));
  }

  private Map.Entry<K, V> absLower(K key) {
    if (tooHigh(key)) {
      return absHighest();
    }
    return tooLow(key) ? null : first(tree.iterator(lo, loInclusive, key, false, true));
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
    return unbounded() ? tree.size() == 0 : absLowest() == null;
  }

  @Override
  public void clear() {
    if (unbounded()) {
      owner.clearNew();
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
    return keyOrThrow(descending ? absHighest() : absLowest());
  }

  @Override
  public K lastKey() {
    return keyOrThrow(descending ? absLowest() : absHighest());
  }

  @Override
  public Map.Entry<K, V> firstEntry() {
    return StableBTreeMap.snapshot(descending ? absHighest() : absLowest());
  }

  @Override
  public Map.Entry<K, V> lastEntry() {
    return StableBTreeMap.snapshot(descending ? absLowest() : absHighest());
  }

  @Override
  public Map.Entry<K, V> pollFirstEntry() {
    return poll(!descending);
  }

  @Override
  public Map.Entry<K, V> pollLastEntry() {
    return poll(descending);
  }

  private Map.Entry<K, V> poll(boolean lowest) {
    if (unbounded()) {
      return lowest ? owner.popFirst() : owner.popLast();
    }
    Map.Entry<K, V> e = StableBTreeMap.snapshot(lowest ? absLowest() : absHighest());
    if (e != null) {
      tree.remove(e.getKey());
    }
    return e;
  }

  @Override
  public Map.Entry<K, V> lowerEntry(K key) {
    StableBTreeMap.checkKey(key);
    return StableBTreeMap.snapshot(descending ? absHigher(key) : absLower(key));
  }

  @Override
  public K lowerKey(K key) {
    StableBTreeMap.checkKey(key);
    return keyOf(descending ? absHigher(key) : absLower(key));
  }

  @Override
  public Map.Entry<K, V> floorEntry(K key) {
    StableBTreeMap.checkKey(key);
    return StableBTreeMap.snapshot(descending ? absCeiling(key) : absFloor(key));
  }

  @Override
  public K floorKey(K key) {
    StableBTreeMap.checkKey(key);
    return keyOf(descending ? absCeiling(key) : absFloor(key));
  }

  @Override
  public Map.Entry<K, V> ceilingEntry(K key) {
    StableBTreeMap.checkKey(key);
    return StableBTreeMap.snapshot(descending ? absFloor(key) : absCeiling(key));
  }

  @Override
  public K ceilingKey(K key) {
    StableBTreeMap.checkKey(key);
    return keyOf(descending ? absFloor(key) : absCeiling(key));
  }

  @Override
  public Map.Entry<K, V> higherEntry(K key) {
    StableBTreeMap.checkKey(key);
    return StableBTreeMap.snapshot(descending ? absLower(key) : absHigher(key));
  }

  @Override
  public K higherKey(K key) {
    StableBTreeMap.checkKey(key);
    return keyOf(descending ? absLower(key) : absHigher(key));
  }

  @Override
  public RangeMap<K, V> descendingMap() {
    return new RangeMap<>(owner, lo, loInclusive, hi, hiInclusive, !descending);
  }

  @Override
  public RangeMap<K, V> subMap(K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
    StableBTreeMap.checkKey(fromKey);
    StableBTreeMap.checkKey(toKey);
    if (!inRange(fromKey, fromInclusive)) {
      throw new IllegalArgumentException("fromKey out of range: " + fromKey);
    }
    if (!inRange(toKey, toInclusive)) {
      throw new IllegalArgumentException("toKey out of range: " + toKey);
    }
    return descending
        ? new RangeMap<>(owner, toKey, toInclusive, fromKey, fromInclusive, true)
        : new RangeMap<>(owner, fromKey, fromInclusive, toKey, toInclusive, false);
  }

  @Override
  public RangeMap<K, V> headMap(K toKey, boolean inclusive) {
    StableBTreeMap.checkKey(toKey);
    if (!inRange(toKey, inclusive)) {
      throw new IllegalArgumentException("toKey out of range: " + toKey);
    }
    return descending
        ? new RangeMap<>(owner, toKey, inclusive, hi, hiInclusive, true)
        : new RangeMap<>(owner, lo, loInclusive, toKey, inclusive, false);
  }

  @Override
  public RangeMap<K, V> tailMap(K fromKey, boolean inclusive) {
    StableBTreeMap.checkKey(fromKey);
    if (!inRange(fromKey, inclusive)) {
      throw new IllegalArgumentException("fromKey out of range: " + fromKey);
    }
    return descending
        ? new RangeMap<>(owner, lo, loInclusive, fromKey, inclusive, true)
        : new RangeMap<>(owner, fromKey, inclusive, hi, hiInclusive, false);
  }

  @Override
  public RangeMap<K, V> subMap(K fromKey, K toKey) {
    return subMap(fromKey, true, toKey, false);
  }

  @Override
  public RangeMap<K, V> headMap(K toKey) {
    return headMap(toKey, false);
  }

  @Override
  public RangeMap<K, V> tailMap(K fromKey) {
    return tailMap(fromKey, true);
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
