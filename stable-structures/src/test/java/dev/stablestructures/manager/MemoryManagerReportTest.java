package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import org.junit.jupiter.api.Test;

/**
 * What the manager reports about itself: {@code verify()}'s counts, {@code toString}, and the fast
 * path of {@link VirtualMemory}'s address translation (found by mutation testing: no test read
 * these values).
 */
class MemoryManagerReportTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void verifyCountsTheBucketsMemoriesPagesAndBytes() {
    HeapMemory base = new HeapMemory();
    MemoryManager manager = MemoryManager.init(base, 2);
    manager.get(0).grow(3);
    manager.get(5).grow(1);
    VerifyReport report = manager.verify();
    assertTrue(report.isOk(), report::toString);
    assertEquals(3, report.count("allocatedBuckets"));
    assertEquals(2, report.count("bucketSizePages"));
    assertEquals(2, report.count("memoriesInUse"));
    assertEquals(4, report.count("virtualPages"));
    assertEquals((1 + 2 * 3) * (long) PAGE, report.count(VerifyReport.BYTES_USED));
  }

  @Test
  void toStringNamesTheLayout() {
    MemoryManager manager = MemoryManager.init(new HeapMemory(), 1);
    manager.get(3).grow(2);
    assertTrue(
        manager.toString().startsWith("MemoryManager[bucket size 1 pages, 2 buckets allocated"),
        manager.toString());
    assertEquals("VirtualMemory[id 3, 2 pages]", manager.get(3).toString());
  }

  @Test
  void anAccessInsideOneBucketTranslatesToItsRealAddress() {
    MemoryManager manager = MemoryManager.init(new HeapMemory(), 1);
    manager.get(0).grow(1); // bucket 0
    manager.get(1).grow(1); // bucket 1
    manager.get(0).grow(1); // bucket 2: memory 0's second page
    VirtualMemory memory = manager.get(0);
    long bucket0 = PAGE;
    long bucket2 = PAGE + 2L * PAGE;
    assertEquals(bucket2 + 8, memory.translate(PAGE + 8, 8));
    assertEquals(bucket0 + PAGE - 8, memory.translate(PAGE - 8, 8), "ends exactly at the end");
    assertTrue(memory.translate(PAGE - 4, 8) < 0, "crosses into another bucket: not contiguous");
    memory.writeLongLE(PAGE - 4, 0x0102_0304_0506_0708L);
    assertEquals(0x0102_0304_0506_0708L, memory.readLongLE(PAGE - 4), "the slow path agrees");
  }
}
