package dev.stablestructures.btreemap;

import dev.stablestructures.internal.ToolHooks;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.RollbackListener;
import java.util.function.Supplier;

/**
 * The one bracket around every mutation of a tree (insert, remove, pops, clear): one step of the
 * memory's {@link Journal}, and the in-heap state to put back if the mutation fails.
 *
 * <p>Memory grows lazily, exactly when the crate grows it (that decides the image size), so a grow
 * can be refused half-way through an operation, after part of it is written; a damaged node met
 * half-way, or a codec that throws, stop it just as well. Every write of the tree goes to a memory
 * with a journal (its own, or a {@link JournaledMemory} the factory wrapped around one without),
 * and a mutation that throws has its step rolled back before the exception is rethrown. Outside a
 * user's transaction the step is the whole transaction; inside one it is a savepoint, so a failed
 * mutation rolls back alone and the transaction goes on.
 *
 * <pre>
 * +--------------------+---------------------------+------------------------------------+
 * | state              | on success                | on failure                         |
 * +--------------------+---------------------------+------------------------------------+
 * | image              | the crate's bytes         | as before (grown pages stay, zero) |
 * | root, length       | new                       | as before                          |
 * | allocator fields   | new                       | as before                          |
 * | key-set epoch      | moved if keys changed     | as before: iterators go on         |
 * | write epoch        | moved                     | moved: node copies are re-read     |
 * | node cache         | true to memory            | emptied (the rollback wrote nodes) |
 * +--------------------+---------------------------+------------------------------------+
 * </pre>
 *
 * <p>The step is the journal's allocation-free form ({@link Journal#beginStep}). Without it (only
 * to measure what it costs: {@link ToolHooks#withoutUndoJournal}) the image cannot be undone. The
 * tree then takes its root, length and allocator fields from the image as the failure left it, so
 * that it agrees with what a reload would see; the node cache is emptied and open iterators fail
 * fast, since the image changed.
 */
final class Mutation {
  /** The in-heap state of a tree that the bracket saves and puts back. */
  interface Tree {
    /** Called first: moves the write epoch. */
    void startMutation();

    long rootAddress();

    long size();

    long keySetEpoch();

    /** Puts back the state saved before a mutation that was rolled back. */
    void restore(long root, long length, long keySetEpoch);

    /** Takes root and length from the image, and moves both epochs. */
    void reloadFromImage();
  }

  private final Tree tree;
  private final Journal journal;
  private final Allocator allocator;
  private final InternalNodeCache cache;
  private boolean journaled = !ToolHooks.undoJournalDisabled();

  /** Registered with the journal, which holds it weakly: this field keeps it alive. */
  private final RollbackListener reloader = this::reloadAfterRollback;

  /** Why the tree refuses writes (its image was rolled away), or null. */
  private String unusable;

  Mutation(Tree tree, Journal journal, Allocator allocator, InternalNodeCache cache) {
    this.tree = tree;
    this.journal = journal;
    this.allocator = allocator;
    this.cache = cache;
    journal.addRollbackListener(reloader);
  }

  /** Runs one mutation in the bracket; returns what it returns, rethrows what it throws. */
  <R> R run(Supplier<R> body) {
    if (unusable != null) {
      throw new IllegalStateException(unusable);
    }
    if (!journaled) {
      tree.startMutation();
      return runUnjournaled(body);
    }
    // The step first: another thread's call (misuse) fails here having changed nothing, and from
    // here on no other thread writes, so the state saved below is the state the body changes.
    long step = journal.beginStep();
    tree.startMutation();
    long root = tree.rootAddress();
    long length = tree.size();
    long keySetEpoch = tree.keySetEpoch();
    long chunks = allocator.allocatedChunks();
    long head = allocator.freeListHead();
    try {
      R result = body.get();
      journal.commitStep(step);
      return result;
    } catch (Throwable failure) {
      try {
        journal.endStep(step); // the rollback; the tree's listener reloads it from the image
      } catch (Throwable undo) {
        failure.addSuppressed(undo);
      }
      // Also when nothing was written (no listener ran): the body may have changed fields first.
      tree.restore(root, length, keySetEpoch);
      allocator.restore(chunks, head);
      cache.clear();
      throw failure;
    }
  }

  private <R> R runUnjournaled(Supplier<R> body) {
    try {
      return body.get();
    } catch (Throwable failure) {
      try {
        tree.reloadFromImage();
        allocator.reload();
      } catch (RuntimeException unreadable) {
        failure.addSuppressed(unreadable);
      }
      cache.clear();
      throw failure;
    }
  }

  /**
   * The rollback listener, after any rollback on the journal (a user's, or a failed mutation's own,
   * which then restores the saved state on top): root, length and allocator fields from the image,
   * an empty node cache, both epochs moved. Never throws: an image that no longer holds the tree
   * (its creation was rolled back) leaves it empty and refusing writes.
   */
  private void reloadAfterRollback() {
    cache.clear();
    try {
      tree.reloadFromImage();
      allocator.reload();
    } catch (RuntimeException gone) {
      tree.restore(0, 0, tree.keySetEpoch());
      unusable =
          "this B-tree map is gone from its memory: a rollback restored an image without it (its"
              + " creation was rolled back?): "
              + gone.getMessage();
    }
  }

  /** Turns journaling off or on; only for measuring its cost (a failed call may then corrupt). */
  void setJournaled(boolean journaled) {
    this.journaled = journaled;
  }
}
