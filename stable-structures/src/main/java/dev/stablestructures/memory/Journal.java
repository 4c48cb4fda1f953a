package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.GROW;
import static dev.stablestructures.memory.JournalLayout.IMAGE_PAGE;
import static dev.stablestructures.memory.JournalLayout.MAX_RECORD;
import static dev.stablestructures.memory.JournalLayout.OLD_BYTES;
import static dev.stablestructures.memory.JournalLayout.ZERO_FILL;

import dev.stablestructures.ConcurrentWriteException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * The undo journal of one root memory ({@link HeapMemory}, {@link FileMemory}, or any memory
 * wrapped in a {@link JournaledMemory}): the transaction mechanism every structure builds on.
 * Wrappers ({@link RestrictedMemory}, the memory manager's virtual memories) answer their base's
 * journal from {@link Memory#journal()}, so every structure of one memory manager shares one
 * journal and one transaction.
 *
 * <h2>Steps</h2>
 *
 * <p>{@link #step()} opens a step: the top-level transaction when none is open, else a savepoint
 * nested in the open one. {@link Step#commit()} keeps a step's writes (into the enclosing step, or
 * for good at the top level); {@link Step#close()} without a commit rolls back that step's writes
 * only, newest first, so the memory holds again exactly what it held when the step began. A
 * structure brackets each operation in a step, so that an operation is atomic on its own and, in a
 * user's transaction, a failed operation rolls back alone:
 *
 * <pre>{@code
 * try (Journal.Step step = memory.journal().step()) {
 *   ... writes ...
 *   step.commit();
 * } // an exception escaping the block rolls the writes back
 * }</pre>
 *
 * <p>{@link #step()} allocates its {@link Step}, a handle that stays safe to close twice. A
 * structure's bracket, on every operation's hot path, uses the allocation-free form instead: {@link
 * #beginStep()} returns a token that {@link #commitStep} and {@link #endStep} take.
 *
 * <p>A memory never shrinks: pages grown inside a rolled-back step stay, filled with zeros again (a
 * {@link FileMemory} reopened after a crash is cut back to its size at the transaction's begin).
 * Heap state that a structure derived from the memory (headers, node caches, lengths) is not rolled
 * back by the journal: {@link #rollbackEpoch()} moves whenever a rollback undid writes, and the
 * rolling-back thread then runs every {@link RollbackListener} registered with {@link
 * #addRollbackListener}, so that each structure reloads what it keeps in the heap before its next
 * use (reads never reload: they write no shared state).
 *
 * <h2>Records</h2>
 *
 * <p>Before a write inside a transaction, the root memory calls the journal, which saves the old
 * bytes of every 64-byte block (a cache line) the write touches, one record for each run of
 * adjacent blocks (aligned, so that repeated small writes to one structure node cost one record),
 * unless the block was saved since the innermost step began. That memory is bounded and lossy
 * ({@link SavedBlocks}): a block it forgot is saved again, which is harmless since undo runs newest
 * first and the oldest record of a byte wins. The blocks are small so that a structure's small
 * writes (a map header's length, a node's count) save little more than they change; a whole node
 * written at once is still one record. So a transaction's journal grows with the blocks it touches,
 * never with the memory's size, and the heap cost of the mechanism stays bounded. A write into
 * pages grown since the innermost step began is a ZERO_FILL record, with no copy. The layout is
 * {@link JournalLayout}'s.
 *
 * <p>A block saved earlier in the transaction that a nested step writes for the first time is
 * copied into a heap log instead (bounded; past its bound, into the journal again): only rolling
 * back that step alone needs the copy, never recovery after a crash, which rolls back the whole
 * transaction and finds the block's bytes at its begin in the journal's first record of it.
 *
 * <h2>Threads</h2>
 *
 * <p>The thread that opens a top-level transaction owns it (an atomic compare-and-set, so two
 * threads cannot both open one) until it ends; a write, step, commit or rollback from another
 * thread meanwhile throws {@link ConcurrentWriteException} and changes nothing. Outside a
 * transaction a write costs one field check; reads never pay anything.
 */
public final class Journal {
  /** log2 of the block size that old bytes are saved in: 64 bytes, a cache line. */
  static final int BLOCK_SHIFT = 6;

  /** The block size that old bytes are saved in, in bytes. */
  static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;

  // What recordWrite does with a run of blocks.
  private static final int SAVED = 0;
  private static final int SAVEPOINT = 1;
  private static final int UNSAVED = 2;

  private static final int MAX_DEPTH_RETAINED = 64;
  private static final VarHandle OWNER;

  static {
    try {
      OWNER = MethodHandles.lookup().findVarHandle(Journal.class, "owner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final JournalTarget target;
  private final JournalStorage storage;
  private final String name;
  private final RollbackListeners listeners = new RollbackListeners();

  /** The thread of the open top-level transaction, or null: the one field a write checks. */
  @SuppressWarnings("unused") // through OWNER too
  private volatile Thread owner;

  // The open steps, 1..depth, STRIDE longs each from (depth - 1) * STRIDE, so that one step's
  // fields share a cache line: its record count, savepoint count, dedup floor, the memory's size
  // in bytes when it began, and an id so a stale Step object is recognized.
  private static final int STRIDE = 8;
  private static final int S_COUNT = 0;
  private static final int S_SAVEPOINTS = 1;
  private static final int S_SEQ = 2;
  private static final int S_SIZE = 3;
  private static final int S_ID = 4;
  private static final int INITIAL_STEPS = 8 * STRIDE;
  private int depth;
  private long[] steps = new long[INITIAL_STEPS];
  private long nextStepId = 1;

  /** Size in bytes when the innermost step began: writes at or past it are ZERO_FILL. */
  private long threshold;

  /** Records a rollback must keep: image pages already copied under their protection. */
  private long keep;

  private boolean txStarted;
  private long txSequence;
  private long sizeAtBegin;
  private long rollbackEpoch;

  // Dedup: block -> sequence number of the record that saved it. Valid when seq >= floor.
  private final SavedBlocks saved = new SavedBlocks();
  private final SavepointLog savepoints = new SavepointLog();
  private long nextSeq = 1;
  private long floor;
  private long rollbackFloor;

  Journal(JournalTarget target, JournalStorage storage, String name) {
    this.target = target;
    this.storage = storage;
    this.name = name;
  }

  // ---------------------------------------------------------------- public API

  /**
   * Opens a step: the top-level transaction if none is open (this thread then owns it), else a
   * savepoint nested in the innermost open step.
   *
   * @return the step; commit it, and close it in every case (try-with-resources)
   * @throws ConcurrentWriteException if another thread owns the open transaction
   */
  public Step step() {
    int d = open();
    return new Step(this, d, stepField(d, S_ID));
  }

  /**
   * Opens a step as {@link #step()} does, without allocating anything: the form for a structure's
   * bracket around each of its operations, on their hot paths. The step is named by the returned
   * token; commit it with {@link #commitStep} and end it with {@link #endStep} in every case:
   *
   * <pre>{@code
   * long step = journal.beginStep();
   * try {
   *   ... writes ...
   *   journal.commitStep(step);
   * } finally {
   *   journal.endStep(step); // rolls the writes back unless the step was committed
   * }
   * }</pre>
   *
   * @return the step's token, unique for the journal's life
   * @throws ConcurrentWriteException if another thread owns the open transaction
   */
  public long beginStep() {
    return stepField(open(), S_ID);
  }

  /**
   * Commits the step {@code token} names, as {@link Step#commit()}: into the enclosing step, or at
   * the top level for good.
   *
   * @param token what {@link #beginStep()} returned
   * @throws IllegalStateException if the step is not open, or an inner step is still open
   * @throws ConcurrentWriteException if another thread owns the transaction
   */
  public void commitStep(long token) {
    int d = owner == null ? 0 : ownedDepthOf(token);
    if (d == 0) {
      throw new IllegalStateException(
          "step " + token + " is not open: it was committed, or rolled back by an enclosing step");
    }
    commitAt(d);
  }

  /**
   * Ends the step {@code token} names: rolls back its writes (and any inner step left open) unless
   * it was committed; does nothing if it was, or if it was rolled back already.
   *
   * @param token what {@link #beginStep()} returned
   */
  public void endStep(long token) {
    if (owner != Thread.currentThread()) {
      return; // this thread has no open step: the token's transaction ended
    }
    int d = depthOf(token);
    if (d > 0) {
      rollbackTo(d);
    }
  }

  /**
   * Returns a number that changes whenever a rollback undoes writes. A structure that keeps heap
   * copies of what it stored compares it with the value it last saw, and reloads when it moved.
   *
   * @return the current rollback epoch
   */
  public long rollbackEpoch() {
    return rollbackEpoch;
  }

  /**
   * Registers what a structure on this journal's memory runs after every rollback that undid writes
   * (of any step: a user's transaction or savepoint, or an operation's own step), to reload its
   * heap state. Listeners run in registration order, so a memory manager, registered before the
   * structures on its memories, reloads its bucket table before they read through it. The journal
   * holds the listener weakly: keep a reference to it for as long as it must run.
   *
   * @param listener the reload
   */
  public void addRollbackListener(RollbackListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener registered by {@link #addRollbackListener}; does nothing if it is not there.
   *
   * @param listener the reload to drop
   */
  public void removeRollbackListener(RollbackListener listener) {
    listeners.remove(listener);
  }

  /**
   * Returns how many registered listeners are still reachable (for tests and diagnostics).
   *
   * @return the live listener count
   */
  public int rollbackListenerCount() {
    return listeners.size();
  }

  /**
   * Tells whether a transaction is open, on any thread.
   *
   * @return true between the top-level {@link #step()} and its commit or rollback
   */
  public boolean inTransaction() {
    return owner != null;
  }

  /**
   * Tells whether the calling thread owns the open transaction.
   *
   * @return true if a transaction is open and this thread opened it
   */
  public boolean ownedByCurrentThread() {
    return owner == Thread.currentThread();
  }

  /**
   * Returns how many steps are open: 0 outside a transaction, 1 for the top level alone.
   *
   * @return the nesting depth
   */
  public int depth() {
    return depth;
  }

  /**
   * Returns how many records the open transaction holds (for tests and diagnostics).
   *
   * @return the record count, 0 outside a transaction
   */
  public long recordCount() {
    return storage.count();
  }

  /**
   * Returns how many bytes of old data the open transaction's records hold.
   *
   * @return the bytes copied, 0 outside a transaction
   */
  public long recordedBytes() {
    return storage.dataBytes();
  }

  /**
   * Returns how many of the open transaction's records are of {@code kind}, a {@link JournalLayout}
   * kind (tests: a power-loss spill adds IMAGE_PAGE records to a write's own).
   */
  long recordCount(int kind) {
    return storage.count(kind);
  }

  @Override
  public String toString() {
    return "Journal[" + name + (owner != null ? ", depth " + depth : ", idle") + "]";
  }

  // ---------------------------------------------------------------- hooks of the root memory

  /**
   * Called by the root memory before every write, after its bounds check: outside a transaction one
   * field check, inside it saves the old bytes of {@code [offset, offset + length)}.
   */
  void beforeWrite(long offset, long length) {
    if (owner != null) {
      recordWrite(offset, length);
    }
  }

  /** Called by the root memory before a grow that will happen; {@code size} is the old size. */
  void beforeGrow(long size) {
    if (owner != null) {
      checkOwner("grow");
      startRecords();
      storage.append(GROW, size, 0);
      storage.finish();
      nextSeq++;
    }
  }

  /** Appends the image file's current bytes of a page about to be overwritten (power loss). */
  long appendImagePage(long offset, int length) {
    startRecords();
    return storage.append(IMAGE_PAGE, offset, length);
  }

  /** Completes {@link #appendImagePage}. */
  void finishImagePage() {
    storage.finish();
  }

  /** Every record so far protects image bytes already written: no rollback may drop them. */
  void keepRecords() {
    keep = storage.count();
  }

  /** Returns the size in bytes the memory had when the open transaction began. */
  long sizeAtBegin() {
    return sizeAtBegin;
  }

  /** Sets the sequence number the next transaction follows (recovery read it from the file). */
  void continueSequence(long last) {
    txSequence = last;
  }

  /** Ends any open transaction by rolling it back, from the owning thread (the memory closes). */
  void abandon() {
    if (owner == Thread.currentThread() && depth > 0) {
      rollbackTo(1);
    }
  }

  // ---------------------------------------------------------------- transactions

  private void beginTransaction() {
    depth = 0;
    keep = 0;
    txStarted = false;
    txSequence++;
    sizeAtBegin = target.journalSize();
    storage.clear();
    rollbackFloor = nextSeq;
    saved.begin(nextSeq);
    try {
      target.began();
    } catch (RuntimeException | Error e) {
      owner = null;
      throw e;
    }
  }

  /** Writes the storage's transaction header before the first record. */
  private void startRecords() {
    if (!txStarted) {
      txStarted = true;
      storage.startTransaction(txSequence, sizeAtBegin);
    }
  }

  /** Opens a step (and the transaction if none is open); returns its depth. */
  private int open() {
    Thread me = Thread.currentThread();
    if (owner != me) {
      if (!OWNER.compareAndSet(this, (Thread) null, me)) {
        throw busy(me, "open a step");
      }
      beginTransaction();
    }
    return push();
  }

  private int ownedDepthOf(long id) {
    checkOwner("commit a step");
    return depthOf(id);
  }

  /** Returns the depth of the open step with this id, or 0; ids ascend with depth. */
  private int depthOf(long id) {
    int d = depth;
    while (d > 0 && stepField(d, S_ID) > id) {
      d--;
    }
    return d > 0 && stepField(d, S_ID) == id ? d : 0;
  }

  /** Returns field {@code field} of the open step at depth {@code d}. */
  private long stepField(int d, int field) {
    return steps[(d - 1) * STRIDE + field];
  }

  private int push() {
    int d = depth + 1;
    int at = (d - 1) * STRIDE;
    if (at >= steps.length) {
      steps = Arrays.copyOf(steps, steps.length * 2);
    }
    long id = nextStepId++;
    long[] s = steps;
    s[at + S_COUNT] = storage.count();
    s[at + S_SAVEPOINTS] = savepoints.count();
    s[at + S_SEQ] = nextSeq;
    threshold = target.journalSize();
    s[at + S_SIZE] = threshold;
    s[at + S_ID] = id;
    depth = d;
    floor = nextSeq;
    return d;
  }

  private void pop(int d) {
    depth = d - 1;
    if (depth > 0) {
      threshold = stepField(depth, S_SIZE);
      floor = Math.max(stepField(depth, S_SEQ), rollbackFloor);
    }
    if (depth <= 1) {
      savepoints.clear(); // a top-level rollback needs the journal alone
    }
  }

  private void commit(Step step) {
    checkOwner("commit a step");
    int d = step.depth;
    if (d > depth || stepField(d, S_ID) != step.id) {
      throw new IllegalStateException("this step was already rolled back by an enclosing step");
    }
    commitAt(d);
  }

  private void commitAt(int d) {
    if (d != depth) {
      throw new IllegalStateException(
          "an inner step is still open (depth " + depth + "); commit or close it first");
    }
    if (d == 1) {
      target.beforeCommit();
      if (txStarted) {
        storage.markClean(); // the header was written: count 0 is the commit point
      }
      endTransaction();
    } else {
      pop(d);
    }
  }

  private void rollback(Step step) {
    if (owner != Thread.currentThread()) {
      if (owner == null) {
        return; // the transaction already ended (the memory closed): nothing left to undo
      }
      throw busy(Thread.currentThread(), "roll back a step");
    }
    int d = step.depth;
    if (d > depth || stepField(d, S_ID) != step.id) {
      return; // rolled back already, by an enclosing step
    }
    rollbackTo(d);
  }

  private void rollbackTo(int d) {
    long start = stepField(d, S_COUNT);
    long savepointsAtStart = stepField(d, S_SAVEPOINTS);
    boolean undid = storage.count() > start || savepoints.count() > savepointsAtStart;
    RuntimeException failed = null;
    if (d == 1) {
      if (!target.discardTransaction()) {
        SavepointLog.undoJournal(target, storage, 0);
        target.beforeCommit(); // a power-loss memory copies the restored pages into its image
      }
      if (txStarted) {
        storage.markClean(); // the header was written: count 0 is the commit point
      }
      try {
        if (undid) {
          rollbackEpoch++;
          failed = listeners.fire(); // still owned: no other writer runs beside the reloads
        }
      } finally {
        endTransaction();
      }
    } else {
      savepoints.undo(target, storage, start, savepointsAtStart);
      long kept = Math.max(start, keep); // keep moves when the undo itself spills
      storage.truncate(kept);
      savepoints.truncate(savepointsAtStart, kept);
      rollbackFloor = nextSeq;
      pop(d);
      if (undid) {
        rollbackEpoch++;
        failed = listeners.fire();
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private void endTransaction() {
    depth = 0;
    keep = 0;
    storage.clear();
    storage.release();
    savepoints.clear();
    try {
      target.ended();
    } finally {
      if (steps.length > MAX_DEPTH_RETAINED * STRIDE) {
        steps = new long[INITIAL_STEPS];
      }
      owner = null; // last: the release that lets the next owner in
    }
  }

  // ---------------------------------------------------------------- recording

  private void checkOwner(String what) {
    Thread me = Thread.currentThread();
    if (owner != me) {
      throw busy(me, what);
    }
  }

  private ConcurrentWriteException busy(Thread me, String what) {
    Thread o = owner;
    return new ConcurrentWriteException(
        "thread "
            + me.getName()
            + " tried to "
            + what
            + " on "
            + name
            + (o == null
                ? " with no transaction open"
                : " while thread " + o.getName() + " owns its open transaction"));
  }

  private void recordWrite(long offset, long length) {
    checkOwner("write");
    if (length <= 0 || depth == 0) {
      return;
    }
    long f = floor;
    // A block saved earlier in the transaction, not yet in this step: a savepoint copy suffices.
    long again = depth > 1 && savepoints.hasRoom() ? rollbackFloor : Long.MAX_VALUE;
    long first = offset >>> BLOCK_SHIFT;
    long last = (offset + length - 1) >>> BLOCK_SHIFT;
    int runKind = SAVED;
    long run = first;
    for (long b = first; b <= last; b++) {
      long seq = saved.seqOf(b);
      int kind = seq >= f ? SAVED : seq >= again ? SAVEPOINT : UNSAVED;
      if (kind != runKind) {
        save(runKind, run, b);
        runKind = kind;
        run = b;
      }
    }
    save(runKind, run, last + 1);
  }

  /**
   * Saves blocks {@code [from, to)} as {@code kind} says: not at all, for a savepoint, or durably.
   */
  private void save(int kind, long from, long to) {
    if (kind == UNSAVED || (kind == SAVEPOINT && to - from > SavepointLog.MAX_BLOCKS)) {
      save(from, to);
    } else if (kind == SAVEPOINT) {
      long start = from << BLOCK_SHIFT;
      savepoints.save(target, start, (int) ((to - from) << BLOCK_SHIFT), storage.count());
      saved.mark(from, to, nextSeq++);
    }
  }

  /** Saves blocks {@code [from, to)}: old bytes below the threshold, ZERO_FILL at or past it. */
  private void save(long from, long to) {
    startRecords();
    long start = from << BLOCK_SHIFT;
    long end = to << BLOCK_SHIFT;
    while (start < end) {
      int kind = start < threshold ? OLD_BYTES : ZERO_FILL;
      long limit = kind == OLD_BYTES ? Math.min(end, threshold) : end;
      int length = (int) Math.min(limit - start, MAX_RECORD);
      if (kind == OLD_BYTES) {
        storage.appendOld(target, start, length);
      } else {
        storage.append(kind, start, length);
        storage.finish();
      }
      saved.mark(start >>> BLOCK_SHIFT, (start + length) >>> BLOCK_SHIFT, nextSeq++);
      start += length;
    }
  }

  // ---------------------------------------------------------------- Step

  /**
   * One step of a transaction: the top level or a nested savepoint, from {@link Journal#step()}.
   * Close it in every case; unless {@link #commit()} ran first, closing rolls back the writes made
   * since it began (and any inner step left open). Closing again does nothing.
   */
  public static final class Step implements AutoCloseable {
    private final Journal journal;
    private final int depth;
    private final long id;
    private boolean done;

    private Step(Journal journal, int depth, long id) {
      this.journal = journal;
      this.depth = depth;
      this.id = id;
    }

    /**
     * Keeps this step's writes: into the enclosing step, or, at the top level, for good (the commit
     * point; for a {@link FileMemory} it survives what its {@link Durability} promises).
     *
     * @throws IllegalStateException if the step was already committed or closed, or an inner step
     *     is still open
     * @throws ConcurrentWriteException if another thread owns the transaction
     */
    public void commit() {
      if (done) {
        throw new IllegalStateException("this step is already committed or closed");
      }
      journal.commit(this);
      done = true;
    }

    /**
     * Rolls back this step unless it was committed; does nothing if it was, or if it was closed.
     *
     * @throws ConcurrentWriteException if another thread owns the transaction
     */
    @Override
    public void close() {
      if (!done) {
        journal.rollback(this);
        done = true;
      }
    }

    /**
     * Tells whether this step is the top-level transaction.
     *
     * @return true if no step enclosed it
     */
    public boolean isTopLevel() {
      return depth == 1;
    }

    /**
     * Returns the journal this step belongs to.
     *
     * @return the journal
     */
    public Journal journal() {
      return journal;
    }
  }
}
