package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metering changes no byte: a memory manager with two maps, driven by the same random operations
 * over a bare {@link HeapMemory} and over a {@link MeteredMemory} (a new meter every "message"),
 * ends in byte-identical images, and the meters counted what the metered run did.
 */
class MeteredImageTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  private static final int OPERATIONS = FULL ? 200_000 : 6_000;
  private static final int PER_MESSAGE = 100;

  /** Runs the operations of one seed over {@code root}; a message boundary every 100 operations. */
  private static void drive(Memory root, long seed, Runnable messageBoundary) {
    MemoryManager manager = MemoryManager.init(root);
    StableBTreeMap<Long, byte[]> blobs =
        StableBTreeMap.init(manager.get(0), Codecs.u64(), Codecs.bytes());
    StableBTreeMap<Long, Long> counts =
        StableBTreeMap.init(manager.get(1), Codecs.u64(), Codecs.u64());
    TestRandom random = new TestRandom(seed);
    for (int i = 0; i < OPERATIONS; i++) {
      if (i % PER_MESSAGE == 0) {
        messageBoundary.run();
      }
      long key = random.nextBelow(2_000);
      switch ((int) random.nextBelow(4)) {
        case 0, 1 -> blobs.put(key, TestRandom.bytes((int) random.nextBelow(300), key));
        case 2 -> blobs.remove(key);
        default -> counts.merge(key, 1L, Long::sum);
      }
      blobs.get(random.nextBelow(2_000));
    }
  }

  @Test
  void aMeteredRunWritesTheSameImageAsAnUnmeteredOne() {
    for (long seed = 1; seed <= 2; seed++) {
      HeapMemory bare = new HeapMemory();
      drive(bare, seed, () -> {});

      HeapMemory base = new HeapMemory();
      MeteredMemory metered = new MeteredMemory(base);
      List<Meter> meters = new ArrayList<>();
      drive(
          metered,
          seed,
          () -> {
            Meter meter = new Meter(MessageKind.UPDATE, MeterLimits.ic());
            meters.add(meter);
            metered.setMeter(meter);
          });

      assertArrayEquals(Memories.toByteArray(bare), Memories.toByteArray(base), "seed " + seed);
      assertEquals(OPERATIONS / PER_MESSAGE, meters.size());
      for (Meter meter : meters) {
        CostReport r = meter.report();
        assertTrue(r.calls() > 0 && r.bytesRead() > 0 && r.bytesWritten() > 0, r.toString());
        assertTrue(r.dirtyPages() > 0, r.toString());
        // Every page dirtied was written: at most one page per byte, and never more pages than
        // the memory holds.
        assertTrue(r.dirtyPages() <= r.bytesWritten(), r.toString());
        assertTrue(r.dirtyPages() <= base.sizeInBytes() / Meter.DIRTY_PAGE_SIZE, r.toString());
        assertEquals(
            20 * r.calls() + r.bytesRead() + r.bytesWritten() + 1_000 * r.dirtyPages(),
            r.instructions(),
            "instructions are exactly the three charges");
      }
    }
  }

  @Test
  void aSupplierBackedMemoryWritesTheSameImageToo() {
    HeapMemory bare = new HeapMemory();
    drive(bare, 7, () -> {});
    HeapMemory base = new HeapMemory();
    Meter only = new Meter(MessageKind.UPGRADE, MeterLimits.unlimited());
    drive(new MeteredMemory(base, () -> only), 7, () -> {});
    assertArrayEquals(Memories.toByteArray(bare), Memories.toByteArray(base));
    assertTrue(only.report().calls() > OPERATIONS, only.toString());
  }
}
