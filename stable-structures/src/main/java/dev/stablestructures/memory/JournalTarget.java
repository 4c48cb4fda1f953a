package dev.stablestructures.memory;

/**
 * What a {@link Journal} needs from the root memory it protects: its size, a way to copy old bytes
 * into the journal and back without being journaled again, and the points of a transaction where a
 * memory with more to do (a {@link FileMemory} in {@link Durability#POWER_LOSS} mode) does it.
 */
interface JournalTarget {
  /** Returns the memory's size in bytes, as its accesses see it. */
  long journalSize();

  /** Copies the memory's current bytes {@code [offset, offset + length)} into the journal. */
  void saveOld(long offset, int length, JournalStorage to, long at);

  /** Writes journal bytes back into {@code [offset, offset + length)}, unjournaled. */
  void restore(long offset, int length, JournalStorage from, long at);

  /**
   * Copies the current bytes {@code [offset, offset + length)} into {@code dst} from {@code at}:
   * the bytes {@link #saveOld} would save, for a record staged in an array.
   */
  void readOld(long offset, byte[] dst, int at, int length);

  /**
   * Writes {@code src[at, at + length)} back into {@code [offset, offset + length)}, unjournaled:
   * the inverse of {@link #readOld}, for bytes a savepoint kept in an array.
   */
  void writeOld(long offset, byte[] src, int at, int length);

  /** Writes zeros into {@code [offset, offset + length)}, unjournaled. */
  void zero(long offset, int length);

  /** A top-level transaction opened. */
  default void began() {}

  /** The top-level transaction is about to reach its commit point. */
  default void beforeCommit() {}

  /**
   * The top-level transaction is rolling back as a whole; answers true if the memory undid it by
   * itself (it dropped an overlay that held every change), so the records need not be applied.
   */
  default boolean discardTransaction() {
    return false;
  }

  /** The top-level transaction ended, committed or rolled back. */
  default void ended() {}
}
