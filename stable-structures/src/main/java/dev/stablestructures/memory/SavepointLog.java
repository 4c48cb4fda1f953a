package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.OLD_BYTES;
import static dev.stablestructures.memory.JournalLayout.RECORD_HEADER;
import static dev.stablestructures.memory.JournalLayout.ZERO_FILL;

import java.util.Arrays;

/**
 * Old bytes that only a savepoint's rollback needs, kept in the heap beside a {@link Journal}'s
 * records, and the undo that applies both.
 *
 * <p>A block the transaction saved before a nested step began must be saved again when the step
 * first writes it, so that rolling the step back alone can restore it. A crash never needs that
 * copy: recovery rolls back the whole transaction, and the journal's first record of the block
 * already holds its bytes at the transaction's begin. So the copy goes here, in {@link
 * JournalLayout}'s record format in a heap array, without a checksum, a publish or a fence; every
 * structure operation inside a user's transaction is such a step, and its re-saves (the structure's
 * header block, mostly) no longer cost a journal record each.
 *
 * <p>Each record remembers how many journal records existed when it was written, so that {@link
 * #undo} applies the two logs' records in one order, newest first, as if they were one log; the
 * oldest record of each byte wins. When the transaction is back at its top level the log is dropped
 * (a top-level rollback needs the journal alone), and it holds at most {@value #MAX_BYTES} bytes:
 * past that a re-save goes into the journal as before, which is always correct.
 */
final class SavepointLog {
  /** Bytes of old data the log holds at most; beyond them, re-saves are journal records. */
  static final long MAX_BYTES = 16L << 20;

  /** The most journal blocks one record of the log may hold. */
  static final long MAX_BLOCKS = MAX_BYTES >>> Journal.BLOCK_SHIFT;

  private final HeapJournalStorage log = new HeapJournalStorage();

  /** For record {@code i} of the log: the journal's record count when it was written. */
  private long[] journalCount = new long[64];

  /** Returns the number of records. */
  long count() {
    return log.count();
  }

  /** Tells whether the log may take another record. */
  boolean hasRoom() {
    return log.dataBytes() < MAX_BYTES;
  }

  /**
   * Saves the memory's current bytes {@code [offset, offset + length)}.
   *
   * @param journalRecords the journal's record count now
   */
  void save(JournalTarget target, long offset, int length, long journalRecords) {
    log.appendOld(target, offset, length);
    int i = (int) (log.count() - 1);
    if (i == journalCount.length) {
      journalCount = Arrays.copyOf(journalCount, i * 2);
    }
    journalCount[i] = journalRecords;
  }

  /**
   * Undoes, newest first and in the order they were written, the journal's records after its first
   * {@code journalStart} and this log's after its first {@code logStart}.
   */
  void undo(JournalTarget target, JournalStorage journal, long journalStart, long logStart) {
    long n = journal.count();
    long at = journal.last();
    long h = log.count();
    long mine = log.last();
    while (n > journalStart || h > logStart) {
      if (h > logStart && journalCount[(int) (h - 1)] >= n) {
        apply(target, log, mine);
        mine = log.previous(mine);
        h--;
      } else {
        apply(target, journal, at);
        at = journal.previous(at);
        n--;
      }
    }
  }

  /**
   * Drops the records after the first {@code logStart} that were written after the journal's first
   * {@code journalKept} records. A step's rollback keeps journal records that protect image pages
   * already copied (power-loss mode), and an enclosing step's rollback applies them again; so it
   * must keep every copy written before them too, or the oldest surviving copy of a byte could be
   * newer than the enclosing step's begin.
   */
  void truncate(long logStart, long journalKept) {
    long h = log.count();
    while (h > logStart && journalCount[(int) (h - 1)] >= journalKept) {
      h--;
    }
    log.truncate(h);
  }

  /** Undoes the journal's records after its first {@code start}, newest first. */
  static void undoJournal(JournalTarget target, JournalStorage journal, long start) {
    long n = journal.count();
    long at = journal.last();
    while (n > start) {
      apply(target, journal, at);
      at = journal.previous(at);
      n--;
    }
  }

  /** Drops every record (the transaction is back at its top level, or ended). */
  void clear() {
    if (log.count() > 0) {
      log.clear();
      log.release();
    }
  }

  /** Applies one record; image pages are skipped. */
  private static void apply(JournalTarget target, JournalStorage from, long at) {
    int kind = from.kind(at);
    if (kind == OLD_BYTES) {
      target.restore(from.offset(at), from.length(at), from, at + RECORD_HEADER);
    } else if (kind == ZERO_FILL) {
      target.zero(from.offset(at), from.length(at));
    }
    // GROW: a memory never shrinks. IMAGE_PAGE: the file's bytes, for crash recovery only.
  }
}
