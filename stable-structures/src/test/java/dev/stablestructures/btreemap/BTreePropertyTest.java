package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.U64Codec;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random operation sequences against {@code java.util.TreeMap}, with the tree reopened from
 * its memory every few operations, and a leak check at the end (no chunk stays allocated).
 */
class BTreePropertyTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  /** u64 in reverse order and not byte-ordered: exercises the decode-and-compare paths. */
  static final Codec<Long> REVERSED_U64 =
      new Codec<>() {
        @Override
        public Bound bound() {
          return Bound.fixed(8);
        }

        @Override
        public byte[] encode(Long value) {
          return U64Codec.INSTANCE.encode(value);
        }

        @Override
        public Long decode(byte[] bytes, int offset, int length) {
          return U64Codec.INSTANCE.decode(bytes, offset, length);
        }

        @Override
        public int compare(Long a, Long b) {
          return Long.compareUnsigned(b, a);
        }
      };

  record Case<K, V>(
      String name,
      Codec<K> keyCodec,
      Codec<V> valueCodec,
      Function<TestRandom, K> keys,
      Function<TestRandom, V> values,
      int ops) {}

  static List<Case<?, ?>> cases() {
    int scale = FULL ? 10 : 1;
    List<Case<?, ?>> cases = new ArrayList<>();
    cases.add(
        new Case<>(
            "u64->u64",
            Codecs.u64(),
            Codecs.u64(),
            r -> r.nextBelow(4) == 0 ? r.next() : r.nextBelow(700),
            TestRandom::next,
            4000 * scale));
    cases.add(
        new Case<>(
            "string->bytes (overflow pages)",
            Codecs.string(),
            Codecs.bytes(),
            r -> "k" + r.nextBelow(300) + TestRandom.letters((int) r.nextBelow(4), r.next()),
            r -> TestRandom.bytes((int) r.nextBelow(r.nextBelow(8) == 0 ? 5000 : 300), r.next()),
            1500 * scale));
    cases.add(
        new Case<>(
            "blob<24>->blob<40>",
            Codecs.blob(24),
            Codecs.blob(40),
            r -> TestRandom.bytes((int) r.nextBelow(25), r.nextBelow(40)),
            r -> TestRandom.bytes((int) r.nextBelow(41), r.next()),
            3000 * scale));
    cases.add(
        new Case<>(
            "long bytes keys->u64 (keys span pages)",
            Codecs.bytes(),
            Codecs.u64(),
            r ->
                TestRandom.bytes((int) r.nextBelow(r.nextBelow(4) == 0 ? 900 : 20), r.nextBelow(9)),
            TestRandom::next,
            1500 * scale));
    cases.add(
        new Case<>(
            "reversed u64 (not byte-ordered)->u64",
            REVERSED_U64,
            Codecs.u64(),
            r -> r.nextBelow(500),
            TestRandom::next,
            3000 * scale));
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> randomOperationsMatchTreeMap() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case<?, ?> c : cases()) {
      for (long seed : new long[] {1, 2, 3}) {
        tests.add(DynamicTest.dynamicTest(c.name() + " seed " + seed, () -> run(c, seed)));
      }
    }
    return tests.stream();
  }

  static <K, V> void run(Case<K, V> c, long seed) {
    TestRandom rng = new TestRandom(seed);
    HeapMemory memory = new HeapMemory();
    BTree<K, V> tree = BTreeFactory.init(memory, c.keyCodec(), c.valueCodec());
    NavigableMap<K, V> model = new TreeMap<>(c.keyCodec());
    for (int op = 0; op < c.ops(); op++) {
      long r = rng.nextBelow(100);
      K key = c.keys().apply(rng);
      String at = c.name() + " seed " + seed + " op " + op;
      if (r < 45) {
        V value = c.values().apply(rng);
        assertSame(model.put(key, value), tree.insert(key, value), at + " insert");
      } else if (r < 65) {
        assertSame(model.remove(key), tree.remove(key), at + " remove");
      } else if (r < 72) {
        assertSame(model.get(key), tree.get(key), at + " get");
        assertEquals(model.containsKey(key), tree.containsKey(key), at + " containsKey");
      } else if (r < 75) {
        assertEntry(model.pollFirstEntry(), tree.popFirst(), at + " popFirst");
      } else if (r < 78) {
        assertEntry(model.pollLastEntry(), tree.popLast(), at + " popLast");
      } else if (r < 90) {
        K other = c.keys().apply(rng);
        checkRange(
            tree,
            model,
            rng.nextBelow(3) == 0 ? null : key,
            rng.next() % 2 == 0,
            rng.nextBelow(3) == 0 ? null : other,
            rng.next() % 2 == 0,
            rng.next() % 2 == 0,
            at);
      } else if (r < 93) {
        assertEntry(model.firstEntry(), tree.firstEntry(), at + " first");
        assertEntry(model.lastEntry(), tree.lastEntry(), at + " last");
      } else if (r < 94) {
        checkStats(tree, model, at);
      }
      assertEquals(model.size(), tree.size(), at + " size");
      if (op % 97 == 0) {
        tree = BTreeFactory.load(memory, c.keyCodec(), c.valueCodec());
      }
    }
    checkRange(tree, model, null, true, null, true, false, c.name() + " final");
    checkRange(tree, model, null, true, null, true, true, c.name() + " final");
    checkStats(tree, model, c.name() + " final");
    List<K> keys = new ArrayList<>(model.keySet());
    Collections.shuffle(keys, new java.util.Random(seed));
    for (K key : keys) {
      assertSame(model.remove(key), tree.remove(key), c.name() + " drain");
    }
    BTreeStats stats = tree.stats();
    assertEquals(0, stats.entries());
    assertEquals(0, stats.allocatedChunks(), "leaked chunks: " + stats);
    assertEquals(0, stats.nodes());
    assertNull(tree.firstEntry());
    assertFalse(tree.iterator(null, true, null, true, false).hasNext());
  }

  static <K, V> void checkStats(BTree<K, V> tree, NavigableMap<K, V> model, String at) {
    BTreeStats stats = tree.stats();
    assertEquals(model.size(), stats.entries(), at);
    assertEquals(stats.nodes() + stats.overflowPages(), stats.allocatedChunks(), at + " " + stats);
    assertEquals(
        stats.allocatedChunks() + stats.freeChunks(),
        (stats.bytesUsed() - 116) / (stats.chunkSize() + 16),
        at + " chunks below the frontier " + stats);
    if (!model.isEmpty()) {
      assertTrue(stats.fillFactor() > 0 && stats.fillFactor() <= 1, at);
      assertTrue(stats.depth() >= 1, at);
    }
  }

  static <K, V> void checkRange(
      BTree<K, V> tree,
      NavigableMap<K, V> model,
      K from,
      boolean fromInclusive,
      K to,
      boolean toInclusive,
      boolean descending,
      String at) {
    NavigableMap<K, V> expected;
    if (from != null && to != null && model.comparator().compare(from, to) > 0) {
      expected = Collections.emptyNavigableMap();
    } else {
      expected = model;
      if (from != null) {
        expected = expected.tailMap(from, fromInclusive);
      }
      if (to != null) {
        expected = expected.headMap(to, toInclusive);
      }
    }
    if (descending) {
      expected = expected.descendingMap();
    }
    String what =
        at
            + " range "
            + show(from)
            + (fromInclusive ? "[" : "(")
            + ".."
            + show(to)
            + (toInclusive ? "]" : ")")
            + (descending ? " desc" : "");
    Iterator<Map.Entry<K, V>> it = tree.iterator(from, fromInclusive, to, toInclusive, descending);
    int i = 0;
    for (Map.Entry<K, V> e : expected.entrySet()) {
      assertTrue(it.hasNext(), what + " ended at " + i + " of " + expected.size());
      Map.Entry<K, V> s = it.next();
      assertEntry(e, s, what + " entry " + i);
      i++;
    }
    assertFalse(it.hasNext(), what + " too long");
    assertEquals(
        expected.size(), tree.count(from, fromInclusive, to, toInclusive), what + " count");
  }

  static void assertSame(Object expected, Object actual, String message) {
    if (expected instanceof byte[] || actual instanceof byte[]) {
      assertTrue(
          expected instanceof byte[] expectedBytes
              && actual instanceof byte[] actualBytes
              && Arrays.equals(expectedBytes, actualBytes),
          message + ": expected " + show(expected) + " found " + show(actual));
    } else {
      assertEquals(expected, actual, message);
    }
  }

  static void assertEntry(Map.Entry<?, ?> expected, Map.Entry<?, ?> actual, String message) {
    if (expected == null) {
      assertNull(actual, message);
      return;
    }
    assertTrue(actual != null, message + ": missing entry");
    assertSame(expected.getKey(), actual.getKey(), message + " key");
    assertSame(expected.getValue(), actual.getValue(), message + " value");
  }

  static String show(Object o) {
    return o instanceof byte[] array ? Arrays.toString(array) : String.valueOf(o);
  }
}
