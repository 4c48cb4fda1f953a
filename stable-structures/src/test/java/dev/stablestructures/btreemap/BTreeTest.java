package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.OrderedLongCodec;
import dev.stablestructures.codec.U64Codec;
import dev.stablestructures.codec.Unit;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BTreeTest {
  static final long FIRST_NODE = 116;

  static byte[] hex(String s) {
    s = s.replace(" ", "");
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  // ------------------------------------------------------------------ spec examples

  @Test
  void u64NodeBytesMatchTheSpecExample() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long k = 0; k < 3; k++) {
      tree.insert(k, k * 100);
    }
    assertArrayEquals(
        hex("425452 02 13010000 ffffffff 7400000000000000 0300000000000000"),
        memory.readBytes(0, 28));
    assertArrayEquals(
        hex(
            "42544e 02 00 0300 0000000000000000"
                + "0000000000000000 0000000000000001 0000000000000002"
                + "08000000 0000000000000000 08000000 0000000000000064"
                + "08000000 00000000000000c8"),
        memory.readBytes(FIRST_NODE, 15 + 24 + 36));
    // Allocator: BTA v1, chunk size 275, one chunk, head = next chunk header.
    assertArrayEquals(
        hex("425441 01 00000000 1301000000000000 0100000000000000"), memory.readBytes(52, 24));
    assertEquals(100 + 16 + 275, memory.readLongLE(52 + 24));
  }

  @Test
  void pageSizesFollowTheCrate() {
    assertEquals(275, BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64()).pageSize());
    assertEquals(
        308, BTreeFactory.create(new HeapMemory(), Codecs.blob(10), Codecs.blob(10)).pageSize());
    assertEquals(
        176, BTreeFactory.create(new HeapMemory(), Codecs.u32(), Codecs.unit()).pageSize());
    assertEquals(
        382, BTreeFactory.create(new HeapMemory(), Codecs.blob(29), Codecs.unit()).pageSize());
    assertEquals(
        1024, BTreeFactory.create(new HeapMemory(), Codecs.string(), Codecs.bytes()).pageSize());
    assertEquals(
        1024, BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.bytes()).pageSize());
  }

  @Test
  void oneLargeValueUsesTwoOverflowPages() {
    BTree<String, byte[]> tree =
        BTreeFactory.create(new HeapMemory(), Codecs.string(), Codecs.bytes());
    tree.insert("big", new byte[3000]);
    BTreeStats stats = tree.stats();
    assertEquals(3, stats.allocatedChunks());
    assertEquals(2, stats.overflowPages());
    assertEquals(1, stats.nodes());
    assertEquals(0, stats.freeChunks());
    assertEquals(1024, stats.chunkSize());
    assertEquals(100 + 3 * (1024 + 16) + 16, stats.bytesUsed());
    tree.insert("big", new byte[10]);
    stats = tree.stats();
    assertEquals(1, stats.allocatedChunks(), "shrinking a node frees its overflow pages");
    assertEquals(2, stats.freeChunks());
    assertEquals(0, stats.overflowPages());
  }

  // ------------------------------------------------------------------ opening

  @Test
  void initRefusesForeignMagicAndLeavesMemoryUntouched() {
    String[][] magics = {
      {"SVC", "StableVec"}, {"SMH", "MinHeap"}, {"SCL", "Cell"},
      {"MGR", "MemoryManager"}, {"GLI", "Log's index"}, {"GLD", "Log's data"}
    };
    for (String[] m : magics) {
      HeapMemory memory = new HeapMemory();
      memory.grow(1);
      memory.write(0, m[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      memory.writeByte(3, (byte) 1);
      byte[] before = memory.toByteArray();
      BadMagicException e =
          assertThrows(
              BadMagicException.class, () -> BTreeFactory.init(memory, Codecs.u64(), Codecs.u64()));
      assertTrue(e.getMessage().contains("'" + m[0] + "'"), e.getMessage());
      assertTrue(e.getMessage().contains(m[1]), e.getMessage());
      assertArrayEquals(before, memory.toByteArray());
    }
    HeapMemory garbage = new HeapMemory();
    garbage.grow(1);
    garbage.write(0, new byte[] {1, 2, 3});
    BadMagicException e =
        assertThrows(
            BadMagicException.class, () -> BTreeFactory.init(garbage, Codecs.u64(), Codecs.u64()));
    assertTrue(e.getMessage().contains("01 02 03"), e.getMessage());
    assertThrows(
        BadMagicException.class,
        () -> BTreeFactory.load(new HeapMemory(), Codecs.u64(), Codecs.u64()));
  }

  @Test
  void unknownVersionIsRefused() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.u64(), Codecs.u64()).insert(1L, 2L);
    memory.writeByte(3, (byte) 3);
    assertThrows(
        UnsupportedVersionException.class,
        () -> BTreeFactory.init(memory, Codecs.u64(), Codecs.u64()));
  }

  @Test
  void initLoadsAnExistingMap() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.init(memory, Codecs.u64(), Codecs.u64()).insert(5L, 6L);
    BTree<Long, Long> again = BTreeFactory.init(memory, Codecs.u64(), Codecs.u64());
    assertEquals(6L, again.get(5L));
    assertEquals(1, again.size());
  }

  @Test
  void tooSmallPageSizeIsIncompatible() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    memory.writeIntLE(4, 100);
    assertThrows(
        IncompatibleLayoutException.class,
        () -> BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()));
  }

  @Test
  void v1MapRefusesWiderBoundedCodecsButAcceptsUnboundedAndNarrower() {
    byte[] dump = VectorFiles.referenceRepo("btreemap_v1_packed_headers.dump");
    assertThrows(
        IncompatibleLayoutException.class,
        () -> BTreeFactory.load(HeapMemory.of(dump), Codecs.blob(11), Codecs.blob(10)));
    assertThrows(
        IncompatibleLayoutException.class,
        () -> BTreeFactory.load(HeapMemory.of(dump), Codecs.blob(10), Codecs.blob(11)));
    assertArrayEquals(
        new byte[] {4, 5, 6},
        BTreeFactory.load(HeapMemory.of(dump), Codecs.bytes(), Codecs.bytes())
            .get(new byte[] {1, 2, 3}));
    assertArrayEquals(
        new byte[] {4, 5, 6},
        BTreeFactory.load(HeapMemory.of(dump), Codecs.blob(5), Codecs.blob(8))
            .get(new byte[] {1, 2, 3}));
  }

  // ------------------------------------------------------------------ bounds

  @Test
  void boundsAreCheckedBeforeAnythingIsWritten() {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, Codecs.blob(4), Codecs.blob(4));
    byte[] empty = memory.toByteArray();
    assertThrows(BoundExceededException.class, () -> tree.insert(new byte[5], new byte[1]));
    assertThrows(BoundExceededException.class, () -> tree.insert(new byte[1], new byte[5]));
    assertArrayEquals(empty, memory.toByteArray());
    for (int i = 0; i < 40; i++) {
      tree.insert(new byte[] {(byte) i}, new byte[] {1});
    }
    byte[] full = memory.toByteArray();
    long mod = tree.keySetEpoch();
    assertThrows(BoundExceededException.class, () -> tree.insert(new byte[5], new byte[1]));
    assertThrows(BoundExceededException.class, () -> tree.insert(new byte[] {3}, new byte[9]));
    assertThrows(NullPointerException.class, () -> tree.insert(null, new byte[1]));
    assertArrayEquals(full, memory.toByteArray());
    assertEquals(mod, tree.keySetEpoch());
    assertNull(tree.get(new byte[9]), "over-long lookups are just absent");
    assertNull(tree.remove(new byte[9]));
    BTree<Long, Long> fixed = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    assertEquals(0, fixed.size());
  }

  // ------------------------------------------------------------------ V1 and migration

  @Test
  void v1TreeRunsAllOperationsAndMigratesOnReload() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> blob = Codecs.blob(6);
    BTree<byte[], byte[]> tree = BTreeFactory.createV1(memory, blob, blob);
    NavigableMap<byte[], byte[]> model = new TreeMap<>(blob);
    TestRandom rng = new TestRandom(11);
    for (int op = 0; op < 3000; op++) {
      byte[] k = TestRandom.bytes((int) rng.nextBelow(7), rng.nextBelow(30));
      long r = rng.nextBelow(10);
      if (r < 5) {
        byte[] v = TestRandom.bytes((int) rng.nextBelow(7), rng.next());
        BTreePropertyTest.assertSame(model.put(k, v), tree.insert(k, v), "insert " + op);
      } else if (r < 8) {
        BTreePropertyTest.assertSame(model.remove(k), tree.remove(k), "remove " + op);
      } else if (r < 9) {
        BTreePropertyTest.assertEntry(model.pollFirstEntry(), tree.popFirst(), "pop " + op);
      } else {
        BTreePropertyTest.assertEntry(model.pollLastEntry(), tree.popLast(), "pop " + op);
      }
      if (op == 1500) {
        assertEquals(1, memory.readByte(3), "a V1 map keeps version byte 1");
        tree = BTreeFactory.load(memory, blob, blob);
      }
    }
    TestTrees.assertSameContent("v1", BTreeFactory.load(memory, blob, blob), model);
    assertEquals(1, memory.readByte(3));
  }

  /** Pitfall 3.7.2: the crate writes a long key over a V1 slot; we rewrite the node as V2. */
  @Test
  void migratedV1NodeTakesLongerEntriesWithoutCorruption() {
    HeapMemory memory = HeapMemory.of(VectorFiles.referenceRepo("btreemap_v1_packed_headers.dump"));
    BTree<byte[], byte[]> tree = BTreeFactory.load(memory, Codecs.bytes(), Codecs.bytes());
    NavigableMap<byte[], byte[]> model = new TreeMap<>(Codecs.bytes());
    model.put(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});

    // An entry that fits the slots keeps the node V1, byte-compatible with the crate.
    tree.insert(new byte[] {7}, new byte[] {8});
    model.put(new byte[] {7}, new byte[] {8});
    assertEquals(1, memory.readByte(FIRST_NODE + 3));

    byte[] longKey = new byte[20];
    java.util.Arrays.fill(longKey, (byte) 9);
    byte[] longValue = TestRandom.bytes(30, 100);
    tree.insert(longKey, longValue);
    model.put(longKey, longValue);
    assertEquals(2, memory.readByte(FIRST_NODE + 3), "the root leaf was rewritten as V2");

    tree = BTreeFactory.load(memory, Codecs.bytes(), Codecs.bytes());
    TestTrees.assertSameContent("pitfall", tree, model);

    TestRandom rng = new TestRandom(5);
    for (int i = 0; i < 600; i++) {
      byte[] k = TestRandom.bytes((int) rng.nextBelow(40), rng.nextBelow(50));
      byte[] v = TestRandom.bytes((int) rng.nextBelow(2000), rng.next());
      if (rng.nextBelow(3) == 0) {
        BTreePropertyTest.assertSame(model.remove(k), tree.remove(k), "remove " + i);
      } else {
        BTreePropertyTest.assertSame(model.put(k, v), tree.insert(k, v), "insert " + i);
      }
    }
    TestTrees.assertSameContent(
        "pitfall", BTreeFactory.load(memory, Codecs.bytes(), Codecs.bytes()), model);
    BTreeStats stats = tree.stats();
    assertEquals(stats.nodes() + stats.overflowPages(), stats.allocatedChunks());
  }

  // ------------------------------------------------------------------ clear, stats, iteration

  @Test
  void clearNewResetsInConstantTimeKeepingPageSize() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 500; i++) {
      tree.insert(i, i);
    }
    long pages = memory.size();
    long mod = tree.keySetEpoch();
    tree.clearNew();
    assertNotEquals(mod, tree.keySetEpoch());
    assertEquals(0, tree.size());
    assertNull(tree.get(3L));
    assertEquals(pages, memory.size(), "memory is never shrunk");
    BTreeStats stats = tree.stats();
    assertEquals(0, stats.allocatedChunks());
    assertEquals(0, stats.freeChunks());
    assertEquals(116, stats.bytesUsed());
    assertEquals(275, stats.chunkSize());
    tree.insert(9L, 10L);
    BTree<Long, Long> reopened = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    assertEquals(10L, reopened.get(9L));
    assertEquals(FIRST_NODE, reopened.rootAddress());
  }

  @Test
  void statsDescribeTheTree() {
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    assertEquals(0, tree.stats().depth());
    assertEquals(0.0, tree.stats().fillFactor());
    for (long i = 0; i < 1000; i++) {
      tree.insert(i, i);
    }
    BTreeStats stats = tree.stats();
    assertEquals(1000, stats.entries());
    assertTrue(stats.depth() >= 3 && stats.depth() <= 4, stats.toString());
    assertTrue(stats.nodes() >= 1000 / 11, stats.toString());
    assertEquals(stats.leafNodes() + stats.internalNodes(), stats.nodes());
    assertEquals(stats.nodes(), stats.allocatedChunks());
    assertEquals(0, stats.overflowPages());
    assertEquals(1000.0 / (stats.nodes() * 11), stats.fillFactor(), 1e-12);
    for (long i = 0; i < 500; i++) {
      tree.remove(i * 2);
    }
    BTreeStats after = tree.stats();
    assertTrue(after.nodes() < stats.nodes());
    assertTrue(after.freeChunks() > 0);
    assertTrue(after.bytesUsed() >= stats.bytesUsed(), "memory is never given back");
    assertEquals(
        after.allocatedChunks() + after.freeChunks(),
        (after.bytesUsed() - 116) / (after.chunkSize() + 16),
        "every chunk below the frontier is allocated or free");
    assertTrue(after.toString().contains("entries=500"));
  }

  @Test
  void iteratorValuesAreLazyAndModificationsAreDetected() {
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 8; i++) {
      tree.insert(i, i * 10);
    }
    Iterator<Map.Entry<Long, Long>> it = tree.iterator(null, true, null, true, false);
    Map.Entry<Long, Long> first = it.next();
    Map.Entry<Long, Long> second = it.next();
    long mod = tree.keySetEpoch();
    tree.insert(1L, 111L); // overwrite: not structural
    assertEquals(mod, tree.keySetEpoch());
    assertEquals(0L, first.getKey());
    assertEquals(0L, first.getValue());
    assertEquals(111L, second.getValue(), "a value rewritten since is looked up again");
    Map.Entry<Long, Long> third = it.next();
    assertEquals(2L, third.getKey(), "the iterator survives an overwrite");
    tree.insert(100L, 1L);
    assertNotEquals(mod, tree.keySetEpoch());
    assertThrows(ConcurrentModificationException.class, it::hasNext);
    tree.remove(2L);
    assertThrows(IllegalStateException.class, third::getValue, "its key is gone");
    tree.remove(1L);
    assertEquals(111L, second.getValue(), "a value read is kept");
    assertThrows(UnsupportedOperationException.class, () -> first.setValue(3L));
    long before = tree.keySetEpoch();
    assertNull(tree.remove(12345L));
    assertEquals(before, tree.keySetEpoch(), "a miss changes no key");
  }

  @Test
  void invertedAndEmptyRangesAreEmpty() {
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 100; i += 10) {
      tree.insert(i, i);
    }
    assertFalse(tree.iterator(50L, true, 30L, true, false).hasNext());
    assertFalse(tree.iterator(50L, true, 30L, true, true).hasNext());
    assertFalse(tree.iterator(30L, false, 30L, false, false).hasNext());
    assertEquals(1, tree.count(30L, true, 30L, true));
    assertEquals(0, tree.count(31L, true, 39L, true));
    assertEquals(10, tree.count(null, true, null, true));
    assertEquals(-1L, Long.valueOf(-1L), "sanity");
    tree.insert(-1L, 0L); // unsigned: the largest key
    assertEquals(-1L, tree.lastEntry().getKey());
  }

  @Test
  void setsAreMapsToUnit() {
    BTree<Integer, Unit> set = BTreeFactory.create(new HeapMemory(), Codecs.u32(), Codecs.unit());
    assertNull(set.insert(5, Unit.INSTANCE));
    assertEquals(Unit.INSTANCE, set.insert(5, Unit.INSTANCE));
    assertTrue(set.containsKey(5));
    assertEquals(Unit.INSTANCE, set.remove(5));
  }

  // ------------------------------------------------------------------ keys searched as longs

  /**
   * An {@link OrderedLongCodec} whose encodings are 16 bytes: the long, big-endian, then 8 zero
   * bytes. It orders like its longs, but its keys are not 8 bytes, so it must not be searched as
   * longs.
   */
  static final class WideLongCodec implements OrderedLongCodec<Long> {
    @Override
    public Bound bound() {
      return Bound.fixed(16);
    }

    @Override
    public byte[] encode(Long value) {
      return java.util.Arrays.copyOf(U64Codec.INSTANCE.encode(value), 16);
    }

    @Override
    public Long decode(byte[] bytes, int offset, int length) {
      return U64Codec.INSTANCE.decode(bytes, offset, 8);
    }

    @Override
    public long orderedLong(Long value) {
      return value;
    }

    @Override
    public int compare(Long a, Long b) {
      return Long.compareUnsigned(a, b);
    }

    @Override
    public boolean isByteOrdered() {
      return true;
    }
  }

  @Test
  void anOrderedLongCodecOfAnotherWidthIsSearchedByItsBytes() {
    BTree<Long, Long> tree =
        BTreeFactory.create(new HeapMemory(), new WideLongCodec(), Codecs.u64());
    for (long i = 0; i < 500; i++) {
      tree.insert(i * 3, i);
    }
    for (long i = 0; i < 500; i++) {
      assertEquals(i, tree.get(i * 3));
      assertTrue(tree.containsKey(i * 3));
      assertNull(tree.get(i * 3 + 1));
    }
    assertEquals(0, tree.cachedNodes(), "keys of 16 bytes have no long cache");
    assertEquals(250L, tree.remove(750L));
    assertEquals(499, tree.size());
  }

  // ------------------------------------------------------------------ corruption

  static HeapMemory deepU64Tree() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 500; i++) {
      tree.insert(i, i);
    }
    return memory;
  }

  static void assertCorrupted(Memory memory) {
    assertThrows(
        CorruptedStructureException.class,
        () -> {
          BTree<Long, Long> tree = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
          for (long i = 0; i < 500; i += 7) {
            tree.get(i);
          }
          Iterator<Map.Entry<Long, Long>> it = tree.iterator(null, true, null, true, false);
          while (it.hasNext()) {
            it.next().getValue();
          }
          it = tree.iterator(null, true, null, true, true);
          while (it.hasNext()) {
            it.next();
          }
          tree.stats();
          for (long i = 0; i < 500; i++) {
            tree.remove(i);
          }
        });
  }

  @Test
  void badNodeMagicIsCorruption() {
    HeapMemory memory = deepU64Tree();
    long root = memory.readLongLE(12);
    memory.writeByte(root, (byte) 'X');
    assertCorrupted(memory);
  }

  @Test
  void misalignedOrOutsideChildIsCorruption() {
    HeapMemory memory = deepU64Tree();
    long root = memory.readLongLE(12);
    memory.writeLongLE(root + 15, memory.readLongLE(root + 15) + 1);
    assertCorrupted(memory);
    memory = deepU64Tree();
    root = memory.readLongLE(12);
    memory.writeLongLE(root + 15 + 8, 1L << 40);
    assertCorrupted(memory);
  }

  @Test
  void tooManyEntriesIsCorruption() {
    HeapMemory memory = deepU64Tree();
    long root = memory.readLongLE(12);
    memory.writeShortLE(root + 5, 12);
    assertCorrupted(memory);
  }

  @Test
  void cycleThroughTheRootIsCorruptionNotALoop() {
    HeapMemory memory = deepU64Tree();
    long root = memory.readLongLE(12);
    long child = memory.readLongLE(root + 15);
    memory.writeLongLE(child + 15, root); // the first grandchild link points back at the root
    assertCorrupted(memory);
    HeapMemory self = deepU64Tree();
    long r = self.readLongLE(12);
    self.writeLongLE(r + 15, r); // the root is its own first child
    assertCorrupted(self);
  }

  @Test
  void overflowChainCycleIsCorruption() {
    HeapMemory memory = new HeapMemory();
    BTree<String, byte[]> tree = BTreeFactory.create(memory, Codecs.string(), Codecs.bytes());
    tree.insert("a", new byte[5000]);
    long page = memory.readLongLE(FIRST_NODE + 7);
    memory.writeLongLE(page + 3, page);
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(memory, Codecs.string(), Codecs.bytes()).get("a"));
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(memory, Codecs.string(), Codecs.bytes()).insert("b", new byte[1]));
    memory.writeLongLE(page + 3, 0);
    memory.writeByte(page, (byte) 'X');
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(memory, Codecs.string(), Codecs.bytes()).get("a"));
  }

  @Test
  void hugeStoredLengthIsCorruptionNotAnAllocation() {
    HeapMemory memory = new HeapMemory();
    BTree<String, byte[]> tree = BTreeFactory.create(memory, Codecs.string(), Codecs.bytes());
    tree.insert("a", new byte[5]);
    memory.writeIntLE(FIRST_NODE + 15 + 4 + 1, 0x7FFFFFF0); // the value's length
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(memory, Codecs.string(), Codecs.bytes()).get("a"));
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(memory, Codecs.string(), Codecs.bytes()).firstEntry());
  }

  @Test
  void damagedAllocatorOrRootIsCorruption() {
    HeapMemory memory = deepU64Tree();
    memory.writeLongLE(52 + 24, 12345);
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()));
    HeapMemory other = deepU64Tree();
    other.writeLongLE(12, 7);
    assertThrows(
        CorruptedStructureException.class,
        () -> BTreeFactory.load(other, Codecs.u64(), Codecs.u64()));
    HeapMemory third = deepU64Tree();
    long head = third.readLongLE(52 + 24);
    third.writeByte(head, (byte) 'Z');
    BTree<Long, Long> tree = BTreeFactory.load(third, Codecs.u64(), Codecs.u64());
    assertThrows(
        CorruptedStructureException.class,
        () -> {
          for (long i = 0; i < 100; i++) {
            tree.insert(100_000L + i, 1L); // some insert must allocate a chunk
          }
        });
    assertThrows(CorruptedStructureException.class, tree::stats);
  }

  @Test
  void imagesCopyLikeTheyShould() {
    HeapMemory memory = deepU64Tree();
    HeapMemory copy = HeapMemory.of(Memories.toByteArray(memory));
    assertEquals(499L, BTreeFactory.load(copy, Codecs.u64(), Codecs.u64()).get(499L));
  }
}
