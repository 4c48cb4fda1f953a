package dev.stablestructures.crash;

import java.util.List;

/**
 * Operation number {@code index} of a workload: the unit the child commits and reports as {@code
 * committed index}. In {@link Mode#SINGLE} it is one step, its own implicit transaction; in {@link
 * Mode#TRANSACTIONS} it is one transaction of several steps over several structures, and when
 * {@code aborts} is set the transaction throws after its steps, so it must leave no trace.
 *
 * @param index the operation's number, from 0
 * @param steps the steps, in order
 * @param aborts whether the transaction rolls back instead of committing
 */
record Op(long index, List<Step> steps, boolean aborts) {
  /**
   * Performs the op's effect on the model: every step, or nothing if it aborts.
   *
   * @param model the model
   */
  void applyCommitted(Target model) {
    if (!aborts) {
      for (Step step : steps) {
        step.applyTo(model);
      }
    }
  }
}
