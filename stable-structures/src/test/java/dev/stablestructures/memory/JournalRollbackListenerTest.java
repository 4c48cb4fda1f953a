package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Journal#addRollbackListener}: listeners run after a rollback that undid writes (of any
 * step), in registration order, on the rolling-back thread while it still owns the transaction and
 * after the image is restored; they are held weakly.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class JournalRollbackListenerTest {
  private static HeapMemory memory() {
    HeapMemory memory = new HeapMemory(4);
    memory.grow(1);
    return memory;
  }

  @Test
  void listenersRunInOrderAfterTheUndoWhileTheTransactionIsStillOwned() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    List<String> calls = new ArrayList<>();
    RollbackListener first =
        () -> {
          assertTrue(journal.ownedByCurrentThread(), "runs before the transaction ends");
          calls.add("first saw " + memory.readLongLE(0));
        };
    RollbackListener second = () -> calls.add("second");
    journal.addRollbackListener(first);
    journal.addRollbackListener(second);
    memory.writeLongLE(0, 5);
    try (Journal.Step step = journal.step()) {
      memory.writeLongLE(0, 6);
    }
    assertEquals(List.of("first saw 5", "second"), calls);
    assertFalse(journal.inTransaction());
  }

  @Test
  void aNestedRollbackNotifiesAndACommitOrAnEmptyRollbackDoesNot() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    int[] calls = new int[1];
    RollbackListener listener = () -> calls[0]++;
    journal.addRollbackListener(listener);
    try (Journal.Step user = journal.step()) {
      long op = journal.beginStep();
      journal.endStep(op); // undid nothing
      assertEquals(0, calls[0]);
      op = journal.beginStep();
      memory.writeLongLE(8, 1);
      journal.endStep(op);
      assertEquals(1, calls[0], "an operation's own step rolled back");
      assertEquals(1, journal.depth());
      memory.writeLongLE(8, 2);
      user.commit();
    }
    assertEquals(1, calls[0], "a commit notifies nobody");
    journal.removeRollbackListener(listener);
    try (Journal.Step step = journal.step()) {
      memory.writeLongLE(8, 3);
    }
    assertEquals(1, calls[0], "removed");
  }

  @Test
  void removingOneListenerKeepsTheOthers() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    List<String> calls = new ArrayList<>();
    RollbackListener first = () -> calls.add("first");
    RollbackListener second = () -> calls.add("second");
    RollbackListener third = () -> calls.add("third");
    journal.addRollbackListener(first);
    journal.addRollbackListener(second);
    journal.addRollbackListener(third);
    journal.removeRollbackListener(second);
    journal.removeRollbackListener(() -> calls.add("never registered"));
    try {
      assertEquals(2, journal.rollbackListenerCount());
      try (Journal.Step step = journal.step()) {
        memory.writeLongLE(0, 1);
      }
      assertEquals(List.of("first", "third"), calls);
    } finally {
      java.lang.ref.Reference.reachabilityFence(first);
      java.lang.ref.Reference.reachabilityFence(second);
      java.lang.ref.Reference.reachabilityFence(third);
    }
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthersNorLeaveTheTransactionOpen() {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    IllegalStateException boom = new IllegalStateException("boom");
    int[] after = new int[1];
    RollbackListener thrower =
        () -> {
          throw boom;
        };
    RollbackListener counter = () -> after[0]++;
    journal.addRollbackListener(thrower);
    journal.addRollbackListener(counter);
    Journal.Step step = journal.step();
    memory.writeLongLE(0, 1);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, step::close);
    assertSame(boom, thrown);
    assertEquals(1, after[0]);
    assertFalse(journal.inTransaction());
    assertEquals(0, memory.readLongLE(0));
  }

  @Test
  void listenersAreHeldWeakly() throws InterruptedException {
    HeapMemory memory = memory();
    Journal journal = memory.journal();
    RollbackListener kept = () -> {};
    journal.addRollbackListener(kept);
    for (int i = 0; i < 1000; i++) {
      int n = i;
      journal.addRollbackListener(() -> memory.readLongLE(n)); // referenced by nobody else
    }
    try {
      for (int i = 0; i < 50 && journal.rollbackListenerCount() > 1; i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertEquals(1, journal.rollbackListenerCount(), "only the listener still referenced");
    } finally {
      java.lang.ref.Reference.reachabilityFence(kept);
    }
  }
}
