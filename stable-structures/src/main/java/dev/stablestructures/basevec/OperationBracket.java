package dev.stablestructures.basevec;

import dev.stablestructures.ConcurrentWriteException;
import dev.stablestructures.memory.Journal;

/**
 * The bracket around one operation on a {@link BaseVec}: a step of its memory's {@link Journal},
 * taken by the outermost bracket only, so that a structure that makes one operation of several
 * mutators (a heap's sift) wraps them in one step and the mutators inside, which bracket
 * themselves, take none of their own. The journal's allocation-free step form, with the same shape:
 *
 * <pre>{@code
 * long step = bracket.begin();
 * try {
 *   ... mutators ...
 *   bracket.commit(step);
 * } finally {
 *   bracket.end(step); // rolls everything back unless committed
 * }
 * }</pre>
 *
 * <p>It also carries the array's unusable state: once a rollback took the array away from its
 * memory (its creation was rolled back), every bracket is refused. Not thread-safe, like the array.
 */
public final class OperationBracket {
  private final Journal journal;
  private final String kind;
  private int nesting;
  private String unusable;

  OperationBracket(Journal journal, String kind) {
    this.journal = journal;
    this.kind = kind;
  }

  /**
   * Opens the bracket: a journal step unless another bracket of this array is open.
   *
   * @return the step's token, or 0 inside another bracket
   * @throws IllegalStateException if a rollback took the array away from its memory
   * @throws ConcurrentWriteException if another thread owns the memory's open transaction
   */
  public long begin() {
    if (unusable != null) {
      throw new IllegalStateException(unusable);
    }
    long step = nesting == 0 ? journal.beginStep() : 0;
    nesting++;
    return step;
  }

  /**
   * Commits what {@link #begin()} opened (a bracket inside another commits nothing yet).
   *
   * @param step what {@link #begin()} returned
   */
  public void commit(long step) {
    if (step != 0) {
      journal.commitStep(step);
    }
  }

  /**
   * Ends what {@link #begin()} opened, rolling its step back unless it was committed.
   *
   * @param step what {@link #begin()} returned
   */
  public void end(long step) {
    nesting--;
    if (step != 0) {
      journal.endStep(step);
    }
  }

  /** Refuses every later bracket: the image no longer holds the array. */
  void markGone(String why) {
    unusable =
        "this "
            + kind
            + " is gone from its memory: a rollback restored an image without it (its creation was"
            + " rolled back?): "
            + why;
  }

  /** Returns the journal the steps are taken on. */
  Journal journal() {
    return journal;
  }
}
