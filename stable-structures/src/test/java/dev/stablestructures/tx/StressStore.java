package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * One store for the stress test: a B-tree map, a vec, a log, a min-heap and a cell in one manager
 * of one-page buckets (so the structures' buckets interleave), plus a model of each in heap
 * collections. Values follow rules a reader can check on its own, so a torn read shows:
 *
 * <ul>
 *   <li>map value of key k, vec element at index k: {@code version << 32 | hash32(k, version)};
 *   <li>log entry i: {@code value(i, 0)}; the cell holds the log's length (each write section
 *       appends one entry and sets the cell), so a reader sees {@code cell == log.len()};
 *   <li>heap item: {@code r << 24 | hash24(r)}, all below 2^62 so signed and unsigned order agree.
 * </ul>
 *
 * <p>The model is changed only under the write lock, and read under either side.
 */
final class StressStore {
  static final int MAP = 0;
  static final int VEC = 1;
  static final int LOG_INDEX = 2;
  static final int LOG_DATA = 3;
  static final int HEAP = 4;
  static final int CELL = 5;

  final MemoryManager manager;
  final StableBTreeMap<Long, Long> map;
  final StableVec<Long> vec;
  final StableLog<Long> log;
  final StableMinHeap<Long> heap;
  final StableCell<Long> cell;

  final NavigableMap<Long, Long> modelMap = new TreeMap<>();
  final List<Long> modelVec = new ArrayList<>();
  final List<Long> modelLog = new ArrayList<>();
  final PriorityQueue<Long> modelHeap = new PriorityQueue<>();
  long modelCell;

  private StressStore(MemoryManager manager, boolean fresh) {
    this.manager = manager;
    if (fresh) {
      map = StableBTreeMap.init(manager.get(MAP), Codecs.u64(), Codecs.u64());
      vec = StableVec.init(manager.get(VEC), Codecs.u64());
      log = StableLog.init(manager.get(LOG_INDEX), manager.get(LOG_DATA), Codecs.u64());
      heap = StableMinHeap.init(manager.get(HEAP), Codecs.u64());
      cell = StableCell.init(manager.get(CELL), Codecs.u64(), 0L);
    } else {
      map = StableBTreeMap.load(manager.get(MAP), Codecs.u64(), Codecs.u64());
      vec = StableVec.load(manager.get(VEC), Codecs.u64());
      log = StableLog.load(manager.get(LOG_INDEX), manager.get(LOG_DATA), Codecs.u64());
      heap = StableMinHeap.load(manager.get(HEAP), Codecs.u64());
      cell = StableCell.load(manager.get(CELL), Codecs.u64());
    }
  }

  /** A new store in an empty memory. */
  static StressStore create(Memory memory) {
    return new StressStore(MemoryManager.init(memory, 1), true);
  }

  /** The store saved in {@code memory}, with the model of {@code saved} to compare against. */
  static StressStore reopen(Memory memory, StressStore saved) {
    StressStore store = new StressStore(MemoryManager.load(memory), false);
    store.modelMap.putAll(saved.modelMap);
    store.modelVec.addAll(saved.modelVec);
    store.modelLog.addAll(saved.modelLog);
    store.modelHeap.addAll(saved.modelHeap);
    store.modelCell = saved.modelCell;
    return store;
  }

  // ---------------------------------------------------------------- value rules

  static long hash(long x) {
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    x *= 0xC4CEB9FE1A85EC53L;
    return x ^ (x >>> 33);
  }

  /**
   * The value stored for {@code key} (or at index {@code key}) by write section {@code version}.
   */
  static long value(long key, long version) {
    return version << 32 | (hash(key * 31 + version) & 0xFFFF_FFFFL);
  }

  /** Whether {@code value} is one that some write section stores for {@code key}. */
  static boolean valid(long key, long value) {
    return value >= 0 && value == value(key, value >>> 32);
  }

  static long heapItem(long r) {
    return r << 24 | (hash(r) & 0xFF_FFFF);
  }

  static boolean validHeapItem(long item) {
    return item >= 0 && item == heapItem(item >>> 24);
  }

  // ---------------------------------------------------------------- checks

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  static void same(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected " + expected + " but read " + actual);
    }
  }

  /** Every structure equals its model exactly (call under a lock, or with no other thread). */
  void compareWithModel(String when) {
    same(modelMap.size(), map.size(), when + ": map size");
    Iterator<Map.Entry<Long, Long>> entries = map.entrySet().iterator();
    for (Map.Entry<Long, Long> e : modelMap.entrySet()) {
      check(entries.hasNext(), when + ": map ends before key " + e.getKey());
      Map.Entry<Long, Long> got = entries.next();
      same(e.getKey(), got.getKey(), when + ": map key");
      same(e.getValue(), got.getValue(), when + ": map value of " + e.getKey());
    }
    check(!entries.hasNext(), when + ": map has more entries than the model");
    same(modelVec, new ArrayList<>(vec), when + ": vec");
    same(modelLog, new ArrayList<>(log.asList()), when + ": log");
    same(modelCell, cell.get(), when + ": cell");
    List<Long> items = new ArrayList<>(heap);
    items.sort(null);
    List<Long> expected = new ArrayList<>(modelHeap);
    expected.sort(null);
    same(expected, items, when + ": heap items");
    checkHeapOrder(new ArrayList<>(heap), when);
  }

  /** The heap's array order is a min-heap. */
  static void checkHeapOrder(List<Long> array, String when) {
    for (int i = 1; i < array.size(); i++) {
      long parent = array.get((i - 1) / 2);
      long child = array.get(i);
      check(
          Long.compareUnsigned(parent, child) <= 0,
          when + ": heap item " + i + " (" + child + ") is below its parent (" + parent + ")");
      check(validHeapItem(child), when + ": heap item " + i + " is not an item: " + child);
    }
  }

  /**
   * Runs every structure's {@code verify()} (the map, the vec, the log, the heap, the cell and the
   * manager) and fails on the first report with a finding.
   */
  void verifyAll(String when) {
    for (VerifyReport report :
        List.of(
            manager.verify(),
            map.verify(),
            vec.verify(),
            log.verify(),
            heap.verify(),
            cell.verify())) {
      assertTrue(report.isOk(), () -> when + ": " + report);
    }
  }
}
