package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Catches a broken StableVecBenchmark: its state sets up and every method reads the same values.
 */
class StableVecBenchmarkTest {
  @Test
  void everyPathReadsTheSameValuesAtTinySize() throws Exception {
    StableVecBenchmark b = new StableVecBenchmark();
    b.size = 1000;
    b.setUp();
    try {
      java.util.Set<Long> stored = new java.util.HashSet<>();
      for (long v : b.array) {
        stored.add(v);
      }
      for (int i = 0; i < 100; i++) {
        // The methods share an index cursor, so each must return some stored value.
        assertTrue(stored.contains(b.longArray()));
        assertTrue(stored.contains(b.arrayList()));
        assertTrue(stored.contains(b.heapGetLong()));
        assertTrue(stored.contains(b.fileGetLong()));
        assertTrue(stored.contains(b.heapGetBoxed()));
        assertTrue(stored.contains(b.fileGetBoxed()));
      }
      for (int i = 0; i < 1000; i++) {
        long v = b.array[i];
        assertEquals(v, b.heapVec.getLong(i));
        assertEquals(v, b.fileVec.getLong(i));
        assertEquals(v, (long) b.list.get(i));
      }
      assertEquals(1000, b.heapVec.len());
      assertEquals(1000, b.fileVec.len());
    } finally {
      b.tearDown();
    }
  }
}
