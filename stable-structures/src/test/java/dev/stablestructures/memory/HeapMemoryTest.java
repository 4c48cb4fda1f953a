package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link HeapMemory}: the shared contract plus its construction rules. */
class HeapMemoryTest extends MemoryContractTest {
  @Override
  Memory create(long maxPages) {
    return new HeapMemory(maxPages);
  }

  @Test
  void maxPagesMustFitOneArray() {
    assertEquals(32_767, HeapMemory.MAX_PAGES);
    assertThrows(IllegalArgumentException.class, () -> new HeapMemory(-1));
    assertThrows(IllegalArgumentException.class, () -> new HeapMemory(HeapMemory.MAX_PAGES + 1));
    assertEquals(HeapMemory.MAX_PAGES, new HeapMemory().maxPages());
    assertEquals(5, new HeapMemory(5).maxPages());
  }

  @Test
  void ofCopiesAWholePageImage() {
    byte[] image = new byte[2 * PAGE];
    new Random(1).nextBytes(image);
    HeapMemory memory = HeapMemory.of(image);
    assertEquals(2, memory.size());
    assertArrayEquals(image, memory.toByteArray());
    byte first = image[0];
    image[0] = (byte) ~first;
    assertEquals(first, memory.readByte(0), "the image is copied, not shared");
    assertEquals(2, memory.grow(1));
    assertEquals(0, memory.readByte(2L * PAGE));
    assertEquals(0, HeapMemory.of(new byte[0]).size());
  }

  @Test
  void ofRejectsAPartialPage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HeapMemory.of(new byte[PAGE + 1]));
    assertEquals(
        "an image must be a whole number of 64 KiB pages, found 65537 bytes", e.getMessage());
  }

  @Test
  void growsPastTheCapacityItDoubledTo() {
    HeapMemory memory = new HeapMemory(100);
    for (int i = 0; i < 100; i++) {
      assertEquals(i, memory.grow(1));
      memory.writeLongLE((long) i * PAGE, i);
    }
    assertEquals(-1, memory.grow(1));
    for (int i = 0; i < 100; i++) {
      assertEquals(i, memory.readLongLE((long) i * PAGE));
      assertEquals(0, memory.readLongLE((long) i * PAGE + 8));
    }
    assertEquals(100L * PAGE, memory.toByteArray().length);
  }

  @Test
  void aDoubledArrayTheHeapRefusesFallsBackToTheExactSize() {
    List<Integer> asked = new ArrayList<>();
    HeapMemory memory = new HeapMemory(8, refusingAbove(3 * PAGE, asked), new HeapJournalStorage());
    assertEquals(0, memory.grow(2)); // an array of 2 pages
    memory.writeLongLE(2L * PAGE - 8, 42);
    asked.clear();
    assertEquals(2, memory.grow(1));
    assertEquals(List.of(4 * PAGE, 3 * PAGE), asked, "the doubled array, then the exact one");
    assertEquals(3, memory.size());
    assertEquals("HeapMemory[3 pages]", memory.toString());
    assertEquals(42, memory.readLongLE(2L * PAGE - 8));
    assertEquals(0, memory.readLongLE(3L * PAGE - 8));
  }

  @Test
  void anArrayTheHeapRefusesAtBothSizesIsARefusedGrowThatChangesNothing() {
    List<Integer> asked = new ArrayList<>();
    HeapMemory memory = new HeapMemory(8, refusingAbove(2 * PAGE, asked), new HeapJournalStorage());
    assertEquals(0, memory.grow(2));
    memory.writeLongLE(2L * PAGE - 8, 42);
    byte[] before = memory.toByteArray();
    asked.clear();
    assertEquals(-1, memory.grow(1));
    assertEquals(List.of(4 * PAGE, 3 * PAGE), asked);
    assertEquals(2, memory.size());
    assertEquals(2L * PAGE, memory.sizeInBytes());
    assertArrayEquals(before, memory.toByteArray());
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.readLongLE(2L * PAGE));
  }

  @Test
  @SuppressWarnings("try") // the step is used only for its scope
  void aJournalFullAtItsLimitRefusesTheWriteAndLeavesTheMemoryAsItWas() {
    int block = 1 << Journal.BLOCK_SHIFT;
    long oneRecord = JournalLayout.recordSize(JournalLayout.OLD_BYTES, block);
    HeapMemory memory = new HeapMemory(1, Arrays::copyOf, new HeapJournalStorage(oneRecord));
    memory.grow(1);
    memory.writeLongLE(0, 1);
    memory.writeLongLE(block, 2);
    byte[] before = memory.toByteArray();
    try (Journal.Step step = memory.journal().step()) {
      memory.writeLongLE(0, 11); // the first block's record fills the journal exactly
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> memory.writeLongLE(block, 22));
      assertEquals(
          "a heap journal holds at most "
              + oneRecord
              + " bytes of records in one transaction; "
              + 2 * oneRecord
              + " bytes are needed",
          e.getMessage());
      assertEquals(2, memory.readLongLE(block), "the refused write wrote nothing");
      assertEquals(11, memory.readLongLE(0));
      assertEquals(1, memory.size());
    }
    assertArrayEquals(before, memory.toByteArray(), "the step's rollback undid the first write");
  }

  /** Copies as {@link Arrays#copyOf} does, recording each length, and refuses those above max. */
  private static HeapMemory.Resize refusingAbove(int max, List<Integer> asked) {
    return (bytes, length) -> {
      asked.add(length);
      if (length > max) {
        throw new OutOfMemoryError("injected: Java heap space");
      }
      return Arrays.copyOf(bytes, length);
    };
  }
}
