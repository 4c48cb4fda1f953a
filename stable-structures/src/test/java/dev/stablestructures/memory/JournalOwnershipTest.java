package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.ConcurrentWriteException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Who owns a {@link Journal}'s transaction and what another thread may not do meanwhile (grow,
 * commit a step it did not open), the messages that say so, steps nested deeper than the journal's
 * first arrays, and what the journal and its steps name.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class JournalOwnershipTest {
  private static HeapMemory memory() {
    HeapMemory memory = new HeapMemory(8);
    memory.grow(1);
    return memory;
  }

  /** Runs {@code action} on a thread named "intruder" and returns what it threw, or null. */
  private static Throwable onAnotherThread(Runnable action) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                action.run();
              } catch (Throwable t) {
                thrown.set(t);
              }
            },
            "intruder");
    other.start();
    other.join();
    return thrown.get();
  }

  @Test
  void onlyTheOpeningThreadOwnsTheTransaction() throws InterruptedException {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    assertFalse(journal.ownedByCurrentThread(), "no transaction open");
    try (Journal.Step step = journal.step()) {
      assertTrue(journal.ownedByCurrentThread());
      boolean[] owned = {true};
      assertNull(onAnotherThread(() -> owned[0] = journal.ownedByCurrentThread()));
      assertFalse(owned[0], "another thread does not own it");
      assertTrue(journal.inTransaction());
      step.commit();
    }
    assertFalse(journal.ownedByCurrentThread());
  }

  @Test
  void anotherThreadCannotGrowTheMemoryDuringATransaction() throws InterruptedException {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    try (Journal.Step step = journal.step()) {
      memory.writeLongLE(0, 1);
      long records = journal.recordCount();
      Throwable grow = onAnotherThread(() -> memory.grow(1));
      assertTrue(grow instanceof ConcurrentWriteException, String.valueOf(grow));
      assertTrue(grow.getMessage().contains("tried to grow"), grow.getMessage());
      assertEquals(1, memory.size(), "the refused grow changed nothing");
      assertEquals(records, journal.recordCount());
      step.commit();
    }
    assertEquals(1, memory.grow(1), "after the transaction any thread may grow");
  }

  @Test
  void anotherThreadCannotCommitAStepItDidNotOpen() throws InterruptedException {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    try (Journal.Step user = journal.step()) {
      Journal.Step inner = journal.step();
      memory.writeLongLE(0, 7);
      Throwable commit = onAnotherThread(inner::commit);
      assertTrue(commit instanceof ConcurrentWriteException, String.valueOf(commit));
      assertTrue(
          commit.getMessage().contains("thread intruder tried to commit a step"),
          commit.getMessage());
      assertTrue(
          commit.getMessage().contains("while thread " + Thread.currentThread().getName()),
          commit.getMessage());
      assertEquals(2, journal.depth(), "the step is still open");
      inner.close();
      assertEquals(0, memory.readLongLE(0), "and rolls back as usual");
      user.commit();
    }
  }

  @Test
  void committingAStepAfterItsTransactionEndedSaysNoneIsOpen() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    Journal.Step inner;
    try (Journal.Step user = journal.step()) {
      inner = journal.step();
    } // closes the transaction, rolling back the inner step with it
    ConcurrentWriteException e = assertThrows(ConcurrentWriteException.class, inner::commit);
    assertTrue(e.getMessage().contains("with no transaction open"), e.getMessage());
    assertFalse(journal.inTransaction());
  }

  @Test
  void stepsNestDeeperThanTheFirstArraysAndRollBackOneByOne() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    int levels = 100; // past the 8 slots the journal starts with, and past the 64 it keeps
    for (int round = 0; round < 2; round++) {
      Deque<Journal.Step> steps = new ArrayDeque<>();
      for (int i = 1; i <= levels; i++) {
        steps.push(journal.step());
        assertEquals(i, journal.depth());
        memory.writeLongLE(8L * i, i);
      }
      for (int i = levels; i >= 1; i--) {
        steps.pop().close();
        assertEquals(0, memory.readLongLE(8L * i), "level " + i);
        if (i > 1) {
          assertEquals(i - 1, memory.readLongLE(8L * (i - 1)), "level " + (i - 1) + " kept");
        }
        assertEquals(i - 1, journal.depth());
      }
      assertFalse(journal.inTransaction());
    }
  }

  @Test
  void theJournalAndItsStepsNameThemselves() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    assertEquals("Journal[a HeapMemory, idle]", journal.toString());
    try (Journal.Step step = journal.step();
        Journal.Step inner = journal.step()) {
      assertEquals("Journal[a HeapMemory, depth 2]", journal.toString());
      assertSame(journal, step.journal());
      assertSame(journal, inner.journal());
      assertTrue(step.isTopLevel());
      assertFalse(inner.isTopLevel());
    }
    JournaledMemory journaled = new JournaledMemory(memory);
    assertEquals("JournaledMemory[HeapMemory[1 pages]]", journaled.toString());
    journaled.begin();
    assertEquals("JournaledMemory[HeapMemory[1 pages], recording]", journaled.toString());
    journaled.rollback();
  }
}
