package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeStore} beyond what {@link NodeStoreLoadTest} covers: which nodes are decoded from
 * their copy (values included), the edges of the copy's checks, keys of no bytes, the addresses a
 * load checks, V1 nodes that stay V1, and the node cache kept true through saves and frees.
 */
class NodeStoreTest {
  /** Keys with a length prefix; with unbounded values the page is 1,024 bytes. */
  private static final Codec<byte[]> KEYS = Codecs.blob(16);

  private static final Codec<byte[]> VALUES = Codecs.bytes();

  private static final int PAGE = 1024;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A map of {@link #KEYS} and {@link #VALUES} with the given entries, value lengths given. */
  private static HeapMemory map(Object... keysAndValueLengths) {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, KEYS, VALUES);
    for (int i = 0; i < keysAndValueLengths.length; i += 2) {
      int length = (Integer) keysAndValueLengths[i + 1];
      tree.insert(bytes((String) keysAndValueLengths[i]), TestRandom.bytes(length, i));
    }
    return memory;
  }

  private static NodeStore store(HeapMemory memory) {
    return TestTrees.parts(memory, KEYS, VALUES).store();
  }

  /** Loads a node and asserts it came from the copy: every value already read. */
  private static Node assertDecodedFromTheCopy(NodeStore store, long address, String what) {
    Node node = store.load(address, 0);
    for (int i = 0; i < node.count; i++) {
      assertNotNull(node.values[i], what + ": value " + i + " left to read lazily");
    }
    return node;
  }

  @Test
  void nodesOfSmallPagesAreDecodedFromTheirCopyValuesIncluded() {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, KEYS, VALUES);
    for (int i = 0; i < 60; i++) {
      tree.insert(bytes("k" + i), TestRandom.bytes(i % 7, i));
    }
    NodeStore store = store(memory);
    List<Long> nodes = TestTrees.nodes(store, tree.rootAddress());
    assertTrue(nodes.size() > 3, "internal nodes and leaves");
    for (long address : nodes) {
      assertDecodedFromTheCopy(store, address, "node " + address);
    }
    // One overflow page: the node, 2,037 bytes at most, is copied with it.
    Node big = assertDecodedFromTheCopy(store(map("a", 1500, "b", 1)), BTreeFactory.FIRST_NODE, "");
    assertEquals(1, big.overflowCount);
  }

  @Test
  void leavesThatExactlyFillTheirPageAreDecodedFromTheirCopy() {
    long leaf = BTreeFactory.FIRST_NODE;
    // One entry: 15 header bytes, 4 + 1 for the key, 4 + 1,000 for the value.
    Node one = assertDecodedFromTheCopy(store(map("a", 1000)), leaf, "one entry");
    // Two entries, the last value empty: its length field is the page's last 4 bytes.
    Node two = assertDecodedFromTheCopy(store(map("a", 991, "c", 0)), leaf, "empty last value");
    assertEquals(0, one.overflowCount + two.overflowCount, "no overflow page");
    assertEquals(0, two.values[1].length);
  }

  @Test
  void aSmallLeafIsLoadedWithOneRead() {
    for (HeapMemory image : List.of(map("a", 3, "b", 0, "c", 7), map("a", 991, "c", 0))) {
      AllocatorTest.CountingReads memory = new AllocatorTest.CountingReads();
      memory.heap.grow(image.size());
      memory.heap.write(0, image.toByteArray());
      NodeStore store = TestTrees.parts(memory, KEYS, VALUES).store();
      memory.reads = 0;
      store.load(BTreeFactory.FIRST_NODE, 0);
      assertEquals(1, memory.reads, "the page is read once and decoded from the copy");
    }
  }

  /** Writes a u32 length into the leaf at {@code at}, then expects its load to be corruption. */
  private static void assertCorruptAfterWriting(HeapMemory memory, long at, int length) {
    long leaf = BTreeFactory.FIRST_NODE;
    memory.writeIntLE(leaf + at, length);
    NodeStore store = store(memory);
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, () -> store.load(leaf, 0), "at " + at);
    assertTrue(e.getMessage().contains("past its pages"), e.getMessage());
  }

  @Test
  void lengthsThatStraddleOrRunJustPastThePageAreCorruption() {
    // Key 0's length made 1,003: key 1's length field then starts at 1,022 and straddles the end.
    assertCorruptAfterWriting(map("a", 1, "b", 1), 15, 1003);
    // Value 0's length (at 25) made 993: value 1's length field starts at 1,022.
    assertCorruptAfterWriting(map("a", 1, "b", 1), 25, 993);
    // The only value (at 24) made 1,001 bytes: it would end at 1,025, one byte past the page.
    assertCorruptAfterWriting(map("a", 1), 20, PAGE - 24 + 1);
  }

  @Test
  void fixedKeysOfNoBytesLoadOnBothPaths() {
    for (Codec<byte[]> values : List.of(Codecs.bytes(), Codecs.blob(600))) {
      Codec<byte[]> keys = Codecs.byteArray(0);
      HeapMemory memory = new HeapMemory();
      BTreeFactory.create(memory, keys, values).insert(new byte[0], bytes("value"));
      TestTrees.Parts parts = TestTrees.parts(memory, keys, values);
      Node node = parts.store().load(BTreeFactory.FIRST_NODE, 0);
      String path = parts.layout().pageSize() <= NodeStore.COPIED_PAGE ? "copy" : "by field";
      assertEquals(1, node.count, path);
      assertEquals(0, node.keys[0].length, path);
      assertArrayEquals(bytes("value"), parts.store().value(node, 0), path);
    }
  }

  @Test
  void aLoadRefusesANodePastTheEndAndAChildOffTheChunkGrid() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 30; i++) {
      tree.insert(i, i);
    }
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    long stride = parts.allocator().chunkStride();
    long pastTheEnd = BTreeFactory.FIRST_NODE + (memory.sizeInBytes() / stride) * stride;
    assertThrows(CorruptedStructureException.class, () -> parts.store().load(pastTheEnd, 0));
    long root = tree.rootAddress();
    memory.writeLongLE(root + NodeLayout.V2_CHILDREN_OFFSET, BTreeFactory.FIRST_NODE + 1);
    assertThrows(CorruptedStructureException.class, () -> parts.store().load(root, 0), "child");
  }

  @Test
  void aV1NodeWhoseEntriesFillTheirSlotsExactlyStaysV1() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> keys = Codecs.blob(10);
    Codec<byte[]> values = Codecs.blob(20);
    BTree<byte[], byte[]> tree = BTreeFactory.createV1(memory, keys, values);
    tree.insert(new byte[10], new byte[20]);
    tree.insert(new byte[] {1}, new byte[20]);
    tree.insert(new byte[] {2}, new byte[3]);
    tree.insert(new byte[] {3}, new byte[3]); // each insert saves the leaf again
    Node leaf = TestTrees.parts(memory, keys, values).store().load(tree.rootAddress(), 0);
    assertEquals(1, leaf.version);
    assertEquals(4, leaf.count);
  }

  @Test
  void aV2NodeInAMigratedMapOf4096BytePagesIsDecodedFromItsCopy() {
    // A V1 map of 4,096-byte nodes (slots of 100 and 255 bytes: 7 + 11 * 363 + 96), reopened with
    // unbounded values: V2 derived, with pages of exactly the largest size a load copies whole. A
    // value wider than its slot makes the leaf's next save a V2 node at the same address.
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> keys = Codecs.blob(100);
    BTreeFactory.createV1(memory, keys, Codecs.blob(255)).insert(bytes("a"), new byte[255]);
    BTree<byte[], byte[]> wider = BTreeFactory.load(memory, keys, VALUES);
    wider.insert(bytes("b"), TestRandom.bytes(300, 1));
    TestTrees.Parts parts = TestTrees.parts(memory, keys, VALUES);
    assertEquals(NodeStore.COPIED_PAGE, parts.layout().pageSize());
    Node leaf = assertDecodedFromTheCopy(parts.store(), wider.rootAddress(), "the rewritten leaf");
    assertEquals(2, leaf.version);
    assertEquals(2, leaf.count);
    assertArrayEquals(TestRandom.bytes(300, 1), leaf.values[1]);
  }

  @Test
  void mergingALeafWithAnInternalNodeIsCorruption() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.u64(), Codecs.u64()).insert(1L, 1L);
    NodeStore store = TestTrees.parts(memory, Codecs.u64(), Codecs.u64()).store();
    Node leaf = store.allocate(true, 2);
    leaf.insertEntry(0, Codecs.u64().encode(10L), new byte[8]);
    Node internal = store.allocate(false, 2);
    internal.insertEntry(0, Codecs.u64().encode(30L), new byte[8]);
    internal.pushChild(leaf.address);
    internal.pushChild(leaf.address);
    byte[][] median = {Codecs.u64().encode(20L), new byte[8]};
    assertThrows(
        CorruptedStructureException.class,
        () -> store.merge(leaf, internal, median, KeyOrder.of(Codecs.u64())));
  }

  /** Asserts that every node the tree's cache holds is one of its nodes, as stored now. */
  private static void assertCacheHoldsLiveNodes(BTree<Long, Long> tree, HeapMemory memory) {
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    List<Long> live = TestTrees.nodes(parts.store(), tree.rootAddress());
    for (long address : tree.nodeCache().addresses()) {
      assertTrue(live.contains(address), "the cache holds " + address + ", not a node now");
    }
  }

  @Test
  void freedInternalNodesLeaveTheCache() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 600; i++) {
      tree.insert(i, i); // three levels
    }
    for (long i = 0; i < 595; i++) {
      for (long k = i; k < 600; k++) {
        tree.get(k); // caches the internal nodes, those a merge is about to free among them
      }
      assertTrue(i > 0 || tree.cachedNodes() > 3, "internal nodes cached");
      tree.remove(i);
      assertCacheHoldsLiveNodes(tree, memory);
    }
  }

  @Test
  void aV1TreesCachedInternalNodesFollowEverySave() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.createV1(memory, Codecs.u64(), Codecs.u64());
    Random random = new Random(5);
    java.util.TreeMap<Long, Long> model = new java.util.TreeMap<>();
    for (int i = 0; i < 3000; i++) {
      long k = random.nextInt(5000);
      tree.insert(k, (long) i);
      model.put(k, (long) i);
      if (i % 50 == 0) {
        for (long key : model.keySet()) {
          assertEquals(model.get(key), tree.get(key), "key " + key + " after " + i + " inserts");
        }
      }
    }
    assertTrue(tree.cachedNodes() > 0, "V1 u64 trees cache internal nodes");
    assertCacheHoldsLiveNodes(tree, memory);
  }
}
