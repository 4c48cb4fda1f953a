package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The manager's layout and behaviour on ordinary input, including the crate's own unit tests. */
class MemoryManagerTest {
  private static final int PAGE = Memory.PAGE_SIZE;
  private static final int DEFAULT = MemoryManager.DEFAULT_BUCKET_SIZE_PAGES;

  static long u64(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[at + i] & 0xFF);
    }
    return v;
  }

  /** The run described in reference-crate.md 2.1, checked byte by byte. */
  @Test
  void layoutExampleFromTheSpec() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory);
    assertEquals(0, manager.get(0).grow(1));
    assertEquals(0, manager.get(7).grow(130));

    byte[] raw = memory.toByteArray();
    assertEquals(385, memory.size(), "1 + 3 x 128 pages");
    assertArrayEquals(
        new byte[] {0x4D, 0x47, 0x52, 0x01, 0x03, 0x00, (byte) 0x80, 0x00}, Arrays.copyOf(raw, 8));
    for (int i = 8; i < 40; i++) {
      assertEquals(0, raw[i], "reserved byte " + i);
    }
    for (int id = 0; id < 255; id++) {
      long expected = id == 0 ? 1 : id == 7 ? 130 : 0;
      assertEquals(expected, u64(raw, 40 + 8 * id), "size of memory " + id);
    }
    assertEquals(0x00, raw[2080]);
    assertEquals(0x07, raw[2081]);
    assertEquals(0x07, raw[2082]);
    for (int b = 3; b < MemoryManager.MAX_BUCKETS; b++) {
      assertEquals((byte) 0xFF, raw[2080 + b], "bucket " + b + " is free");
    }
    for (int i = 2080 + 32768; i < PAGE; i++) {
      assertEquals(0, raw[i], "unused page-0 byte " + i);
    }
    assertEquals(3, manager.allocatedBuckets());
    assertArrayEquals(new int[] {0}, manager.bucketsOf(0));
    assertArrayEquals(new int[] {1, 2}, manager.bucketsOf(7));
    assertEquals(130, manager.memorySize(7));
  }

  @Test
  void newManagerOnEmptyMemoryWritesHeaderAndFreeTable() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory, 3);
    assertEquals(1, memory.size());
    byte[] raw = memory.toByteArray();
    assertArrayEquals(new byte[] {'M', 'G', 'R', 1, 0, 0, 3, 0}, Arrays.copyOf(raw, 8));
    for (int i = 8; i < 2080; i++) {
      assertEquals(0, raw[i]);
    }
    for (int i = 2080; i < 2080 + 32768; i++) {
      assertEquals((byte) 0xFF, raw[i]);
    }
    assertEquals(3, manager.bucketSizeInPages());
    assertEquals(0, manager.allocatedBuckets());
    assertEquals(0, manager.get(0).size());
  }

  @Test
  void sameIdGivesSameHandle() {
    MemoryManager manager = MemoryManager.init(new HeapMemory(), 1);
    assertSame(manager.get(3), manager.get(3));
    assertEquals(3, manager.get(3).id());
    assertSame(manager, manager.get(3).manager());
    assertSame(manager.get(254), manager.get(254));
  }

  @Test
  void canAllocateAndUseMultipleMemories() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory);
    VirtualMemory m0 = manager.get(0);
    VirtualMemory m1 = manager.get(1);
    assertEquals(0, m0.grow(1));
    assertEquals(0, m1.grow(1));
    assertEquals(1, m0.size());
    assertArrayEquals(new int[] {0}, manager.bucketsOf(0));
    assertArrayEquals(new int[] {1}, manager.bucketsOf(1));
    for (int id = 2; id < 255; id++) {
      assertEquals(0, manager.bucketsOf(id).length);
    }
    m0.write(0, new byte[] {1, 2, 3});
    m0.write(0, new byte[] {1, 2, 3});
    m1.write(0, new byte[] {4, 5, 6});
    assertArrayEquals(new byte[] {1, 2, 3}, m0.readBytes(0, 3));
    assertArrayEquals(new byte[] {4, 5, 6}, m1.readBytes(0, 3));
    assertEquals(2 * DEFAULT + 1, memory.size());
  }

  @Test
  void canBeReinitializedFromMemory() {
    HeapMemory memory = new HeapMemory();
    MemoryManager first = MemoryManager.init(memory);
    first.get(0).grow(1);
    first.get(1).grow(1);
    first.get(0).write(0, new byte[] {1, 2, 3});
    first.get(1).write(0, new byte[] {4, 5, 6});

    MemoryManager again = MemoryManager.init(memory);
    assertArrayEquals(new byte[] {1, 2, 3}, again.get(0).readBytes(0, 3));
    assertArrayEquals(new byte[] {4, 5, 6}, again.get(1).readBytes(0, 3));
    assertEquals(2, again.allocatedBuckets());
  }

  @Test
  void growingInsideABucketDoesNotGrowTheRealMemory() {
    HeapMemory memory = new HeapMemory();
    VirtualMemory m0 = MemoryManager.init(memory).get(0);
    assertEquals(0, m0.grow(1));
    assertEquals(1 + DEFAULT, memory.size());
    assertEquals(1, m0.grow(1));
    assertEquals(2, m0.size());
    assertEquals(1 + DEFAULT, memory.size());
    assertEquals(2, m0.grow(DEFAULT - 2));
    assertEquals(DEFAULT, m0.size());
    assertEquals(1 + DEFAULT, memory.size());
    assertEquals(DEFAULT, m0.grow(1));
    assertEquals(DEFAULT + 1, m0.size());
    assertEquals(1 + 2 * DEFAULT, memory.size());
  }

  @Test
  void createOnPregrownMemoryDoesNotGrowItUnnecessarily() {
    HeapMemory memory = new HeapMemory();
    memory.grow(2 * DEFAULT);
    // A pre-grown blank memory is not empty: init refuses it, create takes it on purpose.
    assertThrows(dev.stablestructures.BadMagicException.class, () -> MemoryManager.init(memory));
    MemoryManager manager = MemoryManager.create(memory, DEFAULT);
    assertEquals(0, manager.get(0).grow(1));
    assertEquals(2 * DEFAULT, memory.size());
    assertEquals(1, manager.get(0).grow(DEFAULT));
    assertEquals(1 + 2 * DEFAULT, memory.size());
  }

  @Test
  void createOverwritesAnExistingManagerOnPurpose() {
    HeapMemory memory = new HeapMemory();
    MemoryManager old = MemoryManager.init(memory, 2);
    old.get(4).grow(3);
    MemoryManager fresh = MemoryManager.create(memory, 5);
    assertEquals(5, fresh.bucketSizeInPages());
    assertEquals(0, fresh.allocatedBuckets());
    assertEquals(0, fresh.memorySize(4));
    MemoryManager reloaded = MemoryManager.load(memory);
    assertEquals(5, reloaded.bucketSizeInPages());
    assertEquals(0, reloaded.memorySize(4));
  }

  @Test
  void storedBucketSizeWinsOnInit() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory, 256);
    manager.get(0).grow(300);
    manager.get(1).grow(100);
    byte[] ones = new byte[1000];
    Arrays.fill(ones, (byte) 1);
    byte[] twos = new byte[1000];
    Arrays.fill(twos, (byte) 2);
    manager.get(0).write(0, ones);
    manager.get(1).write(0, twos);

    MemoryManager again = MemoryManager.init(memory);
    assertEquals(256, again.bucketSizeInPages());
    assertEquals(300, again.get(0).size());
    assertEquals(100, again.get(1).size());
    assertArrayEquals(ones, again.get(0).readBytes(0, 1000));
    assertArrayEquals(twos, again.get(1).readBytes(0, 1000));
    assertEquals(256, MemoryManager.init(memory, 7).bucketSizeInPages());
  }

  @Test
  void writesAcrossBucketBoundaries() {
    MemoryManager manager = MemoryManager.init(new HeapMemory());
    VirtualMemory m0 = manager.get(0);
    assertEquals(0, m0.grow(DEFAULT + 1));
    long boundary = (long) DEFAULT * PAGE;
    m0.write(boundary - 1, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, m0.readBytes(boundary - 1, 3));
  }

  @Test
  void writesAcrossBucketBoundariesWithInterleavedMemories() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory);
    VirtualMemory m0 = manager.get(0);
    VirtualMemory m1 = manager.get(1);
    assertEquals(0, m0.grow(DEFAULT));
    assertEquals(0, m1.grow(1));
    assertEquals(DEFAULT, m0.grow(1));
    long boundary = (long) DEFAULT * PAGE;
    m0.write(boundary - 1, new byte[] {1, 2, 3});
    m1.write(0, new byte[] {4, 5, 6});
    assertArrayEquals(new byte[] {1, 2, 3}, m0.readBytes(boundary - 1, 3));
    assertArrayEquals(new byte[] {4, 5, 6}, m1.readBytes(0, 3));
    // Real layout: m0's byte 1 ends bucket 0, bytes 2 and 3 start bucket 2 (bucket 1 is m1's).
    long bucketBytes = (long) DEFAULT * PAGE;
    assertEquals(1, memory.readByte(PAGE + bucketBytes - 1));
    assertEquals(4, memory.readByte(PAGE + bucketBytes));
    assertEquals(2, memory.readByte(PAGE + 2 * bucketBytes));
    assertEquals(3, memory.readByte(PAGE + 2 * bucketBytes + 1));
  }

  /** Every primitive accessor at every position that straddles two non-adjacent buckets. */
  @Test
  void primitivesStraddlingBucketsSplitCorrectly() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory, 1);
    VirtualMemory m0 = manager.get(0);
    m0.grow(1);
    manager.get(1).grow(1);
    m0.grow(1);
    assertArrayEquals(new int[] {0, 2}, manager.bucketsOf(0));
    long realA = PAGE; // m0's bucket 0
    long realB = PAGE + 2L * PAGE; // m0's bucket 2
    for (int width : new int[] {2, 4, 8}) {
      for (long offset = (long) PAGE - width + 1; offset < PAGE; offset++) {
        long value = 0x8877665544332211L;
        long expectedLe = width == 8 ? value : value & ((1L << (8 * width)) - 1);
        switch (width) {
          case 2 -> {
            m0.writeShortLE(offset, (int) value);
            assertEquals((int) expectedLe, m0.readShortLE(offset));
          }
          case 4 -> {
            m0.writeIntLE(offset, (int) value);
            assertEquals((int) value, m0.readIntLE(offset));
            assertEquals(Integer.reverseBytes((int) value), m0.readIntBE(offset));
            m0.writeIntBE(offset, Integer.reverseBytes((int) value));
          }
          default -> {
            m0.writeLongLE(offset, value);
            assertEquals(value, m0.readLongLE(offset));
            assertEquals(Long.reverseBytes(value), m0.readLongBE(offset));
            m0.writeLongBE(offset, Long.reverseBytes(value));
          }
        }
        // The low bytes end the first bucket, the rest start the other one, in real memory.
        for (int i = 0; i < width; i++) {
          long virtual = offset + i;
          long real = virtual < PAGE ? realA + virtual : realB + (virtual - PAGE);
          assertEquals((byte) (value >>> (8 * i)), memory.readByte(real), "w" + width + "@" + i);
          assertEquals((byte) (value >>> (8 * i)), m0.readByte(virtual));
        }
        assertEquals(0, manager.get(1).readLongLE(PAGE - 8), "memory 1 untouched");
      }
    }
  }

  @Test
  void zeroLengthAccessOnEmptyMemoryIsFine() {
    VirtualMemory m0 = MemoryManager.init(new HeapMemory()).get(0);
    assertEquals(0, m0.size());
    m0.read(0, new byte[0]);
    m0.write(0, new byte[0]);
    assertEquals(0, m0.readBytes(0, 0).length);
  }

  @Test
  void safeWriteGrowsTheVirtualMemoryByWholePages() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory, 2);
    VirtualMemory m3 = manager.get(3);
    byte[] bytes = new byte[PAGE + 10];
    Arrays.fill(bytes, (byte) 9);
    Memories.write(m3, 5, bytes);
    assertEquals(2, m3.size());
    assertEquals(1, manager.allocatedBuckets());
    assertEquals(3, memory.size());
    assertArrayEquals(bytes, m3.readBytes(5, bytes.length));
    assertTrue(MemoryManager.load(memory).get(3).size() == 2);
  }

  @Test
  void introspectionCopiesAreDefensive() {
    MemoryManager manager = MemoryManager.init(new HeapMemory(), 1);
    manager.get(0).grow(2);
    int[] buckets = manager.bucketsOf(0);
    buckets[0] = 99;
    assertArrayEquals(new int[] {0, 1}, manager.bucketsOf(0));
  }
}
