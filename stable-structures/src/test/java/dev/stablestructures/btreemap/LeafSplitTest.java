package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * An insert that splits a full leaf writes exactly the crate's image, whether the tree fuses the
 * split with the insert ({@link NodeStore#fusesLeafSplit}: each half saved once) or not: at every
 * position of the new key in the full leaf, for the first, a middle and the last child of the
 * parent, for fixed-size keys and keys with a length, with the half or the parent growing into an
 * overflow page, with a full leaf that has overflow pages (not fused), and in a V1 map (not fused).
 * The crate's sequence is replayed by hand on a copy of the same image: split, save sibling, full
 * child and parent, insert into the half, save it, write the header.
 */
class LeafSplitTest {
  private static final long SPACING = 1000;

  @Test
  void u64SplitsAtEveryPositionAsTheCrate() {
    for (int rootEntries : new int[] {2, 8, 9, 10}) {
      splitEverywhere(
          false, Codecs.u64(), Codecs.u64(), n -> n, n -> n * 7, n -> n * 3, rootEntries, true);
    }
  }

  @Test
  void stringKeysSplitAtEveryPositionAsTheCrate() {
    LongFunction<String> key = n -> String.format("k%010d", n);
    splitEverywhere(
        false, Codecs.string(), Codecs.bytes(), key, n -> bytes(n, 40), n -> bytes(n, 40), 4, true);
  }

  @Test
  void aHalfThatGrowsIntoAnOverflowPageSplitsAsTheCrate() {
    LongFunction<String> key = n -> String.format("k%010d", n);
    splitEverywhere(
        false,
        Codecs.string(),
        Codecs.bytes(),
        key,
        n -> bytes(n, 40),
        n -> bytes(n, 900),
        3,
        true);
  }

  @Test
  void aFullLeafWithOverflowPagesSplitsAsTheCrate() {
    LongFunction<String> key = n -> String.format("k%010d", n);
    splitEverywhere(
        false,
        Codecs.string(),
        Codecs.bytes(),
        key,
        n -> bytes(n, 300),
        n -> bytes(n, 5),
        3,
        false);
  }

  @Test
  void v1LeavesSplitAsTheCrate() {
    splitEverywhere(
        true,
        Codecs.u64(),
        Codecs.blob(16),
        n -> n,
        n -> bytes(n, (int) (n % 17)),
        n -> bytes(n, 16 - (int) (n % 17)),
        3,
        false);
  }

  @Test
  void fusesOnlyV2LeavesWithoutOverflowPages() {
    NodeStore store = TestTrees.parts(seeded(), Codecs.u64(), Codecs.u64()).store();
    Node leaf = new Node(64, true, 2);
    assertTrue(store.fusesLeafSplit(leaf, 2));
    assertFalse(store.fusesLeafSplit(leaf, 1), "V1 sibling");
    assertFalse(store.fusesLeafSplit(new Node(64, false, 2), 2), "internal");
    assertFalse(store.fusesLeafSplit(new Node(64, true, 1), 2), "V1 leaf");
    leaf.overflowCount = 1;
    assertFalse(store.fusesLeafSplit(leaf, 2), "overflow pages");
  }

  private static HeapMemory seeded() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.u64(), Codecs.u64()).insert(1L, 1L);
    return memory;
  }

  private static byte[] bytes(long seed, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  /**
   * Builds a two-level tree whose root holds {@code rootEntries} entries, fills its first, a middle
   * and its last leaf to 11 entries (one at a time, on copies), and compares, for every position,
   * the tree's insert with the crate's sequence replayed by hand.
   */
  private static <K, V> void splitEverywhere(
      boolean v1,
      Codec<K> keys,
      Codec<V> values,
      LongFunction<K> key,
      LongFunction<V> value,
      LongFunction<V> newValue,
      int rootEntries,
      boolean expectFused) {
    HeapMemory memory = new HeapMemory();
    BTree<K, V> tree =
        v1
            ? BTreeFactory.createV1(memory, keys, values)
            : BTreeFactory.create(memory, keys, values);
    long n = 1;
    while (rootEntries(memory, keys, values, tree) < rootEntries) {
      tree.insert(key.apply(n * SPACING), value.apply(n));
      n++;
    }
    byte[] base = Memories.toByteArray(memory);
    int children = rootEntries + 1;
    for (int child : new int[] {0, children / 2, children - 1}) {
      HeapMemory filled = HeapMemory.of(base);
      BTree<K, V> filling = BTreeFactory.load(filled, keys, values);
      TestTrees.Parts parts = TestTrees.parts(filled, keys, values);
      long leafAddress = parts.store().load(filling.rootAddress(), 0).child(child);
      long first = number(keys, parts.store().load(leafAddress, 0).keys[0]);
      for (long t = 1; parts.store().load(leafAddress, 0).count < Node.CAPACITY; t++) {
        filling.insert(key.apply(first + 2 * t), value.apply(first + 2 * t));
      }
      Node full = parts.store().load(leafAddress, 0);
      byte[] image = Memories.toByteArray(filled);
      for (int position = 0; position <= Node.CAPACITY; position++) {
        long number =
            position == 0
                ? number(keys, full.keys[0]) - 1
                : number(keys, full.keys[position - 1]) + 1;
        K k = key.apply(number);
        V v = newValue.apply(number);
        HeapMemory byTree = HeapMemory.of(image);
        BTree<K, V> inserting = BTreeFactory.load(byTree, keys, values);
        assertEquals(null, inserting.insert(k, v));
        HeapMemory byHand = HeapMemory.of(image);
        crateInsert(byHand, keys, values, child, k, keys.encode(k), values.encode(v));
        String where = "child " + child + " of " + children + ", position " + position;
        assertArrayEquals(byHand.toByteArray(), byTree.toByteArray(), where);
        BTree<K, V> reloaded = BTreeFactory.load(byTree, keys, values);
        assertArrayEquals(values.encode(v), values.encode(reloaded.get(k)), where);
        assertEquals(filling.size() + 1, reloaded.size(), where);
      }
      assertEquals(expectFused, parts.store().fusesLeafSplit(full, v1 ? 1 : 2), "fused");
    }
  }

  /** The key number a test key's bytes encode (u64 big-endian, or the digits of a string key). */
  private static long number(Codec<?> keys, byte[] encoded) {
    Object k = keys.decode(encoded, 0, encoded.length);
    return k instanceof Long l ? l : Long.parseLong(((String) k).substring(1));
  }

  private static int rootEntries(
      HeapMemory memory, Codec<?> keys, Codec<?> values, BTree<?, ?> tree) {
    if (tree.rootAddress() == 0) {
      return 0;
    }
    Node root = TestTrees.parts(memory, keys, values).store().load(tree.rootAddress(), 0);
    return root.leaf ? 0 : root.count;
  }

  /** The crate's insert into the full leaf {@code child} of a two-level tree's root, by hand. */
  private static <K> void crateInsert(
      HeapMemory memory, Codec<K> keys, Codec<?> values, int child, K key, byte[] k, byte[] v) {
    BTreeHeader.Stored stored = BTreeHeader.read(memory);
    BTreeHeader header = stored.header().openedWith(keys.bound(), values.bound());
    NodeStore store = TestTrees.parts(memory, keys, values).store();
    KeyOrder<K> order = KeyOrder.of(keys);
    Node root = store.load(stored.root(), 0);
    Node full = store.load(root.child(child), 0);
    Node sibling = store.allocate(true, header.newNodeVersion());
    root.insertChild(child + 1, sibling.address);
    store.materialize(full);
    byte[][] median = full.split(sibling);
    root.insertEntry(child, median[0], median[1]);
    store.save(sibling);
    store.save(full);
    store.save(root);
    int again = order.search(root, key, k);
    Node next = (again >= 0 ? again : -again - 1) == child ? full : sibling;
    next.insertEntry(-order.search(next, key, k) - 1, k, v);
    store.save(next);
    BTreeHeader.write(memory, header, stored.root(), stored.length() + 1);
  }
}
