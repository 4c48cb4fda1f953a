package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.RestrictedMemory;
import dev.stablestructures.vec.StableVec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store lock's rules: one lock per store, readers together, writers alone, reentrant write
 * side, reads inside writes, upgrades refused, holds released once. Waits have long timeouts only
 * so that a broken lock fails instead of hanging the build.
 */
class StoreLockTest {
  private static final long HANG = 30;

  @TempDir Path dir;

  @Test
  void everyMemoryOfOneStoreSharesOneLock() {
    try (FileMemory file = FileMemory.open(dir.resolve("store.bin"))) {
      MemoryManager manager = MemoryManager.init(file);
      StableBTreeMap<Long, Long> map =
          StableBTreeMap.init(manager.get(0), Codecs.u64(), Codecs.u64());
      StableVec<Long> vec = StableVec.init(manager.get(1), Codecs.u64());
      StoreLock lock = StoreLock.of(file);
      assertSame(lock, StoreLock.of(manager.get(0)));
      assertSame(lock, StoreLock.of(manager.get(254)));
      assertSame(lock, StoreLock.of(manager.baseMemory()));
      assertSame(lock, StoreLock.of(map.memory()));
      assertSame(lock, StoreLock.of(vec.memory()));
      assertSame(lock, StoreLock.of(new RestrictedMemory(manager.get(2), 0, 4)));
      assertSame(lock, StoreLock.of(new JournaledMemory(manager.get(3))));
      assertNotSame(lock, StoreLock.of(new HeapMemory()));
    }
  }

  @Test
  void sectionsReturnWhatTheirActionReturns() {
    StoreLock lock = StoreLock.of(new HeapMemory());
    int[] ran = new int[1];
    assertEquals(5, lock.read(() -> 5));
    assertEquals("w", lock.write(() -> "w"));
    lock.read(() -> ran[0]++);
    lock.write(
        () -> {
          ran[0]++;
        });
    assertEquals(2, ran[0]);
  }

  @Test
  @SuppressWarnings("try") // a hold is used only for its scope
  void theWriteSideIsReentrantAndReadsInsideItSeeItsWrites() {
    HeapMemory memory = new HeapMemory();
    StableVec<Long> vec = StableVec.init(memory, Codecs.u64());
    StoreLock lock = StoreLock.of(memory);
    long seen =
        lock.write(
            () -> {
              vec.push(1L);
              lock.write(() -> vec.push(2L)); // a nested step, as a transaction's operation
              try (StoreLock.Hold inner = lock.writeLocked()) {
                vec.push(3L);
              }
              assertTrue(lock.isWriteLockedByCurrentThread());
              assertFalse(lock.isOnlyReadLockedByCurrentThread());
              return lock.read(() -> vec.get(0) + vec.get(1) + vec.get(2));
            });
    assertEquals(6, seen);
    assertFalse(lock.isWriteLockedByCurrentThread());
  }

  @Test
  void aReadOpenedInsideAWriteMayOutliveIt() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    StoreLock.Hold write = lock.writeLocked();
    StoreLock.Hold read = lock.readLocked();
    write.close(); // downgraded: this thread still reads, so no other thread may write yet
    assertTrue(lock.isOnlyReadLockedByCurrentThread());
    assertEquals(5, lock.read(() -> 5));
    assertThrows(IllegalStateException.class, lock::writeLocked);
    AtomicBoolean wrote = new AtomicBoolean();
    Thread writer = new Thread(() -> lock.write(() -> wrote.set(true)));
    writer.start();
    waitUntilParked(writer);
    assertFalse(wrote.get());
    read.close();
    writer.join();
    assertTrue(wrote.get());
  }

  @Test
  void theReadSideIsReentrant() {
    StoreLock lock = StoreLock.of(new HeapMemory());
    int nested = lock.read(() -> lock.read(() -> lock.isOnlyReadLockedByCurrentThread() ? 1 : 0));
    assertEquals(1, nested);
    assertFalse(lock.isOnlyReadLockedByCurrentThread());
  }

  @Test
  @SuppressWarnings("try") // a hold is used only for its scope
  void askingForTheWriteSideWhileOnlyReadingIsRefusedAndLeavesTheLockUsable() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    try (StoreLock.Hold read = lock.readLocked()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, lock::writeLocked);
      assertTrue(e.getMessage().contains("release the read side first"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> lock.write(() -> 1));
    }
    // Nothing is left held: another thread can write.
    assertTrue(onAnotherThread(() -> lock.write(() -> true)));
  }

  @Test
  void anExceptionInASectionReleasesIt() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    assertThrows(
        ArithmeticException.class,
        () ->
            lock.write(
                () -> {
                  throw new ArithmeticException("boom");
                }));
    assertThrows(
        ArithmeticException.class,
        () ->
            lock.read(
                () -> {
                  throw new ArithmeticException("boom");
                }));
    assertFalse(lock.isWriteLockedByCurrentThread());
    assertTrue(onAnotherThread(() -> lock.write(() -> true)));
  }

  @Test
  void aHoldIsReleasedOnceAndOnlyByItsThread() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    StoreLock.Hold hold = lock.writeLocked();
    AtomicReference<Throwable> fromOther = new AtomicReference<>();
    Thread other = new Thread(() -> fromOther.set(assertThrows(Throwable.class, hold::close)));
    other.start();
    other.join();
    assertTrue(fromOther.get() instanceof IllegalStateException, String.valueOf(fromOther.get()));
    assertTrue(lock.isWriteLockedByCurrentThread());
    hold.close();
    hold.close(); // the second close does nothing
    assertFalse(lock.isWriteLockedByCurrentThread());
    assertTrue(onAnotherThread(() -> lock.write(() -> true)));
  }

  @Test
  void readersHoldTheReadSideTogether() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    int readers = 3;
    CountDownLatch allInside = new CountDownLatch(readers);
    AtomicInteger sawAll = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      threads.add(
          new Thread(
              () ->
                  lock.read(
                      () -> {
                        allInside.countDown();
                        try {
                          if (allInside.await(HANG, TimeUnit.SECONDS)) {
                            sawAll.incrementAndGet();
                          }
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      })));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(readers, sawAll.get(), "every reader saw all the others inside at once");
  }

  @Test
  void aWriterRunsAloneAndReadersSeeWholeWriteSections() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    long[] pair = new long[2]; // a write section keeps pair[0] == pair[1]
    AtomicInteger writersInside = new AtomicInteger();
    AtomicBoolean broken = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      boolean writer = t < 2;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  if (writer) {
                    lock.write(
                        () -> {
                          if (writersInside.incrementAndGet() != 1) {
                            broken.set(true);
                          }
                          pair[0]++;
                          Thread.onSpinWait();
                          pair[1]++;
                          writersInside.decrementAndGet();
                        });
                  } else {
                    lock.read(
                        () -> {
                          if (writersInside.get() != 0 || pair[0] != pair[1]) {
                            broken.set(true);
                          }
                        });
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertFalse(broken.get(), "a reader or a second writer ran inside a write section");
    assertEquals(40_000, pair[0]);
    assertEquals(40_000, pair[1]);
  }

  @Test
  void aWriterWaitsForAReaderOnTheFastPathAndNewReadersWaitForTheWriter() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    AtomicBoolean readerInside = new AtomicBoolean();
    AtomicBoolean writerSawReader = new AtomicBoolean(true);
    AtomicBoolean secondReaderSawWriter = new AtomicBoolean(true);
    AtomicBoolean writerInside = new AtomicBoolean();
    CountDownLatch readerIn = new CountDownLatch(1);
    CountDownLatch letReaderGo = new CountDownLatch(1);
    CountDownLatch writerIn = new CountDownLatch(1);
    CountDownLatch letWriterGo = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () ->
                lock.read(
                    () -> {
                      readerInside.set(true);
                      readerIn.countDown();
                      await(letReaderGo);
                      readerInside.set(false);
                    }));
    Thread writer =
        new Thread(
            () ->
                lock.write(
                    () -> {
                      writerSawReader.set(readerInside.get());
                      writerInside.set(true);
                      writerIn.countDown();
                      await(letWriterGo);
                      writerInside.set(false);
                    }));
    Thread secondReader =
        new Thread(() -> lock.read(() -> secondReaderSawWriter.set(writerInside.get())));
    reader.start();
    assertTrue(readerIn.await(HANG, TimeUnit.SECONDS));
    writer.start();
    // The writer holds the write lock and waits for the reader's mark: it parks after spinning.
    waitUntilParked(writer);
    assertEquals(1, writerIn.getCount(), "the writer must not enter while a reader is inside");
    letReaderGo.countDown();
    assertTrue(writerIn.await(HANG, TimeUnit.SECONDS));
    secondReader.start();
    waitUntilParked(secondReader);
    letWriterGo.countDown();
    for (Thread t : List.of(reader, writer, secondReader)) {
      t.join();
    }
    assertFalse(writerSawReader.get(), "the writer ran beside the reader");
    assertFalse(secondReaderSawWriter.get(), "a reader ran beside the writer");
  }

  @Test
  @SuppressWarnings("try") // a hold is used only for its scope
  void aWriterThatClosedOnlyItsInnerSectionStillKeepsReadersOut() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    AtomicBoolean read = new AtomicBoolean();
    StoreLock.Hold outer = lock.writeLocked();
    try (StoreLock.Hold inner = lock.writeLocked()) {
      assertTrue(lock.isWriteLockedByCurrentThread());
    }
    Thread reader = new Thread(() -> lock.read(() -> read.set(true)));
    reader.start();
    waitUntilParkedOrDone(reader);
    assertFalse(read.get(), "a reader ran while the outer write section was still open");
    outer.close();
    reader.join();
    assertTrue(read.get());
  }

  @Test
  void aReadAfterAWriteSectionTakesTheFastPathAgain() {
    StoreLock lock = StoreLock.of(new HeapMemory());
    // The underlying lock's own count (its toString) shows which path a read section took.
    assertTrue(lock.read(lock::toString).contains("Read locks = 0"), "fast path, no writer yet");
    String inWrite = lock.write(() -> lock.read(lock::toString));
    assertTrue(inWrite.contains("Read locks = 1"), "inside a write, on the lock: " + inWrite);
    String after = lock.read(lock::toString);
    assertTrue(after.startsWith("StoreLock[") && after.contains("Read locks = 0"), after);
    lock.write(() -> lock.write(() -> {})); // a nested write leaves no writer counted either
    assertTrue(lock.read(lock::toString).contains("Read locks = 0"));
  }

  @Test
  void aWriterWhoseLockThrewAnErrorLeavesReadersOnTheFastPathAndTheNextWriterGetsIn()
      throws Exception {
    FailingWriteSide underlying = new FailingWriteSide();
    StoreLock lock = new StoreLock(underlying);
    underlying.failNextLock = true;
    OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> lock.write(() -> {}));
    assertEquals("injected: no room for the lock's wait node", e.getMessage());
    assertFalse(lock.isWriteLockedByCurrentThread());
    // The writer that never got the lock is no longer counted: reads take the fast path again,
    // on this thread and on a new one (the underlying lock's read count stays 0).
    assertTrue(lock.read(lock::toString).contains("Read locks = 0"), lock.toString());
    assertTrue(onAnotherThread(() -> lock.read(lock::toString).contains("Read locks = 0")));
    assertTrue(onAnotherThread(() -> lock.write(() -> lock.isWriteLockedByCurrentThread())));
    assertEquals("in", lock.write(() -> "in"));
    assertTrue(lock.read(lock::toString).contains("Read locks = 0"), lock.toString());
  }

  @Test
  void aReaderStillCountsForAWriterAfterAnotherThreadStartedToUseTheLock() throws Exception {
    StoreLock lock = StoreLock.of(new HeapMemory());
    CountDownLatch readOnce = new CountDownLatch(1);
    CountDownLatch readAgain = new CountDownLatch(1);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letReaderGo = new CountDownLatch(1);
    AtomicBoolean readerInside = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              lock.read(() -> {}); // registers this thread's slot
              readOnce.countDown();
              await(readAgain);
              lock.read(
                  () -> {
                    readerInside.set(true);
                    inside.countDown();
                    await(letReaderGo);
                    readerInside.set(false);
                  });
            });
    reader.start();
    assertTrue(readOnce.await(HANG, TimeUnit.SECONDS));
    // This thread registers its own slot while the reader is alive and outside any section.
    assertFalse(lock.isOnlyReadLockedByCurrentThread());
    readAgain.countDown();
    assertTrue(inside.await(HANG, TimeUnit.SECONDS));
    AtomicBoolean writerSawReader = new AtomicBoolean();
    AtomicBoolean wrote = new AtomicBoolean();
    Thread writer =
        new Thread(
            () ->
                lock.write(
                    () -> {
                      writerSawReader.set(readerInside.get());
                      wrote.set(true);
                    }));
    writer.start();
    waitUntilParkedOrDone(writer);
    assertFalse(wrote.get(), "the writer entered while a reader was inside");
    letReaderGo.countDown();
    reader.join();
    writer.join();
    assertTrue(wrote.get());
    assertFalse(writerSawReader.get());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(HANG, TimeUnit.SECONDS)) {
        throw new AssertionError("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until {@code thread} is parked (waiting for the lock), or fails after a long while. */
  private static void waitUntilParked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(thread + " never waited");
      }
      Thread.onSpinWait();
    }
  }

  /** Waits until {@code thread} waits or has ended (a broken lock lets it run through). */
  private static void waitUntilParkedOrDone(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING
        && thread.getState() != Thread.State.TERMINATED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(thread + " neither waited nor ended");
      }
      Thread.onSpinWait();
    }
  }

  /** A fair lock whose write side's next {@code lock()} throws an {@link Error} when asked. */
  private static final class FailingWriteSide extends ReentrantReadWriteLock {
    private static final long serialVersionUID = 1L;

    boolean failNextLock;

    private final WriteLock writeSide =
        new WriteLock(this) {
          private static final long serialVersionUID = 1L;

          @Override
          public void lock() {
            if (failNextLock) {
              failNextLock = false;
              throw new OutOfMemoryError("injected: no room for the lock's wait node");
            }
            super.lock();
          }
        };

    FailingWriteSide() {
      super(true);
    }

    @Override
    public WriteLock writeLock() {
      return writeSide;
    }
  }

  /** Runs {@code action} on a new thread and returns its answer (false if it did not finish). */
  private static boolean onAnotherThread(java.util.function.BooleanSupplier action)
      throws InterruptedException {
    AtomicBoolean answer = new AtomicBoolean();
    Thread thread = new Thread(() -> answer.set(action.getAsBoolean()));
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(HANG));
    return answer.get();
  }
}
