package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A map that is no longer referenced leaves nothing of its memory reachable from the threads that
 * used it. Each thread keeps a cursor per tree (in the tree's {@code ThreadLocal}); a thread's map
 * of thread-locals drops a dead tree's entry only when later lookups happen to meet it, so a cursor
 * that held the memory would keep a dropped map's pages alive for as long as the thread lives. The
 * operations run on a thread that then waits, untouched, while the memory is collected.
 */
class CursorRetentionTest {
  private static final int ENTRIES = 2_000;

  @Test
  void pointOperationsAndIterationsLeaveNoPathToTheMemory() throws InterruptedException {
    assertCollectedAfter(
        map -> {
          for (long i = 0; i < ENTRIES; i++) {
            map.put(i * 7 % ENTRIES, i);
          }
          for (long i = 0; i < ENTRIES; i += 3) {
            assertEquals(i, map.get(i * 7 % ENTRIES));
            assertEquals(true, map.containsKey(i));
          }
          for (long i = 0; i < ENTRIES; i += 3) {
            map.remove(i);
          }
          Iterator<Map.Entry<Long, Long>> range = map.subMap(100L, 200L).entrySet().iterator();
          assertEquals(100L, range.next().getKey());
          Iterator<Long> descending = map.descendingKeySet().iterator();
          descending.next();
          map.ceilingEntry(500L);
          map.pollFirstEntry();
          map.pollLastEntry();
        });
  }

  /**
   * An iterator's first descent searches the internal nodes with the thread's cursor: when the
   * thread's last operation on the map is opening an iterator (and reading its first entry), the
   * cursor lets go of the memory all the same.
   */
  @Test
  void anIteratorsFirstDescentAsTheLastOperationLeavesNoPathToTheMemory()
      throws InterruptedException {
    assertCollectedAfter(
        map -> {
          for (long i = 0; i < ENTRIES; i++) {
            map.put(i, i);
          }
          assertEquals(700L, map.tailMap(700L).entrySet().iterator().next().getKey());
        });
  }

  /** An operation that fails half-way, after the cursor met the memory, lets go of it too. */
  @Test
  void anOperationThatThrowsAfterReadingANodeLeavesNoPathToTheMemory() throws InterruptedException {
    assertCollectedAfter(
        map -> {
          map.put(1L, FailingDecode.POISON);
          assertThrows(IllegalStateException.class, () -> map.get(1L));
          assertThrows(IllegalStateException.class, () -> map.put(1L, 2L));
        });
  }

  private static void assertCollectedAfter(Consumer<StableBTreeMap<Long, Long>> use)
      throws InterruptedException {
    AtomicReference<WeakReference<Memory>> memoryRef = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch used = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread user =
        new Thread(
            () -> {
              try {
                memoryRef.set(useAMapAndDropIt(use));
              } catch (Throwable t) {
                failure.set(t);
              }
              used.countDown();
              try {
                release.await(); // alive, its thread-locals untouched, while the test collects
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    user.start();
    try {
      used.await();
      assertNull(failure.get(), () -> "the operations failed: " + failure.get());
      for (int i = 0; i < 20 && memoryRef.get().get() != null; i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertNull(
          memoryRef.get().get(), "a thread that used a dropped map still reaches its memory");
    } finally {
      release.countDown();
      user.join();
    }
  }

  /** In its own frame: a local of the waiting thread's frame would keep the memory reachable. */
  private static WeakReference<Memory> useAMapAndDropIt(Consumer<StableBTreeMap<Long, Long>> use) {
    HeapMemory memory = new HeapMemory();
    use.accept(StableBTreeMap.init(memory, Codecs.u64(), new FailingDecode()));
    return new WeakReference<>(memory);
  }

  /** u64 values, whose decode fails on one value: an exception from inside a read. */
  private static final class FailingDecode implements Codec<Long> {
    static final long POISON = 0xDEADL;
    private final Codec<Long> u64 = Codecs.u64();

    @Override
    public Bound bound() {
      return u64.bound();
    }

    @Override
    public byte[] encode(Long value) {
      return u64.encode(value);
    }

    @Override
    public Long decode(byte[] bytes, int offset, int length) {
      Long value = u64.decode(bytes, offset, length);
      if (value == POISON) {
        throw new IllegalStateException("this value does not decode");
      }
      return value;
    }

    @Override
    public int compare(Long a, Long b) {
      return u64.compare(a, b);
    }
  }
}
