package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Catches a broken StableLogBenchmark: every path appends and reads the same values. */
class StableLogBenchmarkTest {
  @Test
  void everyPathAppendsAndReadsTheSameValuesAtTinySize() throws Exception {
    StableLogBenchmark b = new StableLogBenchmark();
    b.size = 500;
    b.setUp();
    try {
      b.freshContainers();
      assertEquals(500, b.arrayListAdd().size());
      assertEquals(499, b.heapAppend());
      assertEquals(499, b.fileAppend());
      for (int i = 0; i < 500; i++) {
        long v = b.values[i];
        assertEquals(v, b.appendList.get(i));
        assertEquals(v, b.appendHeapLog.get(i));
        assertEquals(v, b.appendFileLog.get(i));
        assertEquals(v, b.readHeapLog.get(i));
        assertEquals(v, b.readFileLog.get(i));
      }
      for (int i = 0; i < 100; i++) {
        // The read methods share one index cursor: each returns some stored value.
        assertEquals(true, b.readList.contains(b.arrayListGet()));
        assertEquals(true, b.readList.contains(b.heapGet()));
        assertEquals(true, b.readList.contains(b.fileGet()));
        assertEquals(8, b.fileReadEntry());
      }
    } finally {
      b.tearDown();
    }
  }
}
