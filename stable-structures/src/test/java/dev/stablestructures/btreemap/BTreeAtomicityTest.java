package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.HeapWrapper;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A mutation that fails half-way (the memory refuses to grow, a damaged node is met) leaves the
 * stored image exactly as it was (apart from zero pages a successful grow added), the tree object
 * consistent with it, and the map equal to its model; later calls keep working.
 */
class BTreeAtomicityTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int P = Memory.PAGE_SIZE;

  /**
   * A test memory whose grow fails with a seeded probability. It counts writes and keeps its own
   * simple undo log since {@link #mark()}, so that the image at the mark can be rebuilt without
   * copying the whole memory before every operation.
   */
  static final class FlakyMemory extends HeapWrapper {
    final TestRandom random;
    long failPerMille;
    long writes;
    long refusedGrows;
    private final List<Long> offsets = new ArrayList<>();
    private final List<byte[]> olds = new ArrayList<>();
    long sizeAtMark;

    void mark() {
      offsets.clear();
      olds.clear();
      sizeAtMark = heap.sizeInBytes();
    }

    /** The image as it was at {@link #mark()}: the current one with the old bytes put back. */
    byte[] imageAtMark() {
      byte[] image = Memories.toByteArray(heap);
      for (int i = offsets.size() - 1; i >= 0; i--) {
        byte[] old = olds.get(i);
        System.arraycopy(old, 0, image, (int) (long) offsets.get(i), old.length);
      }
      return Arrays.copyOf(image, (int) sizeAtMark);
    }

    private void track(long offset, int length) {
      writes++;
      olds.add(heap.readBytes(offset, length));
      offsets.add(offset);
    }

    FlakyMemory(HeapMemory heap, long seed, long failPerMille) {
      super(heap);
      this.random = new TestRandom(seed);
      this.failPerMille = failPerMille;
    }

    @Override
    public long grow(long pages) {
      if (pages > 0 && random.nextBelow(1000) < failPerMille) {
        refusedGrows++;
        return -1;
      }
      return super.grow(pages);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      track(offset, length);
      super.write(offset, src, srcOffset, length);
    }

    @Override
    public byte readByte(long offset) {
      return heap.readByte(offset);
    }

    @Override
    public void writeByte(long offset, byte value) {
      track(offset, 1);
      heap.writeByte(offset, value);
    }

    @Override
    public int readIntLE(long offset) {
      return heap.readIntLE(offset);
    }

    @Override
    public void writeIntLE(long offset, int value) {
      track(offset, 4);
      heap.writeIntLE(offset, value);
    }

    @Override
    public long readLongLE(long offset) {
      return heap.readLongLE(offset);
    }

    @Override
    public void writeLongLE(long offset, long value) {
      track(offset, 8);
      heap.writeLongLE(offset, value);
    }
  }

  record Case<K, V>(
      String name,
      Codec<K> keyCodec,
      Codec<V> valueCodec,
      Function<TestRandom, K> keys,
      Function<TestRandom, V> values,
      long maxPages) {}

  static final Case<Long, Long> U64 =
      new Case<>("u64->u64", Codecs.u64(), Codecs.u64(), TestRandom::next, TestRandom::next, 3);

  static final Case<String, byte[]> STRINGS =
      new Case<>(
          "string->bytes (overflow pages)",
          Codecs.string(),
          Codecs.bytes(),
          r -> "k" + r.nextBelow(100_000) + TestRandom.letters((int) r.nextBelow(6), r.next()),
          r -> TestRandom.bytes((int) r.nextBelow(r.nextBelow(4) == 0 ? 4000 : 200), r.next()),
          4);

  /**
   * Values of up to 40 KiB: nodes of up to 440 KiB, hundreds of overflow pages written in several
   * runs (and small enough that the refill after the drain fits the freed chunks).
   */
  static final Case<String, byte[]> LARGE =
      new Case<>(
          "string->large bytes (runs of overflow pages)",
          Codecs.string(),
          Codecs.bytes(),
          r -> "k" + r.nextBelow(100_000),
          r -> TestRandom.bytes((int) r.nextBelow(40 << 10), r.next()),
          40);

  static List<Case<?, ?>> cases() {
    return List.of(U64, STRINGS, LARGE);
  }

  // ---------------------------------------------------------------- checks

  /** The image after a failed call equals the one before, but for added zero pages. */
  static void assertSameImage(byte[] before, Memory memory, String at) {
    byte[] after = Memories.toByteArray(memory);
    assertTrue(after.length >= before.length, at + ": the memory shrank");
    if (!Arrays.equals(before, 0, before.length, after, 0, before.length)) {
      int i = Arrays.mismatch(before, after);
      throw new AssertionError(at + ": the image changed, first at byte " + i);
    }
    for (int i = before.length; i < after.length; i++) {
      if (after[i] != 0) {
        throw new AssertionError(at + ": added page byte " + i + " is not zero");
      }
    }
  }

  static boolean sameValue(Object a, Object b) {
    return Objects.deepEquals(a, b);
  }

  static <K, V> void assertMatches(BTree<K, V> tree, NavigableMap<K, V> model, String at) {
    assertEquals(model.size(), tree.size(), at + ": size");
    Iterator<Map.Entry<K, V>> it = tree.iterator(null, true, null, true, false);
    for (Map.Entry<K, V> expected : model.entrySet()) {
      assertTrue(it.hasNext(), at + ": the tree ends early");
      Map.Entry<K, V> actual = it.next();
      assertEquals(expected.getKey(), actual.getKey(), at + ": key");
      assertTrue(sameValue(expected.getValue(), actual.getValue()), at + ": value");
    }
    assertFalse(it.hasNext(), at + ": the tree has extra entries");
    BTreeStats stats = tree.stats();
    assertEquals(model.size(), stats.entries(), at);
    assertEquals(stats.nodes() + stats.overflowPages(), stats.allocatedChunks(), at + " " + stats);
  }

  /** The tree, a fresh load of its memory, and the model all agree. */
  static <K, V> void assertConsistent(
      BTree<K, V> tree, Memory memory, Case<K, V> c, NavigableMap<K, V> model, String at) {
    assertMatches(tree, model, at);
    assertMatches(
        BTreeFactory.load(memory, c.keyCodec(), c.valueCodec()), model, at + " (reloaded)");
  }

  // ---------------------------------------------------------------- fill until full

  @TestFactory
  Stream<DynamicTest> fillUntilGrowFailsThenDrain() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case<?, ?> c : cases()) {
      for (long seed : FULL ? new long[] {1, 2, 3, 4, 5} : new long[] {1, 2}) {
        tests.add(DynamicTest.dynamicTest(c.name() + " seed " + seed, () -> fill(c, seed)));
      }
    }
    return tests.stream();
  }

  static <K, V> void fill(Case<K, V> c, long seed) {
    TestRandom rng = new TestRandom(seed);
    HeapMemory memory = new HeapMemory(c.maxPages());
    BTree<K, V> tree = BTreeFactory.init(memory, c.keyCodec(), c.valueCodec());
    NavigableMap<K, V> model = new TreeMap<>(c.keyCodec());
    int failures = 0;
    int wanted = FULL ? 200 : 40;
    for (int op = 0; failures < wanted; op++) {
      assertTrue(op < 1_000_000, "inserts never failed");
      K key = c.keys().apply(rng);
      V value = c.values().apply(rng);
      String at = c.name() + " seed " + seed + " op " + op;
      byte[] before = Memories.toByteArray(memory);
      long keySetEpoch = tree.keySetEpoch();
      try {
        V old = tree.insert(key, value);
        assertTrue(sameValue(model.put(key, value), old), at + ": previous value");
      } catch (GrowFailedException e) {
        failures++;
        assertSameImage(before, memory, at);
        assertEquals(keySetEpoch, tree.keySetEpoch(), at + ": key-set epoch");
        assertConsistent(tree, memory, c, model, at);
      }
    }
    // The full map still answers and drains. Removes may fail too (a merged node can need a new
    // overflow page while no chunk is free); each failure must leave everything as it was.
    assertConsistent(tree, memory, c, model, c.name() + " full");
    List<K> keys = new ArrayList<>(model.keySet());
    Collections.shuffle(keys, new Random(seed));
    for (int i = 0; !model.isEmpty(); i++) {
      assertTrue(i < 20 * keys.size(), "the drain makes no progress");
      String at = c.name() + " seed " + seed + " drain " + i;
      byte[] before = Memories.toByteArray(memory);
      int kind = i % 3;
      K key = i < keys.size() ? keys.get(i) : model.firstKey();
      try {
        switch (kind) {
          case 0 -> assertEntry(model.firstEntry(), tree.popFirst(), at);
          case 1 -> assertEntry(model.lastEntry(), tree.popLast(), at);
          default -> assertTrue(sameValue(model.get(key), tree.remove(key)), at);
        }
      } catch (GrowFailedException e) {
        assertSameImage(before, memory, at);
        assertConsistent(tree, memory, c, model, at);
        continue;
      }
      switch (kind) {
        case 0 -> model.pollFirstEntry();
        case 1 -> model.pollLastEntry();
        default -> model.remove(key);
      }
      if (i % 200 == 0) {
        assertConsistent(tree, memory, c, model, at);
      }
    }
    assertEquals(0, tree.stats().allocatedChunks(), c.name() + " leaked chunks");
    // After the drain the freed chunks are reused: inserts succeed again without growing.
    long pages = memory.size();
    for (int i = 0; i < 50; i++) {
      K key = c.keys().apply(rng);
      V value = c.values().apply(rng);
      tree.insert(key, value);
      model.put(key, value);
    }
    assertEquals(pages, memory.size());
    assertConsistent(tree, memory, c, model, c.name() + " refilled");
  }

  /**
   * Without the journal, the same kind of failure does change the image: the checks above are not
   * vacuous.
   */
  @Test
  void withoutTheJournalAFailedCallChangesTheImage() {
    for (Case<?, ?> c : cases()) {
      boolean changed = false;
      for (long seed = 1; seed <= 3 && !changed; seed++) {
        changed = flaky(c, seed, c.equals(U64) ? 40_000 : 3_000, false)[2] == 1;
      }
      assertTrue(changed, c.name() + ": no failure changed the image");
    }
  }

  /**
   * Without the journal a failed call cannot be undone. The tree then agrees with its image as a
   * reload sees it, has emptied its node cache (it cannot vouch for it) and fails open iterators
   * fast (the image changed under them).
   */
  @Test
  void withoutTheJournalAFailedCallLeavesTheTreeAsItsImageSays() {
    int checked = 0;
    for (long seed = 1; seed <= 4; seed++) {
      FlakyMemory memory = new FlakyMemory(new HeapMemory(), seed, 0);
      BTree<Long, byte[]> tree = BTreeFactory.init(memory, Codecs.u64(), Codecs.bytes());
      tree.setAtomic(false);
      TestRandom rng = new TestRandom(seed);
      List<Long> keys = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        long k = rng.next();
        tree.insert(k, TestRandom.bytes((int) rng.nextBelow(300), k));
        keys.add(k);
      }
      memory.failPerMille = 950;
      for (int op = 0; op < 3000; op++) {
        for (int i = 0; i < 8; i++) {
          tree.get(keys.get((int) rng.nextBelow(keys.size()))); // fills the node cache
        }
        Iterator<Map.Entry<Long, byte[]>> it = tree.iterator(null, true, null, true, false);
        it.next();
        long writes = memory.writes;
        long k = rng.nextBelow(3) == 0 ? keys.get((int) rng.nextBelow(keys.size())) : rng.next();
        try {
          if (rng.nextBelow(3) == 0) {
            tree.remove(k);
          } else {
            tree.insert(k, TestRandom.bytes((int) rng.nextBelow(4000), k));
            keys.add(k);
          }
        } catch (GrowFailedException e) {
          if (memory.writes == writes) {
            continue;
          }
          String at = "seed " + seed + " op " + op;
          BTree<Long, byte[]> reloaded = BTreeFactory.load(memory, Codecs.u64(), Codecs.bytes());
          assertEquals(reloaded.rootAddress(), tree.rootAddress(), at + ": root");
          assertEquals(reloaded.size(), tree.size(), at + ": length");
          assertEquals(0, tree.nodeCache().addresses().length, at + ": the cache was emptied");
          assertThrows(java.util.ConcurrentModificationException.class, it::hasNext, at);
          checked++;
        }
      }
    }
    assertTrue(checked >= 10, "only " + checked + " calls failed after writing");
  }

  // ---------------------------------------------------------------- random grow failures

  /**
   * Random inserts, removes and pops on a memory whose grow fails with probability 0.95. A grow is
   * only asked for when the allocator's frontier crosses a page, so this fails often enough only
   * with many operations; the counts below make sure the failures were there and that some came
   * after the operation had already written.
   */
  @TestFactory
  Stream<DynamicTest> randomOperationsOnAMemoryThatRefusesToGrow() {
    int scale = FULL ? 5 : 1;
    return Stream.of(
        DynamicTest.dynamicTest(U64.name(), () -> flakyRuns(U64, 40_000 * scale, 1)),
        DynamicTest.dynamicTest(STRINGS.name(), () -> flakyRuns(STRINGS, 3_000 * scale, 20)));
  }

  /**
   * Runs several seeds. In a u64 map nearly every failing call fails at its first allocation,
   * before writing (the seeds used give 2 that fail later; {@link #corruptionFoundHalfWayRollsBack}
   * covers that case for u64 maps); in the string map with overflow pages about a third do.
   */
  static <K, V> void flakyRuns(Case<K, V> c, int ops, long minFailedAfterWriting) {
    long[] counts = new long[2];
    for (long seed = 1; seed <= (FULL ? 8 : 3); seed++) {
      long[] run = flaky(c, seed, ops, true);
      counts[0] += run[0];
      counts[1] += run[1];
    }
    assertTrue(counts[0] > 30, "only " + counts[0] + " operations failed");
    assertTrue(
        counts[1] >= minFailedAfterWriting,
        "only " + counts[1] + " operations failed after writing");
  }

  /** Returns {failed operations, failed operations that had written}. */
  static <K, V> long[] flaky(Case<K, V> c, long seed, int ops, boolean atomic) {
    TestRandom rng = new TestRandom(seed * 7919);
    FlakyMemory memory = new FlakyMemory(new HeapMemory(), seed, 950);
    BTree<K, V> tree = null;
    while (tree == null) {
      try {
        tree = BTreeFactory.init(memory, c.keyCodec(), c.valueCodec());
      } catch (GrowFailedException e) {
        assertEquals(0, memory.size());
      }
    }
    tree.setAtomic(atomic);
    NavigableMap<K, V> model = new TreeMap<>(c.keyCodec());
    List<K> known = new ArrayList<>();
    long failed = 0;
    long failedAfterWriting = 0;
    for (int op = 0; op < ops; op++) {
      String at = c.name() + " seed " + seed + " op " + op;
      long r = rng.nextBelow(100);
      // Grow the map in the first half, shrink it in the second.
      boolean growing = op < ops / 2;
      memory.mark();
      long writesBefore = memory.writes;
      long keySetEpoch = tree.keySetEpoch();
      try {
        if (r < (growing ? 60 : 30)) {
          K key =
              !known.isEmpty() && rng.nextBelow(5) == 0
                  ? known.get((int) rng.nextBelow(known.size()))
                  : c.keys().apply(rng);
          V value = c.values().apply(rng);
          V old = tree.insert(key, value);
          assertTrue(sameValue(model.put(key, value), old), at + ": insert");
          known.add(key);
        } else if (r < 85) {
          K key =
              !known.isEmpty() && rng.nextBelow(4) != 0
                  ? known.get((int) rng.nextBelow(known.size()))
                  : c.keys().apply(rng);
          V old = tree.remove(key);
          assertTrue(sameValue(model.get(key), old), at + ": remove");
          model.remove(key);
        } else if (r < 92) {
          assertEntry(model.firstEntry(), tree.popFirst(), at + ": popFirst");
          model.pollFirstEntry();
        } else {
          assertEntry(model.lastEntry(), tree.popLast(), at + ": popLast");
          model.pollLastEntry();
        }
      } catch (GrowFailedException e) {
        failed++;
        boolean wrote = memory.writes > writesBefore;
        if (wrote) {
          failedAfterWriting++;
        }
        if (!atomic) {
          if (!Arrays.equals(
              memory.imageAtMark(),
              0,
              (int) memory.sizeAtMark,
              Memories.toByteArray(memory),
              0,
              (int) memory.sizeAtMark)) {
            return new long[] {failed, failedAfterWriting, 1};
          }
          tree = BTreeFactory.load(memory, c.keyCodec(), c.valueCodec());
          tree.setAtomic(false);
          continue;
        }
        assertSameImage(memory.imageAtMark(), memory, at);
        assertEquals(keySetEpoch, tree.keySetEpoch(), at + ": key-set epoch");
        if (wrote || failed % 10 == 0) {
          assertConsistent(tree, memory, c, model, at);
        }
      }
      assertEquals(model.size(), tree.size(), at + ": size");
      if (op % 1000 == 0) {
        assertConsistent(tree, memory, c, model, at);
      }
    }
    if (!atomic) {
      return new long[] {failed, failedAfterWriting, 0};
    }
    assertConsistent(tree, memory, c, model, c.name() + " seed " + seed + " end");
    memory.failPerMille = 0;
    while (!model.isEmpty()) {
      assertEntry(model.pollLastEntry(), tree.popLast(), c.name() + " drain");
    }
    assertEquals(0, tree.stats().allocatedChunks(), c.name() + " leaked chunks");
    return new long[] {failed, failedAfterWriting};
  }

  static <K, V> void assertEntry(Map.Entry<K, V> expected, Map.Entry<K, V> actual, String at) {
    if (expected == null) {
      assertNull(actual, at);
      return;
    }
    assertEquals(expected.getKey(), actual.getKey(), at);
    assertTrue(sameValue(expected.getValue(), actual.getValue()), at);
  }

  // ---------------------------------------------------------------- other failures

  /**
   * A damaged node met after the operation has written (a split or merge above it) rolls the writes
   * back.
   */
  @Test
  void corruptionFoundHalfWayRollsBack() {
    FlakyMemory memory = new FlakyMemory(new HeapMemory(), 0, 0);
    BTree<Long, Long> tree = BTreeFactory.init(memory, Codecs.u64(), Codecs.u64());
    NavigableMap<Long, Long> model = new TreeMap<>(Long::compareUnsigned);
    TestRandom rng = new TestRandom(5);
    for (int i = 0; i < 3000; i++) {
      long k = rng.next();
      tree.insert(k, k);
      model.put(k, k);
    }
    // Damage every leaf's magic: any insert or remove reaches a leaf and throws there, after
    // splitting or merging the full or minimal nodes on its way down.
    List<Long> leaves = new ArrayList<>();
    collectLeaves(memory, tree.rootAddress(), leaves);
    byte[] pristine = Memories.toByteArray(memory);
    for (long leaf : leaves) {
      memory.writeByte(leaf, (byte) 'X');
    }
    int wroteThenFailed = 0;
    for (int i = 0; i < 300; i++) {
      byte[] before = Memories.toByteArray(memory);
      long writes = memory.writes;
      long k = rng.next();
      Long existing = model.ceilingKey(k);
      long keySetEpoch = tree.keySetEpoch();
      long size = tree.size();
      CorruptedStructureException e =
          assertThrows(
              CorruptedStructureException.class,
              () -> {
                if (k % 2 == 0 || existing == null) {
                  tree.insert(k, k);
                } else {
                  tree.remove(existing);
                }
              });
      assertTrue(e.getMessage().contains("magic"), e.getMessage());
      if (memory.writes > writes) {
        wroteThenFailed++;
      }
      assertSameImage(before, memory, "op " + i);
      assertEquals(keySetEpoch, tree.keySetEpoch());
      assertEquals(size, tree.size());
    }
    assertTrue(wroteThenFailed > 10, "only " + wroteThenFailed + " failed after writing");
    // Repair the leaves: the tree object and a reload both match the model.
    memory.write(0, pristine);
    assertMatches(tree, model, "repaired");
    assertMatches(
        BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()), model, "repaired, reloaded");
  }

  /** Walks V2 u64 nodes by their bytes (type at +4, count at +5, children from +15). */
  private static void collectLeaves(Memory memory, long address, List<Long> out) {
    if (memory.readByte(address + 4) == 0) {
      out.add(address);
      return;
    }
    int count = memory.readShortLE(address + 5);
    for (int i = 0; i <= count; i++) {
      collectLeaves(memory, memory.readLongLE(address + 15 + 8L * i), out);
    }
  }

  /** An iterator opened before a failed insert stays valid: the tree did not change. */
  @Test
  void iteratorsSurviveAFailedInsert() {
    HeapMemory memory = new HeapMemory(3);
    BTree<Long, Long> tree = BTreeFactory.init(memory, Codecs.u64(), Codecs.u64());
    NavigableMap<Long, Long> model = new TreeMap<>(Long::compareUnsigned);
    TestRandom rng = new TestRandom(11);
    long failing;
    while (true) {
      long k = rng.next();
      try {
        tree.insert(k, k + 1);
        model.put(k, k + 1);
      } catch (GrowFailedException e) {
        failing = k;
        break;
      }
    }
    Iterator<Map.Entry<Long, Long>> it = tree.iterator(null, true, null, true, false);
    Iterator<Map.Entry<Long, Long>> expected = model.entrySet().iterator();
    List<Map.Entry<Long, Long>> held = new ArrayList<>();
    for (int i = 0; expected.hasNext(); i++) {
      Map.Entry<Long, Long> e = expected.next();
      Map.Entry<Long, Long> actual = it.next();
      if (i % 100 == 0) {
        // The same insert fails again (the memory is full); nothing changed, so iteration goes on.
        assertThrows(GrowFailedException.class, () -> tree.insert(failing, 0L));
        held.add(actual);
      }
      assertEquals(e.getKey(), actual.getKey());
      assertEquals(e.getValue(), actual.getValue());
    }
    assertFalse(it.hasNext());
    for (Map.Entry<Long, Long> e : held) {
      assertEquals(e.getKey() + 1, e.getValue());
    }
  }

  /** clearNew runs in a transaction too, and closes it: later mutations work. */
  @Test
  void clearNewCommits() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.init(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 100; i++) {
      tree.insert(i, i);
    }
    tree.clearNew();
    assertEquals(0, tree.size());
    assertEquals(0, BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()).size());
    tree.insert(5L, 6L);
    assertEquals(6L, BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()).get(5L));
  }
}
