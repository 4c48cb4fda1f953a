package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A cursor reads every node as a full load does: V1 nodes, V2 nodes with fixed-size keys, and V2
 * nodes whose keys and values run into overflow pages.
 */
class CursorTest {
  @Test
  void u64NodesReadInPlaceAsLoaded() {
    check(Codecs.u64(), Codecs.u64(), TestRandom::next, TestRandom::next, false, 3000);
  }

  @Test
  void longKeysAndValuesAcrossPagesReadInPlaceAsLoaded() {
    check(
        Codecs.bytes(),
        Codecs.bytes(),
        r -> TestRandom.bytes((int) r.nextBelow(r.nextBelow(5) == 0 ? 1500 : 30), r.next()),
        r -> TestRandom.bytes((int) r.nextBelow(r.nextBelow(5) == 0 ? 3000 : 30), r.next()),
        false,
        400);
  }

  @Test
  void v1NodesReadInPlaceAsLoaded() {
    check(
        Codecs.blob(12),
        Codecs.blob(20),
        r -> TestRandom.bytes((int) r.nextBelow(13), r.next()),
        r -> TestRandom.bytes((int) r.nextBelow(21), r.next()),
        true,
        1000);
  }

  /**
   * V1 slots interleave keys and values, so with values of up to 1,000 bytes the later u64 keys of
   * a node lie past the window: they are read from memory, one long at a time, and found.
   */
  @Test
  void v1U64KeysPastTheWindowAreSearchedAsLongs() {
    check(
        Codecs.u64(),
        Codecs.blob(1000),
        TestRandom::next,
        r -> TestRandom.bytes((int) r.nextBelow(1001), r.next()),
        true,
        200);
  }

  /**
   * Pages of about 5 KiB, five times the cursor's window: keys and values between the window's end
   * and the page's end are read from memory, the rest through the overflow pages.
   */
  @Test
  void keysAndValuesPastTheWindowInALargeFirstPageReadInPlaceAsLoaded() {
    Codec<byte[]> blob = Codecs.blob(300);
    check(
        blob,
        blob,
        r -> TestRandom.bytes((int) r.nextBelow(301), r.next()),
        r -> TestRandom.bytes((int) r.nextBelow(301), r.next()),
        false,
        300);
  }

  /**
   * V1 nodes of 1,291 bytes, larger than the window: the last child of a full internal node ends
   * exactly at the node's end, past the window, and is read from memory as a field inside the node.
   * Ascending inserts fill the root to 11 keys before it splits.
   */
  @Test
  void theLastChildOfAFullV1NodeLargerThanTheWindowIsRead() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> blob = Codecs.blob(50);
    BTree<byte[], byte[]> tree = BTreeFactory.createV1(memory, blob, blob);
    for (int i = 0; ; i++) {
      tree.insert(new byte[] {(byte) (i >> 8), (byte) i}, new byte[50]);
      TestTrees.Parts parts = TestTrees.parts(memory, blob, blob);
      Node root = parts.store().load(tree.rootAddress(), 0);
      if (!root.leaf && root.count == Node.CAPACITY) {
        assertTrue(parts.layout().pageSize() > Cursor.windowSize(1 << 20));
        Cursor cursor = parts.cursor();
        cursor.open(tree.rootAddress());
        for (int c = 0; c <= Node.CAPACITY; c++) {
          assertEquals(root.children[c], cursor.child(c), "child " + c);
        }
        return;
      }
    }
  }

  /**
   * A leaf whose count says 11 fixed-size keys of 200 bytes, which its page (1,859 bytes, no
   * overflow pages) cannot hold: the cursor refuses it when it opens it, before any search reads a
   * key.
   */
  @Test
  void aLeafClaimingMoreFixedKeysThanItsPageHoldsIsCorruptionWhenOpened() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> keys = Codecs.byteArray(200);
    BTreeFactory.create(memory, keys, Codecs.u64()).insert(new byte[200], 1L);
    TestTrees.Parts parts = TestTrees.parts(memory, keys, Codecs.u64());
    long leaf = BTreeFactory.FIRST_NODE;
    parts.cursor().open(leaf);
    assertTrue(NodeLayout.v2KeysAt(true, 11) + 11 * 200 > parts.layout().pageSize());
    memory.writeShortLE(leaf + 5, 11);
    assertThrows(CorruptedStructureException.class, () -> parts.cursor().open(leaf));
  }

  private static <K, V> void check(
      Codec<K> keys,
      Codec<V> values,
      Function<TestRandom, K> key,
      Function<TestRandom, V> value,
      boolean v1,
      int entries) {
    HeapMemory memory = new HeapMemory();
    BTree<K, V> tree =
        v1
            ? BTreeFactory.createV1(memory, keys, values)
            : BTreeFactory.create(memory, keys, values);
    TestRandom rng = new TestRandom(entries);
    for (int i = 0; i < entries; i++) {
      tree.insert(key.apply(rng), value.apply(rng));
    }
    TestTrees.Parts parts = TestTrees.parts(memory, keys, values);
    Cursor cursor = parts.cursor();
    int nodes = 0;
    for (long address : TestTrees.nodes(parts.store(), tree.rootAddress())) {
      Node node = parts.store().load(address, 0);
      cursor.open(address);
      assertEquals(node.count, cursor.count());
      assertEquals(node.leaf, cursor.isLeaf());
      for (int i = 0; i < node.childCount; i++) {
        assertEquals(node.children[i], cursor.child(i));
      }
      for (int i = 0; i < node.count; i++) {
        assertEquals(i, cursor.searchBytes(node.keys[i]), "key " + i + " of " + address);
        assertEquals(i, cursor.searchDecoded(keys, keys.decode(node.keys[i])));
        V expected = values.decode(parts.store().value(node, i));
        V actual = cursor.value(i, values);
        assertTrue(Objects.deepEquals(expected, actual), "value " + i + " of " + address);
        if (KeyOrder.of(keys).searchesLongs()) {
          assertEquals(i, cursor.searchLong(cursor.storedLong(i)));
        }
      }
      nodes++;
    }
    assertEquals(tree.stats().nodes(), nodes);
  }
}
