package dev.stablestructures.btreemap;

import dev.stablestructures.BoundExceededException;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * The live key set of a {@link StableBTreeMap} or of one of its ranges, as {@link
 * StableBTreeMap#navigableKeySet()} and its sub-views return it. Removal writes through to the map.
 * {@code add} is refused, unless the view was made with a value to store for added keys ({@link
 * StableBTreeMap#navigableKeySet(Object)}); every view derived from it inherits that value. A set
 * is such a view over a map to {@code ()}: {@code dev.stablestructures.btreeset.StableBTreeSet}
 * extends this class, so the set and the map's key sets are one implementation.
 *
 * @param <K> key type
 * @param <V> value type of the map
 */
public class KeySetView<K, V> extends AbstractSet<K> implements NavigableSet<K> {
  private final RangeMap<K, V> map;
  private final V addValue;

  KeySetView(RangeMap<K, V> map, V addValue) {
    this.map = map;
    this.addValue = addValue;
  }

  /**
   * Creates the key set of a whole map, for a structure that is such a view.
   *
   * @param map the map; the set is live over it
   * @param addValue the value {@code add} stores under a new key, or null to refuse {@code add}
   */
  protected KeySetView(StableBTreeMap<K, V> map, V addValue) {
    this.map = map;
    this.addValue = addValue;
  }

  /** A view of a range of this view's map; the map's range methods all return a RangeMap. */
  private KeySetView<K, V> over(NavigableMap<K, V> range) {
    return new KeySetView<>((RangeMap<K, V>) range, addValue);
  }

  @Override
  public Iterator<K> iterator() {
    return map.iterator(false, ViewIterator.Kind.KEYS);
  }

  /**
   * Hands the keys over in order without decoding any value (see {@link
   * Iterator#forEachRemaining}).
   */
  @Override
  public void forEach(Consumer<? super K> action) {
    iterator().forEachRemaining(action);
  }

  @Override
  public Iterator<K> descendingIterator() {
    return map.iterator(true, ViewIterator.Kind.KEYS);
  }

  /**
   * Returns the number of keys, or {@code Integer.MAX_VALUE} if there are more; {@link
   * StableBTreeMap#longSize()} counts a whole map without that limit.
   */
  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  /**
   * Tells whether a key is stored (in this view's range).
   *
   * @throws NullPointerException if the key is null
   */
  @Override
  public boolean contains(Object o) {
    return map.containsKey(o);
  }

  /**
   * Adds a key, storing the view's value under it: for a {@code StableBTreeSet}, the crate's {@code
   * insert}.
   *
   * @return true if the key was new
   * @throws UnsupportedOperationException for a map's plain key set
   * @throws NullPointerException if the key is null
   * @throws IllegalArgumentException if the key is outside this view's range
   * @throws BoundExceededException if its encoding breaks the bound (nothing is written)
   */
  @Override
  public boolean add(K key) {
    if (addValue == null) {
      throw new UnsupportedOperationException("a map's key set cannot add keys without values");
    }
    return map.put(key, addValue) == null;
  }

  /**
   * Removes a key, and its value, from the map.
   *
   * @return true if it was present
   * @throws NullPointerException if the key is null
   */
  @Override
  public boolean remove(Object o) {
    return map.remove(o) != null;
  }

  /**
   * Removes every key of this view, with its value; from a whole map in O(1) ({@code clearNew}).
   */
  @Override
  public void clear() {
    map.clear();
  }

  /** Returns the order of this view: the key codec, reversed for a descending view. */
  @Override
  public Comparator<? super K> comparator() {
    return map.comparator();
  }

  @Override
  public K first() {
    return map.firstKey();
  }

  @Override
  public K last() {
    return map.lastKey();
  }

  @Override
  public K lower(K key) {
    return map.lowerKey(key);
  }

  @Override
  public K floor(K key) {
    return map.floorKey(key);
  }

  @Override
  public K ceiling(K key) {
    return map.ceilingKey(key);
  }

  @Override
  public K higher(K key) {
    return map.higherKey(key);
  }

  /**
   * Removes and returns the first key of this view, or null if it is empty; from a whole map in one
   * pass down the tree, as the crate's {@code pop_first}.
   */
  @Override
  public K pollFirst() {
    Map.Entry<K, V> e = map.pollFirstEntry();
    return e == null ? null : e.getKey();
  }

  /**
   * Removes and returns the last key of this view, or null if it is empty; from a whole map in one
   * pass down the tree, as the crate's {@code pop_last}.
   */
  @Override
  public K pollLast() {
    Map.Entry<K, V> e = map.pollLastEntry();
    return e == null ? null : e.getKey();
  }

  @Override
  public NavigableSet<K> descendingSet() {
    return over(map.descendingMap());
  }

  @Override
  public NavigableSet<K> subSet(
      K fromElement, boolean fromInclusive, K toElement, boolean toInclusive) {
    return over(map.subMap(fromElement, fromInclusive, toElement, toInclusive));
  }

  @Override
  public NavigableSet<K> headSet(K toElement, boolean inclusive) {
    return over(map.headMap(toElement, inclusive));
  }

  @Override
  public NavigableSet<K> tailSet(K fromElement, boolean inclusive) {
    return over(map.tailMap(fromElement, inclusive));
  }

  @Override
  public SortedSet<K> subSet(K fromElement, K toElement) {
    return subSet(fromElement, true, toElement, false);
  }

  @Override
  public SortedSet<K> headSet(K toElement) {
    return headSet(toElement, false);
  }

  @Override
  public SortedSet<K> tailSet(K fromElement) {
    return tailSet(fromElement, true);
  }
}
