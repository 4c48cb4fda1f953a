package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walks' node copy reads every node exactly as {@link NodeStore#load} does: keys, values and
 * children of V1 and V2 nodes, with overflow pages, keys spanning pages, and values past the copy.
 */
class ScanNodeTest {
  /** Reads every node of the map in {@code memory} both ways and compares what they hold. */
  private static int assertEveryNodeReadsAsLoaded(
      HeapMemory memory, Codec<?> keys, Codec<?> values) {
    TestTrees.Parts parts = TestTrees.parts(memory, keys, values);
    long root = memory.readLongLE(12);
    List<Long> nodes = TestTrees.nodes(parts.store(), root);
    ScanNode scan = new ScanNode(memory, parts.layout()); // one copy, reused for every node
    Codec<byte[]> raw = Codecs.bytes();
    for (long address : nodes) {
      Node node = parts.store().load(address, 0);
      scan.read(address, 7);
      String at = "node " + address;
      assertEquals(7, scan.epoch());
      assertEquals(address, scan.address(), at);
      assertEquals(node.count, scan.count(), at);
      assertEquals(node.leaf, scan.isLeaf(), at);
      for (int i = 0; i < node.count; i++) {
        assertArrayEquals(node.keys[i], scan.keyBytes(i), at + " key " + i);
        assertArrayEquals(node.keys[i], scan.key(i, raw), at + " decoded key " + i);
        assertEquals(node.keys[i].length, scan.keyLength(i), at);
        byte[] into = scan.copyKey(i, new byte[1]);
        assertArrayEquals(
            node.keys[i], java.util.Arrays.copyOf(into, scan.keyLength(i)), at + " copied key");
        assertArrayEquals(parts.store().value(node, i), scan.value(i, raw), at + " value " + i);
      }
      for (int i = 0; i < node.childCount; i++) {
        assertEquals(node.children[i], scan.child(i), at + " child " + i);
      }
    }
    return nodes.size();
  }

  @Test
  void v2NodesWithOverflowPagesReadAsLoaded() {
    // u64 -> u64: a full internal node (331 bytes) overflows its 275-byte page.
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 3000; i++) {
      tree.insert(i * 7919 % 3001, i);
    }
    assertTrue(tree.stats().overflowPages() > 0, "some internal nodes overflow");
    assertTrue(assertEveryNodeReadsAsLoaded(memory, Codecs.u64(), Codecs.u64()) > 100);
  }

  @Test
  void bigValuesPastTheCopyAndKeysSpanningPagesReadAsLoaded() {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, Codecs.bytes(), Codecs.bytes());
    TestRandom rng = new TestRandom(5);
    for (int i = 0; i < 120; i++) {
      byte[] key = TestRandom.bytes((int) rng.nextBelow(i % 5 == 0 ? 2500 : 30), rng.next());
      int size = i % 9 == 0 ? ScanNode.FLAT_MAX + 3000 : (int) rng.nextBelow(600);
      tree.insert(key, TestRandom.bytes(size, rng.next()));
    }
    assertTrue(assertEveryNodeReadsAsLoaded(memory, Codecs.bytes(), Codecs.bytes()) > 5);
  }

  @Test
  void v1NodesReadAsLoaded() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> blob = Codecs.blob(6);
    BTree<byte[], byte[]> tree = BTreeFactory.createV1(memory, blob, blob);
    TestRandom rng = new TestRandom(3);
    for (int i = 0; i < 400; i++) {
      tree.insert(
          TestRandom.bytes((int) rng.nextBelow(7), rng.next()),
          TestRandom.bytes((int) rng.nextBelow(7), rng.next()));
    }
    assertEquals(1, memory.readByte(memory.readLongLE(12) + 3), "the root is a V1 node");
    assertTrue(assertEveryNodeReadsAsLoaded(memory, blob, blob) > 10);
  }

  /** The first leaf, or the first internal node with at least two entries. */
  private static long find(HeapMemory memory, TestTrees.Parts parts, boolean leaf) {
    for (long address : TestTrees.nodes(parts.store(), memory.readLongLE(12))) {
      Node node = parts.store().load(address, 0);
      if (node.leaf == leaf && (leaf || node.count >= 2)) {
        return address;
      }
    }
    throw new AssertionError("no such node");
  }

  @Test
  void aDamagedNodeIsCorruptionWhenRead() {
    HeapMemory memory = BTreeTest.deepU64Tree();
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    long leaf = find(memory, parts, true);
    ScanNode scan = new ScanNode(memory, parts.layout());
    scan.read(leaf, 0);

    memory.writeShortLE(leaf + 5, 12); // more entries than a node holds
    assertThrows(CorruptedStructureException.class, () -> scan.read(leaf, 0));
    memory.writeShortLE(leaf + 5, scan.count());
    long firstValue = NodeLayout.v2KeysAt(true, scan.count()) + 8L * scan.count();
    memory.writeIntLE(leaf + firstValue, 1 << 30); // a value past the node's pages
    assertThrows(CorruptedStructureException.class, () -> scan.read(leaf, 0));
    memory.writeIntLE(leaf + firstValue, 8);
    scan.read(leaf, 0);
    memory.writeByte(leaf, (byte) 'X');
    assertThrows(CorruptedStructureException.class, () -> scan.read(leaf, 0));
    assertThrows(CorruptedStructureException.class, () -> scan.read(leaf + 1, 0));
    assertThrows(CorruptedStructureException.class, () -> scan.read(1L << 40, 0));
  }

  @Test
  void aDamagedOverflowChainIsCorruptionWhenANodeNeedsIt() {
    HeapMemory memory = new HeapMemory();
    BTree<String, byte[]> tree = BTreeFactory.create(memory, Codecs.string(), Codecs.bytes());
    tree.insert("a", new byte[5000]);
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.string(), Codecs.bytes());
    long node = BTreeTest.FIRST_NODE;
    ScanNode scan = new ScanNode(memory, parts.layout());
    scan.read(node, 0);
    assertEquals(5000, scan.value(0, Codecs.bytes()).length);
    long page = memory.readLongLE(node + NodeLayout.V2_OVERFLOW_OFFSET);
    memory.writeLongLE(page + NodeLayout.OVERFLOW_NEXT_OFFSET, page); // a cycle
    assertThrows(CorruptedStructureException.class, () -> scan.read(node, 0));
    memory.writeLongLE(page + NodeLayout.OVERFLOW_NEXT_OFFSET, 0);
    memory.writeByte(page, (byte) 'X'); // bad magic
    assertThrows(CorruptedStructureException.class, () -> scan.read(node, 0));
  }

  @Test
  void prefetchingSkipsBadChildrenThatReadingThenReports() {
    HeapMemory memory = BTreeTest.deepU64Tree();
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    long node = find(memory, parts, false);
    ScanNode scan = new ScanNode(memory, parts.layout());
    memory.writeLongLE(node + NodeLayout.V2_CHILDREN_OFFSET + 8, 1L << 40); // child 1: outside
    memory.writeLongLE(node + NodeLayout.V2_CHILDREN_OFFSET + 16, node + 1); // child 2: off-grid
    scan.read(node, 0);
    scan.prefetchChildren(0, scan.count() + 1); // does not throw
    assertThrows(CorruptedStructureException.class, () -> scan.read(scan.child(1), 0));
    assertThrows(CorruptedStructureException.class, () -> scan.read(scan.child(2), 0));
  }

  /**
   * A node with overflow pages and smaller than the copy's limit is copied whole when it is read:
   * its keys and values then decode without another read of memory.
   */
  @Test
  void aNodeWithOverflowPagesIsCopiedWholeSoDecodingReadsNoMore() {
    AllocatorTest.CountingReads memory = new AllocatorTest.CountingReads();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, Codecs.bytes(), Codecs.bytes());
    byte[] value = TestRandom.bytes(5000, 1);
    tree.insert(new byte[] {7}, value);
    assertTrue(tree.stats().overflowPages() >= 4, "the leaf has overflow pages");
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.bytes(), Codecs.bytes());
    ScanNode scan = new ScanNode(memory, parts.layout());
    scan.read(BTreeTest.FIRST_NODE, 0);
    memory.reads = 0;
    assertArrayEquals(new byte[] {7}, scan.key(0, Codecs.bytes()));
    assertArrayEquals(value, scan.value(0, Codecs.bytes()));
    assertEquals(0, memory.reads, "reads after the node was copied");
  }

  /**
   * A walk's end bound in a codec's own order (here the reverse of the bytes' order) is compared by
   * the codec, entry by entry and for a whole leaf at once: every range holds what a TreeMap with
   * the codec's order holds, in both directions.
   */
  @Test
  void aRangesEndInACodecsOwnOrderIsComparedByTheCodec() {
    Codec<Long> keys = BTreePropertyTest.REVERSED_U64;
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), keys, Codecs.u64());
    java.util.TreeMap<Long, Long> model = new java.util.TreeMap<>(keys);
    for (long i = 0; i < 600; i++) {
      tree.insert(i * 3, i);
      model.put(i * 3, i);
    }
    long[][] ranges = {{1500, 20}, {1500, 21}, {900, 3}, {1797, 0}, {40, 39}};
    for (long[] r : ranges) {
      for (boolean descending : new boolean[] {false, true}) {
        java.util.NavigableMap<Long, Long> expected = model.subMap(r[0], true, r[1], false);
        if (descending) {
          expected = expected.descendingMap();
        }
        List<Long> walked = new java.util.ArrayList<>();
        tree.iterator(r[0], true, r[1], false, descending)
            .forEachRemaining(true, false, (k, v) -> walked.add(k));
        List<Long> stepped = new java.util.ArrayList<>();
        Iterator<? extends java.util.Map.Entry<Long, Long>> it =
            tree.iterator(r[0], true, r[1], false, descending);
        while (it.hasNext()) {
          stepped.add(it.next().getKey());
        }
        String at = java.util.Arrays.toString(r) + (descending ? " descending" : "");
        assertEquals(List.copyOf(expected.keySet()), walked, at);
        assertEquals(walked, stepped, at);
      }
    }
  }
}
