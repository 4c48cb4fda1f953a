package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A test-only {@link TreeOps} over a {@code java.util.TreeMap} ordered by the key codec, storing
 * values encoded (so bounds are checked and values decode lazily like the real tree's). It lets the
 * views be tested before, and independently of, the real {@code BTree}. "Reopening" shares the same
 * store, as loading the same memory would.
 */
final class FakeTree<K, V> implements TreeOps<K, V> {
  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;
  private final Memory memory;
  private final TreeMap<K, byte[]> store;
  private int modCount;

  FakeTree(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    this(memory, keyCodec, valueCodec, new TreeMap<>(keyCodec));
  }

  private FakeTree(
      Memory memory, Codec<K> keyCodec, Codec<V> valueCodec, TreeMap<K, byte[]> store) {
    this.memory = memory;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    this.store = store;
  }

  /** A second tree over the same store, as {@code load} on the same memory would give. */
  FakeTree<K, V> reopen() {
    return new FakeTree<>(memory, keyCodec, valueCodec, store);
  }

  @Override
  public Codec<K> keyCodec() {
    return keyCodec;
  }

  @Override
  public Codec<V> valueCodec() {
    return valueCodec;
  }

  @Override
  public Memory memory() {
    return memory;
  }

  @Override
  public long size() {
    return store.size();
  }

  @Override
  public V get(K key) {
    byte[] bytes = store.get(key);
    return bytes == null ? null : valueCodec.decode(bytes);
  }

  @Override
  public boolean containsKey(K key) {
    return store.containsKey(key);
  }

  @Override
  public V insert(K key, V value) {
    byte[] k = keyCodec.encodeChecked(key);
    byte[] v = valueCodec.encodeChecked(value);
    K stored = keyCodec.decode(k);
    byte[] old = store.put(stored, v);
    if (old == null) {
      modCount++;
      return null;
    }
    return valueCodec.decode(old);
  }

  @Override
  public V remove(K key) {
    byte[] old = store.remove(key);
    if (old == null) {
      return null;
    }
    modCount++;
    return valueCodec.decode(old);
  }

  private Map.Entry<K, V> snap(Map.Entry<K, byte[]> e) {
    return e == null
        ? null
        : new AbstractMap.SimpleImmutableEntry<>(e.getKey(), valueCodec.decode(e.getValue()));
  }

  @Override
  public Map.Entry<K, V> firstEntry() {
    return snap(store.firstEntry());
  }

  @Override
  public Map.Entry<K, V> lastEntry() {
    return snap(store.lastEntry());
  }

  @Override
  public Map.Entry<K, V> popFirst() {
    Map.Entry<K, V> e = snap(store.pollFirstEntry());
    if (e != null) {
      modCount++;
    }
    return e;
  }

  @Override
  public Map.Entry<K, V> popLast() {
    Map.Entry<K, V> e = snap(store.pollLastEntry());
    if (e != null) {
      modCount++;
    }
    return e;
  }

  private NavigableMap<K, byte[]> range(K from, boolean fromInc, K to, boolean toInc) {
    if (from != null && to != null) {
      int c = keyCodec.compare(from, to);
      if (c > 0 || (c == 0 && !(fromInc && toInc))) {
        return Collections.emptyNavigableMap();
      }
      return store.subMap(from, fromInc, to, toInc);
    }
    if (from != null) {
      return store.tailMap(from, fromInc);
    }
    if (to != null) {
      return store.headMap(to, toInc);
    }
    return store;
  }

  @Override
  public Iterator<Map.Entry<K, V>> iterator(
      K from, boolean fromInclusive, K to, boolean toInclusive, boolean descending) {
    NavigableMap<K, byte[]> r = range(from, fromInclusive, to, toInclusive);
    Iterator<Map.Entry<K, byte[]>> it = (descending ? r.descendingMap() : r).entrySet().iterator();
    return new Iterator<Map.Entry<K, V>>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Map.Entry<K, V> next() {
        Map.Entry<K, byte[]> e = it.next();
        byte[] bytes = e.getValue();
        K key = e.getKey();
        return new Map.Entry<K, V>() {
          @Override
          public K getKey() {
            return key;
          }

          @Override
          public V getValue() {
            return valueCodec.decode(bytes);
          }

          @Override
          public V setValue(V value) {
            throw new UnsupportedOperationException();
          }
        };
      }
    };
  }

  @Override
  public long count(K from, boolean fromInclusive, K to, boolean toInclusive) {
    return range(from, fromInclusive, to, toInclusive).size();
  }

  @Override
  public void clearNew() {
    store.clear();
    modCount++;
  }

  @Override
  public int modCount() {
    return modCount;
  }
}
