package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.IMAGE_PAGE;
import static dev.stablestructures.memory.JournalLayout.OLD_BYTES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.ConcurrentWriteException;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link Journal} contract, run against each root memory by a subclass: steps nest and roll
 * back exactly, the rollback epoch moves, the owning thread is enforced, and a random mix of
 * writes, grows and steps matches a byte-array model.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
abstract class JournalContractTest {
  static final int P = Memory.PAGE_SIZE;
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Returns a new, empty memory with a journal that may grow to {@code maxPages}. */
  abstract Memory create(long maxPages);

  /**
   * Returns the bound, in 4 KiB pages, of the page overlay a power-loss transaction writes into;
   * {@link Integer#MAX_VALUE} for a memory that has none and so never spills.
   */
  int overlayPages() {
    return Integer.MAX_VALUE;
  }

  /**
   * Returns how many IMAGE_PAGE records a transaction holds after writing {@code pages} distinct 4
   * KiB pages of the memory it began with, lowest first: an overlay of N pages spills them all, one
   * record each, before every N-th new page after its first N; other memories add none.
   */
  final long imagePagesAfterWriting(int pages) {
    int bound = overlayPages();
    return (long) ((pages - 1) / bound) * bound;
  }

  /** Returns the bytes of the memory the journal protects (the root, bypassing wrappers). */
  byte[] image(Memory memory) {
    return Memories.toByteArray(memory);
  }

  Memory track(Memory memory) {
    if (memory instanceof AutoCloseable c) {
      opened.add(c);
    }
    return memory;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void aMemoryHasOneJournalAndWrappersShareIt() {
    Memory memory = create(10);
    Journal journal = memory.journal();
    assertNotNull(journal);
    assertSame(journal, memory.journal());
    assertSame(journal, new RestrictedMemory(memory, 1, 5).journal());
    assertFalse(journal.inTransaction());
    assertEquals(0, journal.depth());
  }

  @Test
  void nestedStepsRollBackOnlyTheirOwnWrites() {
    Memory memory = create(10);
    memory.grow(1);
    Journal journal = memory.journal();
    try (Journal.Step outer = journal.step()) {
      assertTrue(outer.isTopLevel());
      memory.writeLongLE(0, 1);
      try (Journal.Step inner = journal.step()) {
        assertFalse(inner.isTopLevel());
        assertEquals(2, journal.depth());
        memory.writeLongLE(0, 2);
        memory.writeLongLE(1000, 3);
        memory.grow(1);
        memory.writeLongLE(P + 8, 4);
      } // rolled back
      assertEquals(1, memory.readLongLE(0));
      assertEquals(0, memory.readLongLE(1000));
      assertEquals(0, memory.readLongLE(P + 8));
      assertEquals(2, memory.size(), "a memory never shrinks");
      try (Journal.Step inner = journal.step()) {
        memory.writeLongLE(8, 5);
        inner.commit();
      }
      outer.commit();
    }
    assertFalse(journal.inTransaction());
    assertEquals(1, memory.readLongLE(0));
    assertEquals(5, memory.readLongLE(8));
  }

  @Test
  void closingTheTopLevelUndoesCommittedInnerSteps() {
    Memory memory = create(10);
    memory.grow(1);
    memory.writeLongLE(16, 7);
    byte[] before = image(memory);
    Journal journal = memory.journal();
    try (Journal.Step outer = journal.step()) {
      try (Journal.Step inner = journal.step()) {
        memory.writeLongLE(16, 8);
        inner.commit();
      }
      memory.writeLongLE(24, 9);
      memory.grow(2);
      memory.writeLongLE(2 * P, 9);
    }
    byte[] after = image(memory);
    assertEquals(3 * P, after.length);
    assertArrayEquals(before, java.util.Arrays.copyOf(after, before.length));
    assertArrayEquals(new byte[2 * P], java.util.Arrays.copyOfRange(after, P, 3 * P));
  }

  @Test
  void theRollbackEpochMovesOnlyWhenARollbackUndidWrites() {
    Memory memory = create(10);
    memory.grow(1);
    Journal journal = memory.journal();
    long epoch = journal.rollbackEpoch();
    try (Journal.Step step = journal.step()) {
      memory.writeIntLE(0, 1);
      step.commit();
    }
    assertEquals(epoch, journal.rollbackEpoch(), "a commit undoes nothing");
    try (Journal.Step step = journal.step()) {
      assertNotNull(step);
    }
    assertEquals(epoch, journal.rollbackEpoch(), "an empty rollback undoes nothing");
    try (Journal.Step step = journal.step()) {
      try (Journal.Step inner = journal.step()) {
        memory.writeIntLE(0, 2);
      }
      assertNotEquals(epoch, journal.rollbackEpoch(), "a nested rollback undid a write");
      epoch = journal.rollbackEpoch();
      step.commit();
    }
    assertEquals(1, memory.readIntLE(0));
    try (Journal.Step step = journal.step()) {
      memory.grow(1);
    }
    assertNotEquals(epoch, journal.rollbackEpoch(), "a grow counts as a change");
  }

  @Test
  void stepsEndInOrderAndStaleStepsDoNothing() {
    Memory memory = create(10);
    memory.grow(1);
    Journal journal = memory.journal();
    Journal.Step outer = journal.step();
    Journal.Step inner = journal.step();
    memory.writeByte(5, (byte) 5);
    assertThrows(IllegalStateException.class, outer::commit, "an inner step is open");
    outer.close(); // rolls back the inner step too
    assertFalse(journal.inTransaction());
    assertEquals(0, memory.readByte(5));
    inner.close(); // stale: nothing happens
    assertThrows(IllegalStateException.class, inner::commit);
    Journal.Step next = journal.step();
    memory.writeByte(6, (byte) 6);
    inner.close(); // still stale, must not touch the new transaction
    assertTrue(journal.inTransaction());
    next.commit();
    next.close();
    assertEquals(6, memory.readByte(6));
    assertThrows(IllegalStateException.class, next::commit);
  }

  @Test
  void repeatedWritesToOneBlockAreSavedOnce() {
    Memory memory = create(10);
    memory.grow(4);
    Journal journal = memory.journal();
    long imagePages = imagePagesAfterWriting(4 * P / PageOverlay.SIZE); // 63 in an overlay of 3
    try (Journal.Step step = journal.step()) {
      for (int i = 0; i < 1000; i++) {
        memory.writeLongLE(8L * (i % (Journal.BLOCK_SIZE / 8)), i);
      }
      assertEquals(1, journal.recordCount());
      assertEquals(Journal.BLOCK_SIZE, journal.recordedBytes());
      memory.write(0, new byte[4 * P]); // one run: the saved block is skipped, the rest saved
      assertEquals(2, journal.recordCount(OLD_BYTES), "block 0, then one run of the rest");
      assertEquals(imagePages, journal.recordCount(IMAGE_PAGE), "the overlay's spills");
      assertEquals(2 + imagePages, journal.recordCount(), "no record of another kind");
      long recorded = 4L * P + imagePages * PageOverlay.SIZE; // the old bytes, the spilled pages
      assertEquals(recorded, journal.recordedBytes());
      try (Journal.Step inner = journal.step()) {
        memory.writeLongLE(0, 1);
        memory.writeLongLE(8, 2);
        assertEquals(
            recorded, journal.recordedBytes(), "a nested step's copy stays out of the journal");
      }
      assertEquals(0, memory.readLongLE(0), "yet rolling the step back alone restores the block");
      assertEquals(0, memory.readLongLE(8));
    }
    assertEquals(0, journal.recordCount());
  }

  @Test
  void nestedStepsKeepTheirCopiesInTheHeapUpToABoundThenInTheJournal() {
    Memory memory = create(10);
    memory.grow(1);
    Journal journal = memory.journal();
    int region = PageOverlay.SIZE; // one page: no overlay spills, every record is a write's own
    int beyond = 10;
    long steps = SavepointLog.MAX_BYTES / region + beyond;
    try (Journal.Step top = journal.step()) {
      memory.write(0, filled(region, 1));
      try (Journal.Step savepoint = journal.step()) {
        memory.write(0, filled(region, 2));
        long journaled = journal.recordedBytes();
        assertEquals(region, journaled, "the savepoint's blocks were saved by the top level");
        for (long i = 0; i < steps; i++) {
          try (Journal.Step operation = journal.step()) {
            memory.write(0, filled(region, (int) (3 + i % 100)));
            operation.commit(); // into the savepoint, whose rollback needs the copy
          }
        }
        assertEquals(
            journaled + (beyond + 1L) * region,
            journal.recordedBytes(),
            "16 MiB of copies in the heap (the savepoint's own first), the rest in the journal");
        assertEquals(imagePagesAfterWriting(1), journal.recordCount(IMAGE_PAGE));
      }
      assertArrayEquals(filled(region, 1), read(memory, region), "the savepoint rolled back");
    }
    assertArrayEquals(new byte[region], read(memory, region), "the transaction rolled back");
  }

  private static byte[] filled(int n, int value) {
    byte[] bytes = new byte[n];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] read(Memory memory, int n) {
    byte[] bytes = new byte[n];
    memory.read(0, bytes);
    return bytes;
  }

  @Test
  void aSavepointRolledBackAfterASpillKeepsItsCopiesForTheEnclosingRollback() {
    Memory memory = create(10);
    memory.grow(1);
    Journal journal = memory.journal();
    long y = 0;
    try (Journal.Step top = journal.step()) {
      memory.writeLongLE(y, 1);
      try (Journal.Step outer = journal.step()) {
        try (Journal.Step savepoint = journal.step()) {
          memory.writeLongLE(y, 2); // a heap copy of 1: the top level saved the block
          try (Journal.Step inner = journal.step()) {
            memory.writeLongLE(8192, 5);
          } // this rollback makes the journal forget what it saved
          memory.writeLongLE(y, 3); // a journal record of 2
          for (long page = 4; page < 12; page++) {
            memory.writeLongLE(page * 4096, page); // a power-loss overlay of 3 pages spills
          }
        }
        assertEquals(1, memory.readLongLE(y), "the savepoint rolled back");
      }
      assertEquals(
          1, memory.readLongLE(y), "the enclosing step rolls back to 1, not to the kept copy of 2");
    }
    assertEquals(0, memory.readLongLE(y));
  }

  @Test
  void anotherThreadCannotWriteOrStepDuringATransaction() throws Exception {
    Memory memory = create(10);
    memory.grow(1);
    Journal journal = memory.journal();
    try (Journal.Step step = journal.step()) {
      memory.writeIntLE(0, 1);
      AtomicReference<Throwable> write = new AtomicReference<>();
      AtomicReference<Throwable> open = new AtomicReference<>();
      AtomicReference<Throwable> close = new AtomicReference<>();
      Thread other =
          new Thread(
              () -> {
                write.set(catching(() -> memory.writeIntLE(4, 2)));
                open.set(catching(journal::step));
                close.set(catching(step::close));
              },
              "intruder");
      other.start();
      other.join();
      assertTrue(write.get() instanceof ConcurrentWriteException, String.valueOf(write.get()));
      assertTrue(write.get().getMessage().contains("intruder"), write.get().getMessage());
      assertTrue(open.get() instanceof ConcurrentWriteException, String.valueOf(open.get()));
      assertTrue(close.get() instanceof ConcurrentWriteException, String.valueOf(close.get()));
      assertEquals(0, memory.readIntLE(4), "the refused write changed nothing");
      assertTrue(journal.ownedByCurrentThread());
      step.commit();
    }
    // Once it ended, any thread may open the next one.
    Thread next =
        new Thread(
            () -> {
              try (Journal.Step step = journal.step()) {
                memory.writeIntLE(4, 3);
                step.commit();
              }
            });
    next.start();
    next.join();
    assertEquals(3, memory.readIntLE(4));
  }

  private static Throwable catching(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @TestFactory
  Stream<DynamicTest> randomWritesGrowsAndStepsMatchTheModel() {
    int rounds = FULL ? 3000 : 300;
    return LongStream.of(1, 2, 3, 4)
        .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> runModel(seed, rounds)));
  }

  private void runModel(long seed, int rounds) {
    TestRandom r = new TestRandom(seed);
    long maxPages = 16;
    Memory memory = create(maxPages);
    Journal journal = memory.journal();
    JournalModel model = new JournalModel();
    memory.grow(1);
    model.grow(1);
    Deque<Journal.Step> steps = new ArrayDeque<>();
    Deque<JournalModel> saved = new ArrayDeque<>();
    for (int i = 0; i < rounds; i++) {
      int action = (int) r.nextBelow(20);
      if (action == 0 && steps.size() < 6) {
        steps.push(journal.step());
        saved.push(model.copy());
      } else if (action == 1 && !steps.isEmpty()) {
        steps.pop().commit();
        saved.pop();
      } else if (action == 2 && !steps.isEmpty()) {
        steps.pop().close();
        model.rollBackTo(saved.pop());
        assertArrayEquals(model.bytes, image(memory), "after a rollback, round " + i);
      } else if (action == 3) {
        long pages = r.nextBelow(3);
        if (memory.grow(pages) >= 0) {
          model.grow(pages);
        } else {
          assertTrue(pages > maxPages - memory.size());
        }
      } else {
        int writes = 1 + (int) r.nextBelow(8);
        for (int w = 0; w < writes; w++) {
          JournalModel.randomWrite(r, memory, model, 3 * P);
        }
      }
      assertEquals(steps.size(), journal.depth());
    }
    while (!steps.isEmpty()) {
      steps.pop().close();
      model.rollBackTo(saved.pop());
    }
    assertArrayEquals(model.bytes, image(memory));
    assertFalse(journal.inTransaction());
  }
}
