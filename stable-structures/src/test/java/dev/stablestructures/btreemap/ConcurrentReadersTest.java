package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
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
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several threads read one map at once, with no writer, for a bounded time: random gets, lookups of
 * absent keys, range iterations both ways, counts, first and last entries and stats, each checked
 * against a {@code TreeMap} model. The map is reopened first, so its node cache starts empty and
 * the readers fill it together; a second map has a 16-slot cache, so that fills of the same slot
 * collide all the time.
 */
class ConcurrentReadersTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int THREADS = 4;
  static final long MILLIS = FULL ? 20_000 : 1_500;

  @TempDir Path dir;

  @Test
  void readersOfAHeapMemoryAgreeWithTheModel() {
    readConcurrently(new HeapMemory(), Codecs.u64(), TestRandom::next, 40_000, 16);
  }

  @Test
  void readersOfAFileMemoryAgreeWithTheModel() {
    try (FileMemory memory = FileMemory.open(dir.resolve("map.bin"))) {
      readConcurrently(memory, Codecs.u64(), TestRandom::next, 40_000, 0);
    }
  }

  /**
   * A map in a manager's virtual memory of one-page buckets, interleaved with another memory's as
   * it grows: every node read maps a bucket, so a mapping shared between readers would be torn.
   */
  @Test
  void readersOfAManagedMemoryAgreeWithTheModel() {
    try (FileMemory memory = FileMemory.open(dir.resolve("managed.bin"))) {
      MemoryManager manager = MemoryManager.init(memory, 1);
      Memory map = manager.get(0);
      Memory neighbour = manager.get(1);
      Runnable interleave =
          () -> {
            while (neighbour.size() < map.size()) {
              neighbour.grow(1);
            }
          };
      readConcurrently(map, Codecs.u64(), TestRandom::next, 40_000, 16, interleave);
    }
  }

  @Test
  void readersOfStringKeysAndOverflowPagesAgreeWithTheModel() {
    try (FileMemory memory = FileMemory.open(dir.resolve("strings.bin"))) {
      readConcurrently(
          memory,
          Codecs.string(),
          r -> "k" + r.nextBelow(1_000_000) + TestRandom.letters((int) r.nextBelow(30), r.next()),
          4_000,
          0);
    }
  }

  /**
   * Fills a map, reopens it, and reads it from {@link #THREADS} threads. Values are the key's
   * bytes, or a long run of them every so often (overflow pages for string keys).
   */
  private <K> void readConcurrently(
      Memory memory, Codec<K> keyCodec, Function<TestRandom, K> keys, int size, int cachedNodes) {
    readConcurrently(memory, keyCodec, keys, size, cachedNodes, () -> {});
  }

  /** As above, running {@code afterPut} after every put of the fill. */
  private <K> void readConcurrently(
      Memory memory,
      Codec<K> keyCodec,
      Function<TestRandom, K> keys,
      int size,
      int cachedNodes,
      Runnable afterPut) {
    Codec<byte[]> values = Codecs.bytes();
    StableBTreeMap<K, byte[]> filled = StableBTreeMap.init(memory, keyCodec, values);
    NavigableMap<K, byte[]> model = new TreeMap<>(keyCodec);
    TestRandom rng = new TestRandom(size);
    while (model.size() < size) {
      K key = keys.apply(rng);
      byte[] value = TestRandom.bytes((int) rng.nextBelow(rng.nextBelow(50) == 0 ? 3000 : 20), 7);
      filled.put(key, value);
      model.put(key, value);
      afterPut.run();
    }
    List<K> known = new ArrayList<>(model.keySet());
    List<StableBTreeMap<K, byte[]>> maps = new ArrayList<>();
    maps.add(StableBTreeMap.load(memory, keyCodec, values));
    if (cachedNodes > 0) {
      StableBTreeMap<K, byte[]> tiny = StableBTreeMap.load(memory, keyCodec, values);
      tiny.setCachedNodes(cachedNodes);
      maps.add(tiny);
    }
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong operations = new AtomicLong();
    long deadline = System.nanoTime() + MILLIS * 1_000_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  TestRandom r = new TestRandom(seed);
                  long n = 0;
                  while (System.nanoTime() < deadline && failures.isEmpty()) {
                    StableBTreeMap<K, byte[]> map = maps.get((int) r.nextBelow(maps.size()));
                    readOnce(map, model, known, keys, r, n++);
                  }
                  operations.addAndGet(n);
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "reader-" + t);
      threads.add(thread);
      thread.start();
    }
    Threads.joinAndRethrow(threads, failures, "readers");
    assertTrue(operations.get() > 1000, "only " + operations + " reads");
    for (StableBTreeMap<K, byte[]> map : maps) {
      assertEquals(model.size(), map.size());
    }
  }

  private static <K> void readOnce(
      StableBTreeMap<K, byte[]> map,
      NavigableMap<K, byte[]> model,
      List<K> known,
      Function<TestRandom, K> keys,
      TestRandom r,
      long n) {
    K key = r.nextBelow(4) == 0 ? keys.apply(r) : known.get((int) r.nextBelow(known.size()));
    long kind = r.nextBelow(100);
    if (kind < 60) {
      check(model.get(key), map.get(key), "get " + key);
      check(model.containsKey(key), map.containsKey(key), "containsKey " + key);
    } else if (kind < 85) {
      K from = model.ceilingKey(key);
      K to = from == null ? null : known.get((int) r.nextBelow(known.size()));
      if (from == null || map.comparator().compare(from, to) > 0) {
        return;
      }
      boolean descending = r.nextBelow(2) == 0;
      NavigableMap<K, byte[]> expected = model.subMap(from, true, to, false);
      NavigableMap<K, byte[]> actual = map.subMap(from, true, to, false);
      if (descending) {
        expected = expected.descendingMap();
        actual = actual.descendingMap();
      }
      if (n % 2 == 0) {
        forEachMatches(expected, actual, 200);
        return;
      }
      Iterator<Map.Entry<K, byte[]>> it = actual.entrySet().iterator();
      int limit = 200;
      for (Map.Entry<K, byte[]> e : expected.entrySet()) {
        if (limit-- == 0) {
          break;
        }
        if (!it.hasNext()) {
          throw new AssertionError("range from " + from + " ends early");
        }
        Map.Entry<K, byte[]> got = it.next();
        check(e.getKey(), got.getKey(), "range key");
        check(e.getValue(), got.getValue(), "range value of " + e.getKey());
      }
    } else if (kind < 95) {
      K to = model.higherKey(key);
      if (to != null) {
        check((long) model.subMap(key, true, to, true).size(), map.count(key, true, to, true), "");
      }
    } else {
      check(model.firstEntry().getKey(), map.firstEntry().getKey(), "first");
      check(model.lastEntry().getValue(), map.lastEntry().getValue(), "last");
      if (n % 50 == 0) {
        check((long) model.size(), map.stats().entries(), "stats");
      }
    }
  }

  /**
   * Walks at most {@code limit} entries of both with {@code forEach} (a walk of reused node copies,
   * one per reader), bounded by the key the limit reaches in the model.
   */
  private static <K> void forEachMatches(
      NavigableMap<K, byte[]> expected, NavigableMap<K, byte[]> actual, int limit) {
    List<Map.Entry<K, byte[]>> want = new ArrayList<>();
    for (Map.Entry<K, byte[]> e : expected.entrySet()) {
      if (want.size() == limit) {
        break;
      }
      want.add(e);
    }
    if (want.isEmpty()) {
      return;
    }
    K last = want.get(want.size() - 1).getKey();
    List<Map.Entry<K, byte[]>> got = new ArrayList<>();
    actual.headMap(last, true).forEach((k, v) -> got.add(Map.entry(k, v)));
    check((long) want.size(), (long) got.size(), "forEach entries");
    for (int i = 0; i < want.size(); i++) {
      check(want.get(i).getKey(), got.get(i).getKey(), "forEach key");
      check(want.get(i).getValue(), got.get(i).getValue(), "forEach value");
    }
  }

  private static void check(Object expected, Object actual, String what) {
    if (!Objects.deepEquals(expected, actual)) {
      throw new AssertionError(what + ": expected " + expected + " but read " + actual);
    }
  }
}
