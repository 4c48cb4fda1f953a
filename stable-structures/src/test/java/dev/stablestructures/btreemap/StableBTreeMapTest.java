package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The map's own API and the behaviour the contract suites do not pin down. */
class StableBTreeMapTest {
  private static StableBTreeMap<Long, Long> tens() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    for (long k = 0; k <= 90; k += 10) {
      map.put(k, k * 100);
    }
    return map;
  }

  private static <K, V> List<K> keys(Iterator<Map.Entry<K, V>> it) {
    List<K> out = new ArrayList<>();
    it.forEachRemaining(e -> out.add(e.getKey()));
    return out;
  }

  // ---- crate-native API ----

  @Test
  void iterFromPrevKeyStartsAtTheLargestKeyStrictlyBelowTheBound() {
    StableBTreeMap<Long, Long> map = tens();
    assertEquals(List.of(30L, 40L, 50L, 60L, 70L, 80L, 90L), keys(map.iterFromPrevKey(35L)));
    assertEquals(List.of(30L, 40L, 50L, 60L, 70L, 80L, 90L), keys(map.iterFromPrevKey(40L)));
    assertEquals(List.of(), keys(map.iterFromPrevKey(0L)));
    assertEquals(10, keys(map.iterFromPrevKey(1L)).size());
    assertEquals(List.of(90L), keys(map.iterFromPrevKey(-1L))); // u64::MAX
    assertEquals(List.of(), keys(TestTrees.newMap(Codecs.u64(), Codecs.u64()).iterFromPrevKey(5L)));
  }

  @Test
  void rangeAndCountFollowTheBoundsAndTreatInvertedRangesAsEmpty() {
    StableBTreeMap<Long, Long> map = tens();
    assertEquals(List.of(30L, 40L, 50L), keys(map.range(30L, true, 50L, true)));
    assertEquals(List.of(40L), keys(map.range(30L, false, 50L, false)));
    assertEquals(List.of(0L, 10L), keys(map.range(null, false, 20L, false)));
    assertEquals(List.of(80L, 90L), keys(map.range(75L, true, null, false)));
    assertEquals(List.of(), keys(map.range(50L, true, 30L, true)));
    assertEquals(List.of(), keys(map.range(30L, false, 30L, false)));
    assertEquals(List.of(30L), keys(map.range(30L, true, 30L, true)));
    assertEquals(3, map.count(30L, true, 50L, true));
    assertEquals(1, map.count(30L, false, 50L, false));
    assertEquals(0, map.count(50L, true, 30L, true));
    assertEquals(0, map.count(30L, true, 30L, false));
    assertEquals(10, map.count(null, false, null, false));
  }

  @Test
  void rangeValuesAreLazyButCorrectAndItsEntriesAreReadOnly() {
    StableBTreeMap<Long, Long> map = tens();
    Iterator<Map.Entry<Long, Long>> it = map.range(20L, true, null, false);
    Map.Entry<Long, Long> e = it.next();
    assertEquals(2000L, e.getValue());
    assertThrows(UnsupportedOperationException.class, () -> e.setValue(1L));
    it.remove();
    assertFalse(map.containsKey(20L));
    assertEquals(30L, it.next().getKey());
    assertEquals(2000L, e.getValue(), "a removed entry keeps its value");
  }

  @Test
  void popFirstAndPopLastRemoveTheEdgesAndReturnSnapshots() {
    StableBTreeMap<Long, Long> map = tens();
    Map.Entry<Long, Long> first = map.popFirst();
    assertEquals(Map.entry(0L, 0L), first);
    assertThrows(UnsupportedOperationException.class, () -> first.setValue(5L));
    assertEquals(Map.entry(90L, 9000L), map.popLast());
    assertEquals(8, map.longSize());
    map.clearNew();
    assertNull(map.popFirst());
    assertNull(map.popLast());
  }

  @Test
  void insertReturnsThePreviousValueLikePut() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    assertNull(map.insert(1L, 10L));
    assertEquals(10L, map.insert(1L, 11L));
    assertEquals(11L, map.get(1L));
  }

  @Test
  void clearIsAnO1ResetThatKeepsTheMemory() {
    StableBTreeMap<Long, Long> map = tens();
    long pages = map.memory().size();
    map.clear();
    assertEquals(0, map.longSize());
    assertTrue(map.isEmpty());
    assertEquals(pages, map.memory().size(), "memory is never shrunk");
    assertEquals(0, TestTrees.reopen(map).longSize());
    map.put(5L, 6L);
    assertEquals(Map.of(5L, 6L), TestTrees.reopen(map));
  }

  @Test
  void navigationEntriesAreImmutableSnapshots() {
    StableBTreeMap<Long, Long> map = tens();
    List<Map.Entry<Long, Long>> entries =
        List.of(
            map.firstEntry(),
            map.lastEntry(),
            map.ceilingEntry(15L),
            map.floorEntry(15L),
            map.higherEntry(15L),
            map.lowerEntry(15L),
            map.descendingMap().firstEntry(),
            map.subMap(20L, true, 60L, false).lastEntry(),
            map.pollFirstEntry(),
            map.headMap(50L, true).pollLastEntry());
    for (Map.Entry<Long, Long> e : entries) {
      assertThrows(UnsupportedOperationException.class, () -> e.setValue(7L), e.toString());
    }
    assertEquals(
        List.of(0L, 90L, 20L, 10L, 20L, 10L, 90L, 50L, 0L, 50L),
        entries.stream().map(Map.Entry::getKey).toList());
  }

  @Test
  void comparatorIsTheKeyCodecSoKeysSortUnsigned() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    assertSame(Codecs.u64(), map.comparator());
    map.put(-1L, 1L);
    map.put(1L, 2L);
    map.put(Long.MIN_VALUE, 3L);
    assertEquals(List.of(1L, Long.MIN_VALUE, -1L), new ArrayList<>(map.keySet()));
    assertEquals(-1L, map.lastKey());
  }

  @Test
  void stringKeysSortByCodePointLikeTheCrate() {
    StableBTreeMap<String, String> map = TestTrees.newMap(Codecs.string(), Codecs.string());
    map.put("\uFFFD", "bmp");
    map.put("\uD83D\uDE00", "emoji");
    // UTF-16 order would put the surrogate pair (0xD83D) first; UTF-8 and code points do not.
    assertEquals(List.of("\uFFFD", "\uD83D\uDE00"), new ArrayList<>(map.keySet()));
  }

  @Test
  void sizeSaturatesAtIntegerMaxValue() {
    // The only way to a huge map in a test: a stored length larger than the entries.
    StableBTreeMap<Long, Long> real = tens();
    real.memory().writeLongLE(20, 3_000_000_000L);
    StableBTreeMap<Long, Long> huge = TestTrees.reopen(real);
    assertEquals(Integer.MAX_VALUE, huge.size());
    assertEquals(3_000_000_000L, huge.longSize());
    assertEquals(List.of(0L, 10L), new ArrayList<>(huge.headMap(20L).keySet()));
  }

  @Test
  void statsDescribeTheTree() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    for (long k = 0; k < 1000; k++) {
      map.put(k, k);
    }
    BTreeStats stats = map.stats();
    assertEquals(1000, stats.entries());
    assertTrue(stats.depth() >= 2, stats.toString());
    assertTrue(stats.nodes() > 1, stats.toString());
  }

  @Test
  void theCacheSettingIsTheTreesAndChangesNoAnswer() {
    StableBTreeMap<Long, Long> map = tens();
    assertEquals(BTree.DEFAULT_CACHED_NODES, map.cachedNodes());
    map.setCachedNodes(16);
    assertEquals(16, map.cachedNodes());
    assertEquals(4000L, map.get(40L));
    map.setCachedNodes(0);
    assertEquals(0, map.cachedNodes());
    assertEquals(tens(), map);
    StableBTreeMap<String, Long> strings = TestTrees.newMap(Codecs.string(), Codecs.u64());
    strings.setCachedNodes(16);
    assertEquals(0, strings.cachedNodes(), "only 8-byte number keys have the cache");
  }

  @Test
  void factoriesOpenCreateAndRefuseForeignMemory() {
    Memory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    map.put(1L, 2L);
    assertEquals(Map.of(1L, 2L), StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64()));
    assertEquals(Map.of(1L, 2L), StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64()));
    assertTrue(StableBTreeMap.create(memory, Codecs.u64(), Codecs.u64()).isEmpty());
    assertTrue(StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64()).isEmpty());

    HeapMemory foreign = new HeapMemory();
    foreign.grow(1);
    foreign.write(0, new byte[] {'S', 'V', 'C', 1});
    byte[] before = foreign.toByteArray();
    assertThrows(
        BadMagicException.class, () -> StableBTreeMap.init(foreign, Codecs.u64(), Codecs.u64()));
    assertArrayEquals(before, foreign.toByteArray(), "a foreign memory is never overwritten");
    assertThrows(
        BadMagicException.class,
        () -> StableBTreeMap.load(new HeapMemory(), Codecs.u64(), Codecs.u64()));
  }

  // ---- nulls ----

  @Test
  void nullKeysAndValuesAreRejected() {
    StableBTreeMap<Long, Long> map = tens();
    NavigableMap<Long, Long> sub = map.subMap(10L, true, 50L, true);
    for (NavigableMap<Long, Long> m : List.of(map, sub, map.descendingMap())) {
      // Refused by the map's own checks, before the range or the codec sees the null.
      assertEquals(
          "stable structures do not store null keys",
          assertThrows(NullPointerException.class, () -> m.put(null, 1L)).getMessage());
      assertEquals(
          "stable structures do not store null values",
          assertThrows(NullPointerException.class, () -> m.put(20L, null)).getMessage());
      assertThrows(NullPointerException.class, () -> m.get(null));
      assertThrows(NullPointerException.class, () -> m.containsKey(null));
      assertThrows(NullPointerException.class, () -> m.remove(null));
      assertThrows(NullPointerException.class, () -> m.ceilingKey(null));
      assertThrows(NullPointerException.class, () -> m.floorEntry(null));
      assertThrows(NullPointerException.class, () -> m.subMap(null, true, 20L, true));
      assertThrows(NullPointerException.class, () -> m.subMap(20L, true, null, true));
      assertThrows(NullPointerException.class, () -> m.headMap(null, true));
      assertThrows(NullPointerException.class, () -> m.tailMap(null));
      assertThrows(NullPointerException.class, () -> m.keySet().contains(null));
    }
    assertThrows(NullPointerException.class, () -> map.insert(null, 1L));
    assertThrows(NullPointerException.class, () -> map.iterFromPrevKey(null));
    assertThrows(NullPointerException.class, () -> map.entrySet().iterator().next().setValue(null));
    assertThrows(NullPointerException.class, () -> map.navigableKeySet(null));
    assertEquals(tens(), map, "nothing changed");
  }

  // ---- bounds ----

  @Test
  void overBoundKeysAndValuesThrowAndLeaveTheMapUnchanged() {
    Codec<byte[]> blob = Codecs.blob(4);
    StableBTreeMap<byte[], byte[]> map = TestTrees.newMap(blob, blob);
    for (int i = 0; i < 50; i++) {
      map.put(new byte[] {(byte) i}, new byte[] {1, 2, 3, (byte) i});
    }
    HeapMemory memory = (HeapMemory) map.memory();
    byte[] before = memory.toByteArray();
    byte[] five = {1, 2, 3, 4, 5};
    byte[] existing = {7};
    assertThrows(BoundExceededException.class, () -> map.put(five, new byte[] {1}));
    assertThrows(BoundExceededException.class, () -> map.put(new byte[] {99}, five));
    assertThrows(BoundExceededException.class, () -> map.put(existing, five));
    assertThrows(BoundExceededException.class, () -> map.insert(existing, five));
    assertThrows(
        BoundExceededException.class,
        () -> map.tailMap(new byte[] {0}, true).put(new byte[] {9, 9, 9, 9, 9}, five));
    Map.Entry<byte[], byte[]> e = map.entrySet().iterator().next();
    assertThrows(BoundExceededException.class, () -> e.setValue(five));
    assertArrayEquals(before, memory.toByteArray(), "the memory is byte-for-byte unchanged");
    assertEquals(50, map.size());
    assertArrayEquals(new byte[] {1, 2, 3, 7}, map.get(existing));
  }

  // ---- fail-fast iteration ----

  @Test
  void structuralChangesElsewhereFailIteratorsFast() {
    StableBTreeMap<Long, Long> map = tens();
    Iterator<Long> keys = map.keySet().iterator();
    keys.next();
    map.put(55L, 1L);
    assertThrows(ConcurrentModificationException.class, keys::next);
    assertThrows(ConcurrentModificationException.class, keys::remove);

    Iterator<Map.Entry<Long, Long>> entries = map.subMap(0L, 50L).entrySet().iterator();
    entries.next();
    map.remove(90L);
    assertThrows(ConcurrentModificationException.class, entries::next);

    Iterator<Long> values = map.descendingMap().values().iterator();
    values.next();
    map.pollFirstEntry();
    assertThrows(ConcurrentModificationException.class, values::hasNext);

    Iterator<Map.Entry<Long, Long>> range = map.range(null, false, null, false);
    range.next();
    map.clearNew();
    assertThrows(ConcurrentModificationException.class, range::next);
  }

  @Test
  void removalThroughOneIteratorFailsAnotherButNotItself() {
    StableBTreeMap<Long, Long> map = tens();
    Iterator<Long> a = map.keySet().iterator();
    Iterator<Long> b = map.keySet().iterator();
    a.next();
    b.next();
    a.remove();
    assertThrows(IllegalStateException.class, a::remove);
    assertEquals(10L, a.next());
    assertThrows(ConcurrentModificationException.class, b::next);
  }

  @Test
  void iteratorRemoveResumesStrictlyAfterTheRemovedKeyInBothDirections() {
    StableBTreeMap<Long, Long> map = tens();
    List<Long> seen = new ArrayList<>();
    for (Iterator<Long> it = map.descendingKeySet().iterator(); it.hasNext(); ) {
      long k = it.next();
      seen.add(k);
      if (k % 20 == 0) {
        it.remove();
      }
    }
    assertEquals(List.of(90L, 80L, 70L, 60L, 50L, 40L, 30L, 20L, 10L, 0L), seen);
    assertEquals(List.of(10L, 30L, 50L, 70L, 90L), new ArrayList<>(map.keySet()));
    for (Iterator<Long> it = map.keySet().iterator(); it.hasNext(); ) {
      it.next();
      it.remove();
    }
    assertTrue(map.isEmpty());
  }

  @Test
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // the point: overwrites are not structural
  void overwritingValuesDuringIterationIsNotStructuralAndIsSeen() {
    StableBTreeMap<Long, Long> map = tens();
    List<Long> seen = new ArrayList<>();
    for (Map.Entry<Long, Long> e : map.entrySet()) {
      seen.add(e.getValue());
      map.put(e.getKey() + 10, -1L); // overwrites the next key, except past the end
      if (map.size() > 10) {
        map.remove(100L); // keep this loop about overwrites: undo the one new key
        break;
      }
    }
    assertEquals(List.of(0L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L), seen);
  }

  @Test
  void entrySetValueWritesThroughAndIterationContinues() {
    StableBTreeMap<Long, Long> map = tens();
    for (Map.Entry<Long, Long> e : map.descendingMap().entrySet()) {
      assertEquals(e.getKey() * 100, e.setValue(e.getKey() + 1));
      assertEquals(e.getKey() + 1, e.getValue());
    }
    for (long k = 0; k <= 90; k += 10) {
      assertEquals(k + 1, map.get(k));
    }
    Iterator<Map.Entry<Long, Long>> it = map.entrySet().iterator();
    Map.Entry<Long, Long> first = it.next();
    it.remove();
    assertThrows(IllegalStateException.class, () -> first.setValue(5L));
    assertFalse(map.containsKey(0L), "setValue on a removed entry does not bring it back");
  }

  @Test
  void emptyMapsThrowNoSuchElementWhereTheInterfaceSays() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    assertThrows(NoSuchElementException.class, map::firstKey);
    assertThrows(NoSuchElementException.class, map::lastKey);
    assertThrows(NoSuchElementException.class, () -> map.keySet().iterator().next());
    assertNull(map.firstEntry());
    assertNull(map.pollLastEntry());
  }

  @Test
  void viewPutsOutsideTheRangeAreRefused() {
    StableBTreeMap<Long, Long> map = tens();
    NavigableMap<Long, Long> sub = map.subMap(20L, true, 40L, false);
    assertThrows(IllegalArgumentException.class, () -> sub.put(40L, 1L));
    assertThrows(IllegalArgumentException.class, () -> sub.put(19L, 1L));
    assertThrows(IllegalArgumentException.class, () -> sub.subMap(10L, 30L));
    assertThrows(IllegalArgumentException.class, () -> map.subMap(40L, 20L));
    assertNull(sub.put(25L, 1L));
    assertEquals(List.of(20L, 25L, 30L), new ArrayList<>(sub.keySet()));
    sub.clear();
    assertEquals(List.of(0L, 10L, 40L, 50L, 60L, 70L, 80L, 90L), new ArrayList<>(map.keySet()));
    assertThrows(UnsupportedOperationException.class, () -> map.keySet().add(5L));
    NavigableMap<Long, Long> desc = map.descendingMap().headMap(50L, false);
    assertEquals(List.of(90L, 80L, 70L, 60L), new ArrayList<>(desc.keySet()));
    assertThrows(IllegalArgumentException.class, () -> desc.put(40L, 0L));
  }

  @Test
  void keySetWithAMappedValueAddsEntries() {
    StableBTreeMap<Long, Long> map = tens();
    var keys = map.navigableKeySet(-7L);
    assertTrue(keys.add(5L));
    assertFalse(keys.add(5L));
    assertEquals(-7L, map.get(5L));
    assertThrows(IllegalArgumentException.class, () -> keys.headSet(20L).add(25L));
    assertTrue(keys.descendingSet().tailSet(20L, true).add(15L));
    assertEquals(-7L, map.get(15L));
  }

  // ---- entries compare values by content ----

  private static StableBTreeMap<String, byte[]> bytesMap() {
    StableBTreeMap<String, byte[]> map = TestTrees.newMap(Codecs.string(), Codecs.bytes());
    map.put("a", new byte[] {1, 2, 3});
    map.put("b", new byte[] {4});
    return map;
  }

  @Test
  void entrySetContainsAndRemoveCompareBytesValuesByContent() {
    StableBTreeMap<String, byte[]> map = bytesMap();
    assertTrue(map.entrySet().contains(Map.entry("a", new byte[] {1, 2, 3})));
    assertFalse(map.entrySet().contains(Map.entry("a", new byte[] {1, 2})));
    assertFalse(map.entrySet().remove(Map.entry("b", new byte[] {5})));
    assertTrue(map.containsKey("b"));
    assertTrue(map.entrySet().remove(Map.entry("b", new byte[] {4})));
    assertFalse(map.containsKey("b"));
    assertTrue(map.headMap("b").entrySet().contains(Map.entry("a", new byte[] {1, 2, 3})));
  }

  @Test
  void iteratorEntriesOfBytesValuesAreEqualByContentWithMatchingHashes() {
    StableBTreeMap<String, byte[]> one = bytesMap();
    StableBTreeMap<String, byte[]> other = bytesMap();
    Map.Entry<String, byte[]> a = one.entrySet().iterator().next();
    Map.Entry<String, byte[]> b = other.entrySet().iterator().next();
    Map.Entry<String, byte[]> ranged = one.range(null, false, null, false).next();
    Map.Entry<String, byte[]> raw = one.tree.iterator(null, true, null, true, false).next();
    for (Map.Entry<String, byte[]> e : List.of(b, ranged, raw)) {
      assertEquals(a, e);
      assertEquals(a.hashCode(), e.hashCode());
    }
    assertTrue(a.equals(Map.entry("a", new byte[] {1, 2, 3})));
    assertFalse(a.equals(Map.entry("a", new byte[] {1, 2, 4})));
    assertEquals("a".hashCode() ^ java.util.Arrays.hashCode(new byte[] {1, 2, 3}), a.hashCode());
    assertEquals(one.entrySet(), other.entrySet());
    assertEquals(one.entrySet().hashCode(), other.entrySet().hashCode());
  }

  // ---- overwrites never fail iterators, even when they split nodes ----

  /**
   * The published u64 image, overwritten as a user would: the crate's insert splits full nodes on
   * its way down even when the key exists below them, so some of these overwrites restructure the
   * tree (the first after 1,474 calls); none changes a key, so iteration goes on.
   */
  @Test
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // the point: overwrites are not structural
  void overwritingEveryValueOfThePublishedImageKeepsIteratorsGoing() {
    byte[] image = PublishedImages.read("btreemap-u64-u64");
    HeapMemory bySetValue = HeapMemory.of(image);
    StableBTreeMap<Long, Long> map = StableBTreeMap.load(bySetValue, Codecs.u64(), Codecs.u64());
    long size = map.longSize();
    BTreeStats before = map.stats();
    long calls = 0;
    for (Map.Entry<Long, Long> e : map.entrySet()) {
      e.setValue(7L);
      calls++;
    }
    assertEquals(size, calls);
    assertTrue(map.stats().nodes() > before.nodes(), "some overwrites split nodes");

    HeapMemory byPut = HeapMemory.of(image);
    StableBTreeMap<Long, Long> other = StableBTreeMap.load(byPut, Codecs.u64(), Codecs.u64());
    calls = 0;
    for (Long k : other.keySet()) {
      other.put(k, 7L);
      calls++;
    }
    assertEquals(size, calls);
    for (StableBTreeMap<Long, Long> m : List.of(map, other, TestTrees.reopen(map))) {
      assertEquals(size, m.longSize());
      assertTrue(m.values().stream().allMatch(v -> v == 7L));
    }
    assertArrayEquals(bySetValue.toByteArray(), byPut.toByteArray(), "the same writes");
  }
}
