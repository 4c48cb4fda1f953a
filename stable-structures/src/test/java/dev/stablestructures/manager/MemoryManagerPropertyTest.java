package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random grows, writes and reads on several virtual memories against a model (one growable
 * byte array per id). Buckets of 1 to 3 pages make accesses straddle buckets often; the manager is
 * reloaded from the same real memory every few operations and everything is compared.
 */
class MemoryManagerPropertyTest {
  private static final int PAGE = Memory.PAGE_SIZE;
  private static final int[] IDS = {0, 1, 7, 254};
  private static final long MAX_MODEL_PAGES = 14;

  private static boolean full() {
    return "full".equals(System.getProperty("stable.test.scale", "ci"));
  }

  @TestFactory
  Stream<DynamicTest> randomOperationsMatchTheModel() {
    int ops = full() ? 40_000 : 1_500;
    long[] seeds = full() ? new long[] {1, 2, 3, 42, 1234, 98765} : new long[] {1, 42};
    List<DynamicTest> tests = new ArrayList<>();
    for (int bucketPages : new int[] {1, 2, 3}) {
      for (long seed : seeds) {
        tests.add(
            DynamicTest.dynamicTest(
                "bucket " + bucketPages + " pages, seed " + seed + ", " + ops + " ops",
                () -> new Run(bucketPages, seed).run(ops)));
      }
    }
    return tests.stream();
  }

  private static final class Run {
    private final int bucketPages;
    private final long bucketBytes;
    private final TestRandom random;
    private final HeapMemory memory = new HeapMemory();
    private final byte[][] model = new byte[IDS.length][0];
    private MemoryManager manager;

    Run(int bucketPages, long seed) {
      this.bucketPages = bucketPages;
      this.bucketBytes = (long) bucketPages * PAGE;
      this.random = new TestRandom(seed);
      this.manager = MemoryManager.init(memory, bucketPages);
    }

    private int below(long bound) {
      return (int) random.nextBelow(bound);
    }

    /** An offset for an access of {@code width} bytes, often right at a bucket boundary. */
    private long offsetFor(long size, int width) {
      if (size < width) {
        return 0;
      }
      long offset;
      if (below(3) == 0) {
        offset = below(size - width + 1);
      } else {
        long boundary = below(size / bucketBytes + 1) * bucketBytes;
        offset = boundary - 1 - below(width + 1) + below(2);
      }
      return Math.max(0, Math.min(offset, size - width));
    }

    void run(int ops) {
      for (int op = 0; op < ops; op++) {
        int slot = below(IDS.length);
        int id = IDS[slot];
        VirtualMemory vm = manager.get(id);
        long size = model[slot].length;
        assertEquals(size, vm.sizeInBytes(), "size of memory " + id);
        switch (below(8)) {
          case 0 -> {
            long pages = below(3);
            if (size / PAGE + pages > MAX_MODEL_PAGES) {
              pages = 0;
            }
            assertEquals(size / PAGE, vm.grow(pages));
            model[slot] = Arrays.copyOf(model[slot], (int) (size + pages * PAGE));
          }
          case 1 -> {
            // The crate's safe_write: grows the memory by whole pages as needed.
            int length = below(3 * 1024);
            long offset = below(size + PAGE / 2 + 1);
            long end = offset + length;
            if (Memories.pagesFor(end) > MAX_MODEL_PAGES) {
              break;
            }
            byte[] bytes = TestRandom.bytes(length, random.next());
            Memories.write(vm, offset, bytes);
            if (end > size) {
              model[slot] = Arrays.copyOf(model[slot], (int) (Memories.pagesFor(end) * PAGE));
            }
            System.arraycopy(bytes, 0, model[slot], (int) offset, length);
          }
          case 2 -> {
            int length = (int) Math.min(size, below(2 * bucketBytes + 1));
            long offset = offsetFor(size, length);
            byte[] bytes = TestRandom.bytes(length, random.next());
            vm.write(offset, bytes);
            System.arraycopy(bytes, 0, model[slot], (int) offset, length);
          }
          case 3 -> {
            int length = (int) Math.min(size, below(2 * bucketBytes + 1));
            long offset = offsetFor(size, length);
            byte[] expected = Arrays.copyOfRange(model[slot], (int) offset, (int) offset + length);
            assertArrayEquals(expected, vm.readBytes(offset, length), "read at " + offset);
          }
          case 4, 5 -> writePrimitive(vm, slot, size);
          case 6 -> readPrimitive(vm, slot, size);
          default -> outOfBounds(vm, size);
        }
        if (op % 50 == 49) {
          reloadAndCompare();
        }
      }
      reloadAndCompare();
    }

    private static final int[] WIDTHS = {1, 2, 4, 4, 8, 8};

    private void writePrimitive(VirtualMemory vm, int slot, long size) {
      int kind = below(WIDTHS.length);
      int width = WIDTHS[kind];
      if (size < width) {
        return;
      }
      long offset = offsetFor(size, width);
      long value = random.next();
      switch (kind) {
        case 0 -> vm.writeByte(offset, (byte) value);
        case 1 -> vm.writeShortLE(offset, (int) value);
        case 2 -> vm.writeIntLE(offset, (int) value);
        case 3 -> {
          vm.writeIntBE(offset, (int) value);
          value = Integer.reverseBytes((int) value);
        }
        case 4 -> vm.writeLongLE(offset, value);
        default -> {
          vm.writeLongBE(offset, value);
          value = Long.reverseBytes(value);
        }
      }
      for (int i = 0; i < width; i++) {
        model[slot][(int) offset + i] = (byte) (value >>> (8 * i));
      }
    }

    private void readPrimitive(VirtualMemory vm, int slot, long size) {
      int kind = below(WIDTHS.length);
      int width = WIDTHS[kind];
      if (size < width) {
        return;
      }
      long offset = offsetFor(size, width);
      long le = 0;
      for (int i = width - 1; i >= 0; i--) {
        le = le << 8 | (model[slot][(int) offset + i] & 0xFF);
      }
      String where = "width " + width + " at " + offset;
      switch (kind) {
        case 0 -> assertEquals((byte) le, vm.readByte(offset), where);
        case 1 -> assertEquals((int) le, vm.readShortLE(offset), where);
        case 2 -> assertEquals((int) le, vm.readIntLE(offset), where);
        case 3 -> assertEquals(Integer.reverseBytes((int) le), vm.readIntBE(offset), where);
        case 4 -> assertEquals(le, vm.readLongLE(offset), where);
        default -> assertEquals(Long.reverseBytes(le), vm.readLongBE(offset), where);
      }
    }

    /** An access reaching past the end, often right after a hit in the same bucket. */
    private void outOfBounds(VirtualMemory vm, long size) {
      if (size > 0) {
        vm.readByte(size - 1); // warm the cache on the last bucket
      }
      long offset = size - below(8) + below(3 * bucketBytes);
      int kind = below(4);
      int width = kind == 0 ? 1 : kind == 1 ? 4 : kind == 2 ? 8 : 1 + below(100);
      if (offset >= 0 && offset + width <= size) {
        offset = size - width + 1 + below(width);
      }
      long at = offset;
      if (below(2) == 0) {
        switch (kind) {
          case 0 -> assertThrows(MemoryOutOfBoundsException.class, () -> vm.readByte(at));
          case 1 -> assertThrows(MemoryOutOfBoundsException.class, () -> vm.readIntLE(at));
          case 2 -> assertThrows(MemoryOutOfBoundsException.class, () -> vm.readLongBE(at));
          default -> assertThrows(MemoryOutOfBoundsException.class, () -> vm.readBytes(at, width));
        }
      } else {
        switch (kind) {
          case 0 ->
              assertThrows(MemoryOutOfBoundsException.class, () -> vm.writeByte(at, (byte) 1));
          case 1 -> assertThrows(MemoryOutOfBoundsException.class, () -> vm.writeIntBE(at, 1));
          case 2 -> assertThrows(MemoryOutOfBoundsException.class, () -> vm.writeLongLE(at, 1));
          default ->
              assertThrows(MemoryOutOfBoundsException.class, () -> vm.write(at, new byte[width]));
        }
      }
    }

    private void reloadAndCompare() {
      MemoryManager reloaded = MemoryManager.load(memory);
      assertEquals(bucketPages, reloaded.bucketSizeInPages());
      assertEquals(manager.allocatedBuckets(), reloaded.allocatedBuckets());
      assertEquals(1 + (long) bucketPages * reloaded.allocatedBuckets(), memory.size());
      boolean[] seen = new boolean[reloaded.allocatedBuckets()];
      int owned = 0;
      for (int slot = 0; slot < IDS.length; slot++) {
        int id = IDS[slot];
        assertEquals(model[slot].length / PAGE, reloaded.memorySize(id), "size of " + id);
        assertArrayEquals(manager.bucketsOf(id), reloaded.bucketsOf(id), "buckets of " + id);
        int[] buckets = reloaded.bucketsOf(id);
        assertEquals((model[slot].length / PAGE + bucketPages - 1) / bucketPages, buckets.length);
        for (int i = 0; i < buckets.length; i++) {
          assertTrue(i == 0 || buckets[i - 1] < buckets[i], "ascending buckets");
          assertTrue(!seen[buckets[i]], "bucket owned twice");
          seen[buckets[i]] = true;
        }
        owned += buckets.length;
        assertArrayEquals(model[slot], Memories.toByteArray(reloaded.get(id)), "content of " + id);
      }
      assertEquals(reloaded.allocatedBuckets(), owned, "every allocated bucket is owned");
      manager = reloaded;
    }
  }
}
