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
 * already holds its bytes at the transaction's begin. So the copy goes here, into plain heap arrays
 * with no record header, checksum, publish or fence; every structure operation inside a user's
 * transaction is such a step, and its re-saves (the structure's header block, mostly) cost one
 * array copy each.
 *
 * <pre>
 * record i of the log, in four heap arrays:
 * +--------------------------------+-------+---------------------------------------------+
 * | array                          | size  | content                                     |
 * +--------------------------------+-------+---------------------------------------------+
 * | offsets[i]                     | 8     | where the bytes were in the memory          |
 * | ends[i]                        | 4     | where they end in data (start: ends[i - 1]) |
 * | journalCount[i]                | 8     | the journal's record count when saved       |
 * | data[ends[i - 1], ends[i])     | n     | the old bytes                               |
 * +--------------------------------+-------+---------------------------------------------+
 * </pre>
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

  private static final int INITIAL_RECORDS = 64;
  private static final int INITIAL_BYTES = 4096;

  /** Arrays larger than this (bytes of data, or records of a block each) are dropped on clear. */
  private static final int MAX_RETAINED = 1 << 20;

  private byte[] data = new byte[INITIAL_BYTES];
  private long[] offsets = new long[INITIAL_RECORDS];
  private int[] ends = new int[INITIAL_RECORDS];
  private long[] journalCount = new long[INITIAL_RECORDS];
  private int count;

  /** Returns the number of records. */
  long count() {
    return count;
  }

  /** Tells whether the log may take another record. */
  boolean hasRoom() {
    return dataEnd() < MAX_BYTES;
  }

  /**
   * Saves the memory's current bytes {@code [offset, offset + length)}.
   *
   * @param journalRecords the journal's record count now
   */
  void save(JournalTarget target, long offset, int length, long journalRecords) {
    int i = count;
    int start = dataEnd();
    int end = start + length;
    if (end > data.length) {
      data = Arrays.copyOf(data, Math.max(end, data.length * 2));
    }
    if (i == offsets.length) {
      offsets = Arrays.copyOf(offsets, i * 2);
      ends = Arrays.copyOf(ends, i * 2);
      journalCount = Arrays.copyOf(journalCount, i * 2);
    }
    target.readOld(offset, data, start, length);
    offsets[i] = offset;
    ends[i] = end;
    journalCount[i] = journalRecords;
    count = i + 1;
  }

  /**
   * Undoes, newest first and in the order they were written, the journal's records after its first
   * {@code journalStart} and this log's after its first {@code logStart}.
   */
  void undo(JournalTarget target, JournalStorage journal, long journalStart, long logStart) {
    long n = journal.count();
    long at = journal.last();
    int h = count;
    while (n > journalStart || h > logStart) {
      if (h > logStart && journalCount[h - 1] >= n) {
        h--;
        int start = h == 0 ? 0 : ends[h - 1];
        target.writeOld(offsets[h], data, start, ends[h] - start);
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
    int h = count;
    while (h > logStart && journalCount[h - 1] >= journalKept) {
      h--;
    }
    count = h;
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
    count = 0;
    if (data.length > MAX_RETAINED) {
      data = new byte[INITIAL_BYTES];
    }
    if (offsets.length > MAX_RETAINED >>> Journal.BLOCK_SHIFT) {
      offsets = new long[INITIAL_RECORDS];
      ends = new int[INITIAL_RECORDS];
      journalCount = new long[INITIAL_RECORDS];
    }
  }

  /** Where the next record's bytes start in {@link #data}. */
  private int dataEnd() {
    return count == 0 ? 0 : ends[count - 1];
  }

  /** Applies one journal record; image pages are skipped. */
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
