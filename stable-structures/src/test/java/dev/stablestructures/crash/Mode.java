package dev.stablestructures.crash;

import dev.stablestructures.memory.Memory;
import dev.stablestructures.tx.Transactions;

/**
 * How the child commits one {@link Op}: the one switch between the single-op kill test and the
 * multi-structure transaction kill test.
 */
enum Mode {
  /**
   * Each op is one structure call, committed by the call itself (the library's implicit
   * per-operation transaction).
   */
  SINGLE {
    @Override
    void commit(Memory root, Runnable body) {
      body.run();
    }
  },

  /**
   * Each op is one explicit transaction of up to {@link Workload#MAX_TX_STEPS} steps over several
   * structures; one in ten throws {@link PlannedAbort} after its steps and must roll back, through
   * {@link Transactions#run}: an exception escaping {@code body} rolls the transaction back and
   * propagates.
   */
  TRANSACTIONS {
    @Override
    void commit(Memory root, Runnable body) {
      Transactions.run(root, body);
    }
  };

  /**
   * Runs {@code body} as one committed unit; an exception from {@code body} propagates (in {@link
   * #TRANSACTIONS} after rolling the unit back).
   *
   * @param root the file memory under the manager, the one the transaction covers
   * @param body the op's steps
   */
  abstract void commit(Memory root, Runnable body);

  /** Thrown by an op's body to make its transaction roll back on purpose. */
  static final class PlannedAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Describes the abort.
     *
     * @param index the op that aborts
     */
    PlannedAbort(long index) {
      super("op " + index + " aborts on purpose", null, false, false);
    }
  }
}
