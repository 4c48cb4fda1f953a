package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.ConcurrentWriteException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free form of a step ({@link Journal#beginStep}, {@link Journal#commitStep}, {@link
 * Journal#endStep}) that structures bracket their operations with: it nests with {@link
 * Journal#step()} steps, and its committed or stale tokens do nothing at the end.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class JournalStepTokenTest {
  private static HeapMemory memory() {
    HeapMemory memory = new HeapMemory(4);
    memory.grow(1);
    return memory;
  }

  @Test
  void aCommittedTokenKeepsItsWritesAndItsEndDoesNothing() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    long step = journal.beginStep();
    try {
      memory.writeLongLE(0, 7);
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
    assertFalse(journal.inTransaction());
    assertEquals(7, memory.readLongLE(0));
    journal.endStep(step); // stale: still nothing
    assertEquals(7, memory.readLongLE(0));
  }

  @Test
  void anEndedTokenRollsBackOnlyItsOwnStep() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    try (Journal.Step user = journal.step()) {
      memory.writeLongLE(0, 1);
      long op = journal.beginStep();
      assertEquals(2, journal.depth());
      memory.writeLongLE(0, 2);
      memory.writeLongLE(100, 3);
      journal.endStep(op); // not committed: an operation that failed
      assertEquals(1, journal.depth());
      assertEquals(1, memory.readLongLE(0));
      assertEquals(0, memory.readLongLE(100));
      long next = journal.beginStep();
      memory.writeLongLE(8, 4);
      journal.commitStep(next);
      journal.endStep(next);
      journal.endStep(op); // stale: the depth it had is taken by no step of its id
      assertEquals(4, memory.readLongLE(8));
      user.commit();
    }
    assertEquals(1, memory.readLongLE(0));
    assertEquals(4, memory.readLongLE(8));
  }

  @Test
  void endingAnOuterTokenRollsBackInnerStepsLeftOpen() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    long outer = journal.beginStep();
    memory.writeLongLE(0, 1);
    Journal.Step inner = journal.step();
    memory.writeLongLE(8, 2);
    journal.endStep(outer);
    assertFalse(journal.inTransaction());
    assertEquals(0, memory.readLongLE(0));
    assertEquals(0, memory.readLongLE(8));
    inner.close(); // already rolled back by the outer step
    assertThrows(IllegalStateException.class, () -> journal.commitStep(outer));
  }

  @Test
  void committingATokenUnderAnOpenInnerStepIsRefused() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    long outer = journal.beginStep();
    long inner = journal.beginStep();
    assertThrows(IllegalStateException.class, () -> journal.commitStep(outer));
    journal.commitStep(inner);
    journal.commitStep(outer);
    assertFalse(journal.inTransaction());
  }

  @Test
  void anotherThreadsTokenCallsAreRefusedOrIgnored() throws Exception {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    long step = journal.beginStep();
    AtomicReference<Throwable> begin = new AtomicReference<>();
    AtomicReference<Throwable> commit = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                journal.beginStep();
              } catch (Throwable t) {
                begin.set(t);
              }
              try {
                journal.commitStep(step);
              } catch (Throwable t) {
                commit.set(t);
              }
              journal.endStep(step); // not this thread's: nothing happens
            });
    other.start();
    other.join();
    assertTrue(begin.get() instanceof ConcurrentWriteException, String.valueOf(begin.get()));
    assertTrue(commit.get() instanceof ConcurrentWriteException, String.valueOf(commit.get()));
    assertTrue(journal.ownedByCurrentThread());
    journal.commitStep(step);
  }
}
