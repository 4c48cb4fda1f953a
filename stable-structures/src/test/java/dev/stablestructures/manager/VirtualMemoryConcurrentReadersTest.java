package dev.stablestructures.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.Threads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads are safe from several threads at once when no write runs: a virtual memory's reads and a
 * manager's {@code get} must not write shared state. The virtual memory's buckets are interleaved
 * with another memory's, so a wrong bucket mapping reads the other memory's bytes, which differ.
 */
class VirtualMemoryConcurrentReadersTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int THREADS = 4;
  static final long MILLIS = FULL ? 20_000 : 1_000;
  static final int BUCKETS = 64;

  @TempDir Path dir;

  /** The word a memory holds at a virtual offset (a multiple of 8): differs between memories. */
  static long word(int id, long offset) {
    return offset * 0x9E3779B97F4A7C15L ^ (id == 0 ? 0 : 0xC2B2AE3D27D4EB4FL);
  }

  @Test
  void readersOfInterleavedBucketsOnHeapMemoryReadTheirOwnBytes() {
    readConcurrently(new HeapMemory());
  }

  @Test
  void readersOfInterleavedBucketsOnFileMemoryReadTheirOwnBytes() {
    try (FileMemory memory = FileMemory.open(dir.resolve("managed.bin"))) {
      readConcurrently(memory);
    }
  }

  /**
   * Two memories of one-page buckets, grown in turn, filled with their words, then read by every
   * thread in small pieces (often across a bucket boundary), which is when a shared bucket mapping
   * would be torn most often.
   */
  private void readConcurrently(Memory real) {
    MemoryManager manager = MemoryManager.init(real, 1);
    VirtualMemory[] memories = {manager.get(0), manager.get(1)};
    for (int b = 0; b < BUCKETS; b++) {
      for (VirtualMemory m : memories) {
        m.grow(1);
      }
    }
    long words = (long) BUCKETS * Memory.PAGE_SIZE / 8;
    for (int id = 0; id < 2; id++) {
      for (long w = 0; w < words; w++) {
        memories[id].writeLongLE(8 * w, word(id, 8 * w));
      }
    }
    runThreads(
        seed -> {
          TestRandom r = new TestRandom(seed);
          int id = (int) r.nextBelow(2);
          VirtualMemory m = memories[id];
          byte[] buffer = new byte[16];
          for (int n = 0; n < 1_000; n++) {
            long at = 8 * r.nextBelow(words - 1);
            long boundary = ((at >>> Memory.PAGE_SHIFT) + 1) << Memory.PAGE_SHIFT;
            if (r.nextBelow(4) == 0 && boundary < 8 * words) {
              at = boundary - 8; // a 16-byte read crosses into the next bucket
            }
            if (r.nextBelow(2) == 0) {
              long got = m.readLongLE(at);
              if (got != word(id, at)) {
                throw new AssertionError(
                    "memory " + id + " read the word at " + at + " as " + Long.toHexString(got));
              }
            } else {
              m.read(at, buffer, 0, 16);
              for (int i = 0; i < 2; i++) {
                long got = ByteArrays.getLongLE(buffer, 8 * i);
                if (got != word(id, at + 8L * i)) {
                  throw new AssertionError(
                      "memory " + id + " read 16 bytes at " + at + ": word " + i + " is wrong");
                }
              }
            }
          }
        });
  }

  /**
   * The manager hands out one handle per id, even to threads asking at the same moment: every
   * round, a fresh manager is asked for every id by all threads at once.
   */
  @Test
  void threadsAskingForTheSameIdAtOnceGetTheSameHandle() throws Exception {
    int rounds = FULL ? 20_000 : 2_000;
    HeapMemory real = new HeapMemory();
    MemoryManager.init(real);
    VirtualMemory[][] seen = new VirtualMemory[THREADS][MemoryManager.MAX_MEMORIES];
    MemoryManager[] current = {MemoryManager.load(real)};
    List<String> mismatches = new ArrayList<>();
    int[] round = {0};
    // Runs between rounds, when every thread is waiting: compare, then make the next manager.
    Runnable check =
        () -> {
          for (int id = 0; id < MemoryManager.MAX_MEMORIES; id++) {
            for (int t = 0; t < THREADS; t++) {
              if (seen[t][id] != seen[0][id] || seen[t][id] != current[0].get(id)) {
                mismatches.add("round " + round[0] + ", id " + id + ", thread " + t);
              }
            }
          }
          round[0]++;
          current[0] = MemoryManager.load(real);
        };
    CyclicBarrier start = new CyclicBarrier(THREADS);
    CyclicBarrier done = new CyclicBarrier(THREADS, check);
    List<Thread> threads = new ArrayList<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < rounds; i++) {
                    start.await();
                    MemoryManager manager = current[0];
                    for (int id = 0; id < MemoryManager.MAX_MEMORIES; id++) {
                      seen[thread][id] = manager.get(id);
                    }
                    done.await();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertTrue(failures.isEmpty(), () -> "threads failed: " + failures);
    assertEquals(rounds, round[0]);
    assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " handles differ: " + mismatches);
  }

  /** Runs {@link #THREADS} readers (seeded 0..) repeating {@code body} for a bounded time. */
  private static void runThreads(Consumer<Long> body) {
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong rounds = new AtomicLong();
    long deadline = System.nanoTime() + MILLIS * 1_000_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  long n = 0;
                  while (System.nanoTime() < deadline && failures.isEmpty()) {
                    body.accept(seed + THREADS * n++);
                  }
                  rounds.addAndGet(n);
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "reader-" + t));
    }
    threads.forEach(Thread::start);
    Threads.joinAndRethrow(threads, failures, "readers");
    assertTrue(rounds.get() > 10, "only " + rounds + " rounds");
  }
}
