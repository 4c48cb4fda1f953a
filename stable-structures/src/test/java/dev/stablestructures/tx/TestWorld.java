package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.vec.StableVec;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * One of every structure, each on its own memory of one journal (memory ids below), with a heap
 * model of each: random operations apply to both, and {@link #assertMatches} compares them.
 */
final class TestWorld {
  static final int MAP = 0;
  static final int SET = 1;
  static final int VEC = 2;
  static final int CELL = 3;
  static final int LOG_INDEX = 4;
  static final int LOG_DATA = 5;
  static final int HEAP = 6;

  /** How many memories a world takes. */
  static final int MEMORIES = 7;

  /** Pages of each memory where they are fixed windows (the log's data window is small). */
  static final long[] WINDOW_PAGES = {16, 16, 8, 2, 4, 8, 8};

  /** The vector's element bound: a longer value is refused. */
  static final int VEC_BOUND = 24;

  static final Codec<byte[]> VEC_CODEC = Codecs.blob(VEC_BOUND);

  /** The map's value codec: strings, whose decoding throws while armed. */
  static final class TrapCodec implements Codec<String> {
    boolean armed;

    @Override
    public Bound bound() {
      return Codecs.string().bound();
    }

    @Override
    public byte[] encode(String value) {
      return Codecs.string().encode(value);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length) {
      if (armed) {
        throw new IllegalStateException("trap: the value codec refuses to decode");
      }
      return Codecs.string().decode(bytes, offset, length);
    }

    @Override
    public int compare(String a, String b) {
      return Codecs.string().compare(a, b);
    }
  }

  final TrapCodec values = new TrapCodec();

  final StableBTreeMap<Long, String> map;
  final StableBTreeSet<Long> set;
  final StableVec<byte[]> vec;
  final StableCell<String> cell;
  final StableLog<String> log;
  final StableMinHeap<Long> heap;

  private TestWorld(IntFunction<Memory> memories, boolean create) {
    if (create) {
      map = StableBTreeMap.create(memories.apply(MAP), Codecs.u64(), values);
      set = StableBTreeSet.create(memories.apply(SET), Codecs.u64());
      vec = StableVec.create(memories.apply(VEC), VEC_CODEC);
      cell = StableCell.create(memories.apply(CELL), Codecs.string(), "");
      log = StableLog.create(memories.apply(LOG_INDEX), memories.apply(LOG_DATA), Codecs.string());
      heap = StableMinHeap.create(memories.apply(HEAP), Codecs.u64());
    } else {
      map = StableBTreeMap.load(memories.apply(MAP), Codecs.u64(), values);
      set = StableBTreeSet.load(memories.apply(SET), Codecs.u64());
      vec = StableVec.load(memories.apply(VEC), VEC_CODEC);
      cell = StableCell.load(memories.apply(CELL), Codecs.string());
      log = StableLog.load(memories.apply(LOG_INDEX), memories.apply(LOG_DATA), Codecs.string());
      heap = StableMinHeap.load(memories.apply(HEAP), Codecs.u64());
    }
  }

  /** Creates every structure, empty. */
  static TestWorld create(IntFunction<Memory> memories) {
    return new TestWorld(memories, true);
  }

  /** Opens every structure from the image, as a later process would. */
  static TestWorld load(IntFunction<Memory> memories) {
    return new TestWorld(memories, false);
  }

  /** What every structure should hold. */
  static final class Model {
    final TreeMap<Long, String> map = new TreeMap<>();
    final TreeSet<Long> set = new TreeSet<>();
    final List<byte[]> vec = new ArrayList<>();
    String cell = "";
    final List<String> log = new ArrayList<>();
    final PriorityQueue<Long> heap = new PriorityQueue<>(Long::compareUnsigned);

    Model copy() {
      Model m = new Model();
      m.map.putAll(map);
      m.set.addAll(set);
      m.vec.addAll(vec);
      m.cell = cell;
      m.log.addAll(log);
      m.heap.addAll(heap);
      return m;
    }
  }

  /** One random operation on one random structure, applied to it and then to the model. */
  void randomOp(Model m, TestRandom rng) {
    randomOp(m, rng, (int) rng.nextBelow(MEMORIES - 1));
  }

  /**
   * One random operation on structure {@code which} (0 map, 1 set, 2 vec, 3 cell, 4 log, 5 heap):
   * the structure first, so that an operation that throws leaves the model as it was.
   */
  void randomOp(Model m, TestRandom rng, int which) {
    long r = rng.nextBelow(100);
    long key = rng.nextBelow(400);
    String text = TestRandom.letters((int) rng.nextBelow(40), rng.next());
    switch (which) {
      case 0 -> {
        if (r < 65) {
          String old = map.put(key, text);
          assertEquals(m.map.put(key, text), old);
        } else if (r < 95) {
          String old = map.remove(key);
          assertEquals(m.map.remove(key), old);
        } else {
          Map.Entry<Long, String> first = map.pollFirstEntry();
          Map.Entry<Long, String> expected = m.map.pollFirstEntry();
          assertEquals(
              expected == null ? null : expected.getKey(), first == null ? null : first.getKey());
        }
      }
      case 1 -> {
        if (r < 65) {
          boolean added = set.add(key);
          assertEquals(m.set.add(key), added);
        } else {
          boolean removed = set.remove(key);
          assertEquals(m.set.remove(key), removed);
        }
      }
      case 2 -> {
        if (r < 55 || m.vec.isEmpty()) {
          byte[] value = TestRandom.bytes((int) rng.nextBelow(VEC_BOUND + 1), rng.next());
          vec.push(value);
          m.vec.add(value);
        } else if (r < 80) {
          byte[] last = vec.pop();
          assertArrayEquals(m.vec.remove(m.vec.size() - 1), last);
        } else {
          int index = (int) rng.nextBelow(m.vec.size());
          byte[] value = TestRandom.bytes((int) rng.nextBelow(VEC_BOUND + 1), rng.next());
          byte[] old = vec.set(index, value);
          assertArrayEquals(m.vec.set(index, value), old);
        }
      }
      case 3 -> {
        String old = cell.set(text);
        assertEquals(m.cell, old);
        m.cell = text;
      }
      case 4 -> {
        if (r < 97) {
          long index = log.append(text);
          assertEquals(m.log.size(), index);
          m.log.add(text);
        } else {
          log.clear();
          m.log.clear();
        }
      }
      default -> {
        long item = rng.next();
        if (r < 30) {
          heap.pushLong(item);
          m.heap.add(item);
        } else if (r < 60) {
          heap.push(item);
          m.heap.add(item);
        } else if (r < 80 && !m.heap.isEmpty()) {
          Long smallest = heap.pop();
          assertEquals(m.heap.poll(), smallest);
        } else if (!m.heap.isEmpty()) {
          long smallest = heap.popLong();
          assertEquals((long) m.heap.poll(), smallest);
        }
      }
    }
  }

  /** Every structure holds what the model says. */
  void assertMatches(Model m, String at) {
    assertEquals(m.map, new TreeMap<>(map), at + ": map");
    assertEquals(m.map.size(), map.size(), at + ": map size");
    assertEquals(m.set, new TreeSet<>(set), at + ": set");
    assertEquals(m.vec.size(), vec.size(), at + ": vec size");
    for (int i = 0; i < m.vec.size(); i++) {
      assertArrayEquals(m.vec.get(i), vec.get(i), at + ": vec " + i);
    }
    assertEquals(m.cell, cell.get(), at + ": cell");
    assertEquals(m.log, new ArrayList<>(log.asList()), at + ": log");
    assertEquals(m.log.size(), log.longSize(), at + ": log size");
    List<Long> items = new ArrayList<>(heap);
    items.sort(Long::compareUnsigned);
    List<Long> expected = new ArrayList<>(m.heap);
    expected.sort(Long::compareUnsigned);
    assertEquals(expected, items, at + ": heap items");
    assertEquals(m.heap.peek(), heap.peek(), at + ": heap top");
  }

  /** Every structure has something to iterate, so that an open iterator's next would succeed. */
  void fillEach(Model m) {
    map.put(1_000L, "one thousand");
    m.map.put(1_000L, "one thousand");
    set.add(1_000L);
    m.set.add(1_000L);
    vec.push(new byte[] {1});
    m.vec.add(new byte[] {1});
    log.append("x");
    m.log.add("x");
    heap.push(7L);
    m.heap.add(7L);
  }

  /** Iterators over every iterable structure, each with an element left. */
  List<Iterator<?>> openIterators() {
    List<Iterator<?>> its =
        List.of(
            map.entrySet().iterator(),
            set.iterator(),
            vec.iterator(),
            log.iterator(),
            heap.iterator());
    for (Iterator<?> it : its) {
      assertTrue(it.hasNext());
    }
    return its;
  }

  /** Every iterator fails fast: a rollback changed what it walks. */
  static void assertAllFailFast(List<Iterator<?>> its, String at) {
    for (Iterator<?> it : its) {
      assertThrows(
          ConcurrentModificationException.class,
          () -> {
            if (it.hasNext()) {
              it.next();
            }
          },
          at + ": " + it.getClass().getName());
    }
  }

  /** No iterator notices anything (nothing was rolled back, nothing changed). */
  static void assertNoneFailed(List<Iterator<?>> its) {
    for (Iterator<?> it : its) {
      assertTrue(it.hasNext());
      it.next();
    }
    assertFalse(its.isEmpty());
  }
}
