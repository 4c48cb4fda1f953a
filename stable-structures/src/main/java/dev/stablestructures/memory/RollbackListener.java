package dev.stablestructures.memory;

/**
 * What a structure runs after a rollback undid writes to its memory, to reload what it keeps in the
 * heap (a length, a root, a cached value, a node cache) from the restored image. Registered with
 * {@link Journal#addRollbackListener}; the journal holds it weakly, so the structure must keep it
 * in a field of its own.
 *
 * <p>It is called by the thread that rolled back, after the undo and while that thread still owns
 * the transaction, so no other writer can run beside it. It must not write to any memory. It should
 * not throw: a structure that finds its image unusable (its own creation was rolled back) marks
 * itself unusable instead. An exception it throws anyway is rethrown by the rollback once every
 * other listener has run.
 */
@FunctionalInterface
public interface RollbackListener {
  /** Reloads the heap state from the image, which a rollback has just restored. */
  void rolledBack();
}
