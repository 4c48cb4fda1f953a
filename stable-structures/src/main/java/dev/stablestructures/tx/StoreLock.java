package dev.stablestructures.tx;

import dev.stablestructures.memory.ForwardingMemory;
import dev.stablestructures.memory.Memory;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The read/write lock of one store: every structure on one {@code MemoryManager}, or on one bare
 * memory, shares it. Any number of threads read at once; a writer runs alone. {@link #of} gives the
 * same lock for a memory, for every virtual memory of a manager over it, and for every wrapper of
 * them, so each structure's {@code memory()} finds its store's lock.
 *
 * <pre>{@code
 * StoreLock lock = StoreLock.of(fileMemory);
 * Long v = lock.read(() -> map.get(7L));            // many threads at once
 * lock.write(() -> { map.put(7L, 8L); vec.push(8L); }); // one thread at a time
 * try (StoreLock.Hold r = lock.readLocked()) {       // a whole iteration in one section
 *   for (var e : map.entrySet()) { ... }
 * }
 * }</pre>
 *
 * <h2>What is safe</h2>
 *
 * <ul>
 *   <li><b>Without the lock</b>, one thread may do anything. Several threads may <em>read</em> at
 *       once (gets, iteration, sizes, stats, on any structure) as long as no thread writes or grows
 *       anything in the store meanwhile: reads write no shared state. Any write beside another
 *       access of the same store, read or write, on the same structure or another one, is unsafe: a
 *       reader can see a half-made node and fail or return wrong data, and two writers (even on two
 *       different structures of one manager, which share its bucket table) can corrupt the image.
 *       Where it is cheap, such misuse fails with a typed exception instead.
 *   <li><b>With the lock</b>, every read runs under {@link #read} (or {@link #readLocked}) and
 *       every write under {@link #write} (or {@link #writeLocked}); then any mix of threads is
 *       safe. A section sees every write of the sections before it, and readers inside one read
 *       section all see the same state, so several reads in one section agree with each other (the
 *       size of a map and its iteration, say).
 * </ul>
 *
 * <p>Rules of the sections:
 *
 * <ul>
 *   <li>The write side is reentrant: a transaction that holds it can run structure operations, and
 *       code that takes it again, without deadlock. A read inside a write section is allowed and
 *       sees the section's own writes.
 *   <li>The read side is reentrant too, but a thread that holds only the read side cannot take the
 *       write side (two such threads would wait for each other forever): that throws {@link
 *       IllegalStateException}. Release the read side first, then write.
 *   <li>Finish an iterator, and read the entries it returns, inside the section it was made in.
 *       Used in a later section, it behaves as on one thread after a write: the map's iterators
 *       fail fast on a changed key set, the others as their Javadoc says.
 *   <li>Readers do not slow each other down: with no writer about, a read section marks only a slot
 *       of its own thread (two volatile writes, no shared cache line; see {@code ReaderBias}), so a
 *       section around every single {@code get} scales with the threads. A writer turns new readers
 *       to a fair {@link ReentrantReadWriteLock} and waits for the marked sections to end; its cost
 *       grows with the number of threads that have read through this lock.
 *   <li>Fair between readers and writers: a waiting writer keeps new readers out (threads that
 *       already read may read again), and a writer that comes back at once queues behind the
 *       readers that waited for it, so neither side starves the other.
 *   <li>{@link #of} looks the lock up under a global monitor: keep the lock in a field rather than
 *       looking it up for every section.
 *   <li>It guards one JVM; another process cannot open the same file anyway (the file lock).
 * </ul>
 *
 * <p>Why not {@code StampedLock}: it is not reentrant, so a transaction holding the write side
 * could not call an operation that takes it, and its optimistic reads would run the structures'
 * read code on bytes a writer is changing. Why not a bare {@link ReentrantReadWriteLock}: its read
 * side updates one shared word on entry and on exit, so two threads doing short reads contend on
 * one cache line.
 */
public final class StoreLock {
  // Weak keys: a lock lives as long as its root memory; no lock refers to its memory.
  private static final Map<Memory, StoreLock> LOCKS = new WeakHashMap<>();

  /** Writers, and readers while a writer is active. Fair: see the class Javadoc. */
  private final ReentrantReadWriteLock lock;

  private final ReaderBias bias = new ReaderBias();

  private StoreLock() {
    this(new ReentrantReadWriteLock(true));
  }

  /**
   * Creates a lock over {@code lock}: a fair one in production ({@link #of}); a test's, whose write
   * side fails as the JVM rarely makes it (an {@link Error} out of {@code lock()}).
   */
  StoreLock(ReentrantReadWriteLock lock) {
    this.lock = lock;
  }

  /**
   * Returns the lock of the store a memory belongs to: the same lock for the memory itself and for
   * every memory over it (a manager's virtual memories, windows, journals), found by following
   * {@link ForwardingMemory#base()} down to the root memory. Memories are told apart by {@code
   * equals}, which this library's memories do not override (so by identity).
   *
   * @param memory any memory of the store, such as a structure's {@code memory()}
   * @return the store's lock, created on first use
   */
  public static StoreLock of(Memory memory) {
    Memory root = Objects.requireNonNull(memory, "memory");
    while (root instanceof ForwardingMemory forwarding) {
      root = forwarding.base();
    }
    synchronized (LOCKS) {
      return LOCKS.computeIfAbsent(root, r -> new StoreLock());
    }
  }

  /**
   * Runs {@code action} holding the read side.
   *
   * @param action the reads
   * @param <T> what it returns
   * @return what {@code action} returned
   */
  @SuppressWarnings("FunctionalInterfaceClash") // a value-returning lambda picks the Supplier
  public <T> T read(Supplier<T> action) {
    ReaderBias.Slot slot = enterRead();
    try {
      return action.get();
    } finally {
      exitRead(slot);
    }
  }

  /**
   * Runs {@code action} holding the read side.
   *
   * @param action the reads
   */
  @SuppressWarnings("FunctionalInterfaceClash") // a statement lambda picks the Runnable
  public void read(Runnable action) {
    ReaderBias.Slot slot = enterRead();
    try {
      action.run();
    } finally {
      exitRead(slot);
    }
  }

  /**
   * Runs {@code action} holding the write side.
   *
   * @param action the writes (and any reads)
   * @param <T> what it returns
   * @return what {@code action} returned
   * @throws IllegalStateException if this thread holds only the read side
   */
  @SuppressWarnings("FunctionalInterfaceClash") // a value-returning lambda picks the Supplier
  public <T> T write(Supplier<T> action) {
    enterWrite();
    try {
      return action.get();
    } finally {
      exitWrite();
    }
  }

  /**
   * Runs {@code action} holding the write side.
   *
   * @param action the writes (and any reads)
   * @throws IllegalStateException if this thread holds only the read side
   */
  @SuppressWarnings("FunctionalInterfaceClash") // a statement lambda picks the Runnable
  public void write(Runnable action) {
    enterWrite();
    try {
      action.run();
    } finally {
      exitWrite();
    }
  }

  /**
   * Takes the read side until the returned hold is closed, for try-with-resources. (javac's {@code
   * -Xlint:try} warns that the hold is not used in the block; {@code @SuppressWarnings("try")}.)
   *
   * @return the hold; close it on this thread
   */
  public Hold readLocked() {
    return new Hold(this, enterRead());
  }

  /**
   * Takes the write side until the returned hold is closed, for try-with-resources.
   *
   * @return the hold; close it on this thread
   * @throws IllegalStateException if this thread holds only the read side
   */
  public Hold writeLocked() {
    enterWrite();
    return new Hold(this, null);
  }

  /**
   * Tells whether this thread holds the write side.
   *
   * @return true inside a write section
   */
  public boolean isWriteLockedByCurrentThread() {
    return lock.isWriteLockedByCurrentThread();
  }

  /**
   * Tells whether this thread holds the read side (and not the write side).
   *
   * @return true inside a read section that is not inside a write section
   */
  public boolean isOnlyReadLockedByCurrentThread() {
    ReaderBias.Slot slot = bias.slot();
    return slot.depth > 0 || (slot.slowDepth > 0 && !lock.isWriteLockedByCurrentThread());
  }

  /** Opens a read section: on the fast path when no writer is about. */
  private ReaderBias.Slot enterRead() {
    ReaderBias.Slot slot = bias.slot();
    if (slot.depth > 0) {
      bias.nest(slot); // nested in a fast section: no writer can be in
    } else if (slot.slowDepth > 0) {
      slot.slowDepth++; // nested in a section on the lock, which this thread holds
    } else if (!bias.tryEnter(slot)) {
      lock.readLock().lock(); // a writer is active (perhaps this thread)
      slot.slowDepth = 1;
    }
    return slot;
  }

  private void exitRead(ReaderBias.Slot slot) {
    if (slot.depth > 0) {
      bias.exit(slot);
    } else if (slot.slowDepth > 0) {
      if (--slot.slowDepth == 0) {
        lock.readLock().unlock();
      }
    } else {
      throw new IllegalStateException("this thread holds no read section of the store's lock");
    }
  }

  private void enterWrite() {
    if (isOnlyReadLockedByCurrentThread()) {
      throw new IllegalStateException(
          "this thread holds the store's read lock and asked for its write lock: release the read"
              + " side first (waiting would deadlock with any other reader that does the same)");
    }
    if (lock.isWriteLockedByCurrentThread()) {
      lock.writeLock().lock(); // nested: readers are already kept out
      return;
    }
    bias.writerArrives();
    boolean locked = false;
    try {
      lock.writeLock().lock();
      locked = true;
      bias.drainReaders();
    } finally {
      if (!locked) {
        bias.writerLeaves();
      }
    }
  }

  private void exitWrite() {
    boolean outermost = lock.getWriteHoldCount() == 1;
    lock.writeLock().unlock();
    if (outermost) {
      bias.writerLeaves();
    }
  }

  @Override
  public String toString() {
    return "StoreLock[" + lock + "]";
  }

  /** One section of a {@link StoreLock}, read or write, ended by {@link #close}. */
  public static final class Hold implements AutoCloseable {
    private final StoreLock lock;
    private final ReaderBias.Slot readSlot;
    private final Thread owner = Thread.currentThread();
    private boolean released;

    /** A read hold of {@code slot}, or a write hold when {@code readSlot} is null. */
    private Hold(StoreLock lock, ReaderBias.Slot readSlot) {
      this.lock = lock;
      this.readSlot = readSlot;
    }

    /**
     * Releases the side this hold took; closing again does nothing.
     *
     * @throws IllegalStateException if called from another thread than the one that took it
     */
    @Override
    public void close() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "a StoreLock hold taken by " + owner.getName() + " was closed by another thread");
      }
      if (released) {
        return;
      }
      released = true;
      if (readSlot != null) {
        lock.exitRead(readSlot);
      } else {
        lock.exitWrite();
      }
    }
  }
}
