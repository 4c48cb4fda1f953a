package dev.stablestructures.manager;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import dev.stablestructures.vec.StableVec;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryManager#verify()}: the crate's images and random grows verify clean; damage to the
 * header or the bucket table gives its finding at its offset in page 0.
 */
class MemoryManagerVerifyTest {
  private static final long TABLE = MemoryManager.BUCKET_TABLE_OFFSET;

  @Test
  void crateImagesVerifyClean() {
    for (byte[] image :
        new byte[][] {
          VectorFiles.referenceRepo("stability_write.golden"),
          VectorFiles.published("canister-memory-manager")
        }) {
      HeapMemory memory = HeapMemory.of(image);
      MemoryManager manager = MemoryManager.load(memory);
      VerifyReport report = clean(manager::verify, memory);
      assertEquals(manager.allocatedBuckets(), report.count("allocatedBuckets"));
    }
  }

  @Test
  void randomGrowsVerifyClean() {
    TestRandom random = new TestRandom(9);
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory, 1);
    for (int i = 0; i < 300; i++) {
      int id = (int) random.nextBelow(6) * 50;
      assertTrue(manager.get(id).grow(random.nextBelow(3)) >= 0);
      if (i % 20 == 0) {
        clean(manager::verify, memory);
      }
    }
    assertEquals(
        manager.allocatedBuckets(), clean(manager::verify, memory).count("allocatedBuckets"));
  }

  /** A manager of 1-page buckets: memory 0 owns buckets 0 and 2, memory 1 bucket 1. */
  private static MemoryManager small(HeapMemory memory) {
    MemoryManager manager = MemoryManager.init(memory, 1);
    manager.get(0).grow(1);
    manager.get(1).grow(1);
    manager.get(0).grow(1);
    return manager;
  }

  @Test
  void bucketGivenToAnotherMemoryIsFound() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = small(memory);
    memory.writeByte(TABLE + 1, (byte) 0); // bucket 1 owned by memory 0 as well
    VerifyReport.Finding finding = finds(manager::verify, "owner of bucket 1", TABLE + 1, memory);
    assertTrue(finding.expected().startsWith("1 (the open manager"), finding.toString());
    assertEquals("0", finding.found());
    finds(manager::verify, "buckets of memory 0", MemoryManager.SIZES_OFFSET, memory);
    finds(manager::verify, "buckets of memory 1", MemoryManager.SIZES_OFFSET + 8, memory);
  }

  @Test
  void tableAndCountDamageIsFound() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = small(memory);
    byte[] image = memory.toByteArray();

    memory.writeByte(TABLE + 2, (byte) 0xFF); // an allocated bucket marked free
    finds(manager::verify, "owner of bucket 2", TABLE + 2, memory);
    memory.write(0, image);
    memory.writeByte(TABLE + 3, (byte) 4); // a bucket past the allocated ones owned
    finds(manager::verify, "owner of bucket 3", TABLE + 3, memory);
    memory.write(0, image);

    // 4 buckets allocated: the 4th is free in the table and past the memory's 4 pages.
    memory.writeShortLE(MemoryManager.ALLOCATED_BUCKETS_OFFSET, 4);
    finds(
        manager::verify,
        "cached allocated buckets",
        MemoryManager.ALLOCATED_BUCKETS_OFFSET,
        memory);
    finds(manager::verify, "owner of bucket 3", TABLE + 3, memory);
    finds(manager::verify, "allocated buckets", MemoryManager.ALLOCATED_BUCKETS_OFFSET, memory);
    memory.write(0, image);

    memory.writeLongLE(MemoryManager.SIZES_OFFSET + 8, 2); // memory 1: 2 pages in 1 bucket
    finds(manager::verify, "buckets of memory 1", MemoryManager.SIZES_OFFSET + 8, memory);
    finds(manager::verify, "cached size of memory 1", MemoryManager.SIZES_OFFSET + 8, memory);
    memory.write(0, image);
    memory.writeLongLE(MemoryManager.SIZES_OFFSET + 16, -1);
    finds(manager::verify, "size of memory 2", MemoryManager.SIZES_OFFSET + 16, memory);
  }

  @Test
  void headerDamageIsFound() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = small(memory);
    byte[] image = memory.toByteArray();
    memory.writeByte(0, (byte) 'm');
    finds(manager::verify, "magic", 0, memory);
    memory.write(0, image);
    memory.writeByte(3, (byte) 2);
    finds(manager::verify, "layout version", 3, memory);
    memory.write(0, image);
    memory.writeShortLE(MemoryManager.BUCKET_SIZE_OFFSET, 0);
    finds(manager::verify, "bucket size", MemoryManager.BUCKET_SIZE_OFFSET, memory);
    memory.write(0, image);
    memory.writeShortLE(MemoryManager.BUCKET_SIZE_OFFSET, 2);
    finds(manager::verify, "cached bucket size", MemoryManager.BUCKET_SIZE_OFFSET, memory);
  }

  @Test
  void canisterImageVerifiesCleanThroughEveryStructure() {
    HeapMemory memory = HeapMemory.of(VectorFiles.published("canister-memory-manager"));
    MemoryManager manager = MemoryManager.load(memory);
    java.util.List<VerifyReport> reports =
        java.util.List.of(
            clean(manager::verify, memory),
            StableBTreeMap.load(manager.get(0), Codecs.u64(), Codecs.u64()).verify(),
            StableBTreeMap.load(manager.get(1), Codecs.string(), Codecs.bytes()).verify(),
            StableVec.load(manager.get(2), Codecs.u64()).verify(),
            StableCell.load(manager.get(3), Codecs.string()).verify(),
            StableLog.load(manager.get(4), manager.get(5), Codecs.bytes()).verify(),
            StableMinHeap.load(manager.get(6), Codecs.u64()).verify(),
            StableBTreeSet.load(manager.get(254), Codecs.u32()).verify());
    for (VerifyReport report : reports) {
      assertTrue(report.isOk(), report::toString);
    }
    assertEquals(
        VectorFiles.published("canister-memory-manager").length, memory.toByteArray().length);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        VectorFiles.published("canister-memory-manager"), memory.toByteArray());
  }
}
