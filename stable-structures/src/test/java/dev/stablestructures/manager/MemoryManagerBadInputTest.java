package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Foreign or damaged memory, bad ids and sizes, the limits, and the crate's bounds pitfall. */
class MemoryManagerBadInputTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  private static void assertRefusedUnchanged(
      HeapMemory memory, Class<? extends Throwable> type, String mention, Executable open) {
    byte[] before = memory.toByteArray();
    Throwable thrown = assertThrows(type, open);
    assertTrue(
        thrown.getMessage().contains(mention),
        "message '" + thrown.getMessage() + "' should mention '" + mention + "'");
    assertArrayEquals(before, memory.toByteArray(), "memory must be left untouched");
  }

  private static HeapMemory memoryStartingWith(byte[] start) {
    HeapMemory memory = new HeapMemory();
    memory.grow(2);
    memory.write(0, start);
    memory.writeLongLE(PAGE + 8, 0xDEADBEEFL);
    return memory;
  }

  @Test
  void foreignMagicIsRefusedByNameAndLeftUntouched() {
    String[][] known = {
      {"BTR", "a BTreeMap or BTreeSet"},
      {"SVC", "a StableVec"},
      {"SMH", "a MinHeap"},
      {"SCL", "a Cell"},
      {"GLI", "a Log's index memory"},
      {"GLD", "a Log's data memory"},
    };
    for (String[] magic : known) {
      byte[] start =
          (magic[0] + "\u0002\u0007\u0000\u0000\u0000").getBytes(StandardCharsets.US_ASCII);
      HeapMemory memory = memoryStartingWith(start);
      String mention = "found magic '" + magic[0] + "' (" + magic[1] + ")";
      assertRefusedUnchanged(
          memory, BadMagicException.class, mention, () -> MemoryManager.init(memory));
      assertRefusedUnchanged(
          memory, BadMagicException.class, mention, () -> MemoryManager.init(memory, 1));
      assertRefusedUnchanged(
          memory, BadMagicException.class, mention, () -> MemoryManager.load(memory));
      assertEquals(2, memory.size());
    }
  }

  @Test
  void unknownContentIsRefusedWithItsBytesInHex() {
    HeapMemory memory = memoryStartingWith(new byte[] {1, 2, 3, (byte) 0xAB, 5, 6, 7, 8, 9});
    assertRefusedUnchanged(
        memory,
        BadMagicException.class,
        "bytes 01 02 03 AB 05 06 07 08",
        () -> MemoryManager.init(memory));
    HeapMemory blank = new HeapMemory();
    blank.grow(1);
    assertRefusedUnchanged(
        blank, BadMagicException.class, "bytes 00 00 00 00", () -> MemoryManager.init(blank));
  }

  @Test
  void loadNeverCreates() {
    HeapMemory memory = new HeapMemory();
    assertThrows(BadMagicException.class, () -> MemoryManager.load(memory));
    assertEquals(0, memory.size());
  }

  @Test
  void createOnAFullEmptyMemoryFailsWithoutChange() {
    HeapMemory memory = new HeapMemory(0);
    assertThrows(GrowFailedException.class, () -> MemoryManager.init(memory));
    assertThrows(GrowFailedException.class, () -> MemoryManager.create(memory, 4));
    assertEquals(0, memory.size());
  }

  @Test
  void unsupportedVersionIsRefusedAndLeftUntouched() {
    for (int version : new int[] {0, 2, 255}) {
      HeapMemory memory = new HeapMemory();
      MemoryManager.init(memory, 1).get(0).grow(1);
      memory.writeByte(3, (byte) version);
      assertRefusedUnchanged(
          memory,
          UnsupportedVersionException.class,
          "version " + version,
          () -> MemoryManager.init(memory));
      assertRefusedUnchanged(
          memory,
          UnsupportedVersionException.class,
          "version " + version,
          () -> MemoryManager.load(memory));
    }
  }

  @Test
  void damagedManagersAreCorruptedNotMisread() {
    HeapMemory good = new HeapMemory();
    MemoryManager manager = MemoryManager.init(good, 2);
    manager.get(0).grow(3);
    manager.get(5).grow(1);
    byte[] image = good.toByteArray();

    // Bucket size 0 would divide by zero.
    HeapMemory zeroBucket = HeapMemory.of(image);
    zeroBucket.writeShortLE(6, 0);
    assertRefusedUnchanged(
        zeroBucket,
        CorruptedStructureException.class,
        "bucket size is 0",
        () -> MemoryManager.load(zeroBucket));

    // A bucket below the allocated count marked free.
    HeapMemory freed = HeapMemory.of(image);
    freed.writeByte(MemoryManager.BUCKET_TABLE_OFFSET + 1, (byte) 0xFF);
    assertRefusedUnchanged(
        freed, CorruptedStructureException.class, "bucket 1", () -> MemoryManager.load(freed));

    // A bucket past the allocated count owned by someone.
    HeapMemory stray = HeapMemory.of(image);
    stray.writeByte(MemoryManager.BUCKET_TABLE_OFFSET + 9, (byte) 4);
    assertRefusedUnchanged(
        stray, CorruptedStructureException.class, "bucket 9", () -> MemoryManager.load(stray));

    // A size that its buckets cannot hold.
    HeapMemory tooBig = HeapMemory.of(image);
    tooBig.writeLongLE(40 + 8 * 5, 7);
    assertRefusedUnchanged(
        tooBig, CorruptedStructureException.class, "memory 5", () -> MemoryManager.load(tooBig));

    // More buckets allocated than the limit.
    HeapMemory overLimit = HeapMemory.of(image);
    overLimit.writeShortLE(4, 40_000);
    assertRefusedUnchanged(
        overLimit, CorruptedStructureException.class, "40000", () -> MemoryManager.load(overLimit));

    // A truncated image: the header claims buckets the memory does not have.
    HeapMemory truncated = HeapMemory.of(Arrays.copyOf(image, 3 * PAGE));
    assertRefusedUnchanged(
        truncated,
        CorruptedStructureException.class,
        "too short",
        () -> MemoryManager.load(truncated));
  }

  @Test
  void idsOutsideZeroTo254AreRefused() {
    MemoryManager manager = MemoryManager.init(new HeapMemory(), 1);
    for (int id : new int[] {-1, 255, 256, Integer.MIN_VALUE}) {
      assertThrows(IllegalArgumentException.class, () -> manager.get(id));
      assertThrows(IllegalArgumentException.class, () -> manager.memorySize(id));
      assertThrows(IllegalArgumentException.class, () -> manager.bucketsOf(id));
    }
    manager.get(0);
    manager.get(254);
  }

  @Test
  void bucketSizesOutside1To65535AreRefused() {
    for (int size : new int[] {0, -1, 65_536, Integer.MAX_VALUE}) {
      HeapMemory memory = new HeapMemory();
      assertThrows(IllegalArgumentException.class, () -> MemoryManager.init(memory, size));
      assertThrows(IllegalArgumentException.class, () -> MemoryManager.create(memory, size));
      assertEquals(0, memory.size());
    }
    HeapMemory memory = new HeapMemory();
    assertEquals(65_535, MemoryManager.init(memory, 65_535).bucketSizeInPages());
    assertEquals(65_535, MemoryManager.load(memory).bucketSizeInPages());
  }

  @Test
  void negativeGrowIsRefused() {
    VirtualMemory m0 = MemoryManager.init(new HeapMemory(), 1).get(0);
    assertThrows(IllegalArgumentException.class, () -> m0.grow(-1));
    assertEquals(0, m0.size());
  }

  /** The 32,768-bucket limit, reached cheaply with 1-page buckets over a sparse memory. */
  @Test
  void bucketLimitRefusesWithoutChange() {
    SparseMemory memory = new SparseMemory(Long.MAX_VALUE >> 20);
    MemoryManager manager = MemoryManager.init(memory, 1);
    VirtualMemory m0 = manager.get(0);
    VirtualMemory m1 = manager.get(1);

    byte[] empty = Memories.toByteArray(memory);
    assertEquals(-1, m0.grow(MemoryManager.MAX_BUCKETS + 1));
    assertEquals(-1, m0.grow(Long.MAX_VALUE));
    assertEquals(0, m0.size());
    assertEquals(0, manager.allocatedBuckets());
    assertArrayEquals(empty, Memories.toByteArray(memory));

    assertEquals(0, m0.grow(MemoryManager.MAX_BUCKETS - 1));
    assertEquals(0, m1.grow(1));
    assertEquals(MemoryManager.MAX_BUCKETS, manager.allocatedBuckets());
    assertEquals(1 + MemoryManager.MAX_BUCKETS, memory.size());
    assertEquals(0x00, memory.readByte(0 + 4));
    assertEquals((byte) 0x80, memory.readByte(0 + 5), "32768 = 00 80 LE");
    assertEquals(
        1, memory.readByte(MemoryManager.BUCKET_TABLE_OFFSET + MemoryManager.MAX_BUCKETS - 1));

    byte[] page0 = memory.readBytes(0, PAGE);
    assertEquals(-1, m0.grow(1));
    assertEquals(-1, m1.grow(1));
    assertEquals(-1, manager.get(2).grow(1));
    assertEquals(1, m1.grow(0), "growing by 0 needs no bucket");
    assertArrayEquals(page0, memory.readBytes(0, PAGE));
    assertEquals(1 + MemoryManager.MAX_BUCKETS, memory.size());

    m1.writeLongLE(PAGE - 8, 42);
    MemoryManager reloaded = MemoryManager.load(memory);
    assertEquals(MemoryManager.MAX_BUCKETS, reloaded.allocatedBuckets());
    assertEquals(MemoryManager.MAX_BUCKETS - 1, reloaded.memorySize(0));
    assertArrayEquals(new int[] {MemoryManager.MAX_BUCKETS - 1}, reloaded.bucketsOf(1));
    assertEquals(42, reloaded.get(1).readLongLE(PAGE - 8));
  }

  /** The crate's growing_beyond_capacity_fails, at the default bucket size. */
  @Test
  void defaultBucketSizeCapacity() {
    long maxPages = (long) MemoryManager.MAX_BUCKETS * MemoryManager.DEFAULT_BUCKET_SIZE_PAGES;
    SparseMemory memory = new SparseMemory(Long.MAX_VALUE >> 20);
    VirtualMemory m0 = MemoryManager.init(memory).get(0);
    assertEquals(-1, m0.grow(maxPages + 1));
    assertEquals(-1, m0.grow(Long.MAX_VALUE));
    assertEquals(-1, m0.grow(Long.MAX_VALUE - 100));
    assertEquals(0, MemoryManager.load(memory).allocatedBuckets());
    assertEquals(0, m0.grow(1));
    assertEquals(-1, m0.grow(maxPages));
    assertEquals(1, m0.grow(maxPages - 1));
    assertEquals(1 + maxPages, memory.size());
  }

  /** When the real memory refuses to grow, the crate panics; we answer -1 and change nothing. */
  @Test
  void underlyingRefusalChangesNothing() {
    HeapMemory memory = new HeapMemory(10);
    MemoryManager manager = MemoryManager.init(memory, 4);
    assertEquals(0, manager.get(0).grow(1));
    assertEquals(5, memory.size());
    assertEquals(0, manager.get(1).grow(4));
    assertEquals(9, memory.size());
    manager.get(1).writeIntLE(100, 77);

    byte[] before = memory.toByteArray();
    assertEquals(-1, manager.get(2).grow(1));
    assertEquals(-1, manager.get(0).grow(4));
    assertEquals(-1, manager.get(1).grow(1));
    GrowFailedException failed =
        assertThrows(
            GrowFailedException.class,
            () -> Memories.write(manager.get(3), 0, new byte[] {1, 2, 3}));
    assertTrue(failed.getMessage().contains("could not grow"));
    assertArrayEquals(before, memory.toByteArray(), "header, table and buckets unchanged");
    assertEquals(9, memory.size());
    assertEquals(2, manager.allocatedBuckets());
    assertEquals(1, manager.memorySize(0));
    assertEquals(4, manager.memorySize(1));
    assertEquals(0, manager.memorySize(2));
    assertEquals(0, manager.memorySize(3));
    assertArrayEquals(new int[] {0}, manager.bucketsOf(0));
    assertArrayEquals(new int[] {1}, manager.bucketsOf(1));
    assertEquals(0, manager.bucketsOf(2).length);

    // Growth inside memory 0's bucket still works, and the manager still reloads.
    assertEquals(1, manager.get(0).grow(3));
    MemoryManager reloaded = MemoryManager.load(memory);
    assertEquals(4, reloaded.memorySize(0));
    assertEquals(77, reloaded.get(1).readIntLE(100));

    // A bucket size the real memory can never hold: the first grow is refused, cleanly.
    HeapMemory small = new HeapMemory(100);
    MemoryManager huge = MemoryManager.init(small, 65_535);
    byte[] fresh = small.toByteArray();
    assertEquals(-1, huge.get(0).grow(1));
    assertArrayEquals(fresh, small.toByteArray());
    assertEquals(0, huge.allocatedBuckets());
  }

  /**
   * Pitfall 3.7.3: the crate skips the bounds check when the access hits the cached bucket. A
   * 1-page memory in a 128-page bucket must refuse offset 100,000 even right after a read.
   */
  @Test
  void boundsAreCheckedEvenOnABucketCacheHit() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory);
    VirtualMemory m0 = manager.get(0);
    assertEquals(0, m0.grow(1));
    m0.write(0, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, m0.readBytes(0, 3)); // warms the cache
    assertEquals(1, m0.readByte(0));
    byte[] before = memory.toByteArray();

    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readByte(100_000));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.read(100_000, new byte[4]));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readBytes(PAGE - 2, 3));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readShortLE(PAGE - 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readIntLE(PAGE - 3));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readIntBE(PAGE - 3));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readLongLE(PAGE - 7));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readLongBE(PAGE));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.writeByte(100_000, (byte) 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.write(PAGE - 1, new byte[] {1, 2}));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.writeShortLE(PAGE - 1, 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.writeIntLE(PAGE - 2, 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.writeIntBE(PAGE - 2, 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.writeLongLE(PAGE - 4, 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.writeLongBE(PAGE - 4, 1));
    assertArrayEquals(before, memory.toByteArray(), "nothing written");

    // The last byte of the page is inside; the cold path refuses the same way.
    m0.writeByte(PAGE - 1, (byte) 5);
    assertEquals(5, m0.readByte(PAGE - 1));
    VirtualMemory cold = MemoryManager.load(memory).get(0);
    MemoryOutOfBoundsException cause =
        assertThrows(MemoryOutOfBoundsException.class, () -> cold.readByte(100_000));
    assertTrue(cause.getMessage().contains("virtual memory 0"), cause.getMessage());
  }

  @Test
  void negativeOffsetsLengthsAndBadArraysAreRefused() {
    HeapMemory memory = new HeapMemory();
    VirtualMemory m0 = MemoryManager.init(memory, 1).get(0);
    m0.grow(2);
    byte[] before = memory.toByteArray();
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readByte(-1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readLongLE(Long.MIN_VALUE));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.readLongLE(Long.MAX_VALUE));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.read(0, new byte[4], 0, -1));
    assertThrows(MemoryOutOfBoundsException.class, () -> m0.write(-5, new byte[4], 0, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> m0.read(0, new byte[4], 2, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> m0.write(PAGE - 2, new byte[4], 2, 3));
    assertArrayEquals(before, memory.toByteArray());
  }
}
