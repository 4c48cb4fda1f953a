package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Where a nested step's copy of a block saved earlier in the transaction goes: into the heap log
 * while it has room, else into the journal, seen through {@link Journal#recordedBytes()} (the
 * journal's bytes only); one copy per block and step; a rolled-back step's copies dropped with it;
 * the log emptied whenever the transaction is back at its top level or ends, so that a later
 * savepoint has the whole bound again. Each case also checks that the rollbacks restore the right
 * bytes.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class SavepointLogTest {
  private static final int BOUND = (int) SavepointLog.MAX_BYTES;
  private static final int BLOCK = 1 << Journal.BLOCK_SHIFT;

  private static HeapMemory memory(long pages) {
    HeapMemory memory = new HeapMemory();
    memory.grow(pages);
    return memory;
  }

  private static byte[] filled(int n, int value) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  /** Fills the log to its bound: operations committed into an open savepoint re-copy 4 KiB. */
  private static void fillTheLog(Memory memory, Journal journal) {
    int region = 4096;
    for (long i = 0; i <= SavepointLog.MAX_BYTES / region; i++) {
      try (Journal.Step operation = journal.step()) {
        memory.write(0, filled(region, (int) (3 + i % 100)));
        operation.commit();
      }
    }
  }

  @Test
  void aNestedStepCopiesABlockOnceHoweverOftenItWritesIt() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    try (Journal.Step top = journal.step()) {
      memory.writeLongLE(0, 1);
      long journaled = journal.recordedBytes();
      try (Journal.Step savepoint = journal.step()) {
        // More writes than the log has blocks: copied each time, they would overflow it.
        for (int i = 0; i < BOUND / BLOCK + 10; i++) {
          memory.writeLongLE(8L * (i % (BLOCK / 8)), i + 2);
        }
        assertEquals(journaled, journal.recordedBytes(), "one heap copy, no journal record");
      }
      assertEquals(1, memory.readLongLE(0));
      assertEquals(0, memory.readLongLE(8));
    }
  }

  @Test
  void aBlockPastTheFirstEightMibIsCopiedIntoTheHeapToo() {
    HeapMemory memory = memory(145);
    Journal journal = memory.journal();
    long far = 9L << 20; // block 36,864: the bound is on a run's length, not on where it lies
    try (Journal.Step top = journal.step()) {
      memory.writeLongLE(far, 1);
      long journaled = journal.recordedBytes();
      try (Journal.Step savepoint = journal.step()) {
        memory.writeLongLE(far, 2);
        assertEquals(journaled, journal.recordedBytes(), "one heap copy, no journal record");
      }
      assertEquals(1, memory.readLongLE(far));
    }
    assertEquals(0, memory.readLongLE(far));
  }

  @Test
  void anInnerStepRolledBackWithNothingWrittenKeepsTheEnclosingStepsCopies() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    try (Journal.Step top = journal.step()) {
      memory.writeLongLE(0, 1); // a journal record
      try (Journal.Step savepoint = journal.step()) {
        memory.writeLongLE(0, 2); // a heap copy of 1, with no journal record after it
        try (Journal.Step inner = journal.step()) {
          assertEquals(3, journal.depth());
        } // rolled back: it wrote nothing, so nothing of the savepoint's may go
        assertEquals(2, memory.readLongLE(0));
      }
      assertEquals(1, memory.readLongLE(0), "the savepoint restored its copy");
    }
    assertEquals(0, memory.readLongLE(0));
  }

  @Test
  void anInnerStepsRollbackDropsItsCopiesSoRepeatedRollbacksNeverFillTheLog() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    int page = Memory.PAGE_SIZE;
    try (Journal.Step top = journal.step()) {
      memory.write(0, filled(page, 1));
      try (Journal.Step savepoint = journal.step()) {
        // Each round: the savepoint saves the page again (a rollback made every block unsaved),
        // then an inner step copies it into the log, with no journal record after the copy, and
        // is rolled back. Kept, the copies alone would fill the log in MAX_BYTES / page rounds.
        for (int i = 0; i <= SavepointLog.MAX_BYTES / page; i++) {
          memory.write(0, filled(page, 2));
          try (Journal.Step inner = journal.step()) {
            memory.write(0, filled(page, 3));
          }
          assertEquals(2, memory.readByte(page - 1));
        }
        memory.write(0, filled(page, 4));
        long journaled = journal.recordedBytes();
        try (Journal.Step inner = journal.step()) {
          memory.writeLongLE(0, 5);
          assertEquals(journaled, journal.recordedBytes(), "the copy went to an empty log");
        }
        assertEquals(4, memory.readByte(0));
      }
      assertEquals(1, memory.readByte(0), "the savepoint restored the page");
    }
    assertEquals(0, memory.readByte(0));
  }

  @Test
  void theLogIsEmptiedWhenTheTransactionIsBackAtItsTopLevel() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    try (Journal.Step top = journal.step()) {
      memory.writeLongLE(0, 1);
      try (Journal.Step savepoint = journal.step()) {
        memory.writeLongLE(0, 2);
        fillTheLog(memory, journal);
        savepoint.commit(); // back at the top level: the log is dropped
      }
      long journaled = journal.recordedBytes();
      try (Journal.Step savepoint = journal.step()) {
        memory.writeLongLE(0, 7);
        assertEquals(journaled, journal.recordedBytes(), "the copy went to an empty log");
      }
      assertEquals(3 + (int) (SavepointLog.MAX_BYTES / 4096 % 100), memory.readByte(0));
    }
  }

  @Test
  void theLogIsEmptiedWhenTheTransactionEnds() {
    HeapMemory memory = memory(1);
    Journal journal = memory.journal();
    Journal.Step top = journal.step();
    memory.writeLongLE(0, 1);
    Journal.Step savepoint = journal.step();
    memory.writeLongLE(0, 2);
    fillTheLog(memory, journal);
    top.close(); // rolls back the savepoint left open with it
    savepoint.close();
    assertEquals(0, memory.readLongLE(0));
    try (Journal.Step next = journal.step()) {
      memory.writeLongLE(0, 5);
      long journaled = journal.recordedBytes();
      try (Journal.Step inner = journal.step()) {
        memory.writeLongLE(0, 6);
        assertEquals(journaled, journal.recordedBytes(), "the copy went to an empty log");
      }
      assertEquals(5, memory.readLongLE(0));
    }
  }
}
