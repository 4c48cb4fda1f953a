package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Catches a broken StableVecPushBenchmark: every path appends all values, in order. */
class StableVecPushBenchmarkTest {
  @Test
  void everyPathAppendsEveryValueInOrder() throws Exception {
    StableVecPushBenchmark b = new StableVecPushBenchmark();
    b.size = 5000;
    b.setUp();
    try {
      for (int round = 0; round < 2; round++) {
        b.freshContainers();
        long[] array = b.longArrayFill();
        var list = b.arrayListAdd();
        var heap = b.heapPushLong();
        var file = b.filePushLong();
        assertEquals(5000, list.size());
        assertEquals(5000, heap.len());
        assertEquals(5000, file.len());
        for (int i = 0; i < 5000; i++) {
          long v = b.values[i];
          assertEquals(v, array[i]);
          assertEquals(v, (long) list.get(i));
          assertEquals(v, heap.getLong(i));
          assertEquals(v, file.getLong(i));
        }
        b.freshContainers();
        var boxed = b.heapAddBoxed();
        assertEquals(5000, boxed.len());
        assertEquals(b.values[4999], boxed.getLong(4999));
      }
    } finally {
      b.tearDown();
    }
  }
}
