package dev.stablestructures.memory;

/**
 * A memory that can undo its writes: gives any memory (one written by hand, say) a {@link Journal}
 * of its own, kept in the heap. Writes through this object are journaled, then go to the wrapped
 * memory at the same addresses; reads go straight there. It is the same journal mechanism as a root
 * memory's, so steps nest ({@link #journal()}), and the one-level form below stays for callers that
 * want exactly one transaction at a time.
 *
 * <p>Between {@link #begin()} and {@link #commit()} every write first saves the bytes it is about
 * to overwrite; {@link #rollback()} puts them back, newest first, so the memory holds exactly what
 * it held at {@code begin()}.
 *
 * <p><b>Size does not roll back.</b> A memory only grows, so pages that a successful {@link #grow}
 * added inside a transaction stay after {@code rollback()}, filled with zeros again: the old
 * content is fully restored, and the memory ends with extra zero pages at most. Writes wholly in
 * pages added since the transaction (or step) began are recorded without copying any bytes.
 *
 * <p>This wrapper's journal is its own: if the wrapped memory has a journal too (a {@link
 * FileMemory}), the two are independent, and only the wrapped memory's survives a crash. Write only
 * through this object while recording: writes made to the wrapped memory directly are not journaled
 * here. Not thread-safe, like every memory.
 */
public final class JournaledMemory extends SameAddressMemory {
  private static final byte[] ZEROS = new byte[4096];

  private final Journal journal;
  private final byte[] scratch = new byte[4096];
  private Journal.Step open;

  /**
   * Wraps a memory; nothing is recorded until a step or {@link #begin()}.
   *
   * @param delegate the memory to read and write
   */
  public JournaledMemory(Memory delegate) {
    super(delegate);
    this.journal = new Journal(new Target(), new HeapJournalStorage(), "a JournaledMemory");
  }

  /**
   * Returns the wrapped memory; the same as {@link #base()}.
   *
   * @return the memory every access goes to
   */
  public Memory delegate() {
    return base();
  }

  /**
   * Returns this wrapper's own heap journal (not the wrapped memory's).
   *
   * @return the journal
   */
  @Override
  public Journal journal() {
    return journal;
  }

  // ---------------------------------------------------------------- one-level transactions

  /**
   * Starts recording: opens the journal's top-level step.
   *
   * @throws IllegalStateException if a transaction is already open (this form does not nest; use
   *     {@link Journal#step()} for savepoints)
   */
  public void begin() {
    if (journal.inTransaction()) {
      throw new IllegalStateException("a journal transaction is already open; they do not nest");
    }
    open = journal.step();
  }

  /**
   * Ends the transaction, keeping every write, and drops the records.
   *
   * @throws IllegalStateException if no transaction is open
   */
  public void commit() {
    Journal.Step step = requireOpen();
    open = null;
    step.commit();
  }

  /**
   * Ends the transaction by restoring every byte written since {@link #begin()}, newest write
   * first. Pages added by {@link #grow} since then stay, filled with zeros again.
   *
   * @throws IllegalStateException if no transaction is open
   */
  public void rollback() {
    Journal.Step step = requireOpen();
    open = null;
    step.close();
  }

  /**
   * Tells whether a transaction is open.
   *
   * @return true between {@link #begin()} and {@link #commit()} or {@link #rollback()}
   */
  public boolean isRecording() {
    return journal.inTransaction();
  }

  /**
   * Returns how many records the open transaction holds (for tests and diagnostics).
   *
   * @return the number of records, 0 outside a transaction
   */
  public int recordedWrites() {
    return (int) journal.recordCount();
  }

  /**
   * Returns how many overwritten bytes the open transaction holds (whole journal blocks of 64
   * bytes).
   *
   * @return bytes copied so far, 0 outside a transaction
   */
  public int recordedBytes() {
    return (int) journal.recordedBytes();
  }

  private Journal.Step requireOpen() {
    if (open == null || !journal.inTransaction()) {
      open = null;
      throw new IllegalStateException("no journal transaction is open");
    }
    return open;
  }

  // ---------------------------------------------------------------- Memory

  /** Grows the wrapped memory; a grow is never undone (see the class comment). */
  @Override
  public long grow(long pages) {
    if (pages > 0 && journal.inTransaction()) {
      journal.beforeGrow(base().sizeInBytes());
    }
    return super.grow(pages);
  }

  /** Saves the bytes a write is about to overwrite, then copies. */
  @Override
  protected void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    if (transfer == Transfer.WRITE && journal.inTransaction()) {
      check(offset, length);
      java.util.Objects.checkFromIndexSize(at, length, bytes.length);
      journal.beforeWrite(offset, length);
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
    if (journal.inTransaction()) {
      check(offset, length);
      journal.beforeWrite(offset, length);
    }
    return offset;
  }

  /** Throws for a range outside the memory before anything is recorded, as the write would. */
  private void check(long offset, int length) {
    long size = base().sizeInBytes();
    if (length < 0) {
      throw Memories.outOfBounds(offset, length, size);
    }
    Memories.checkBounds(offset, length, size);
  }

  @Override
  public String toString() {
    return "JournaledMemory[" + base() + (journal.inTransaction() ? ", recording" : "") + "]";
  }

  /** The journal's access to the wrapped memory, through a small array. */
  private final class Target implements JournalTarget {
    @Override
    public long journalSize() {
      return base().sizeInBytes();
    }

    @Override
    public void saveOld(long offset, int length, JournalStorage to, long at) {
      while (length > 0) {
        int n = Math.min(length, scratch.length);
        base().read(offset, scratch, 0, n);
        to.put(at, scratch, 0, n);
        offset += n;
        at += n;
        length -= n;
      }
    }

    @Override
    public void readOld(long offset, byte[] dst, int at, int length) {
      base().read(offset, dst, at, length);
    }

    @Override
    public void writeOld(long offset, byte[] src, int at, int length) {
      base().write(offset, src, at, length);
    }

    @Override
    public void restore(long offset, int length, JournalStorage from, long at) {
      while (length > 0) {
        int n = Math.min(length, scratch.length);
        from.get(at, scratch, 0, n);
        base().write(offset, scratch, 0, n);
        offset += n;
        at += n;
        length -= n;
      }
    }

    @Override
    public void zero(long offset, int length) {
      while (length > 0) {
        int n = Math.min(length, ZEROS.length);
        base().write(offset, ZEROS, 0, n);
        offset += n;
        length -= n;
      }
    }
  }
}
