package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.MemoryIoException;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.testing.HeapWrapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The manager's heap state follows the image through rollbacks and failed writes: a grow rolled
 * back by a transaction, a creation rolled back, an image restored with another bucket size, and a
 * write that fails half-way through a grow or a creation (found by mutation testing: these paths
 * had no test that could fail).
 */
class MemoryManagerRollbackTest {
  @Test
  void aRolledBackGrowLeavesSizesBucketsAndCountAsTheImageHas() {
    HeapMemory base = new HeapMemory();
    MemoryManager manager = MemoryManager.init(base, 1);
    manager.get(0).grow(1);
    try (Journal.Step step = base.journal().step()) {
      assertTrue(step.isTopLevel());
      assertEquals(0, manager.get(1).grow(2));
      assertEquals(3, manager.allocatedBuckets());
    } // not committed: rolled back
    assertEquals(1, manager.memorySize(0));
    assertArrayEquals(new int[] {0}, manager.bucketsOf(0));
    assertEquals(0, manager.memorySize(1));
    assertArrayEquals(new int[0], manager.bucketsOf(1));
    assertEquals(1, manager.allocatedBuckets());
    assertTrue(manager.verify().isOk(), () -> manager.verify().toString());
    assertEquals(0, manager.get(1).grow(1));
    assertArrayEquals(new int[] {1}, manager.bucketsOf(1), "bucket 1 is free again");
  }

  @Test
  void aManagerWhoseCreationWasRolledBackRefusesGrows() {
    HeapMemory base = new HeapMemory();
    MemoryManager manager;
    try (Journal.Step step = base.journal().step()) {
      assertTrue(step.isTopLevel());
      manager = MemoryManager.init(base, 1);
      manager.get(0).grow(1);
    }
    assertEquals(0, manager.memorySize(0));
    assertEquals(0, manager.allocatedBuckets());
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> manager.get(0).grow(1));
    assertTrue(refused.getMessage().contains("gone from its memory"), refused.getMessage());
  }

  @Test
  void anImageRestoredWithAnotherBucketSizeMakesTheManagerUnusable() {
    HeapMemory base = new HeapMemory();
    MemoryManager first = MemoryManager.init(base, 1);
    first.get(0).grow(1);
    MemoryManager second;
    try (Journal.Step step = base.journal().step()) {
      assertTrue(step.isTopLevel());
      second = MemoryManager.create(base, 4);
    }
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> second.get(0).grow(1));
    assertTrue(refused.getMessage().contains("bucket size is now 1 pages"), refused.getMessage());
    assertEquals(1, first.memorySize(0));
    assertTrue(first.verify().isOk(), () -> first.verify().toString());
  }

  @Test
  void aWriteFailingHalfWayThroughAGrowLeavesTheImageAsItWas() {
    FailingMemory base = new FailingMemory();
    MemoryManager manager = MemoryManager.init(base, 1);
    manager.get(0).grow(1);
    byte[] before = base.heap.toByteArray();
    base.failWrite = base.writes + 2; // the bucket table byte lands, the header write fails
    assertThrows(MemoryIoException.class, () -> manager.get(1).grow(1));
    byte[] after = base.heap.toByteArray(); // the real memory grew (pages stay, as documented)
    assertArrayEquals(
        before, Arrays.copyOf(after, before.length), "rolled back: table and header unchanged");
    assertArrayEquals(
        new byte[after.length - before.length],
        Arrays.copyOfRange(after, before.length, after.length));
    assertEquals(0, manager.memorySize(1));
    assertEquals(1, manager.allocatedBuckets());
    assertEquals(0, manager.get(1).grow(1));
    assertTrue(manager.verify().isOk(), () -> manager.verify().toString());
  }

  @Test
  void aWriteFailingHalfWayThroughACreationLeavesTheMemoryZero() {
    FailingMemory base = new FailingMemory();
    base.failWrite = 2; // the header lands, the bucket table write fails
    assertThrows(MemoryIoException.class, () -> MemoryManager.init(base, 1));
    byte[] image = base.heap.toByteArray();
    assertArrayEquals(new byte[image.length], image, "the header written first is rolled back");
  }

  @Test
  void initChecksTheBucketSizeAlsoWhenItOpensAnExistingManager() {
    HeapMemory base = new HeapMemory();
    MemoryManager.init(base, 1).get(0).grow(1);
    assertThrows(IllegalArgumentException.class, () -> MemoryManager.init(base, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> MemoryManager.init(base, MemoryManager.MAX_BUCKET_SIZE_PAGES + 1));
  }

  /** A memory without a journal whose write number {@code failWrite} (1-based) fails once. */
  private static final class FailingMemory extends HeapWrapper {
    long writes;
    long failWrite = -1;

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      if (++writes == failWrite) {
        throw new MemoryIoException("simulated failure of write " + writes);
      }
      super.write(offset, src, srcOffset, length);
    }
  }
}
