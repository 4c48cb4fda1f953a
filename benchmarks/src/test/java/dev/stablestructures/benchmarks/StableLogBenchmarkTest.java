package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Catches a broken StableLogBenchmark: every path appends and reads the same values. */
class StableLogBenchmarkTest {
  private final StableLogBenchmark b = new StableLogBenchmark();

  @Test
  void everyAppendPathStoresTheValues() throws Exception {
    StableLogBenchmark.Appends s = new StableLogBenchmark.Appends();
    s.size = 500;
    s.setUp();
    try {
      s.freshContainers();
      assertEquals(500, b.arrayListAdd(s).size());
      assertEquals(499, b.heapAppend(s));
      assertEquals(499, b.fileAppend(s));
      for (int i = 0; i < 500; i++) {
        assertEquals(s.values[i], s.list.get(i));
        assertEquals(s.values[i], s.heapLog.get(i));
        assertEquals(s.values[i], s.fileLog.get(i));
      }
      s.freshContainers();
      assertEquals(0, s.fileLog.longSize(), "every invocation starts empty");
    } finally {
      s.tearDown();
    }
  }

  @Test
  void everyReadPathReturnsStoredValues() throws Exception {
    StableLogBenchmark.Reads s = new StableLogBenchmark.Reads();
    s.size = 500;
    s.setUp();
    try {
      for (int i = 0; i < 100; i++) {
        // The read methods share one index cursor: each returns some stored value.
        assertTrue(s.list.contains(b.arrayListGet(s)));
        assertTrue(s.list.contains(b.heapGet(s)));
        assertTrue(s.list.contains(b.fileGet(s)));
        assertEquals(8, b.fileReadEntry(s));
      }
    } finally {
      s.tearDown();
    }
  }
}
