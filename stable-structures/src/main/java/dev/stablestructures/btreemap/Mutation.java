package dev.stablestructures.btreemap;

import dev.stablestructures.internal.ToolHooks;
import dev.stablestructures.memory.JournaledMemory;
import java.util.function.Supplier;

/**
 * The one bracket around every mutation of a tree (insert, remove, pops, clear): a journal
 * transaction, and the in-heap state to put back if the mutation fails.
 *
 * <p>Memory grows lazily, exactly when the crate grows it (that decides the image size), so a grow
 * can be refused half-way through an operation, after part of it is written; a damaged node met
 * half-way, or a codec that throws, stop it just as well. Every write of the tree goes through a
 * {@link JournaledMemory}, and a mutation that throws is undone before the exception is rethrown:
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
 * <p>Without the journal (only to measure what it costs: {@link ToolHooks#withoutUndoJournal}) the
 * image cannot be undone. The tree then takes its root, length and allocator fields from the image
 * as the failure left it, so that it agrees with what a reload would see; the node cache is emptied
 * and open iterators fail fast, since the image changed.
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

    /** Takes root and length from the image, and marks the key set changed. */
    void reloadFromImage();
  }

  private final Tree tree;
  private final JournaledMemory journal;
  private final Allocator allocator;
  private final InternalNodeCache cache;
  private boolean journaled = !ToolHooks.undoJournalDisabled();

  Mutation(Tree tree, JournaledMemory journal, Allocator allocator, InternalNodeCache cache) {
    this.tree = tree;
    this.journal = journal;
    this.allocator = allocator;
    this.cache = cache;
  }

  /** Runs one mutation in the bracket; returns what it returns, rethrows what it throws. */
  <R> R run(Supplier<R> body) {
    tree.startMutation();
    long root = tree.rootAddress();
    long length = tree.size();
    long keySetEpoch = tree.keySetEpoch();
    long chunks = allocator.allocatedChunks();
    long head = allocator.freeListHead();
    boolean undoable = journaled;
    if (undoable) {
      journal.begin();
    }
    try {
      R result = body.get();
      if (undoable) {
        journal.commit();
      }
      return result;
    } catch (Throwable failure) {
      if (undoable) {
        try {
          journal.rollback();
        } catch (Throwable undo) {
          failure.addSuppressed(undo);
        }
        tree.restore(root, length, keySetEpoch);
        allocator.restore(chunks, head);
      } else {
        try {
          tree.reloadFromImage();
          allocator.reload();
        } catch (RuntimeException unreadable) {
          failure.addSuppressed(unreadable);
        }
      }
      cache.clear();
      throw failure;
    }
  }

  /** Turns journaling off or on; only for measuring its cost (a failed call may then corrupt). */
  void setJournaled(boolean journaled) {
    if (journal.isRecording()) {
      throw new IllegalStateException("a mutation is running");
    }
    this.journaled = journaled;
  }
}
