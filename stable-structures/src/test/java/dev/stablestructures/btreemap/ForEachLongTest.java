package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The primitive walk {@link StableBTreeMap#forEachLong} hands exactly the entries, in exactly the
 * order, that {@code forEach} of a {@code TreeMap} model does, for {@code u64} (unsigned order) and
 * {@code i64} (signed order) maps, V1 and V2 nodes, the whole map and random ranges; refuses maps
 * of other codecs with a typed error; and behaves as {@code forEach} when the action writes.
 */
class ForEachLongTest {
  /** Random entries in a tree and in a model ordered as the key codec orders. */
  private static NavigableMap<Long, Long> fill(
      BTree<Long, Long> tree, Codec<Long> keys, long seed, int ops) {
    TestRandom rng = new TestRandom(seed);
    NavigableMap<Long, Long> model = new TreeMap<>(keys);
    for (int op = 0; op < ops; op++) {
      // Small keys collide (removes hit), and both halves of the long range occur.
      long key = rng.nextBelow(2) == 0 ? rng.nextBelow(3000) : rng.next();
      if (rng.nextBelow(4) == 0) {
        assertEquals(model.remove(key), tree.remove(key), "remove " + op);
      } else {
        long value = rng.next();
        assertEquals(model.put(key, value), tree.insert(key, value), "put " + op);
      }
    }
    return model;
  }

  private static List<long[]> walk(Map<Long, Long> map) {
    List<long[]> entries = new ArrayList<>();
    map.forEach((k, v) -> entries.add(new long[] {k, v}));
    return entries;
  }

  private static void assertSameEntries(List<long[]> expected, List<long[]> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": entries");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i)[0], actual.get(i)[0], what + ": key " + i);
      assertEquals(expected.get(i)[1], actual.get(i)[1], what + ": value " + i);
    }
  }

  private static void assertWalksAsTheModel(Codec<Long> codec, boolean v1, long seed) {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree =
        v1
            ? BTreeFactory.createV1(memory, codec, codec)
            : BTreeFactory.create(memory, codec, codec);
    NavigableMap<Long, Long> model = fill(tree, codec, seed, 6000);
    StableBTreeMap<Long, Long> map = StableBTreeMap.load(memory, codec, codec);
    String name = codec + (v1 ? " V1" : " V2") + " seed " + seed;
    List<long[]> all = new ArrayList<>();
    map.forEachLong((k, v) -> all.add(new long[] {k, v}));
    assertSameEntries(walk(model), all, name + " whole map");
    TestRandom rng = new TestRandom(seed * 31);
    List<Long> keys = new ArrayList<>(model.keySet());
    for (int r = 0; r < 60; r++) {
      Long from = rng.nextBelow(5) == 0 ? null : pick(keys, rng);
      Long to = rng.nextBelow(5) == 0 ? null : pick(keys, rng);
      boolean fromInclusive = rng.nextBelow(2) == 0;
      boolean toInclusive = rng.nextBelow(2) == 0;
      List<long[]> range = new ArrayList<>();
      map.forEachLong(from, fromInclusive, to, toInclusive, (k, v) -> range.add(new long[] {k, v}));
      List<long[]> expected;
      if (from != null && to != null && codec.compare(from, to) > 0) {
        expected = List.of(); // inverted: empty, as range() is
      } else {
        NavigableMap<Long, Long> view = model;
        view = from == null ? view : view.tailMap(from, fromInclusive);
        view = to == null ? view : view.headMap(to, toInclusive);
        expected = walk(view);
      }
      String what = name + " range " + from + (fromInclusive ? "]" : ")") + " " + to;
      assertSameEntries(expected, range, what);
    }
  }

  /** A stored key or a fresh one, so that ranges start and end on and between keys. */
  private static Long pick(List<Long> keys, TestRandom rng) {
    return rng.nextBelow(2) == 0 ? keys.get((int) rng.nextBelow(keys.size())) : rng.next();
  }

  @Test
  void u64MapsWalkInUnsignedOrderAsTheModel() {
    assertWalksAsTheModel(Codecs.u64(), false, 1);
    assertWalksAsTheModel(Codecs.u64(), false, 2);
  }

  @Test
  void i64MapsWalkInSignedOrderAsTheModel() {
    assertWalksAsTheModel(Codecs.i64(), false, 3);
  }

  @Test
  void v1NodesWalkAsTheModel() {
    assertWalksAsTheModel(Codecs.u64(), true, 4);
  }

  @Test
  void anEmptyMapHandsNothing() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    map.forEachLong(
        (k, v) -> {
          throw new AssertionError("called on an empty map");
        });
  }

  @Test
  void mapsOfOtherCodecsAreRefusedNamingTheCodec() {
    StableBTreeMap<Long, String> strings = TestTrees.newMap(Codecs.u64(), Codecs.string());
    strings.put(1L, "one");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> strings.forEachLong((k, v) -> {}));
    assertTrue(e.getMessage().contains("value codec"), e.getMessage());
    StableBTreeMap<Integer, Long> ints = TestTrees.newMap(Codecs.u32(), Codecs.u64());
    e = assertThrows(IllegalStateException.class, () -> ints.forEachLong((k, v) -> {}));
    assertTrue(e.getMessage().contains("key codec"), e.getMessage());
  }

  @Test
  void overwritesByTheActionAreSeenAndKeySetChangesFailTheWalk() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    for (long k = 0; k < 500; k++) {
      map.put(k, k);
    }
    List<Long> seen = new ArrayList<>();
    map.forEachLong(
        (k, v) -> {
          seen.add(v);
          if (k + 1 < 500) {
            map.put(k + 1, -(k + 1)); // an overwrite ahead of the walk
          }
        });
    assertEquals(500, seen.size());
    assertEquals(0L, seen.get(0));
    for (int k = 1; k < 500; k++) {
      assertEquals(-k, seen.get(k), "the walk sees the overwrite of key " + k);
    }
    assertThrows(
        ConcurrentModificationException.class, () -> map.forEachLong((k, v) -> map.remove(k)));
  }

  @Test
  void aValueThatIsNotEightBytesIsACorruptedStructure() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    tree.insert(5L, 50L);
    long leaf = tree.rootAddress();
    // A V2 leaf of one entry: its key (8 bytes) after the header, then the value's u32 length.
    long valueLength = leaf + NodeLayout.v2KeysAt(true, 1) + 8;
    assertEquals(8, memory.readIntLE(valueLength), "the value's length field");
    memory.writeIntLE(valueLength, 7);
    StableBTreeMap<Long, Long> map = StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64());
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, () -> map.forEachLong((k, v) -> {}));
    assertTrue(e.getMessage().contains("7 bytes"), e.getMessage());
  }
}
