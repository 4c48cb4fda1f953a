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
 * <p>A bracket inside another is recognized by the open step it belongs to and the journal's owner,
 * not by a counter, so that another thread's call (misuse: writes are not thread-safe) takes a step
 * of its own and gets the journal's {@link ConcurrentWriteException}, changing nothing. It also
 * carries the array's unusable state: once a rollback took the array away from its memory (its
 * creation was rolled back), every bracket is refused.
 */
public final class OperationBracket {
  private final Journal journal;
  private final String kind;

  /** The step of the open outermost bracket, or 0; written only by the journal's owner. */
  private long active;

  private String unusable;

  OperationBracket(Journal journal, String kind) {
    this.journal = journal;
    this.kind = kind;
  }

  /**
   * Opens the bracket: a journal step unless this thread is inside another bracket of this array.
   * Open it before reading what the operation's writes depend on: from then on no other thread
   * writes.
   *
   * @return the step's token, or 0 inside another bracket
   * @throws IllegalStateException if a rollback took the array away from its memory
   * @throws ConcurrentWriteException if another thread owns the memory's open transaction
   */
  public long begin() {
    if (unusable != null) {
      throw new IllegalStateException(unusable);
    }
    if (active != 0 && journal.ownedByCurrentThread()) {
      return 0;
    }
    long step = journal.beginStep();
    active = step;
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
    if (step != 0) {
      active = 0;
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
