package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.vec.StableVec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misuse without the store lock never corrupts silently: two threads push to two different vecs of
 * one manager at once, with no lock (the report: that left a manager that no longer loads).
 * Each push either succeeds or fails with a typed {@link StableStructureException} and changes
 * nothing; nothing else may escape, and the image, reopened, must load and hold exactly the pushes
 * that succeeded, in order. One-page buckets and 1 KiB elements make the vecs grow, and so share
 * the manager's bucket table, every 64 pushes.
 */
class WritersWithoutTheLockTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int ROUNDS = FULL ? 200 : 10;
  static final int PUSHES = 2_000;
  static final int ELEMENT = 1_024;
  static final int THREADS = 2;

  @TempDir Path dir;

  /** The element thread {@code t} pushes as its {@code j}-th: its first 8 bytes say which. */
  static byte[] element(int t, int j) {
    byte[] bytes = new byte[ELEMENT];
    Arrays.fill(bytes, (byte) (t * 31 + j));
    ByteArrays.putLongLE(bytes, 0, (long) t << 32 | j);
    return bytes;
  }

  @Test
  void twoThreadsPushingToTwoVecsOfOneManagerLeaveALoadableImageOfTheirSuccessfulPushes()
      throws Exception {
    Codec<byte[]> codec = Codecs.byteArray(ELEMENT);
    for (int round = 0; round < ROUNDS; round++) {
      Path file = dir.resolve("misuse-" + round + ".bin");
      List<List<Integer>> succeeded = new ArrayList<>();
      ConcurrentLinkedQueue<String> typed = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> untyped = new ConcurrentLinkedQueue<>();
      try (FileMemory memory = FileMemory.open(file)) {
        MemoryManager manager = MemoryManager.init(memory, 1);
        List<StableVec<byte[]>> vecs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          vecs.add(StableVec.init(manager.get(t), codec));
          succeeded.add(new ArrayList<>());
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          threads.add(
              new Thread(
                  () -> {
                    try {
                      start.await();
                    } catch (Exception e) {
                      untyped.add(e);
                      return;
                    }
                    for (int j = 0; j < PUSHES; j++) {
                      try {
                        vecs.get(thread).push(element(thread, j));
                        succeeded.get(thread).add(j);
                      } catch (StableStructureException e) {
                        typed.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                      } catch (Throwable e) {
                        untyped.add(e);
                        return; // the structure may be anything now; stop this writer
                      }
                    }
                  },
                  "pusher-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
          thread.join();
        }
      }
      if (!untyped.isEmpty()) {
        AssertionError error =
            new AssertionError(
                "round "
                    + round
                    + ": "
                    + untyped.size()
                    + " pushes failed with an exception that is not a StableStructureException");
        untyped.forEach(error::addSuppressed);
        throw error;
      }
      try (FileMemory memory = FileMemory.open(file)) {
        MemoryManager manager = MemoryManager.load(memory);
        for (int t = 0; t < THREADS; t++) {
          StableVec<byte[]> vec = StableVec.load(manager.get(t), codec);
          List<Integer> pushed = succeeded.get(t);
          assertEquals(
              pushed.size(),
              vec.len(),
              "round " + round + ", vec " + t + ": " + typed.size() + " typed refusals");
          for (int i = 0; i < pushed.size(); i++) {
            byte[] expected = element(t, pushed.get(i));
            byte[] got = vec.get(i);
            if (!Arrays.equals(expected, got)) {
              throw new AssertionError(
                  "round "
                      + round
                      + ", vec "
                      + t
                      + ", element "
                      + i
                      + " is not push "
                      + pushed.get(i));
            }
          }
        }
      }
    }
  }
}
