package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/** How tests get maps: on a fresh {@link HeapMemory}, and reopened from the same memory. */
public final class TestTrees {
  /**
   * A u64 map of keys 0 to {@code entries - 1} (each its own value), inserted in order, over {@code
   * memory}.
   */
  static StableBTreeMap<Long, Long> sequentialU64Map(HeapMemory memory, int entries) {
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < entries; i++) {
      map.put(i, i);
    }
    return map;
  }

  private TestTrees() {}

  /** A new, empty map on a fresh heap memory. */
  public static <K, V> StableBTreeMap<K, V> newMap(Codec<K> keys, Codec<V> values) {
    return StableBTreeMap.init(new HeapMemory(), keys, values);
  }

  /** The same map as {@code map}, loaded again from its memory (as after a restart). */
  public static <K, V> StableBTreeMap<K, V> reopen(StableBTreeMap<K, V> map) {
    return StableBTreeMap.load(map.memory(), map.keyCodec(), map.valueCodec());
  }

  /** The pieces a tree is built from, over an existing image, for tests of each piece alone. */
  record Parts(NodeLayout layout, Allocator allocator, NodeStore store, Cursor cursor) {
    LeafSplice splice() {
      return new LeafSplice(store, layout);
    }
  }

  /** Builds a tree's pieces over the map stored in {@code memory}, as the tree itself does. */
  static Parts parts(Memory memory, Codec<?> keys, Codec<?> values) {
    BTreeHeader header = BTreeHeader.read(memory).header().openedWith(keys.bound(), values.bound());
    Allocator allocator = Allocator.load(memory, BTreeHeader.ALLOCATOR_OFFSET, header.pageSize);
    boolean v1 = header.holdsV1Nodes();
    NodeLayout layout =
        new NodeLayout(
            allocator,
            (int) header.pageSize,
            keys.bound().isFixedSize() ? keys.bound().maxSize() : -1,
            v1 ? header.maxKeySize : -1,
            v1 ? header.maxValueSize : -1);
    NodeStore store = new NodeStore(memory, allocator, layout, new InternalNodeCache(0));
    return new Parts(layout, allocator, store, new Cursor(memory, layout));
  }

  /** Every node address of a tree, parents before children. */
  static java.util.List<Long> nodes(NodeStore store, long root) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    if (root != 0) {
      out.add(root);
    }
    for (int i = 0; i < out.size(); i++) {
      Node node = store.load(out.get(i), 0);
      for (int c = 0; c < node.childCount; c++) {
        out.add(node.children[c]);
      }
    }
    return out;
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
