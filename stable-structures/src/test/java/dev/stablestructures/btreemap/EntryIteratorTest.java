package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The entry iterator's one-epoch rule: go on after overwrites, fail on key changes elsewhere. */
class EntryIteratorTest {
  @Test
  void goesOnAfterOverwritesThatSplitNodesInBothDirections() {
    for (boolean descending : new boolean[] {false, true}) {
      // The published image: its full internal nodes make some overwrites split (see
      // StableBTreeMapTest.overwritingEveryValueOfThePublishedImageKeepsIteratorsGoing).
      HeapMemory memory = HeapMemory.of(PublishedImages.read("btreemap-u64-u64"));
      BTree<Long, Long> tree = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
      NavigableMap<Long, Long> model = new TreeMap<>(Long::compareUnsigned);
      tree.iterator(null, true, null, true, false)
          .forEachRemaining(e -> model.put(e.getKey(), e.getValue()));
      TestRandom rng = new TestRandom(descending ? 2 : 1);
      List<Long> keys = new ArrayList<>(model.keySet());
      long nodes = tree.stats().nodes();
      EntryIterator<Long, Long> it = tree.iterator(null, true, null, true, descending);
      Iterator<Long> expected =
          descending ? model.descendingKeySet().iterator() : model.keySet().iterator();
      while (expected.hasNext()) {
        Long key = expected.next();
        LazyEntry<Long, Long> entry = it.next();
        assertEquals(key, entry.getKey());
        assertEquals(model.get(key), entry.getValue());
        for (int j = 0; j < 2; j++) {
          long k = keys.get((int) rng.nextBelow(keys.size()));
          long v = rng.next();
          tree.insert(k, v); // an overwrite: it may split full nodes on its way down
          model.put(k, v);
        }
      }
      assertFalse(it.hasNext());
      assertTrue(tree.stats().nodes() > nodes, "some overwrites split nodes");
      assertEquals(model.size(), tree.count(null, true, null, true));
    }
  }

  @Test
  void failsFastOnKeyChangesElsewhereAndGoesOnAfterItsOwnRemovals() {
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    for (long k = 0; k < 100; k += 10) {
      tree.insert(k, k * 10);
    }
    EntryIterator<Long, Long> it = tree.iterator(20L, false, 80L, true, false);
    EntryIterator<Long, Long> other = tree.iterator(null, true, null, true, true);
    assertEquals(90L, other.next().getKey());
    LazyEntry<Long, Long> first = it.next();
    assertEquals(30L, first.getKey());
    it.remove();
    assertEquals(300L, first.getValue(), "a removed entry keeps its value");
    assertThrows(IllegalStateException.class, it::remove);
    assertEquals(40L, it.next().getKey());
    assertThrows(ConcurrentModificationException.class, other::hasNext, "removed elsewhere");
    tree.insert(40L, 1L); // an overwrite
    assertEquals(50L, it.next().getKey());
    tree.insert(55L, 1L); // a new key
    assertThrows(ConcurrentModificationException.class, it::hasNext);
    assertEquals(6, tree.count(20L, false, 80L, true));
    assertEquals(6, tree.iterator(20L, false, 80L, true, true).countRemaining());
    assertEquals(80L, tree.iterator(20L, false, 80L, true, true).next().getKey());
    assertFalse(tree.iterator(80L, false, 90L, false, false).hasNext());
  }
}
