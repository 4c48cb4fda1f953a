package dev.stablestructures.tx;

import dev.stablestructures.memory.ForwardingMemory;
import dev.stablestructures.memory.Memory;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Lock;
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
 *   <li>The lock is not fair: a writer that is waiting keeps new readers out (only threads that
 *       already read may read again), so a stream of readers does not starve writers, but nobody is
 *       served in strict arrival order. Each section costs two atomic updates of a shared word, so
 *       for many tiny reads, batch them into one section.
 *   <li>{@link #of} looks the lock up under a global monitor: keep the lock in a field rather than
 *       looking it up for every section.
 *   <li>It guards one JVM; another process cannot open the same file anyway (the file lock).
 * </ul>
 *
 * <p>Why {@link ReentrantReadWriteLock} and not {@code StampedLock}: a stamped lock is not
 * reentrant, so a transaction holding the write side could not call an operation that takes it, and
 * its optimistic reads would run the structures' read code on bytes a writer is changing.
 */
public final class StoreLock {
  // Weak keys: a lock lives as long as its root memory; no lock refers to its memory.
  private static final Map<Memory, StoreLock> LOCKS = new WeakHashMap<>();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private StoreLock() {}

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
    Lock read = lock.readLock();
    read.lock();
    try {
      return action.get();
    } finally {
      read.unlock();
    }
  }

  /**
   * Runs {@code action} holding the read side.
   *
   * @param action the reads
   */
  @SuppressWarnings("FunctionalInterfaceClash") // a statement lambda picks the Runnable
  public void read(Runnable action) {
    Lock read = lock.readLock();
    read.lock();
    try {
      action.run();
    } finally {
      read.unlock();
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
    Lock write = acquireWrite();
    try {
      return action.get();
    } finally {
      write.unlock();
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
    Lock write = acquireWrite();
    try {
      action.run();
    } finally {
      write.unlock();
    }
  }

  /**
   * Takes the read side until the returned hold is closed, for try-with-resources. (javac's {@code
   * -Xlint:try} warns that the hold is not used in the block; {@code @SuppressWarnings("try")}.)
   *
   * @return the hold; close it on this thread
   */
  public Hold readLocked() {
    Lock read = lock.readLock();
    read.lock();
    return new Hold(read);
  }

  /**
   * Takes the write side until the returned hold is closed, for try-with-resources.
   *
   * @return the hold; close it on this thread
   * @throws IllegalStateException if this thread holds only the read side
   */
  public Hold writeLocked() {
    return new Hold(acquireWrite());
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
    return !lock.isWriteLockedByCurrentThread() && lock.getReadHoldCount() > 0;
  }

  private Lock acquireWrite() {
    if (isOnlyReadLockedByCurrentThread()) {
      throw new IllegalStateException(
          "this thread holds the store's read lock and asked for its write lock: release the read"
              + " side first (waiting would deadlock with any other reader that does the same)");
    }
    Lock write = lock.writeLock();
    write.lock();
    return write;
  }

  @Override
  public String toString() {
    return "StoreLock[" + lock + "]";
  }

  /** One section of a {@link StoreLock}, read or write, ended by {@link #close}. */
  public static final class Hold implements AutoCloseable {
    private final Lock side;
    private final Thread owner = Thread.currentThread();
    private boolean released;

    private Hold(Lock side) {
      this.side = side;
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
      if (!released) {
        released = true;
        side.unlock();
      }
    }
  }
}
