package dev.stablestructures.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The read side's fast path of a {@link StoreLock}: a reader that finds no writer marks only its
 * own per-thread slot, so readers on different cores never write a shared cache line (a {@code
 * ReentrantReadWriteLock}'s read side updates one shared word twice per section, which makes short
 * reads from two threads slower than from one). In the spirit of BRAVO (Dice and Kogan, "BRAVO:
 * Biased Locking for Reader-Writer Locks", USENIX ATC 2019).
 *
 * <p>The protocol is a Dekker handshake on two volatile locations (a slot's mark and the count of
 * writers), whose accesses Java orders totally:
 *
 * <pre>
 * reader (fast path)                     writer
 *   slot.depth = 1                         writers++           (before queueing for the lock)
 *   if writers != 0:                       take the underlying write lock
 *     slot.depth = 0, take the slow path   for each registered slot:
 *   ... read ...                             wait until slot.depth == 0
 *   slot.depth = 0                         ... write ...
 *                                          release the write lock, writers--
 * </pre>
 *
 * <p>Either the reader sees {@code writers != 0} and falls back to the underlying (fair) read lock,
 * where it queues behind the writer, or the writer sees the reader's mark and waits for it to
 * clear. Counting writers before they queue keeps new readers off the fast path while a writer
 * waits, so a stream of readers cannot starve it. Releasing the mark (a volatile write) orders the
 * reader's reads before the writer's writes; reading {@code writers == 0} orders the last writer's
 * writes before the reader's reads. A slot is registered (under this object's monitor, published
 * through a volatile array) before its first mark, so a writer that misses a new slot had counted
 * itself before the reader looked.
 */
final class ReaderBias {
  /** Spins before a waiting writer starts to park. */
  private static final int SPINS = 256;

  /** Longest park of a waiting writer: a reader's release also unparks it. */
  private static final long PARK_NANOS = 100_000;

  /** One thread's mark and its nesting. */
  static final class Slot {
    final Thread owner = Thread.currentThread();

    /** Fast-path sections this thread has open; read by writers. */
    volatile int depth;

    /** Sections open on the underlying read lock (only this thread reads it). */
    int slowDepth;
  }

  private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(this::register);
  private volatile Slot[] registered = new Slot[0];

  /** Writers waiting for or holding the underlying write lock (outermost sections only). */
  private final AtomicInteger writers = new AtomicInteger();

  /** The writer waiting for fast-path sections to end, to unpark. */
  private volatile Thread waitingWriter;

  /** This thread's slot, registered on first use. */
  Slot slot() {
    return slots.get();
  }

  private synchronized Slot register() {
    Slot slot = new Slot();
    List<Slot> live = new ArrayList<>();
    for (Slot s : registered) {
      // A dead thread's slot is dropped: it holds nothing (or was misused, and never releases).
      if (s.owner.isAlive() || s.depth != 0) {
        live.add(s);
      }
    }
    live.add(slot);
    registered = live.toArray(new Slot[0]);
    return slot;
  }

  /**
   * Tries the fast path for a thread with no section open: true if it now reads without the
   * underlying lock, false if a writer is active (the mark is cleared again).
   */
  boolean tryEnter(Slot slot) {
    slot.depth = 1;
    if (writers.get() == 0) {
      return true;
    }
    slot.depth = 0;
    wakeWriter();
    return false;
  }

  /** Opens a section nested in a fast-path one (only the owner thread writes its slot). */
  void nest(Slot slot) {
    int depth = slot.depth;
    slot.depth = depth + 1;
  }

  /** Ends a fast-path section, waking a writer that waits for it. */
  void exit(Slot slot) {
    int depth = slot.depth - 1;
    slot.depth = depth;
    if (depth == 0 && writers.get() != 0) {
      wakeWriter();
    }
  }

  private void wakeWriter() {
    Thread writer = waitingWriter;
    if (writer != null) {
      LockSupport.unpark(writer);
    }
  }

  /** Counts a writer about to queue for the underlying write lock: readers now take the lock. */
  void writerArrives() {
    writers.incrementAndGet();
  }

  /**
   * Waits until every fast-path section has ended. The caller counted itself ({@link
   * #writerArrives}) and holds the underlying write lock, outermost.
   */
  void drainReaders() {
    waitingWriter = Thread.currentThread();
    for (Slot s : registered) {
      int spins = 0;
      while (s.depth != 0) {
        if (spins < SPINS) {
          spins++;
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, PARK_NANOS);
        }
      }
    }
  }

  /** Uncounts a writer that released the underlying write lock (or never got it). */
  void writerLeaves() {
    waitingWriter = null;
    writers.decrementAndGet();
  }
}
