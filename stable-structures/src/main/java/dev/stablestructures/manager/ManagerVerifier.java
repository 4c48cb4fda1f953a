package dev.stablestructures.manager;

import dev.stablestructures.StructureMagic;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;

/**
 * Checks a stored memory manager's page 0 (see {@link MemoryManager} for the layout) and reports
 * what is wrong, both in the image and between the image and the open manager's heap copy. Reads
 * only: the header and the 32 KiB bucket table, each in one read.
 *
 * <p>A bucket table byte names one owner, so the image alone cannot give a bucket two owners; a
 * bucket given to another memory shows as two memories whose bucket counts no longer match their
 * sizes, and as a bucket the open manager maps into one memory while the table gives it to another.
 * Both are reported.
 */
final class ManagerVerifier {
  private static final String KIND = "MemoryManager";

  private ManagerVerifier() {}

  static VerifyReport verify(MemoryManager manager) {
    VerifyReport.Builder report = VerifyReport.builder(KIND);
    Memory memory = manager.baseMemory();
    long size = memory.sizeInBytes();
    int minimum = MemoryManager.BUCKET_TABLE_OFFSET + MemoryManager.MAX_BUCKETS;
    if (size < minimum) {
      return report.finding(0, "memory size", "at least " + minimum, size).build();
    }
    byte[] header = memory.readBytes(0, MemoryManager.HEADER_SIZE);
    if (!report.header(KIND, header, StructureMagic.MEMORY_MANAGER, MemoryManager.LAYOUT_VERSION)) {
      return report.build();
    }
    int allocated = ByteArrays.getShortLE(header, MemoryManager.ALLOCATED_BUCKETS_OFFSET);
    int bucketSize = ByteArrays.getShortLE(header, MemoryManager.BUCKET_SIZE_OFFSET);
    checkCounters(manager, allocated, bucketSize, report);
    if (bucketSize == 0) {
      return report.build();
    }
    long[] sizes = sizes(manager, header, bucketSize, report);
    int[] owned = checkTable(memory, Math.min(allocated, MemoryManager.MAX_BUCKETS), report);
    for (int id = 0; id < MemoryManager.MAX_MEMORIES; id++) {
      long needed = (sizes[id] + bucketSize - 1) / bucketSize;
      if (owned[id] != needed) {
        report.finding(
            MemoryManager.SIZES_OFFSET + 8L * id,
            "buckets of memory " + id,
            needed + " (for its " + sizes[id] + " pages of " + bucketSize + "-page buckets)",
            owned[id] + " owned in the bucket table");
      }
    }
    checkHeapLists(manager, memory, report);
    long realPages = 1 + (long) bucketSize * allocated;
    if (memory.size() < realPages) {
      report.finding(
          MemoryManager.ALLOCATED_BUCKETS_OFFSET,
          "allocated buckets",
          "buckets inside the memory of " + memory.size() + " pages",
          allocated + " buckets of " + bucketSize + " pages, reaching page " + realPages);
    }
    long pages = 0;
    int inUse = 0;
    for (long s : sizes) {
      pages += s;
      inUse += s > 0 ? 1 : 0;
    }
    return report
        .count("allocatedBuckets", allocated)
        .count("bucketSizePages", bucketSize)
        .count("memoriesInUse", inUse)
        .count("virtualPages", pages)
        .count(VerifyReport.BYTES_USED, realPages * Memory.PAGE_SIZE)
        .build();
  }

  private static void checkCounters(
      MemoryManager manager, int allocated, int bucketSize, VerifyReport.Builder report) {
    if (bucketSize == 0) {
      report.finding(MemoryManager.BUCKET_SIZE_OFFSET, "bucket size", "1 to 65535 pages", 0);
    } else if (bucketSize != manager.bucketSizeInPages()) {
      report.finding(
          MemoryManager.BUCKET_SIZE_OFFSET,
          "cached bucket size",
          bucketSize + " (stored)",
          manager.bucketSizeInPages());
    }
    if (allocated > MemoryManager.MAX_BUCKETS) {
      report.finding(
          MemoryManager.ALLOCATED_BUCKETS_OFFSET,
          "allocated buckets",
          "at most " + MemoryManager.MAX_BUCKETS,
          allocated);
    } else if (allocated != manager.allocatedBuckets()) {
      report.finding(
          MemoryManager.ALLOCATED_BUCKETS_OFFSET,
          "cached allocated buckets",
          allocated + " (stored)",
          manager.allocatedBuckets());
    }
  }

  private static long[] sizes(
      MemoryManager manager, byte[] header, int bucketSize, VerifyReport.Builder report) {
    long[] sizes = new long[MemoryManager.MAX_MEMORIES];
    long most = (long) MemoryManager.MAX_BUCKETS * bucketSize;
    for (int id = 0; id < MemoryManager.MAX_MEMORIES; id++) {
      int at = MemoryManager.SIZES_OFFSET + 8 * id;
      long size = ByteArrays.getLongLE(header, at);
      if (size < 0 || size > most) {
        report.finding(
            at, "size of memory " + id, "at most " + most + " pages", Long.toUnsignedString(size));
        size = 0;
      } else if (size != manager.memorySize(id)) {
        report.finding(
            at, "cached size of memory " + id, size + " (stored)", manager.memorySize(id));
      }
      sizes[id] = size;
    }
    return sizes;
  }

  /** Checks that exactly the first {@code allocated} buckets have owners; counts each owner's. */
  private static int[] checkTable(Memory memory, int allocated, VerifyReport.Builder report) {
    byte[] table = memory.readBytes(MemoryManager.BUCKET_TABLE_OFFSET, MemoryManager.MAX_BUCKETS);
    int[] owned = new int[MemoryManager.MAX_MEMORIES];
    for (int bucket = 0; bucket < MemoryManager.MAX_BUCKETS; bucket++) {
      int owner = table[bucket] & 0xFF;
      long at = MemoryManager.BUCKET_TABLE_OFFSET + (long) bucket;
      if (bucket < allocated && owner == MemoryManager.FREE_BUCKET) {
        report.finding(
            at, "owner of bucket " + bucket, "a memory id (allocated bucket)", "FF (free)");
      } else if (bucket >= allocated && owner != MemoryManager.FREE_BUCKET) {
        report.finding(
            at, "owner of bucket " + bucket, "FF (free: past the allocated buckets)", owner);
      } else if (owner != MemoryManager.FREE_BUCKET) {
        owned[owner]++;
      }
    }
    return owned;
  }

  /**
   * The open manager's bucket lists must be the table's: each bucket in at most one list, in the
   * list of the memory the table names, in ascending order.
   */
  private static void checkHeapLists(
      MemoryManager manager, Memory memory, VerifyReport.Builder report) {
    byte[] table = memory.readBytes(MemoryManager.BUCKET_TABLE_OFFSET, MemoryManager.MAX_BUCKETS);
    int[] listedBy = new int[MemoryManager.MAX_BUCKETS];
    java.util.Arrays.fill(listedBy, -1);
    for (int id = 0; id < MemoryManager.MAX_MEMORIES; id++) {
      int previous = -1;
      for (int bucket : manager.bucketsOf(id)) {
        long at = MemoryManager.BUCKET_TABLE_OFFSET + (long) bucket;
        if (bucket < 0 || bucket >= MemoryManager.MAX_BUCKETS || bucket <= previous) {
          report.finding(
              at, "buckets of memory " + id, "ascending bucket numbers", "bucket " + bucket);
          continue;
        }
        previous = bucket;
        if (listedBy[bucket] >= 0) {
          report.finding(
              at,
              "owner of bucket " + bucket,
              "one memory",
              "memories " + listedBy[bucket] + " and " + id + " (open manager)");
        }
        listedBy[bucket] = id;
        int owner = table[bucket] & 0xFF;
        if (owner != id) {
          report.finding(
              at,
              "owner of bucket " + bucket,
              id + " (the open manager maps it into memory " + id + ")",
              owner == MemoryManager.FREE_BUCKET ? "FF (free)" : String.valueOf(owner));
        }
      }
    }
  }
}
