package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.RECORD_HEADER;
import static dev.stablestructures.memory.JournalLayout.R_BACK;
import static dev.stablestructures.memory.JournalLayout.R_KIND;
import static dev.stablestructures.memory.JournalLayout.R_LENGTH;
import static dev.stablestructures.memory.JournalLayout.R_OFFSET;

import java.nio.ByteBuffer;

/**
 * Where a {@link Journal} keeps its records: the one seam between the journal's logic and its
 * bytes. The records and their order are written here, once ({@link JournalLayout}); a subclass
 * supplies the byte space (an array in the heap, a mapped file) and what its storage adds (the
 * file's header, checksums, the commit point, syncs).
 *
 * <p>Appending is two calls, {@link #append} (reserve and write the record's header) and {@link
 * #finish} (checksum and publish), so that the root memory copies the old bytes straight from its
 * own storage into the journal's in between, with no array in the middle.
 */
abstract class JournalStorage {
  /** Where the first record starts. */
  private final long first;

  private long end;
  private long lastStart = -1;
  private long count;
  private long pending = -1;
  private long pendingEnd;
  private long dataBytes;

  /**
   * Creates an empty storage.
   *
   * @param first where the first record starts in the byte space
   */
  JournalStorage(long first) {
    this.first = first;
    this.end = first;
  }

  // ---------------------------------------------------------------- the byte space

  /** Makes {@code [0, end)} writable. */
  abstract void ensureCapacity(long end);

  abstract long getLong(long position);

  abstract void putLong(long position, long value);

  abstract int getInt(long position);

  abstract void putInt(long position, int value);

  /** Copies {@code n} bytes of an array into the journal at {@code position}. */
  abstract void put(long position, byte[] src, int at, int n);

  /** Copies {@code n} bytes of a buffer (absolute index {@code at}) into the journal. */
  abstract void put(long position, ByteBuffer src, int at, int n);

  /** Copies {@code n} journal bytes at {@code position} into an array. */
  abstract void get(long position, byte[] dst, int at, int n);

  /**
   * Copies {@code n} journal bytes at {@code position} into a buffer (absolute index {@code at}).
   */
  abstract void get(long position, ByteBuffer dst, int at, int n);

  // ---------------------------------------------------------------- what a storage adds

  /** Called before the first record of a transaction: a file writes its header's tx fields. */
  void startTransaction(long txSequence, long sizeAtBegin) {}

  /** Called when a record is complete: a file computes its checksum. */
  void seal(long start, int kind, int length) {}

  /** Makes {@code count} records visible to recovery: a file stores its count word. */
  void publish(long count) {}

  /** The commit point: the journal holds nothing to undo any more. */
  void markClean() {}

  /** Makes every record so far durable (a file syncs; the heap has nothing to do). */
  void sync() {}

  /** Called when a transaction ends, committed or rolled back: a storage may shrink. */
  void release() {}

  // ---------------------------------------------------------------- records

  /**
   * Reserves a record and writes its header; the caller then writes its data (if its kind has any)
   * at the returned position and calls {@link #finish}.
   *
   * @return the position of the record's data
   */
  final long append(int kind, long offset, int length) {
    long start = end;
    long next = start + JournalLayout.recordSize(kind, length);
    ensureCapacity(next);
    putLong(start + R_OFFSET, offset);
    putInt(start + R_LENGTH, length);
    putInt(start + R_KIND, kind);
    putInt(start + R_BACK, lastStart < 0 ? 0 : (int) (start - lastStart));
    pending = start;
    pendingEnd = next;
    return start + RECORD_HEADER;
  }

  /** Completes the record reserved by the last {@link #append} and publishes it. */
  final void finish() {
    long start = pending;
    int kind = getInt(start + R_KIND);
    int length = getInt(start + R_LENGTH);
    seal(start, kind, length);
    lastStart = start;
    end = pendingEnd;
    pending = -1;
    count++;
    if (JournalLayout.hasData(kind)) {
      dataBytes += length;
    }
    publish(count);
  }

  /** Returns the number of records. */
  final long count() {
    return count;
  }

  /** Returns the bytes of old data the records hold. */
  final long dataBytes() {
    return dataBytes;
  }

  /** Returns the start of the newest record, or -1 if there is none. */
  final long last() {
    return lastStart;
  }

  /** Returns the start of the record before the one at {@code start}, or -1. */
  final long previous(long start) {
    int back = getInt(start + R_BACK);
    return back == 0 ? -1 : start - back;
  }

  final int kind(long start) {
    return getInt(start + R_KIND) & 0xFF;
  }

  final long offset(long start) {
    return getLong(start + R_OFFSET);
  }

  final int length(long start) {
    return getInt(start + R_LENGTH);
  }

  /**
   * Drops the newest records until {@code keep} remain; the dropped ones are gone, and the next
   * record is written where the first dropped one was. Publishes the new count.
   */
  final void truncate(long keep) {
    long start = lastStart;
    long n = count;
    while (n > keep) {
      int kind = kind(start);
      if (JournalLayout.hasData(kind)) {
        dataBytes -= length(start);
      }
      end = start;
      start = previous(start);
      n--;
    }
    lastStart = start;
    count = n;
    if (n == 0) {
      end = first;
      lastStart = -1;
    }
    publish(n);
  }

  /** Forgets every record (after the commit point, or a rollback of the whole transaction). */
  final void clear() {
    end = first;
    lastStart = -1;
    count = 0;
    dataBytes = 0;
  }

  /** Sets the records as recovery found them in an existing file. */
  final void restoreState(long end, long lastStart, long count) {
    this.end = end;
    this.lastStart = lastStart;
    this.count = count;
  }
}
