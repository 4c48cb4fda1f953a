package dev.stablestructures.tx;

import static dev.stablestructures.tx.StressStore.check;
import static dev.stablestructures.tx.StressStore.same;
import static dev.stablestructures.tx.StressStore.valid;
import static dev.stablestructures.tx.StressStore.validHeapItem;
import static dev.stablestructures.tx.StressStore.value;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.Threads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store lock makes mixed use safe: {@value #WRITERS} writers (under the write lock) put and
 * remove on a B-tree map, push, set and pop on a vec, push and pop on a min-heap, append to a log
 * and set a cell, all in one manager; {@value #READERS} readers (under the read lock) iterate and
 * get from all of them at once, checking each read against the model and the value rules of {@link
 * StressStore}, for a bounded time and number of sections. Then every structure is compared with
 * the model, verified, reopened from the image and compared again.
 *
 * <p>{@code stable.test.scale=ci} (the default) runs {@value #CI_MILLIS} ms per memory, at most
 * {@value #CI_SECTIONS} write sections; {@code full} runs {@value #FULL_MILLIS} ms, at most {@value
 * #FULL_SECTIONS}.
 */
class StoreLockStressTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int WRITERS = 2;
  static final int READERS = 3;
  static final long CI_MILLIS = 2_000;
  static final long FULL_MILLIS = 60_000;
  static final long CI_SECTIONS = 200_000;
  static final long FULL_SECTIONS = 20_000_000;
  static final long MILLIS = FULL ? FULL_MILLIS : CI_MILLIS;
  static final long MAX_SECTIONS = FULL ? FULL_SECTIONS : CI_SECTIONS;

  /** Keys of the map, so that removes meet present keys and nodes split and merge. */
  static final long KEYS = 3_000;

  static final int VEC_CAP = 3_000;
  static final int HEAP_CAP = 2_000;

  @TempDir Path dir;

  @Test
  void writersAndReadersOfOneFileStoreUnderTheLock() {
    Path file = dir.resolve("stress.bin");
    StressStore saved;
    try (FileMemory memory = FileMemory.open(file)) {
      saved = run(memory, 1);
    }
    try (FileMemory memory = FileMemory.open(file)) {
      StressStore reopened = StressStore.reopen(memory, saved);
      reopened.compareWithModel("reopened file");
      reopened.verifyAll("reopened file");
    }
  }

  @Test
  void writersAndReadersOfOneHeapStoreUnderTheLock() {
    HeapMemory memory = new HeapMemory();
    StressStore saved = run(memory, 2);
    StressStore reopened = StressStore.reopen(HeapMemory.of(memory.toByteArray()), saved);
    reopened.compareWithModel("reopened image");
    reopened.verifyAll("reopened image");
  }

  /** Mutable counters of a run, guarded by the write lock. */
  private static final class Progress {
    long sections;
  }

  @SuppressWarnings("try") // the hold is used only for its scope
  private StressStore run(Memory memory, long seed) {
    StressStore store = StressStore.create(memory);
    StoreLock lock = StoreLock.of(memory);
    Progress progress = new Progress();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong reads = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    long deadline = System.nanoTime() + MILLIS * 1_000_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < WRITERS + READERS; t++) {
      boolean writer = t < WRITERS;
      TestRandom r = new TestRandom(seed * 1_000 + t);
      Runnable body =
          () -> {
            long n = 0;
            try {
              while (System.nanoTime() < deadline && failures.isEmpty()) {
                if (writer) {
                  boolean more = lock.write(() -> writeSection(store, lock, progress, r));
                  if (!more) {
                    break;
                  }
                } else if (r.nextBelow(2) == 0) {
                  lock.read(() -> readSection(store, r));
                } else {
                  try (StoreLock.Hold hold = lock.readLocked()) {
                    readSection(store, r);
                  }
                }
                n++;
              }
            } catch (Throwable e) {
              failures.add(e);
            }
            (writer ? writes : reads).addAndGet(n);
          };
      threads.add(new Thread(body, (writer ? "writer-" : "reader-") + t));
    }
    threads.forEach(Thread::start);
    Threads.joinAndRethrow(threads, failures, "threads");
    assertTrue(writes.get() > 100, "only " + writes + " write sections");
    assertTrue(reads.get() > 100, "only " + reads + " read sections");
    lock.read(
        () -> {
          store.compareWithModel("after " + writes + " write and " + reads + " read sections");
          store.verifyAll("after the run");
        });
    return store;
  }

  /**
   * One write section: a few random operations, each checked against the model, sometimes a nested
   * write or a read inside the section; then one log entry and the cell. Returns false once the run
   * has had its sections.
   */
  private static boolean writeSection(
      StressStore s, StoreLock lock, Progress progress, TestRandom r) {
    if (progress.sections >= MAX_SECTIONS) {
      return false;
    }
    long version = ++progress.sections;
    long ops = 1 + r.nextBelow(8);
    for (long i = 0; i < ops; i++) {
      long kind = r.nextBelow(100);
      long key = r.nextBelow(KEYS);
      if (kind < 35) {
        long v = value(key, version);
        same(s.modelMap.put(key, v), s.map.put(key, v), "put " + key);
      } else if (kind < 50) {
        same(s.modelMap.remove(key), s.map.remove(key), "remove " + key);
      } else if (kind < 52) {
        Map.Entry<Long, Long> first = s.modelMap.pollFirstEntry();
        same(first, s.map.popFirst(), "popFirst");
      } else if (kind < 62) {
        int len = s.modelVec.size();
        if (len >= VEC_CAP || (len > 0 && r.nextBelow(4) == 0)) {
          same(s.modelVec.remove(len - 1), s.vec.pop(), "vec pop");
        } else {
          long v = value(len, version);
          s.vec.push(v);
          s.modelVec.add(v);
        }
      } else if (kind < 72) {
        if (!s.modelVec.isEmpty()) {
          int at = (int) r.nextBelow(s.modelVec.size());
          long v = value(at, version);
          same(s.modelVec.set(at, v), s.vec.set(at, v), "vec set " + at);
        }
      } else if (kind < 88) {
        if (s.modelHeap.size() >= HEAP_CAP || (!s.modelHeap.isEmpty() && r.nextBelow(3) == 0)) {
          same(s.modelHeap.poll(), s.heap.pop(), "heap pop");
        } else {
          long item = StressStore.heapItem(r.nextBelow(1L << 38));
          s.heap.push(item);
          s.modelHeap.add(item);
        }
      } else if (kind < 94) {
        // A nested step, as a transaction's operation takes the write side again.
        long v = value(key, version);
        lock.write(() -> same(s.modelMap.put(key, v), s.map.put(key, v), "nested put " + key));
      } else {
        // A read inside the write section sees the section's writes.
        lock.read(() -> same(s.modelMap.get(key), s.map.get(key), "read in a write section"));
      }
    }
    long entry = s.log.append(value(s.modelLog.size(), 0));
    same((long) s.modelLog.size(), entry, "log append index");
    s.modelLog.add(value(entry, 0));
    s.cell.set(s.log.len());
    s.modelCell = s.log.len();
    return true;
  }

  /** One read section: a random read of one structure, or a cross-check of two. */
  private static void readSection(StressStore s, TestRandom r) {
    long kind = r.nextBelow(8);
    switch ((int) kind) {
      case 0 -> iterateMap(s, s.map, s.modelMap, false, "map");
      case 1 -> {
        long from = r.nextBelow(KEYS);
        long to = from + r.nextBelow(KEYS / 4);
        boolean descending = r.nextBelow(2) == 0;
        NavigableMap<Long, Long> view = s.map.subMap(from, true, to, false);
        NavigableMap<Long, Long> model = s.modelMap.subMap(from, true, to, false);
        if (descending) {
          view = view.descendingMap();
          model = model.descendingMap();
        }
        iterateMap(s, view, model, descending, "range [" + from + ", " + to + ")");
      }
      case 2 -> {
        for (int i = 0; i < 50; i++) {
          long key = r.nextBelow(KEYS);
          Long got = s.map.get(key);
          check(got == null || valid(key, got), "map value of " + key + " breaks the rule: " + got);
          same(s.modelMap.get(key), got, "get " + key);
          same(s.modelMap.containsKey(key), s.map.containsKey(key), "containsKey " + key);
        }
        if (!s.modelMap.isEmpty()) {
          same(s.modelMap.firstKey(), s.map.firstKey(), "first key");
          same(s.modelMap.lastEntry(), s.map.lastEntry(), "last entry");
        }
      }
      case 3 -> {
        long len = s.vec.len();
        same((long) s.modelVec.size(), len, "vec length");
        for (int i = 0; i < 100 && len > 0; i++) {
          long at = r.nextBelow(len);
          long got = s.vec.get(at);
          check(valid(at, got), "vec element " + at + " breaks the rule: " + got);
          same(s.modelVec.get((int) at), got, "vec element " + at);
        }
      }
      case 4 -> {
        long len = s.log.len();
        same(len, s.cell.get(), "the cell holds the log's length");
        same((long) s.modelLog.size(), len, "log length");
        long from = len == 0 ? 0 : r.nextBelow(len);
        Iterator<Long> entries = s.log.iterator(from);
        for (long i = from; i < Math.min(len, from + 300); i++) {
          check(entries.hasNext(), "log ends at " + i + " of " + len);
          same(value(i, 0), entries.next(), "log entry " + i);
        }
        if (len > 0) {
          same(value(len - 1, 0), s.log.last(), "last log entry");
        }
      }
      case 5 -> {
        List<Long> array = new ArrayList<>(s.heap);
        same(s.modelHeap.size(), array.size(), "heap size");
        StressStore.checkHeapOrder(array, "heap");
        if (!array.isEmpty()) {
          check(validHeapItem(array.get(0)), "heap top is not an item");
          same(s.modelHeap.peek(), s.heap.peek(), "heap peek");
        }
      }
      case 6 -> same(s.modelMap.size(), s.map.size(), "map size");
      default -> {
        // Several structures in one section agree with each other.
        same(s.cell.get(), s.log.len(), "cell and log");
        same((long) s.modelVec.size(), s.vec.len(), "vec length");
        same(s.modelHeap.size(), s.heap.size(), "heap size");
      }
    }
  }

  /** Iterates a map view: keys strictly ordered, values by the rule, exactly the model's. */
  private static void iterateMap(
      StressStore s,
      NavigableMap<Long, Long> view,
      NavigableMap<Long, Long> model,
      boolean descending,
      String what) {
    Iterator<Map.Entry<Long, Long>> expected = model.entrySet().iterator();
    Long previous = null;
    long n = 0;
    for (Map.Entry<Long, Long> e : view.entrySet()) {
      long key = e.getKey();
      long v = e.getValue();
      check(
          previous == null || (descending ? previous > key : previous < key),
          what + ": key " + key + " after " + previous);
      check(valid(key, v), what + ": value of " + key + " breaks the rule: " + v);
      check(expected.hasNext(), what + ": more entries than the model");
      Map.Entry<Long, Long> want = expected.next();
      same(want.getKey(), key, what + ": key");
      same(want.getValue(), v, what + ": value of " + key);
      previous = key;
      n++;
    }
    check(!expected.hasNext(), what + ": fewer entries than the model");
    if (view == s.map) {
      same((long) s.map.size(), n, what + ": iteration and size");
    }
  }
}
