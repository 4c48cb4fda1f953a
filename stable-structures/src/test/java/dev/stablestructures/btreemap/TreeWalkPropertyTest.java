package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
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
 * Every walk of a random map and of random ranges of it, in both directions, yields what a {@code
 * TreeMap} of the same entries yields: {@code forEach} of the map and its three views, iterators,
 * {@code forEachRemaining} after some {@code next()} calls, and {@code count}. The maps are those
 * of {@link BTreePropertyTest} (fixed and variable keys, overflow pages, keys spanning pages, a
 * codec order), plus one of V1 nodes.
 */
class TreeWalkPropertyTest {
  @TestFactory
  Stream<DynamicTest> walksMatchTreeMap() {
    List<DynamicTest> tests = new ArrayList<>();
    for (BTreePropertyTest.Case<?, ?> c : BTreePropertyTest.cases()) {
      for (long seed : new long[] {1, 2}) {
        tests.add(DynamicTest.dynamicTest(c.name() + " seed " + seed, () -> run(c, seed, false)));
      }
    }
    Codec<byte[]> blob = Codecs.blob(6);
    BTreePropertyTest.Case<byte[], byte[]> v1 =
        new BTreePropertyTest.Case<>(
            "V1 blob<6>->blob<6>",
            blob,
            blob,
            r -> TestRandom.bytes((int) r.nextBelow(7), r.nextBelow(40)),
            r -> TestRandom.bytes((int) r.nextBelow(7), r.next()),
            2000);
    tests.add(DynamicTest.dynamicTest(v1.name(), () -> run(v1, 7, true)));
    return tests.stream();
  }

  private static <K, V> void run(BTreePropertyTest.Case<K, V> c, long seed, boolean v1) {
    TestRandom rng = new TestRandom(seed);
    HeapMemory memory = new HeapMemory();
    // A V1 tree keeps writing V1 nodes until it is reopened (then the map reads them as they are).
    BTree<K, V> tree =
        v1
            ? BTreeFactory.createV1(memory, c.keyCodec(), c.valueCodec())
            : BTreeFactory.create(memory, c.keyCodec(), c.valueCodec());
    NavigableMap<K, V> model = new TreeMap<>(c.keyCodec());
    for (int op = 0; op < c.ops(); op++) {
      K key = c.keys().apply(rng);
      if (rng.nextBelow(4) == 0) {
        BTreePropertyTest.assertSame(model.remove(key), tree.remove(key), "remove " + op);
      } else {
        V value = c.values().apply(rng);
        BTreePropertyTest.assertSame(model.put(key, value), tree.insert(key, value), "put " + op);
      }
    }
    if (v1) {
      assertEquals(1, memory.readByte(memory.readLongLE(12) + 3), "the root is a V1 node");
    }
    StableBTreeMap<K, V> map = StableBTreeMap.load(memory, c.keyCodec(), c.valueCodec());
    String name = c.name() + " seed " + seed;
    assertWalks(name + " whole", model, map);
    assertWalks(name + " descending", model.descendingMap(), map.descendingMap());
    List<K> keys = new ArrayList<>(model.keySet());
    for (int r = 0; r < 40 && !keys.isEmpty(); r++) {
      // Bounds are stored keys or fresh ones, so ranges start and end on and between keys.
      Function<TestRandom, K> pick =
          x -> x.nextBelow(2) == 0 ? keys.get((int) x.nextBelow(keys.size())) : c.keys().apply(x);
      K a = pick.apply(rng);
      K b = pick.apply(rng);
      if (c.keyCodec().compare(a, b) > 0) {
        K t = a;
        a = b;
        b = t;
      }
      boolean aIn = rng.nextBelow(2) == 0;
      boolean bIn = rng.nextBelow(2) == 0;
      String what = name + " range " + r;
      assertWalks(what, model.subMap(a, aIn, b, bIn), map.subMap(a, aIn, b, bIn));
      assertWalks(
          what + " descending",
          model.subMap(a, aIn, b, bIn).descendingMap(),
          map.subMap(a, aIn, b, bIn).descendingMap());
      assertWalks(what + " tail", model.tailMap(a, aIn), map.tailMap(a, aIn));
      assertWalks(
          what + " head descending",
          model.headMap(b, bIn).descendingMap(),
          map.headMap(b, bIn).descendingMap());
      assertEquals(model.subMap(a, aIn, b, bIn).size(), map.count(a, aIn, b, bIn), what + " count");
    }
  }

  /** Every way of walking {@code actual} yields {@code expected}'s entries, in its order. */
  private static <K, V> void assertWalks(
      String what, NavigableMap<K, V> expected, NavigableMap<K, V> actual) {
    List<Map.Entry<K, V>> want = new ArrayList<>(expected.entrySet());
    List<Object> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    actual.forEach(
        (k, v) -> {
          keys.add(k);
          values.add(v);
        });
    assertSameSequence(what + " forEach", want, keys, values);

    keys.clear();
    values.clear();
    actual.keySet().forEach(keys::add);
    actual.values().forEach(values::add);
    assertSameSequence(what + " views' forEach", want, keys, values);

    keys.clear();
    values.clear();
    actual
        .entrySet()
        .forEach(
            e -> {
              keys.add(e.getKey());
              values.add(e.getValue());
            });
    assertSameSequence(what + " entrySet forEach", want, keys, values);

    // A few next() calls, then forEachRemaining, on each view's iterator.
    int skip = Math.min(want.size(), 3);
    keys.clear();
    values.clear();
    Iterator<K> keyIt = actual.keySet().iterator();
    Iterator<V> valueIt = actual.values().iterator();
    Iterator<Map.Entry<K, V>> entryIt = actual.entrySet().iterator();
    for (int i = 0; i < skip; i++) {
      keys.add(keyIt.next());
      values.add(valueIt.next());
      Map.Entry<K, V> e = entryIt.next();
      BTreePropertyTest.assertEntry(want.get(i), e, what + " entry " + i);
    }
    keyIt.forEachRemaining(keys::add);
    valueIt.forEachRemaining(values::add);
    assertSameSequence(what + " forEachRemaining", want, keys, values);
    List<Map.Entry<K, V>> rest = new ArrayList<>();
    entryIt.forEachRemaining(rest::add);
    assertEquals(want.size() - skip, rest.size(), what + " entries forEachRemaining");
    for (int i = 0; i < rest.size(); i++) {
      BTreePropertyTest.assertEntry(want.get(skip + i), rest.get(i), what + " entry " + i);
    }
  }

  private static <K, V> void assertSameSequence(
      String what, List<Map.Entry<K, V>> want, List<Object> keys, List<Object> values) {
    assertEquals(want.size(), keys.size(), what + ": keys");
    assertEquals(want.size(), values.size(), what + ": values");
    for (int i = 0; i < want.size(); i++) {
      BTreePropertyTest.assertSame(want.get(i).getKey(), keys.get(i), what + " key " + i);
      BTreePropertyTest.assertSame(want.get(i).getValue(), values.get(i), what + " value " + i);
    }
  }
}
