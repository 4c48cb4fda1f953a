package dev.stablestructures.tx;

import dev.stablestructures.ConcurrentWriteException;
import dev.stablestructures.memory.Journal;

/**
 * An open transaction over one memory, from {@link Transactions#begin}: every write to the memory
 * (through any structure on it) until {@link #commit()} is kept all together, or, on {@link
 * #close()} without a commit, none of them is. Use it with try-with-resources, so that an exception
 * escaping the block rolls everything back:
 *
 * <pre>{@code
 * try (Transaction tx = Transactions.begin(memory)) {
 *   balances.put("alice", 90L);
 *   balances.put("bob", 110L);
 *   tx.commit();
 * }
 * }</pre>
 *
 * <p>Reads inside the transaction see its writes. Opened inside another transaction of the same
 * memory, it is a savepoint: its rollback undoes only its own writes, and its commit hands them to
 * the enclosing transaction. Only the thread that opened it may write to the memory or end it until
 * it ends; another thread's write throws {@link ConcurrentWriteException}.
 */
public final class Transaction implements AutoCloseable {
  private final Journal.Step step;
  private boolean open = true;

  Transaction(Journal.Step step) {
    this.step = step;
  }

  /**
   * Keeps every write of the transaction; at the top level this is the commit point, which for a
   * file memory survives what its durability promises.
   *
   * @throws IllegalStateException if the transaction already ended, or a nested one is still open
   */
  public void commit() {
    if (!open) {
      throw new IllegalStateException("the transaction already ended");
    }
    step.commit();
    open = false;
  }

  /**
   * Undoes every write of the transaction now; the same as closing it without a commit.
   *
   * @throws IllegalStateException if the transaction already ended
   */
  public void rollback() {
    if (!open) {
      throw new IllegalStateException("the transaction already ended");
    }
    close();
  }

  /** Rolls the transaction back unless it was committed; does nothing if it already ended. */
  @Override
  public void close() {
    if (open) {
      open = false;
      step.close();
    }
  }

  /**
   * Tells whether the transaction is still open.
   *
   * @return false once committed, rolled back or closed
   */
  public boolean isOpen() {
    return open;
  }

  /**
   * Tells whether this transaction is the outermost one (not a savepoint in another).
   *
   * @return true at the top level
   */
  public boolean isTopLevel() {
    return step.isTopLevel();
  }
}
