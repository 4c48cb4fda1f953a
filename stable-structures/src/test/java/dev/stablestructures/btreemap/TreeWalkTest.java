package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.Threads;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The walks over reused node copies: {@code forEach} of the map and its views, {@code
 * forEachRemaining} of their iterators, and entries that outlive the frame they were read from.
 */
class TreeWalkTest {
  private static StableBTreeMap<Long, Long> u64(long n) {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    for (long i = 0; i < n; i++) {
      map.put(i * 10, i * 100);
    }
    return map;
  }

  private static List<Long> forEachKeys(Map<Long, Long> map) {
    List<Long> keys = new ArrayList<>();
    map.forEach(
        (k, v) -> {
          assertEquals(k * 10, v, "value of " + k);
          keys.add(k);
        });
    return keys;
  }

  @Test
  void emptyAndOneEntryMapsWalk() {
    StableBTreeMap<Long, Long> map = u64(0);
    map.forEach((k, v) -> org.junit.jupiter.api.Assertions.fail("empty map visited " + k));
    map.keySet().forEach(k -> org.junit.jupiter.api.Assertions.fail("empty key set " + k));
    map.values().iterator().forEachRemaining(v -> org.junit.jupiter.api.Assertions.fail("" + v));
    assertEquals(0, map.count(null, false, null, false));
    map.put(5L, 50L);
    assertEquals(List.of(5L), forEachKeys(map));
    assertEquals(List.of(5L), forEachKeys(map.descendingMap()));
    assertEquals(List.of(), forEachKeys(map.tailMap(5L, false)));
    List<Long> values = new ArrayList<>();
    map.values().forEach(values::add);
    assertEquals(List.of(50L), values);
  }

  @Test
  void forEachVisitsRangesInBothDirections() {
    StableBTreeMap<Long, Long> map = u64(1000);
    List<Long> all = forEachKeys(map);
    assertEquals(1000, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i * 10L, all.get(i));
    }
    assertEquals(List.of(30L, 40L, 50L), forEachKeys(map.subMap(25L, true, 50L, true)));
    assertEquals(
        List.of(50L, 40L, 30L), forEachKeys(map.subMap(30L, true, 55L, false).descendingMap()));
    assertEquals(List.of(9990L, 9980L), forEachKeys(map.descendingMap().headMap(9980L, true)));
    List<Long> keys = new ArrayList<>();
    map.headMap(40L, false).keySet().forEach(keys::add);
    map.tailMap(9970L, false).descendingKeySet().forEach(keys::add);
    assertEquals(List.of(0L, 10L, 20L, 30L, 9990L, 9980L), keys);
  }

  @Test
  void forEachRemainingGoesOnFromWhereNextStoppedAndRemoveStillWorks() {
    StableBTreeMap<Long, Long> map = u64(500);
    Iterator<Long> it = map.keySet().iterator();
    assertEquals(0L, it.next());
    assertTrue(it.hasNext()); // an entry already found is not skipped
    List<Long> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertEquals(499, rest.size());
    assertEquals(10L, rest.get(0));
    assertEquals(4990L, rest.get(498));
    it.remove(); // removes the last key the walk handed over
    assertFalse(map.containsKey(4990L));
    assertEquals(499, map.size());
    Iterator<Map.Entry<Long, Long>> entries = map.descendingMap().entrySet().iterator();
    List<Long> seen = new ArrayList<>();
    entries.forEachRemaining(e -> seen.add(e.getKey() + e.getValue()));
    assertEquals(499, seen.size());
    assertEquals(4980L + 49800L, seen.get(0));
  }

  @Test
  void keyChangesFromTheActionFailTheWalkAndOverwritesAreSeen() {
    StableBTreeMap<Long, Long> map = u64(300);
    assertThrows(
        ConcurrentModificationException.class, () -> map.forEach((k, v) -> map.put(k + 1, v)));
    map.remove(1L);
    assertThrows(
        ConcurrentModificationException.class, () -> map.keySet().forEach(k -> map.remove(k)));
    assertThrows(
        ConcurrentModificationException.class,
        () -> map.values().forEach(v -> map.pollLastEntry()));

    StableBTreeMap<Long, Long> fresh = u64(300);
    List<Long> seen = new ArrayList<>();
    fresh.forEach(
        (k, v) -> {
          seen.add(v);
          if (k < 2990L) {
            fresh.put(k + 10, -1L); // overwrites the next key
          }
        });
    assertEquals(300, seen.size());
    assertEquals(0L, seen.get(0));
    for (int i = 1; i < 300; i++) {
      assertEquals(-1L, seen.get(i), "the overwrite of key " + i * 10 + " was seen");
    }
  }

  @Test
  void overwritesThatSplitNodesMidWalkVisitEveryKeyOnceInOrder() {
    HeapMemory memory = HeapMemory.of(PublishedImages.read("btreemap-u64-u64"));
    StableBTreeMap<Long, Long> map = StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64());
    List<Long> keys = new ArrayList<>(map.keySet());
    long nodes = map.stats().nodes();
    TestRandom rng = new TestRandom(9);
    List<Long> visited = new ArrayList<>();
    map.forEach(
        (k, v) -> {
          visited.add(k);
          for (int j = 0; j < 2; j++) {
            map.put(keys.get((int) rng.nextBelow(keys.size())), rng.next());
          }
        });
    assertEquals(keys, visited);
    assertTrue(map.stats().nodes() > nodes, "some overwrites split nodes");
  }

  @Test
  void entriesOutliveTheFramesTheyWereReadFrom() {
    // Small values: entries are decoded when returned, and the walk reuses its copies.
    StableBTreeMap<Long, Long> small = u64(2000);
    List<Map.Entry<Long, Long>> kept = new ArrayList<>();
    small.entrySet().forEach(kept::add);
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(i * 10L, kept.get(i).getKey());
      assertEquals(i * 100L, kept.get(i).getValue());
    }
    // Big values: entries keep their node's copy and decode the value when asked.
    StableBTreeMap<String, byte[]> big = TestTrees.newMap(Codecs.string(), Codecs.bytes());
    NavigableMap<String, byte[]> model = new TreeMap<>(Codecs.string());
    TestRandom rng = new TestRandom(4);
    for (int i = 0; i < 300; i++) {
      byte[] value = TestRandom.bytes((int) rng.nextBelow(i % 7 == 0 ? 20_000 : 200), rng.next());
      big.put("k" + i, value);
      model.put("k" + i, value);
    }
    List<Map.Entry<String, byte[]>> lazy = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : big.entrySet()) {
      lazy.add(e); // nothing read yet
    }
    Iterator<Map.Entry<String, byte[]>> expected = model.entrySet().iterator();
    for (Map.Entry<String, byte[]> e : lazy) {
      Map.Entry<String, byte[]> want = expected.next();
      assertEquals(want.getKey(), e.getKey());
      assertArrayEquals(want.getValue(), e.getValue(), e.getKey());
    }
    // An overwrite after the walk is seen by an entry not yet read, as with TreeMap.
    Map.Entry<String, byte[]> first = big.entrySet().iterator().next();
    Map.Entry<Long, Long> firstSmall = small.entrySet().iterator().next();
    big.put(first.getKey(), new byte[] {1});
    small.put(firstSmall.getKey(), -5L);
    assertArrayEquals(new byte[] {1}, first.getValue());
    assertEquals(-5L, firstSmall.getValue());
  }

  @Test
  void aCycleOrADamagedLeafFailsTheWalkAsCorruption() {
    HeapMemory memory = BTreeTest.deepU64Tree();
    long root = memory.readLongLE(12);
    long child = memory.readLongLE(root + NodeLayout.V2_CHILDREN_OFFSET);
    memory.writeLongLE(child + NodeLayout.V2_CHILDREN_OFFSET, root); // back to the root
    StableBTreeMap<Long, Long> cyclic = StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64());
    assertThrows(CorruptedStructureException.class, () -> cyclic.forEach((k, v) -> {}));
    assertThrows(
        CorruptedStructureException.class,
        () -> cyclic.keySet().iterator().forEachRemaining(k -> {}));
    assertThrows(CorruptedStructureException.class, () -> cyclic.count(null, false, null, false));

    HeapMemory damaged = BTreeTest.deepU64Tree();
    TestTrees.Parts parts = TestTrees.parts(damaged, Codecs.u64(), Codecs.u64());
    List<Long> nodes = TestTrees.nodes(parts.store(), damaged.readLongLE(12));
    damaged.writeByte(nodes.get(nodes.size() - 1), (byte) 'X'); // the last leaf
    StableBTreeMap<Long, Long> map = StableBTreeMap.load(damaged, Codecs.u64(), Codecs.u64());
    assertThrows(CorruptedStructureException.class, () -> map.forEach((k, v) -> {}));
    assertThrows(CorruptedStructureException.class, () -> map.values().forEach(v -> {}));
    assertThrows(CorruptedStructureException.class, () -> map.entrySet().forEach(e -> {}));
  }

  @Test
  void parallelWalksOfOneMapAgree() {
    StableBTreeMap<Long, Long> map = u64(20_000);
    long expected = 0;
    for (long i = 0; i < 20_000; i++) {
      expected += i * 10 * 31 + i * 100;
    }
    long want = expected;
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int round = 0; round < 20; round++) {
                    long[] sum = {0};
                    if ((round + id) % 2 == 0) {
                      map.forEach((k, v) -> sum[0] += k * 31 + v);
                    } else {
                      map.descendingMap()
                          .entrySet()
                          .forEach(e -> sum[0] += e.getKey() * 31 + e.getValue());
                    }
                    assertEquals(want, sum[0], "walk " + round + " of thread " + id);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "walker-" + t);
      threads.add(thread);
      thread.start();
    }
    Threads.joinAndRethrow(threads, failures, "walkers");
  }
}
