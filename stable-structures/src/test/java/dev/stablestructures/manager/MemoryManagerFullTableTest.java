package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.memory.Memory;
import org.junit.jupiter.api.Test;

/**
 * A manager at its limits: one memory owning every one of the 32,768 buckets, and a memory larger
 * than {@code MAX_BUCKETS / bucketSize} pages. Each is a legal image (the crate's limit is "at
 * most", not "below"), so it loads and verifies clean; a sparse memory holds them without gigabytes
 * of heap.
 */
class MemoryManagerFullTableTest {
  private static final int MAX = MemoryManager.MAX_BUCKETS;

  @Test
  void oneMemoryOwningEveryBucketLoadsAndVerifiesClean() {
    SparseMemory memory = new SparseMemory(Long.MAX_VALUE >> 20);
    MemoryManager manager = MemoryManager.init(memory, 1);
    VirtualMemory m0 = manager.get(0);
    assertEquals(0, m0.grow(MAX));
    assertEquals(MAX, m0.size());
    m0.writeLongLE((long) MAX * Memory.PAGE_SIZE - 8, 0x1234_5678_9ABCL);

    VerifyReport report = manager.verify();
    assertTrue(report.isOk(), report::toString);
    assertEquals(MAX, report.count("allocatedBuckets"));
    assertEquals(MAX, report.count("virtualPages"));

    MemoryManager reloaded = MemoryManager.load(memory);
    assertEquals(MAX, reloaded.allocatedBuckets());
    assertEquals(MAX, reloaded.get(0).size());
    assertEquals(0x1234_5678_9ABCL, reloaded.get(0).readLongLE((long) MAX * Memory.PAGE_SIZE - 8));
    VerifyReport again = reloaded.verify();
    assertTrue(again.isOk(), again::toString);
  }

  @Test
  void aMemoryOfMoreThanHalfTheBucketsOfTwoPagesVerifiesClean() {
    SparseMemory memory = new SparseMemory(Long.MAX_VALUE >> 20);
    MemoryManager manager = MemoryManager.init(memory, 2);
    long pages = MAX / 2 + 1; // over MAX_BUCKETS / bucketSize, far under MAX_BUCKETS * bucketSize
    assertEquals(0, manager.get(0).grow(pages));
    VerifyReport report = manager.verify();
    assertTrue(report.isOk(), report::toString);
    assertEquals(pages, report.count("virtualPages"));
    assertEquals(pages, MemoryManager.load(memory).get(0).size());
  }
}
