package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * How many records and bytes a transaction's journal holds ({@link Journal#recordCount()}, {@link
 * Journal#recordedBytes()}): what a write saves, what is saved once, and what a rolled-back
 * savepoint leaves. The counts are what keeps a transaction's journal bounded by the blocks it
 * touches.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class JournalRecordCountTest {
  private static final int BLOCK = 1 << Journal.BLOCK_SHIFT;

  private static HeapMemory memory(int pages) {
    HeapMemory memory = new HeapMemory(64);
    memory.grow(pages);
    return memory;
  }

  @Test
  void aZeroLengthWriteOrGrowRecordsNothing() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    try (Journal.Step step = journal.step()) {
      memory.write(10, new byte[0], 0, 0);
      memory.write(BLOCK + 3, new byte[4], 4, 0);
      assertEquals(1, memory.grow(0));
      assertEquals(0, journal.recordCount());
      assertEquals(0, journal.recordedBytes());
      step.commit();
    }
  }

  @Test
  void aGrowOfZeroPagesOnAJournaledMemoryRecordsNothing() {
    JournaledMemory memory = new JournaledMemory(new HeapMemory(4));
    memory.grow(1);
    memory.begin();
    assertEquals(1, memory.grow(0));
    assertEquals(0, memory.recordedWrites());
    assertEquals(1, memory.grow(1));
    assertEquals(1, memory.recordedWrites(), "a real grow is one record");
    memory.commit();
  }

  @Test
  void blocksWrittenTwiceAreSavedOnceNearAndFar() {
    HeapMemory memory = memory(20);
    Journal journal = memory.journal();
    // Blocks 0..9, 100 and 4196 (past 1 MiB): distinct slots of the dedup table (4196's is 101).
    long[] offsets = new long[12];
    for (int i = 0; i < 10; i++) {
      offsets[i] = (long) i * BLOCK + 5;
    }
    offsets[10] = 100L * BLOCK;
    offsets[11] = 4196L * BLOCK + 17;
    try (Journal.Step step = journal.step()) {
      for (int round = 0; round < 3; round++) {
        for (long offset : offsets) {
          memory.writeLongLE(offset, round + 1);
        }
        assertEquals(offsets.length, journal.recordCount(), "round " + round);
        assertEquals((long) offsets.length * BLOCK, journal.recordedBytes(), "round " + round);
      }
    }
    for (long offset : offsets) {
      assertEquals(0, memory.readLongLE(offset));
    }
  }

  @Test
  void aWriteOverASavedBlockAndNewOnesSavesOnlyTheNewOnes() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    try (Journal.Step step = journal.step()) {
      memory.writeLongLE(BLOCK + 8, 1); // block 1 saved
      assertEquals(BLOCK, journal.recordedBytes());
      memory.write(0, new byte[3 * BLOCK], 0, 3 * BLOCK); // blocks 0 and 2 new, 1 saved
      assertEquals(3, journal.recordCount());
      assertEquals(3L * BLOCK, journal.recordedBytes());
    }
  }

  @Test
  void aRolledBackSavepointDropsItsRecordsAndTheirBytes() {
    HeapMemory memory = memory(2);
    Journal journal = memory.journal();
    try (Journal.Step user = journal.step()) {
      memory.writeLongLE(0, 1);
      long records = journal.recordCount();
      long bytes = journal.recordedBytes();
      try (Journal.Step inner = journal.step()) {
        memory.writeLongLE(BLOCK * 4, 2);
        memory.write(BLOCK * 8, new byte[2 * BLOCK], 0, 2 * BLOCK);
        memory.grow(1);
        memory.writeLongLE(2L * Memory.PAGE_SIZE, 3); // in the grown page: a ZERO_FILL
        assertEquals(records + 4, journal.recordCount());
      }
      assertEquals(records, journal.recordCount());
      assertEquals(bytes, journal.recordedBytes());
      memory.writeLongLE(BLOCK * 4, 5); // saved again: the savepoint's record is gone
      assertEquals(records + 1, journal.recordCount());
      assertEquals(bytes + BLOCK, journal.recordedBytes());
      user.commit();
    }
    assertEquals(1, memory.readLongLE(0));
    assertEquals(5, memory.readLongLE(BLOCK * 4));
  }
}
