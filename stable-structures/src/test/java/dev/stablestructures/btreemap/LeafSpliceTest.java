package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.testing.TestRandom;
import java.nio.charset.StandardCharsets;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A splice writes exactly the image that loading the leaf, editing it and saving it writes, at
 * every position, for fixed-size keys and for keys with a length; and it declines what it cannot
 * do.
 */
class LeafSpliceTest {
  private static final long LEAF = BTreeFactory.FIRST_NODE;

  @Test
  void insertsAndRemovesAtEveryPositionAsLoadEditSave() {
    spliceEverywhere(Codecs.u64(), Codecs.u64(), i -> (long) i * 10, i -> (long) i * 7);
    spliceEverywhere(
        Codecs.string(),
        Codecs.bytes(),
        i -> "key" + (char) ('a' + i),
        i -> TestRandom.bytes(i * 3, i));
  }

  /**
   * A map migrated from V1 keeps its V1 leaves V1 when it rewrites them, beside the V2 nodes its
   * splits make, and a thread's cursor keeps the value start of the last V2 node it opened. A V1
   * leaf opened after a V2 node is not spliceable all the same: a splice would cut and write its
   * slots as if they were a V2 leaf's keys and values from that stale offset. Small keys and zero
   * values make the V1 slots mostly zero bytes, which such a scan would read as short lengths.
   * Every write answers as a {@code TreeMap}'s, the entries match and the image verifies clean.
   */
  @Test
  void aMigratedMapsV1LeavesAreNotSplicedAfterTheCursorOpenedAV2Node() {
    Codec<Long> u64 = Codecs.u64();
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> v1 = BTreeFactory.createV1(memory, u64, u64);
    NavigableMap<Long, Long> model = new TreeMap<>();
    for (long k = 0; k < 600; k += 3) {
      v1.insert(k, 0L);
      model.put(k, 0L);
    }
    BTree<Long, Long> tree = BTreeFactory.load(memory, u64, u64);
    TestRandom rng = new TestRandom(12);
    for (int op = 0; op < 3000; op++) {
      long key = rng.nextBelow(620);
      long read = rng.nextBelow(620);
      assertEquals(model.get(read), tree.get(read), "get " + op);
      if (rng.nextBelow(3) == 0) {
        assertEquals(model.remove(key), tree.remove(key), "remove " + op);
      } else {
        long value = rng.nextBelow(3);
        assertEquals(model.put(key, value), tree.insert(key, value), "put " + op);
      }
    }
    StableBTreeMap<Long, Long> map = StableBTreeMap.load(memory, u64, u64);
    assertEquals(model, new TreeMap<>(map));
    dev.stablestructures.testing.VerifyChecks.clean(map::verify, memory);

    TestTrees.Parts parts = TestTrees.parts(memory, u64, u64);
    long v2Node = 0;
    long v1Leaf = 0;
    for (long address : TestTrees.nodes(parts.store(), tree.rootAddress())) {
      Node node = parts.store().load(address, 0);
      if (node.version == 2) {
        v2Node = address;
      } else if (node.leaf) {
        v1Leaf = address;
      }
    }
    assertTrue(v2Node != 0 && v1Leaf != 0, "the image holds V2 nodes and V1 leaves");
    Cursor cursor = parts.cursor();
    cursor.open(v2Node);
    cursor.open(v1Leaf);
    assertFalse(cursor.spliceable(), "a V1 leaf opened after a V2 node");
  }

  private interface Gen<T> {
    T at(int i);
  }

  private static <K, V> void spliceEverywhere(
      Codec<K> keys, Codec<V> values, Gen<K> key, Gen<V> value) {
    for (int count = 1; count < Node.CAPACITY; count++) {
      HeapMemory memory = new HeapMemory();
      BTree<K, V> tree = BTreeFactory.create(memory, keys, values);
      for (int i = 0; i < count; i++) {
        tree.insert(key.at(2 * i + 1), value.at(i)); // odd slots: room between every two keys
      }
      byte[] image = Memories.toByteArray(memory);
      for (int index = 0; index <= count; index++) {
        byte[] k = keys.encode(key.at(2 * index));
        byte[] v = values.encode(value.at(index + 20));
        assertInsertIsLoadEditSave(image, keys, values, index, k, v);
      }
      if (count < 2) {
        continue;
      }
      for (int index = 0; index < count; index++) {
        assertRemoveIsLoadEditSave(image, keys, values, index);
      }
    }
  }

  /** Splices an entry into the leaf of {@code image} and compares with load-edit-save. */
  private static void assertInsertIsLoadEditSave(
      byte[] image, Codec<?> keys, Codec<?> values, int index, byte[] k, byte[] v) {
    HeapMemory spliced = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(spliced, keys, values);
    parts.cursor().open(LEAF);
    assertTrue(parts.splice().insert(parts.cursor(), index, k, v), "insert at " + index);
    HeapMemory saved = HeapMemory.of(image);
    TestTrees.Parts general = TestTrees.parts(saved, keys, values);
    Node node = general.store().load(LEAF, 0);
    node.insertEntry(index, k, v);
    general.store().save(node);
    assertArrayEquals(saved.toByteArray(), spliced.toByteArray(), "insert at " + index);
  }

  /** Splices entry {@code index} out of the leaf of {@code image}, compared with load-edit-save. */
  private static void assertRemoveIsLoadEditSave(
      byte[] image, Codec<?> keys, Codec<?> values, int index) {
    HeapMemory spliced = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(spliced, keys, values);
    parts.cursor().open(LEAF);
    byte[] removed = parts.splice().remove(parts.cursor(), index);
    HeapMemory saved = HeapMemory.of(image);
    TestTrees.Parts general = TestTrees.parts(saved, keys, values);
    Node node = general.store().load(LEAF, 0);
    byte[] expected = general.store().take(node, index)[1];
    general.store().save(node);
    assertArrayEquals(expected, removed, "value removed at " + index);
    assertArrayEquals(saved.toByteArray(), spliced.toByteArray(), "remove at " + index);
  }

  /** The splicer declines both an insert and a remove on the leaf of {@code image}. */
  private static void assertDeclined(
      byte[] image, Codec<?> keys, Codec<?> values, int index, byte[] k, byte[] v, String why) {
    HeapMemory memory = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(memory, keys, values);
    parts.cursor().open(LEAF);
    assertFalse(parts.splice().insert(parts.cursor(), index, k, v), "insert: " + why);
    assertNull(parts.splice().remove(parts.cursor(), index), "remove: " + why);
    assertArrayEquals(image, memory.toByteArray(), "nothing written: " + why);
  }

  /**
   * Codecs whose pages (about 16 KiB) are larger than the cursor's 1 KiB window, so that a leaf
   * without overflow pages can still hold values past the window.
   */
  private static final Codec<byte[]> SMALL_KEYS = Codecs.blob(16);

  private static final Codec<byte[]> LARGE_VALUES = Codecs.blob(2000);

  /** The image of a map of {@link #SMALL_KEYS} and {@link #LARGE_VALUES} holding one leaf. */
  private static byte[] leaf(Object... keysAndValueLengths) {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, SMALL_KEYS, LARGE_VALUES);
    for (int i = 0; i < keysAndValueLengths.length; i += 2) {
      byte[] key = ((String) keysAndValueLengths[i]).getBytes(StandardCharsets.UTF_8);
      tree.insert(key, TestRandom.bytes((Integer) keysAndValueLengths[i + 1], i));
    }
    assertEquals(
        1, TestTrees.nodes(TestTrees.parts(memory, SMALL_KEYS, LARGE_VALUES).store(), LEAF).size());
    return memory.toByteArray();
  }

  // A V2 leaf of one-byte keys: 15 header bytes, 5 bytes per key, then 4 + length per value.

  @Test
  void anEntryThatExactlyFillsTheWindowIsSplicedInAndOneByteMoreIsDeclined() {
    byte[] image = leaf("b", 500); // ends at 15 + 5 + 4 + 500 = 524
    byte[] a = {'a'};
    assertInsertIsLoadEditSave(image, SMALL_KEYS, LARGE_VALUES, 0, a, new byte[491]); // 1,024
    HeapMemory memory = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(memory, SMALL_KEYS, LARGE_VALUES);
    parts.cursor().open(LEAF);
    assertFalse(parts.splice().insert(parts.cursor(), 0, a, new byte[492]), "1,025 bytes");
    assertArrayEquals(image, memory.toByteArray(), "nothing written");
  }

  @Test
  void aLeafEndingExactlyAtTheWindowsEndWithAnEmptyLastValueIsSplicedOutOf() {
    byte[] image = leaf("a", 991, "c", 0); // values at 25 and 1,020; the last ends at 1,024
    assertRemoveIsLoadEditSave(image, SMALL_KEYS, LARGE_VALUES, 0);
    assertRemoveIsLoadEditSave(image, SMALL_KEYS, LARGE_VALUES, 1);
  }

  @Test
  void aLeafWhoseValuesRunPastTheWindowIsDeclined() {
    byte[] b = {'b'};
    // The second value's length field at 1,022 straddles the window's end.
    assertDeclined(leaf("a", 993, "c", 10), SMALL_KEYS, LARGE_VALUES, 0, b, new byte[1], "length");
    // The second value's bytes end at 1,025, one byte past it.
    assertDeclined(leaf("a", 0, "c", 992), SMALL_KEYS, LARGE_VALUES, 0, b, new byte[1], "value");
  }

  @Test
  void aKeyOfAnotherSizeThanAFixedSizeLayoutsIsDeclined() {
    for (int size : new int[] {0, 8}) {
      Codec<byte[]> keys = Codecs.byteArray(size);
      HeapMemory memory = new HeapMemory();
      BTreeFactory.create(memory, keys, Codecs.u64()).insert(new byte[size], 1L);
      byte[] image = memory.toByteArray();
      assertDeclined(image, keys, Codecs.u64(), 1, new byte[3], new byte[8], "fixed " + size);
    }
  }

  @Test
  void declinesFullLeavesLastEntriesAndNodesWithOverflowPages() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    tree.insert(1L, 1L);
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    parts.cursor().open(LEAF);
    assertNull(parts.splice().remove(parts.cursor(), 0), "the last entry frees the leaf");
    for (long i = 2; i <= Node.CAPACITY; i++) {
      tree.insert(i, i);
    }
    parts.cursor().open(LEAF);
    assertFalse(parts.splice().insert(parts.cursor(), 0, new byte[8], new byte[8]), "full");

    HeapMemory big = new HeapMemory();
    BTree<String, byte[]> strings = BTreeFactory.create(big, Codecs.string(), Codecs.bytes());
    strings.insert("a", new byte[2000]);
    strings.insert("b", new byte[1]);
    TestTrees.Parts bigParts = TestTrees.parts(big, Codecs.string(), Codecs.bytes());
    byte[] before = big.toByteArray();
    bigParts.cursor().open(LEAF);
    assertFalse(bigParts.splice().insert(bigParts.cursor(), 2, new byte[] {'c'}, new byte[1]));
    assertNull(bigParts.splice().remove(bigParts.cursor(), 1));
    assertArrayEquals(before, big.toByteArray(), "nothing written");
  }
}
