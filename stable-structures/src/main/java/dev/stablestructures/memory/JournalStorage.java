package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.OLD_BYTES;
import static dev.stablestructures.memory.JournalLayout.RECORD_HEADER;
import static dev.stablestructures.memory.JournalLayout.R_BACK;
import static dev.stablestructures.memory.JournalLayout.R_CRC;
import static dev.stablestructures.memory.JournalLayout.R_KIND;
import static dev.stablestructures.memory.JournalLayout.R_LENGTH;
import static dev.stablestructures.memory.JournalLayout.R_OFFSET;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a {@link Journal} keeps its records: the one seam between the journal's logic and its
 * bytes. The records and their order are written here, once ({@link JournalLayout}); a subclass
 * supplies the byte space (an array in the heap, a mapped file) and what its storage adds (the
 * file's header, checksums, the commit point, syncs).
 *
 * <p>The byte space is an array of {@link ByteBuffer} chunks of {@code 2^shift} bytes each (a
 * subclass maps or allocates them), so its accessors are written once, here.
 *
 * <p>Appending is two calls, {@link #append} (reserve and write the record's header) and {@link
 * #finish} (checksum and publish), so that the root memory copies the old bytes straight from its
 * own storage into the journal's in between, with no array in the middle. A small old-bytes record
 * (the usual one: a few 64-byte blocks of a node) takes {@link #appendOld} instead: staged whole in
 * an array, checksummed there and put into the byte space with one copy, because the two-call
 * path's dozen accesses through the buffers cost more than the bytes do.
 */
abstract class JournalStorage {
  static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** Where the first record starts. */
  private final long first;

  /** log2 of a chunk's size in bytes, at most 31. */
  final int shift;

  /** A position's index in its chunk is {@code position & mask}. */
  final int mask;

  /** The byte space: chunk {@code i} holds positions from {@code i << shift}; set by a subclass. */
  ByteBuffer[] chunks = new ByteBuffer[0];

  private long end;
  private long lastStart = -1;
  private long count;
  private long pending = -1;
  private long pendingEnd;
  private int pendingKind;
  private int pendingLength;
  private long dataBytes;

  /**
   * The data bytes at most of a record staged by {@link #appendOld}: a node's few blocks fit;
   * larger runs are copied straight into the byte space, once.
   */
  static final int STAGED_MAX = 512;

  /**
   * Where a staged record's header starts in {@link #staged}: the 8 bytes before it are free for
   * the subclass's checksum input ({@link #stagedChecksum}).
   */
  static final int STAGED_HEADER = 8;

  private final byte[] staged = new byte[STAGED_HEADER + RECORD_HEADER + STAGED_MAX];

  /**
   * Creates an empty storage.
   *
   * @param first where the first record starts in the byte space
   * @param shift log2 of the size of the subclass's chunks, 1 to 31
   */
  JournalStorage(long first, int shift) {
    this.first = first;
    this.end = first;
    this.shift = shift;
    this.mask = (int) ((1L << shift) - 1);
  }

  // ---------------------------------------------------------------- the byte space

  /** Makes {@code [0, end)} writable. */
  abstract void ensureCapacity(long end);

  private ByteBuffer chunk(long position) {
    return chunks[(int) (position >>> shift)];
  }

  final long getLong(long position) {
    return (long) LONG.get(chunk(position), (int) position & mask);
  }

  final void putLong(long position, long value) {
    LONG.set(chunk(position), (int) position & mask, value);
  }

  final int getInt(long position) {
    return (int) INT.get(chunk(position), (int) position & mask);
  }

  final void putInt(long position, int value) {
    INT.set(chunk(position), (int) position & mask, value);
  }

  /** Copies {@code n} bytes of an array into the journal at {@code position}. */
  final void put(long position, byte[] src, int at, int n) {
    copy(Transfer.WRITE, position, src, null, at, n);
  }

  /** Copies {@code n} bytes of a buffer (absolute index {@code at}) into the journal. */
  final void put(long position, ByteBuffer src, int at, int n) {
    copy(Transfer.WRITE, position, null, src, at, n);
  }

  /** Copies {@code n} journal bytes at {@code position} into an array. */
  final void get(long position, byte[] dst, int at, int n) {
    copy(Transfer.READ, position, dst, null, at, n);
  }

  /**
   * Copies {@code n} journal bytes at {@code position} into a buffer (absolute index {@code at}).
   */
  final void get(long position, ByteBuffer dst, int at, int n) {
    copy(Transfer.READ, position, null, dst, at, n);
  }

  /**
   * The four bulk copies' one loop, a piece per chunk: {@code READ} copies out of the journal,
   * {@code WRITE} into it, from or to {@code array} if it is not null, else {@code buffer}.
   */
  private void copy(
      Transfer transfer, long position, byte[] array, ByteBuffer buffer, int at, int n) {
    while (n > 0) {
      ByteBuffer chunk = chunk(position);
      int in = (int) position & mask;
      int piece = (int) Math.min(n, mask + 1L - in);
      if (transfer == Transfer.WRITE) {
        if (array != null) {
          chunk.put(in, array, at, piece);
        } else {
          chunk.put(in, buffer, at, piece);
        }
      } else if (array != null) {
        chunk.get(in, array, at, piece);
      } else {
        buffer.put(at, chunk, in, piece);
      }
      position += piece;
      at += piece;
      n -= piece;
    }
  }

  // ---------------------------------------------------------------- what a storage adds

  /** Called before the first record of a transaction: a file writes its header's tx fields. */
  void startTransaction(long txSequence, long sizeAtBegin) {}

  /** Called when a record is complete: a file computes its checksum. */
  void seal(long start, int kind, int length) {}

  /**
   * The checksum a file stores at {@code R_CRC} for a record staged in {@code record}: its header
   * from {@link #STAGED_HEADER}, its data after the header; {@code record[0, STAGED_HEADER)} may be
   * overwritten. The heap stores none.
   */
  int stagedChecksum(byte[] record, int length) {
    return 0;
  }

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
    stageHeader(start, kind, offset, length);
    put(start, staged, STAGED_HEADER, R_CRC);
    pending = start;
    pendingEnd = next;
    pendingKind = kind;
    pendingLength = length;
    return start + RECORD_HEADER;
  }

  /**
   * Appends and publishes an {@code OLD_BYTES} record of {@code target}'s current bytes {@code
   * [offset, offset + length)}: the same record as {@link #append}, {@link JournalTarget#saveOld}
   * and {@link #finish} write, staged in an array when it is small and lies in one chunk.
   */
  final void appendOld(JournalTarget target, long offset, int length) {
    long start = end;
    int size = RECORD_HEADER + length;
    int in = (int) start & mask;
    if (length > STAGED_MAX || in + (long) size > mask + 1L) {
      long at = append(OLD_BYTES, offset, length);
      target.saveOld(offset, length, this, at);
      finish();
      return;
    }
    long next = start + JournalLayout.recordSize(OLD_BYTES, length);
    ensureCapacity(next);
    stageHeader(start, OLD_BYTES, offset, length);
    target.readOld(offset, staged, STAGED_HEADER + RECORD_HEADER, length);
    ByteArrays.putIntLE(staged, STAGED_HEADER + R_CRC, stagedChecksum(staged, length));
    chunk(start).put(in, staged, STAGED_HEADER, size);
    published(start, next, OLD_BYTES, length);
  }

  /** Writes the header of a record starting at {@code start} into {@link #staged}, but its CRC. */
  private void stageHeader(long start, int kind, long offset, int length) {
    byte[] record = staged;
    ByteArrays.putLongLE(record, STAGED_HEADER + R_OFFSET, offset);
    ByteArrays.putIntLE(record, STAGED_HEADER + R_LENGTH, length);
    ByteArrays.putIntLE(record, STAGED_HEADER + R_KIND, kind);
    ByteArrays.putIntLE(
        record, STAGED_HEADER + R_BACK, lastStart < 0 ? 0 : (int) (start - lastStart));
  }

  /** Completes the record reserved by the last {@link #append} and publishes it. */
  final void finish() {
    long start = pending;
    seal(start, pendingKind, pendingLength);
    pending = -1;
    published(start, pendingEnd, pendingKind, pendingLength);
  }

  /** Counts the complete record {@code [start, next)} and makes it visible to recovery. */
  private void published(long start, long next, int kind, int length) {
    lastStart = start;
    end = next;
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

  /** Returns how many records are of {@code kind}: a walk over every record, for tests only. */
  final long count(int kind) {
    long n = 0;
    for (long at = lastStart; at >= 0; at = previous(at)) {
      n += kind(at) == kind ? 1 : 0;
    }
    return n;
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
}
