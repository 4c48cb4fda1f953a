package dev.stablestructures.btreemap;

import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedSet;

/**
 * The live key set of a {@link RangeMap}. Removal writes through to the map. {@code add} is
 * refused, unless the view was made with a value to store for added keys ({@link
 * StableBTreeMap#navigableKeySet(Object)}, which is how a set is a map to {@code ()}); every view
 * derived from it inherits that value.
 */
final class KeySetView<K, V> extends AbstractSet<K> implements NavigableSet<K> {
  private final RangeMap<K, V> map;
  private final V addValue;

  KeySetView(RangeMap<K, V> map, V addValue) {
    this.map = map;
    this.addValue = addValue;
  }

  @Override
  public Iterator<K> iterator() {
    return map.iterator(false, ViewIterator.Kind.KEYS);
  }

  @Override
  public Iterator<K> descendingIterator() {
    return map.iterator(true, ViewIterator.Kind.KEYS);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public boolean contains(Object o) {
    return map.containsKey(o);
  }

  /**
   * Adds a key, storing the view's value under it.
   *
   * @throws UnsupportedOperationException for a map's plain key set
   * @throws IllegalArgumentException if the key is outside this view's range
   */
  @Override
  public boolean add(K key) {
    if (addValue == null) {
      throw new UnsupportedOperationException("a map's key set cannot add keys without values");
    }
    return map.put(key, addValue) == null;
  }

  @Override
  public boolean remove(Object o) {
    return map.remove(o) != null;
  }

  @Override
  public void clear() {
    map.clear();
  }

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

  @Override
  public K pollFirst() {
    Map.Entry<K, V> e = map.pollFirstEntry();
    return e == null ? null : e.getKey();
  }

  @Override
  public K pollLast() {
    Map.Entry<K, V> e = map.pollLastEntry();
    return e == null ? null : e.getKey();
  }

  @Override
  public NavigableSet<K> descendingSet() {
    return new KeySetView<>(map.descendingMap(), addValue);
  }

  @Override
  public NavigableSet<K> subSet(
      K fromElement, boolean fromInclusive, K toElement, boolean toInclusive) {
    return new KeySetView<>(
        map.subMap(fromElement, fromInclusive, toElement, toInclusive), addValue);
  }

  @Override
  public NavigableSet<K> headSet(K toElement, boolean inclusive) {
    return new KeySetView<>(map.headMap(toElement, inclusive), addValue);
  }

  @Override
  public NavigableSet<K> tailSet(K fromElement, boolean inclusive) {
    return new KeySetView<>(map.tailMap(fromElement, inclusive), addValue);
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
