package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.VectorFiles;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The crate's {@code memory_manager::test::stability}: a fixed script of writes and reads over
 * 1-page buckets, checked against the golden files from the crate's repository.
 */
class MemoryManagerGoldenTest {
  private static final int PAGE = Memory.PAGE_SIZE;
  private static final int MEMORIES = 3;

  /** The crate's data: the byte cycle 0..255 over two pages and 901 bytes. */
  private static byte[] data() {
    byte[] data = new byte[2 * PAGE + 901];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    return data;
  }

  /** The ids rotate 1, 2, 0, 1, ... on every operation, as the crate's {@code next_memory}. */
  private static final class Rotation {
    private final MemoryManager manager;
    private int id;

    Rotation(MemoryManager manager) {
      this.manager = manager;
    }

    VirtualMemory next() {
      id = (id + 1) % MEMORIES;
      return manager.get(id);
    }
  }

  /** The virtual offsets of the five writes of one round. */
  private static final long[] WRITE_OFFSETS = {
    0, PAGE / 2, PAGE - 1, PAGE + 1, 2 * PAGE + PAGE / 2
  };

  private static Rotation writeScript(MemoryManager manager) {
    byte[] data = data();
    Rotation rotation = new Rotation(manager);
    for (int round = 0; round < MEMORIES * 5; round++) {
      for (long offset : WRITE_OFFSETS) {
        Memories.write(rotation.next(), offset, data);
      }
    }
    return rotation;
  }

  private static byte[] readScript(Rotation rotation) {
    byte[] read = new byte[4 * PAGE];
    for (int round = 0; round < MEMORIES * 4; round++) {
      rotation.next().read(0, read, 0, PAGE / 2);
      rotation.next().read(PAGE / 2 - 150, read, PAGE / 2, PAGE / 2);
      rotation.next().read(PAGE - 473, read, PAGE, PAGE);
      rotation.next().read(2 * PAGE, read, 2 * PAGE, 2 * PAGE);
    }
    return read;
  }

  /** What each virtual memory holds after the write script, from plain byte-array models. */
  private static byte[][] modelAfterWrites() {
    byte[] data = data();
    byte[][] model = new byte[MEMORIES][0];
    int id = 0;
    for (int round = 0; round < MEMORIES * 5; round++) {
      for (long offset : WRITE_OFFSETS) {
        id = (id + 1) % MEMORIES;
        long end = offset + data.length;
        if (end > model[id].length) {
          model[id] = Arrays.copyOf(model[id], (int) (Memories.pagesFor(end) * PAGE));
        }
        System.arraycopy(data, 0, model[id], (int) offset, data.length);
      }
    }
    return model;
  }

  static byte[] golden(String name) {
    return VectorFiles.referenceRepo(name);
  }

  @Test
  void writeScriptReproducesStabilityWriteGolden() {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory, 1);
    writeScript(manager);
    byte[] expected = golden("stability_write.golden");
    assertEquals(expected.length, memory.sizeInBytes(), "real memory size");
    assertArrayEquals(expected, memory.toByteArray());
  }

  @Test
  void readScriptReproducesStabilityReadGolden() {
    HeapMemory memory = new HeapMemory();
    Rotation rotation = writeScript(MemoryManager.init(memory, 1));
    assertArrayEquals(golden("stability_read.golden"), readScript(rotation));
  }

  @Test
  void writeGoldenLoadsWithTheScriptsContents() {
    byte[] image = golden("stability_write.golden");
    HeapMemory memory = HeapMemory.of(image);
    MemoryManager manager = MemoryManager.load(memory);
    assertEquals(1, manager.bucketSizeInPages());
    assertEquals(15, manager.allocatedBuckets());
    byte[][] model = modelAfterWrites();
    int owned = 0;
    for (int id = 0; id < MEMORIES; id++) {
      VirtualMemory vm = manager.get(id);
      assertEquals(model[id].length / PAGE, vm.size(), "size of memory " + id);
      assertArrayEquals(model[id], Memories.toByteArray(vm), "content of memory " + id);
      int[] buckets = manager.bucketsOf(id);
      assertEquals(vm.size(), buckets.length, "buckets of memory " + id);
      for (int i = 1; i < buckets.length; i++) {
        assertTrue(buckets[i - 1] < buckets[i], "buckets ascend");
      }
      owned += buckets.length;
    }
    assertEquals(15, owned);
    for (int id = MEMORIES; id <= MemoryManager.MAX_MEMORY_ID; id++) {
      assertEquals(0, manager.memorySize(id));
    }
    // The read half of the script, on the loaded image, gives the read golden too.
    Rotation rotation = new Rotation(manager);
    rotation.id = (MEMORIES * 5 * WRITE_OFFSETS.length) % MEMORIES;
    assertArrayEquals(golden("stability_read.golden"), readScript(rotation));
    assertArrayEquals(image, memory.toByteArray(), "reading changed nothing");
  }

  @Test
  void loadedGoldenAndFreshManagerStayIdenticalUnderMoreWrites() {
    HeapMemory fresh = new HeapMemory();
    MemoryManager a = MemoryManager.init(fresh, 1);
    writeScript(a);
    HeapMemory loaded = HeapMemory.of(golden("stability_write.golden"));
    MemoryManager b = MemoryManager.init(loaded);
    byte[] data = data();
    for (MemoryManager m : new MemoryManager[] {a, b}) {
      Memories.write(m.get(2), 5 * PAGE - 3, data, 0, 1000);
      Memories.write(m.get(9), 70_000, data);
      m.get(0).writeLongLE(PAGE - 4, 0x1122334455667788L);
      assertEquals(0, m.get(200).grow(4));
    }
    assertArrayEquals(fresh.toByteArray(), loaded.toByteArray());
  }
}
