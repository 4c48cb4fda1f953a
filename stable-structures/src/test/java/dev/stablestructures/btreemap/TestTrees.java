package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.HeapMemory;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/** How tests get maps: on a fresh {@link HeapMemory}, and reopened from the same memory. */
public final class TestTrees {
  private TestTrees() {}

  /** A new, empty map on a fresh heap memory. */
  public static <K, V> StableBTreeMap<K, V> newMap(Codec<K> keys, Codec<V> values) {
    return StableBTreeMap.init(new HeapMemory(), keys, values);
  }

  /** The same map as {@code map}, loaded again from its memory (as after a restart). */
  public static <K, V> StableBTreeMap<K, V> reopen(StableBTreeMap<K, V> map) {
    return StableBTreeMap.load(map.memory(), map.keyCodec(), map.valueCodec());
  }

  /**
   * Asserts that a stored tree holds exactly a model's entries: its length, both iteration orders
   * and a lookup of every key.
   */
  static <K, V> void assertSameContent(String name, BTree<K, V> tree, NavigableMap<K, V> model) {
    assertEquals(model.size(), tree.size(), name + ": length");
    assertSameOrder(name + " ascending", tree.iterator(null, true, null, true, false), model);
    assertSameOrder(
        name + " descending", tree.iterator(null, true, null, true, true), model.descendingMap());
    for (Map.Entry<K, V> e : model.entrySet()) {
      BTreePropertyTest.assertSame(
          e.getValue(), tree.get(e.getKey()), name + ": get " + BTreePropertyTest.show(e.getKey()));
    }
  }

  private static <K, V> void assertSameOrder(
      String name, Iterator<Map.Entry<K, V>> stored, NavigableMap<K, V> model) {
    long index = 0;
    for (Map.Entry<K, V> expected : model.entrySet()) {
      assertTrue(stored.hasNext(), name + ": ends after " + index + " of " + model.size());
      BTreePropertyTest.assertEntry(expected, stored.next(), name + ": entry " + index);
      index++;
    }
    assertFalse(stored.hasNext(), name + ": more than the expected " + model.size() + " entries");
  }
}
