package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.GrowFailedException;
import org.junit.jupiter.api.Test;

/**
 * The edges of {@link Memories}' write-with-growth and of a {@link RestrictedMemory} window that
 * starts at page 0: offset 0, an empty write, the largest offset a length allows, a memory already
 * larger than the write needs.
 */
class MemoryEdgesTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void aWriteThatFitsALargerMemoryNeitherGrowsNorFails() {
    HeapMemory memory = new HeapMemory(8);
    memory.grow(3);
    Memories.write(memory, 0, new byte[] {1, 2, 3});
    Memories.write(memory, PAGE + 5, new byte[] {4});
    assertEquals(3, memory.size());
    assertArrayEquals(new byte[] {1, 2, 3}, memory.readBytes(0, 3));
    assertEquals(4, memory.readByte(PAGE + 5));
    Memories.ensureCapacity(memory, 10);
    Memories.ensureCapacity(memory, 3L * PAGE);
    assertEquals(3, memory.size());
  }

  @Test
  void aWriteAtOffsetZeroOrOfNoBytesIsValid() {
    HeapMemory memory = new HeapMemory(8);
    Memories.write(memory, 0, new byte[] {9});
    assertEquals(1, memory.size());
    assertEquals(9, memory.readByte(0));
    Memories.write(memory, 5, new byte[0]);
    Memories.write(memory, 0, new byte[0]);
    assertEquals(1, memory.size());
    assertEquals(9, memory.readByte(0));
  }

  @Test
  void theLargestOffsetALengthAllowsIsAGrowFailureNotABadRange() {
    HeapMemory memory = new HeapMemory(8);
    byte[] three = {1, 2, 3};
    assertThrows(
        GrowFailedException.class, () -> Memories.write(memory, Long.MAX_VALUE - 3, three));
    assertThrows(
        dev.stablestructures.MemoryOutOfBoundsException.class,
        () -> Memories.write(memory, Long.MAX_VALUE - 2, three));
    assertEquals(0, memory.size());
  }

  @Test
  void aWindowAtPageZeroOverAnEmptyBaseGrowsFromZero() {
    HeapMemory base = new HeapMemory(8);
    RestrictedMemory window = new RestrictedMemory(base, 0, 4);
    assertEquals(0, window.size());
    assertEquals(0, window.grow(1));
    assertEquals(1, window.size());
    assertEquals(1, window.grow(2));
    assertEquals(3, window.size());
    assertEquals(3, base.size());
  }
}
