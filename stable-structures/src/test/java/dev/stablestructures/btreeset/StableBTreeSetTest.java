package dev.stablestructures.btreeset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.Unit;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The set's own API: streaming set algebra against {@code TreeSet} models, and edge cases. */
class StableBTreeSetTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  private static <K> List<K> list(Iterator<K> it) {
    List<K> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static StableBTreeSet<Long> setOf(long... keys) {
    StableBTreeSet<Long> set = TestSets.newSet(Codecs.u64());
    for (long k : keys) {
      set.add(k);
    }
    return set;
  }

  /** Random pairs of sets (sizes 0 to a few hundred, overlapping or not) and all 7 operations. */
  @TestFactory
  Stream<DynamicTest> setAlgebraMatchesTreeSet() {
    int rounds = FULL ? 2000 : 200;
    return Stream.of(11L, 12L, 13L)
        .map(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      TestRandom rng = new TestRandom(seed);
                      for (int round = 0; round < rounds; round++) {
                        checkAlgebra(rng, round);
                      }
                    }));
  }

  private static void checkAlgebra(TestRandom rng, int round) {
    // Keys near 2^63 test the unsigned order of the merge walks.
    long base = rng.nextBelow(2) == 0 ? 0 : Long.MAX_VALUE - 100;
    long spread = 1 + rng.nextBelow(400);
    StableBTreeSet<Long> a = TestSets.newSet(Codecs.u64());
    StableBTreeSet<Long> b = TestSets.newSet(Codecs.u64());
    TreeSet<Long> ma = new TreeSet<>(Codecs.u64());
    TreeSet<Long> mb = new TreeSet<>(Codecs.u64());
    int na = (int) rng.nextBelow(rng.nextBelow(5) == 0 ? 3 : 200);
    int nb = (int) rng.nextBelow(rng.nextBelow(5) == 0 ? 3 : 200);
    for (int i = 0; i < na; i++) {
      long k = base + rng.nextBelow(spread);
      a.add(k);
      ma.add(k);
    }
    for (int i = 0; i < nb; i++) {
      long k = base + rng.nextBelow(spread);
      b.add(k);
      mb.add(k);
    }
    if (rng.nextBelow(6) == 0) {
      b.addAll(a); // superset
      mb.addAll(ma);
    } else if (rng.nextBelow(6) == 0) {
      b.retainAll(a); // subset
      mb.retainAll(ma);
    }
    String at = "round " + round + ": a=" + ma + " b=" + mb;

    TreeSet<Long> union = new TreeSet<>(ma);
    union.addAll(mb);
    TreeSet<Long> inter = new TreeSet<>(ma);
    inter.retainAll(mb);
    TreeSet<Long> diff = new TreeSet<>(ma);
    diff.removeAll(mb);
    TreeSet<Long> sym = new TreeSet<>(union);
    sym.removeAll(inter);

    assertEquals(new ArrayList<>(union), list(a.union(b)), at);
    assertEquals(new ArrayList<>(inter), list(a.intersection(b)), at);
    assertEquals(new ArrayList<>(diff), list(a.difference(b)), at);
    assertEquals(new ArrayList<>(sym), list(a.symmetricDifference(b)), at);
    assertEquals(mb.containsAll(ma), a.isSubset(b), at);
    assertEquals(ma.containsAll(mb), a.isSuperset(b), at);
    assertEquals(inter.isEmpty(), a.isDisjoint(b), at);
    assertEquals(ma.containsAll(mb), b.isSubset(a), at);
    assertEquals(new ArrayList<>(union), list(b.union(a)), at);
    assertTrue(a.isSubset(a) && a.isSuperset(a), at);
    assertEquals(a.isEmpty(), a.isDisjoint(a), at);
  }

  @Test
  void setAlgebraIsLazyAndFailsFast() {
    StableBTreeSet<Long> a = setOf(1, 2, 3);
    StableBTreeSet<Long> b = setOf(2, 3, 4);
    Iterator<Long> union = a.union(b);
    assertEquals(1L, union.next());
    b.add(0L);
    assertThrows(ConcurrentModificationException.class, union::next);
    Iterator<Long> inter = a.intersection(b);
    assertEquals(2L, inter.next());
    assertThrows(UnsupportedOperationException.class, inter::remove);
  }

  @Test
  void setIsAMapToUnitAndSurvivesReload() {
    HeapMemory memory = new HeapMemory();
    StableBTreeSet<Long> set = StableBTreeSet.init(memory, Codecs.u64());
    assertTrue(set.add(5L));
    assertFalse(set.add(5L));
    set.add(-1L);
    set.add(7L);
    StableBTreeMap<Long, Unit> asMap = StableBTreeMap.load(memory, Codecs.u64(), Codecs.unit());
    assertEquals(Unit.INSTANCE, asMap.get(5L));
    assertEquals(List.of(5L, 7L, -1L), new ArrayList<>(StableBTreeSet.load(memory, Codecs.u64())));
    assertEquals(3, StableBTreeSet.init(memory, Codecs.u64()).longSize());
    assertEquals(3, set.stats().entries());
    assertTrue(StableBTreeSet.create(memory, Codecs.u64()).isEmpty());
    assertEquals(0, TestSets.reopen(set).size());
  }

  @Test
  void crateStyleOperations() {
    StableBTreeSet<Long> set = setOf(10, 20, 30, 40);
    assertEquals(List.of(20L, 30L), list(set.range(20L, true, 40L, false)));
    assertEquals(List.of(), list(set.range(40L, true, 20L, true)));
    Iterator<Long> it = set.range(null, false, null, false);
    it.next();
    it.remove();
    assertEquals(List.of(20L, 30L, 40L), new ArrayList<>(set));
    assertEquals(20L, set.pollFirst());
    assertEquals(40L, set.pollLast());
    long pages = set.memory().size();
    set.clearNew();
    assertTrue(set.isEmpty());
    assertEquals(pages, set.memory().size());
    assertNull(set.pollFirst());
  }

  @Test
  void nullsAndOverBoundElementsAreRejectedWithoutChange() {
    StableBTreeSet<byte[]> set = TestSets.newSet(Codecs.blob(3));
    set.add(new byte[] {1});
    byte[] before = ((HeapMemory) set.memory()).toByteArray();
    assertThrows(BoundExceededException.class, () -> set.add(new byte[] {1, 2, 3, 4}));
    assertThrows(NullPointerException.class, () -> set.add(null));
    assertThrows(NullPointerException.class, () -> set.contains(null));
    assertThrows(NullPointerException.class, () -> set.remove(null));
    assertThrows(NullPointerException.class, () -> set.ceiling(null));
    assertArrayEquals(before, ((HeapMemory) set.memory()).toByteArray());
    assertEquals(1, set.size());
  }

  @Test
  void viewsAddInRangeOnlyAndIteratorsFailFast() {
    StableBTreeSet<Long> set = setOf(10, 20, 30);
    NavigableSet<Long> head = set.headSet(25L, false);
    assertTrue(head.add(15L));
    assertThrows(IllegalArgumentException.class, () -> head.add(25L));
    NavigableSet<Long> desc = set.descendingSet();
    assertEquals(List.of(30L, 20L, 15L, 10L), new ArrayList<>(desc));
    Iterator<Long> it = desc.iterator();
    it.next();
    set.add(40L);
    assertThrows(ConcurrentModificationException.class, it::next);
  }
}
