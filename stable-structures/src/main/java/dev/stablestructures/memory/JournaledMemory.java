package dev.stablestructures.memory;

import java.util.Arrays;

/**
 * A memory that can undo its writes: an undo journal over another memory. Between {@link #begin()}
 * and {@link #commit()} every write first saves the bytes it is about to overwrite; {@link
 * #rollback()} puts them back, newest first, so the memory holds exactly what it held at {@code
 * begin()}.
 *
 * <p>This is how a structure makes a multi-write update atomic without growing memory early: the
 * B-tree records each insert or remove and rolls it back if the memory refuses to grow half-way (or
 * a damaged node is found), so a failed call leaves the stored image as it was. It is also the
 * foundation for atomic canister updates later: begin before a message, commit after it, roll back
 * if it traps.
 *
 * <p><b>Size does not roll back.</b> A memory only grows, so pages that a successful {@link #grow}
 * added inside a transaction stay after {@code rollback()}. Their content is restored to zeros, as
 * they were when added: the old content is fully restored, and the memory ends with extra zero
 * pages at most.
 *
 * <pre>
 * Journal (in the heap, reused between transactions):
 *   long[] log    two longs per recorded write: offset, (length &lt;&lt; 1) | zeroFilled
 *   byte[] arena  the overwritten bytes of every write that was not zero-filled, in order
 * </pre>
 *
 * A write that lies wholly past the size the memory had at {@code begin()} overwrites only zeros of
 * pages added since, so it is logged without copying its bytes. Recording allocates nothing per
 * write once the buffers have grown; buffers above 1 MiB are released at the end of a transaction.
 * Reads and writes outside a transaction go straight to the wrapped memory.
 *
 * <p>Write only through this object while recording: writes made to the wrapped memory directly are
 * not journaled and not undone. Not thread-safe, like every memory.
 */
public final class JournaledMemory extends ForwardingMemory {
  private static final int INITIAL_LOG = 64;
  private static final int INITIAL_ARENA = 4096;
  private static final int MAX_RETAINED_LOG = 1 << 17;
  private static final int MAX_RETAINED_ARENA = 1 << 20;
  private static final byte[] ZEROS = new byte[4096];

  private boolean recording;
  private long startBytes;
  private long[] log = new long[INITIAL_LOG];
  private int logSize;
  private byte[] arena = new byte[INITIAL_ARENA];
  private int arenaSize;

  /**
   * Wraps a memory; nothing is recorded until {@link #begin()}.
   *
   * @param delegate the memory to read and write
   */
  public JournaledMemory(Memory delegate) {
    super(delegate);
  }

  /**
   * Returns the wrapped memory; the same as {@link #base()}.
   *
   * @return the memory every access goes to
   */
  public Memory delegate() {
    return base();
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Starts recording: from now on every write saves the bytes it overwrites.
   *
   * @throws IllegalStateException if a transaction is already open (they do not nest)
   */
  public void begin() {
    if (recording) {
      throw new IllegalStateException("a journal transaction is already open; they do not nest");
    }
    recording = true;
    startBytes = base().sizeInBytes();
  }

  /**
   * Ends the transaction, keeping every write, and drops the records.
   *
   * @throws IllegalStateException if no transaction is open
   */
  public void commit() {
    requireOpen();
    end();
  }

  /**
   * Ends the transaction by restoring every byte written since {@link #begin()}, newest write
   * first. Pages added by {@link #grow} since then stay, filled with zeros again.
   *
   * @throws IllegalStateException if no transaction is open
   */
  public void rollback() {
    requireOpen();
    try {
      long[] l = log;
      int position = arenaSize;
      for (int i = logSize - 2; i >= 0; i -= 2) {
        long offset = l[i];
        long meta = l[i + 1];
        int length = (int) (meta >>> 1);
        if ((meta & 1) != 0) {
          zero(offset, length);
        } else {
          position -= length;
          base().write(offset, arena, position, length);
        }
      }
    } finally {
      end();
    }
  }

  /**
   * Tells whether a transaction is open.
   *
   * @return true between {@link #begin()} and {@link #commit()} or {@link #rollback()}
   */
  public boolean isRecording() {
    return recording;
  }

  /**
   * Returns how many writes the open transaction has recorded (for tests and diagnostics).
   *
   * @return the number of records, 0 outside a transaction
   */
  public int recordedWrites() {
    return logSize >>> 1;
  }

  /**
   * Returns how many overwritten bytes the open transaction holds in its arena.
   *
   * @return bytes copied so far, 0 outside a transaction
   */
  public int recordedBytes() {
    return arenaSize;
  }

  private void requireOpen() {
    if (!recording) {
      throw new IllegalStateException("no journal transaction is open");
    }
  }

  private void end() {
    recording = false;
    logSize = 0;
    arenaSize = 0;
    if (log.length > MAX_RETAINED_LOG) {
      log = new long[INITIAL_LOG];
    }
    if (arena.length > MAX_RETAINED_ARENA) {
      arena = new byte[INITIAL_ARENA];
    }
  }

  private void zero(long offset, int length) {
    while (length > 0) {
      int n = Math.min(length, ZEROS.length);
      base().write(offset, ZEROS, 0, n);
      offset += n;
      length -= n;
    }
  }

  /**
   * Saves the bytes in {@code [offset, offset + length)} before they are overwritten. Throws {@link
   * dev.stablestructures.MemoryOutOfBoundsException} for a range outside the memory, before
   * anything is recorded, exactly as the write itself would.
   */
  private void record(long offset, int length) {
    if (length < 0) {
      throw Memories.outOfBounds(offset, length, base().sizeInBytes());
    }
    if (logSize + 2 > log.length) {
      log = Arrays.copyOf(log, log.length * 2);
    }
    if (offset >= startBytes) {
      Memories.checkBounds(offset, length, base().sizeInBytes());
      log[logSize] = offset;
      log[logSize + 1] = (long) length << 1 | 1;
      logSize += 2;
      return;
    }
    if (length > arena.length - arenaSize) {
      growArena(length);
    }
    base().read(offset, arena, arenaSize, length);
    arenaSize += length;
    log[logSize] = offset;
    log[logSize + 1] = (long) length << 1;
    logSize += 2;
  }

  private void growArena(int length) {
    long needed = (long) arenaSize + length;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "the journal cannot hold more than 2 GiB of overwritten bytes in one transaction");
    }
    long capacity = Math.min(Math.max(needed, (long) arena.length * 2), Integer.MAX_VALUE - 8);
    arena = Arrays.copyOf(arena, (int) capacity);
  }

  // ---------------------------------------------------------------- Memory

  @Override
  public long size() {
    return base().size();
  }

  @Override
  public long sizeInBytes() {
    return base().sizeInBytes();
  }

  /** Grows the wrapped memory; a grow is never undone (see the class comment). */
  @Override
  public long grow(long pages) {
    return base().grow(pages);
  }

  /** Saves the bytes a write is about to overwrite, then copies. */
  @Override
  protected void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    if (recording && transfer == Transfer.WRITE) {
      record(offset, length);
    }
    copyBase(transfer, offset, bytes, at, length);
  }

  /** Same addresses as the wrapped memory, which checks the bounds. */
  @Override
  protected long translate(long offset, int length) {
    return offset;
  }

  /** Saves the bytes a primitive write is about to overwrite, as {@link #write} does. */
  @Override
  protected long translateWrite(long offset, int length) {
    if (recording) {
      record(offset, length);
    }
    return offset;
  }

  @Override
  public String toString() {
    return "JournaledMemory[" + base() + (recording ? ", recording" : "") + "]";
  }
}
