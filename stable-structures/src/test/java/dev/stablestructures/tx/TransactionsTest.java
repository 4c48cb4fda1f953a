package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RestrictedMemory;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // transactions opened to be rolled back by close()
class TransactionsTest {
  private static HeapMemory memory() {
    HeapMemory memory = new HeapMemory();
    memory.grow(2);
    return memory;
  }

  @Test
  void aCommittedTransactionKeepsItsWrites() {
    HeapMemory memory = memory();
    try (Transaction tx = Transactions.begin(memory)) {
      assertTrue(tx.isTopLevel());
      memory.writeLongLE(0, 1);
      assertEquals(1, memory.readLongLE(0), "reads see the transaction's own writes");
      tx.commit();
      assertFalse(tx.isOpen());
    }
    assertEquals(1, memory.readLongLE(0));
    assertFalse(memory.journal().inTransaction());
  }

  @Test
  void aTransactionIsOpenUntilItsCommitOrRollback() {
    HeapMemory memory = memory();
    Transaction committed = Transactions.begin(memory);
    assertTrue(committed.isOpen());
    committed.commit();
    assertFalse(committed.isOpen());
    Transaction rolledBack = Transactions.begin(memory);
    assertTrue(rolledBack.isOpen());
    rolledBack.rollback();
    assertFalse(rolledBack.isOpen());
    assertThrows(IllegalStateException.class, rolledBack::rollback);
  }

  @Test
  void anExceptionEscapingTheBlockRollsBack() {
    HeapMemory memory = memory();
    memory.writeLongLE(0, 5);
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (Transaction tx = Transactions.begin(memory)) {
                memory.writeLongLE(0, 6);
                memory.writeLongLE(Memory.PAGE_SIZE + 8, 7);
                throw new IllegalStateException("trap");
              }
            });
    assertEquals("trap", thrown.getMessage());
    assertEquals(5, memory.readLongLE(0));
    assertEquals(0, memory.readLongLE(Memory.PAGE_SIZE + 8));
  }

  @Test
  void runAndCallCommitOrRollBackAndRethrowAnyThrowable() {
    HeapMemory memory = memory();
    Transactions.run(memory, () -> memory.writeIntLE(0, 1));
    assertEquals(1, memory.readIntLE(0));
    assertEquals(
        "x",
        Transactions.call(
            memory,
            () -> {
              memory.writeIntLE(0, 2);
              return "x";
            }));
    assertEquals(2, memory.readIntLE(0));
    AssertionError error = new AssertionError("an Error, not an exception");
    assertSame(
        error,
        assertThrows(
            AssertionError.class,
            () ->
                Transactions.run(
                    memory,
                    () -> {
                      memory.writeIntLE(0, 3);
                      throw error;
                    })));
    assertEquals(2, memory.readIntLE(0));
  }

  @Test
  void aNestedTransactionIsASavepoint() {
    HeapMemory memory = memory();
    Memory window = new RestrictedMemory(memory, 1, 2); // the same journal as its base
    try (Transaction outer = Transactions.begin(memory)) {
      memory.writeIntLE(0, 1);
      try (Transaction inner = Transactions.begin(window)) {
        assertFalse(inner.isTopLevel());
        window.writeIntLE(0, 2);
        inner.rollback();
        assertThrows(IllegalStateException.class, inner::commit);
      }
      assertEquals(0, window.readIntLE(0));
      Transactions.run(window, () -> window.writeIntLE(4, 3));
      outer.commit();
    }
    assertEquals(1, memory.readIntLE(0));
    assertEquals(3, window.readIntLE(4));
  }

  @Test
  void aMemoryWithoutAJournalIsRefused() {
    Memory bare =
        new Memory() {
          @Override
          public long size() {
            return 0;
          }

          @Override
          public long grow(long pages) {
            return -1;
          }

          @Override
          public void read(long offset, byte[] dst, int dstOffset, int length) {}

          @Override
          public void write(long offset, byte[] src, int srcOffset, int length) {}
        };
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Transactions.begin(bare));
    assertTrue(e.getMessage().contains("JournaledMemory"), e.getMessage());
  }
}
