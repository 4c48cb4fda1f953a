package dev.stablestructures.tx;

import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memory;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens transactions over a memory: {@link #begin} for a try-with-resources block, {@link #run} and
 * {@link #call} for a lambda. Pass the memory manager's root memory or any memory of it (a virtual
 * memory answers its root's journal), or the memory a structure was opened on: all of them share
 * one transaction.
 *
 * <p>Outside a transaction every single structure operation is its own transaction. What a
 * committed transaction survives is chosen per memory, when a {@link
 * dev.stablestructures.memory.FileMemory} is opened ({@link
 * dev.stablestructures.memory.Durability}).
 */
public final class Transactions {
  private Transactions() {}

  /**
   * Opens a transaction over a memory; nested in the memory's open transaction, if any.
   *
   * @param memory any memory over the root memory whose writes are to be grouped
   * @return the open transaction; commit it, and close it in every case
   * @throws IllegalArgumentException if the memory has no journal (wrap a hand-written memory in a
   *     {@link JournaledMemory})
   * @throws dev.stablestructures.ConcurrentWriteException if another thread owns the memory's open
   *     transaction
   */
  public static Transaction begin(Memory memory) {
    return new Transaction(journalOf(memory).step());
  }

  /**
   * Runs {@code body} in a transaction: commits if it returns, rolls back and rethrows if it throws
   * anything.
   *
   * @param memory the memory, as for {@link #begin}
   * @param body the writes
   */
  public static void run(Memory memory, Runnable body) {
    Objects.requireNonNull(body, "body");
    try (Transaction tx = begin(memory)) {
      body.run();
      tx.commit();
    }
  }

  /**
   * Computes a value in a transaction: commits and returns it if {@code body} returns, rolls back
   * and rethrows if it throws anything.
   *
   * @param memory the memory, as for {@link #begin}
   * @param body the writes, and the result
   * @param <T> the result's type
   * @return what {@code body} returned
   */
  public static <T> T call(Memory memory, Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    try (Transaction tx = begin(memory)) {
      T result = body.get();
      tx.commit();
      return result;
    }
  }

  private static Journal journalOf(Memory memory) {
    Objects.requireNonNull(memory, "memory");
    Journal journal = memory.journal();
    if (journal == null) {
      throw new IllegalArgumentException(
          memory + " has no journal; wrap it in a JournaledMemory to give it one");
    }
    return journal;
  }
}
