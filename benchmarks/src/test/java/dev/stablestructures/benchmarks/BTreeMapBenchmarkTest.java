package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Catches a broken BTreeMapBenchmark or BTreeNodeCacheBenchmark: both maps hold the same entries,
 * gets hit, puts insert fresh keys and the per-invocation clean-up removes them again.
 */
class BTreeMapBenchmarkTest {
  private static final Blackhole SINK =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @Test
  void getsHitPutsInsertAndTheCleanUpRestoresTheMaps() throws Exception {
    BTreeMapBenchmark b = new BTreeMapBenchmark();
    b.size = 3000;
    b.setUp();
    try {
      for (int i = 0; i < 1000; i++) {
        Long fromTree = b.treeMapGet();
        Long fromBtree = b.btreeGet(); // the next probe: compare both against the TreeMap
        assertNotNull(fromTree);
        assertNotNull(fromBtree);
        long probe = b.probes[2 * i + 1];
        assertEquals(b.tree.get(probe), fromBtree);
        assertEquals(probe ^ 1, (long) fromBtree);
      }
      BTreeMapBenchmark.Batch batch = new BTreeMapBenchmark.Batch();
      for (int round = 0; round < 3; round++) {
        int from = batch.index * BTreeMapBenchmark.BATCH;
        b.treeMapPut(batch, SINK);
        b.btreePut(batch, SINK);
        assertEquals(3000 + BTreeMapBenchmark.BATCH, b.tree.size());
        assertEquals(3000 + BTreeMapBenchmark.BATCH, b.btree.size());
        for (int i = from; i < from + BTreeMapBenchmark.BATCH; i += 97) {
          long k = b.fresh[i];
          assertEquals(k ^ 1, (long) b.btree.get(k));
          assertEquals(k ^ 1, (long) b.tree.get(k));
        }
        batch.removeBatch(b);
        assertEquals(3000, b.tree.size());
        assertEquals(3000, b.btree.size());
        assertNull(b.btree.get(b.fresh[from]));
      }
      BTreeMapBenchmark.RemoveBatch removal = new BTreeMapBenchmark.RemoveBatch();
      for (int round = 0; round < 2; round++) {
        int from = removal.index * BTreeMapBenchmark.BATCH;
        int before = b.tree.size();
        java.util.Set<Long> present = new java.util.HashSet<>();
        for (int i = from; i < from + BTreeMapBenchmark.BATCH; i++) {
          if (b.tree.containsKey(b.victims[i])) {
            present.add(b.victims[i]);
          }
        }
        assertEquals(3000, present.size(), "at this tiny size a batch covers every key");
        b.treeMapRemove(removal, SINK);
        b.btreeRemove(removal, SINK);
        assertEquals(before - present.size(), b.tree.size());
        assertEquals(b.tree.size(), b.btree.size());
        assertEquals(b.tree, b.btree);
        removal.restoreBatch(b);
        assertEquals(before, b.tree.size());
        assertEquals(b.tree, b.btree);
      }
      assertEquals(b.tree, b.btree);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void theNodeCacheBenchmarkGetsHitWithAndWithoutTheCache() throws Exception {
    for (int cached : new int[] {16384, 0}) {
      BTreeNodeCacheBenchmark b = new BTreeNodeCacheBenchmark();
      b.size = 5000;
      b.cachedNodes = cached;
      b.setUp();
      try {
        assertEquals(cached, b.btree.cachedNodes());
        for (int i = 0; i < 2000; i++) {
          assertEquals(b.probes[i] ^ 1, (long) b.get());
        }
      } finally {
        b.tearDown();
      }
    }
  }
}
