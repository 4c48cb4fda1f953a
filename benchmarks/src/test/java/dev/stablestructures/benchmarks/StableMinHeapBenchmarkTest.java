package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Catches a broken StableMinHeapBenchmark: each push-pop pops what its model pops. */
class StableMinHeapBenchmarkTest {
  @Test
  void everyHeapPopsItsSmallestAndKeepsItsSize() throws Exception {
    StableMinHeapBenchmark b = new StableMinHeapBenchmark();
    b.size = 1000;
    b.setUp();
    try {
      for (int i = 0; i < 200; i++) {
        long smallestUnsigned = -1L; // the largest u64
        for (long v : b.fileMemoryHeap) {
          if (Long.compareUnsigned(v, smallestUnsigned) < 0) {
            smallestUnsigned = v;
          }
        }
        long popped = b.filePushPopLong();
        // The value pushed may itself be the smallest; otherwise the old minimum comes out.
        assertEquals(true, Long.compareUnsigned(popped, smallestUnsigned) <= 0);
        b.heapPushPopLong();
        b.fileOfferPoll();
        b.priorityQueue();
      }
      assertEquals(1000, b.heapMemoryHeap.longSize());
      assertEquals(1000, b.fileMemoryHeap.longSize());
      assertEquals(1000, b.queue.size());
    } finally {
      b.tearDown();
    }
  }
}
