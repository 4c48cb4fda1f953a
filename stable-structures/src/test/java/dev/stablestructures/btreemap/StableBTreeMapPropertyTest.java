package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random operation sequences on a {@link StableBTreeMap} and on a {@code TreeMap} model
 * ordered by the same codec, in lockstep: every result, every exception type, and every view
 * (sub/head/tail maps with random bounds, descending, key sets, iterators with removal) must agree.
 * Every few hundred operations the map is reloaded from its memory and compared in full. {@code
 * stable.test.scale=ci} runs 100k operations in all, {@code full} 10M.
 */
class StableBTreeMapPropertyTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final long TOTAL_OPS = FULL ? 10_000_000L : 100_000L;

  @TestFactory
  Stream<DynamicTest> u64Maps() {
    return Stream.of(1L, 2L, 3L)
        .map(
            seed ->
                DynamicTest.dynamicTest(
                    "u64 -> u64, seed " + seed,
                    () ->
                        new Run<>(
                                seed,
                                Codecs.u64(),
                                Codecs.u64(),
                                // A few keys above Long.MAX_VALUE test the unsigned order.
                                r ->
                                    r.nextBelow(20) == 0
                                        ? Long.MIN_VALUE + r.nextBelow(40)
                                        : r.nextBelow(600),
                                TestRandom::next)
                            .run(TOTAL_OPS * 3 / 10)));
  }

  @TestFactory
  Stream<DynamicTest> stringMaps() {
    return Stream.of(4L)
        .map(
            seed ->
                DynamicTest.dynamicTest(
                    "String -> String, seed " + seed,
                    () ->
                        new Run<>(
                                seed,
                                Codecs.string(),
                                Codecs.string(),
                                r -> {
                                  String s =
                                      "k"
                                          + r.nextBelow(300)
                                          + TestRandom.letters(
                                              (int) r.nextBelow(3), r.nextBelow(5));
                                  // Supplementary characters order differently in UTF-16.
                                  return r.nextBelow(10) == 0 ? s + "\uD83D\uDE00" : s;
                                },
                                r -> TestRandom.letters((int) r.nextBelow(40), r.next()))
                            .run(TOTAL_OPS / 10)));
  }

  /** One lockstep run. */
  static final class Run<K, V> {
    private final TestRandom rng;
    private final Function<TestRandom, K> keys;
    private final Function<TestRandom, V> values;
    private final TreeMap<K, V> model;
    private StableBTreeMap<K, V> map;
    private long step;

    Run(
        long seed,
        Codec<K> keyCodec,
        Codec<V> valueCodec,
        Function<TestRandom, K> keys,
        Function<TestRandom, V> values) {
      this.rng = new TestRandom(seed);
      this.keys = keys;
      this.values = values;
      this.model = new TreeMap<>(keyCodec);
      this.map = TestTrees.newMap(keyCodec, valueCodec);
    }

    private int pick(int n) {
      return (int) rng.nextBelow(n);
    }

    private boolean coin() {
      return rng.nextBelow(2) == 0;
    }

    void run(long ops) throws Exception {
      for (step = 0; step < ops; step++) {
        int op = pick(100);
        K k = keys.apply(rng);
        if (op < 30) {
          V v = values.apply(rng);
          same("put", () -> model.put(k, v), () -> map.put(k, v));
        } else if (op < 42) {
          same("remove", () -> model.remove(k), () -> map.remove(k));
        } else if (op < 50) {
          same("get", () -> model.get(k), () -> map.get(k));
          same("containsKey", () -> model.containsKey(k), () -> map.containsKey(k));
        } else if (op < 52) {
          same("pollFirst", model::pollFirstEntry, map::pollFirstEntry);
        } else if (op < 54) {
          same("pollLast", model::pollLastEntry, map::pollLastEntry);
        } else if (op < 62) {
          navigation(model, map, k);
        } else if (op < 85) {
          views(k);
        } else if (op < 87) {
          iterateAndRemove(model, map);
        } else if (op < 88 && pick(20) == 0) {
          same("clear", () -> clear(model), () -> clear(map));
        } else {
          same("size", model::size, map::size);
          same("longSize", () -> (long) model.size(), map::longSize);
        }
        if (step % 500 == 499) {
          map = TestTrees.reopen(map);
          compareFully(model, map);
        }
      }
      compareFully(model, map);
    }

    private static Object clear(Map<?, ?> m) {
      m.clear();
      return null;
    }

    private void navigation(NavigableMap<K, V> m, NavigableMap<K, V> a, K k) throws Exception {
      same("lowerEntry", () -> m.lowerEntry(k), () -> a.lowerEntry(k));
      same("floorEntry", () -> m.floorEntry(k), () -> a.floorEntry(k));
      same("ceilingEntry", () -> m.ceilingEntry(k), () -> a.ceilingEntry(k));
      same("higherEntry", () -> m.higherEntry(k), () -> a.higherEntry(k));
      same("lowerKey", () -> m.lowerKey(k), () -> a.lowerKey(k));
      same("floorKey", () -> m.floorKey(k), () -> a.floorKey(k));
      same("ceilingKey", () -> m.ceilingKey(k), () -> a.ceilingKey(k));
      same("higherKey", () -> m.higherKey(k), () -> a.higherKey(k));
      same("firstEntry", m::firstEntry, a::firstEntry);
      same("lastEntry", m::lastEntry, a::lastEntry);
      same("firstKey", m::firstKey, a::firstKey);
      same("lastKey", m::lastKey, a::lastKey);
    }

    /** Derives the same random view (1 to 3 steps) from both maps, then runs an operation on it. */
    private void views(K k) throws Exception {
      NavigableMap<K, V> m = model;
      NavigableMap<K, V> a = map;
      int depth = 1 + pick(3);
      for (int i = 0; i < depth; i++) {
        K x = keys.apply(rng);
        K y = keys.apply(rng);
        boolean xi = coin();
        boolean yi = coin();
        int kind = pick(4);
        boolean ordered = pick(4) != 0;
        NavigableMap<K, V> mm = m;
        NavigableMap<K, V> aa = a;
        Object[] views = new Object[2];
        boolean ok =
            same(
                "derive view " + kind,
                () -> views[0] = derive(mm, kind, ordered, x, xi, y, yi),
                () -> views[1] = derive(aa, kind, ordered, x, xi, y, yi));
        if (!ok) {
          return; // both refused the bounds (IllegalArgumentException)
        }
        @SuppressWarnings("unchecked")
        NavigableMap<K, V> nm = (NavigableMap<K, V>) views[0];
        @SuppressWarnings("unchecked")
        NavigableMap<K, V> na = (NavigableMap<K, V>) views[1];
        m = nm;
        a = na;
      }
      NavigableMap<K, V> vm = m;
      NavigableMap<K, V> va = a;
      int op = pick(12);
      V v = values.apply(rng);
      switch (op) {
        case 0, 1 -> same("view put", () -> vm.put(k, v), () -> va.put(k, v));
        case 2 -> same("view remove", () -> vm.remove(k), () -> va.remove(k));
        case 3 -> {
          same("view get", () -> vm.get(k), () -> va.get(k));
          same("view containsKey", () -> vm.containsKey(k), () -> va.containsKey(k));
        }
        case 4 -> navigation(vm, va, k);
        case 5 -> {
          same("view size", vm::size, va::size);
          same("view isEmpty", vm::isEmpty, va::isEmpty);
        }
        case 6 -> {
          same("view pollFirst", vm::pollFirstEntry, va::pollFirstEntry);
          same("view pollLast", vm::pollLastEntry, va::pollLastEntry);
        }
        case 7 -> iterateAndRemove(vm, va);
        case 8 -> {
          same("view entries", () -> vm.entrySet(), () -> va.entrySet());
          same("view keys desc", vm::descendingKeySet, va::descendingKeySet);
          same("view values", vm::values, va::values);
        }
        case 9 -> {
          same("view keySet remove", () -> vm.keySet().remove(k), () -> va.keySet().remove(k));
          same(
              "view navigableKeySet ceiling",
              () -> vm.navigableKeySet().ceiling(k),
              () -> va.navigableKeySet().ceiling(k));
        }
        case 10 -> {
          if (pick(10) == 0) {
            same("view clear", () -> clear(vm), () -> clear(va));
          } else {
            same("view equals", () -> vm.equals(va) && va.equals(vm), () -> true);
            same("view hashCode", vm::hashCode, va::hashCode);
          }
        }
        default -> same("view toString", vm::toString, va::toString);
      }
    }

    private NavigableMap<K, V> derive(
        NavigableMap<K, V> m, int kind, boolean ordered, K x, boolean xi, K y, boolean yi) {
      switch (kind) {
        case 0 -> {
          return m.descendingMap();
        }
        case 1 -> {
          // Mostly in the view's order; otherwise as drawn, so inverted bounds (IAE) happen too.
          if (ordered && m.comparator().compare(x, y) > 0) {
            return m.subMap(y, yi, x, xi);
          }
          return m.subMap(x, xi, y, yi);
        }
        case 2 -> {
          return m.headMap(x, xi);
        }
        default -> {
          return m.tailMap(x, xi);
        }
      }
    }

    /**
     * Walks a view (ascending or descending) with both iterators in lockstep, removing some
     * elements through them and stopping at a random point.
     */
    private void iterateAndRemove(NavigableMap<K, V> m, NavigableMap<K, V> a) throws Exception {
      int how = pick(4);
      Iterator<?> im;
      Iterator<?> ia;
      switch (how) {
        case 0 -> {
          im = m.entrySet().iterator();
          ia = a.entrySet().iterator();
        }
        case 1 -> {
          im = m.navigableKeySet().descendingIterator();
          ia = a.navigableKeySet().descendingIterator();
        }
        case 2 -> {
          im = m.values().iterator();
          ia = a.values().iterator();
        }
        default -> {
          im = m.descendingMap().entrySet().iterator();
          ia = a.descendingMap().entrySet().iterator();
        }
      }
      int stop = pick(4) == 0 ? pick(10) : Integer.MAX_VALUE;
      int removePercent = pick(60);
      for (int i = 0; i < stop; i++) {
        boolean hm = im.hasNext();
        assertEquals(hm, ia.hasNext(), at("hasNext"));
        if (!hm) {
          break;
        }
        assertEquals(im.next(), ia.next(), at("next"));
        if (pick(100) < removePercent) {
          im.remove();
          ia.remove();
          if (pick(8) == 0) {
            Iterator<?> iaa = ia;
            same("second remove", () -> fails(im), () -> fails(iaa));
          }
        }
      }
      same("size after iteration", model::size, map::size);
    }

    private static Object fails(Iterator<?> it) {
      it.remove();
      return "no exception";
    }

    private void compareFully(NavigableMap<K, V> m, StableBTreeMap<K, V> a) {
      assertEquals(m.size(), a.size(), at("size"));
      assertEquals(m.size(), a.longSize(), at("longSize"));
      assertEquals(new ArrayList<>(m.entrySet()), new ArrayList<>(a.entrySet()), at("entries"));
      assertEquals(
          new ArrayList<>(m.descendingMap().entrySet()),
          new ArrayList<>(a.descendingMap().entrySet()),
          at("descending entries"));
      assertEquals(m, a, at("equals"));
      assertEquals(m.hashCode(), a.hashCode(), at("hashCode"));
    }

    private String at(String what) {
      return what + " differs at step " + step;
    }

    /**
     * Runs an operation on the model and on the map; both must return equal results (collections
     * compared as lists, in order) or throw the same exception type.
     *
     * @return true if both returned normally
     */
    private boolean same(String what, Callable<Object> onModel, Callable<Object> onMap)
        throws Exception {
      Object expected;
      try {
        expected = normalize(onModel.call());
      } catch (RuntimeException e) {
        try {
          Object actual = onMap.call();
          fail(at(what) + ": model threw " + e + " but the map returned " + actual);
        } catch (RuntimeException a) {
          assertEquals(e.getClass(), a.getClass(), at(what) + ": " + a);
        }
        return false;
      }
      Object actual;
      try {
        actual = normalize(onMap.call());
      } catch (RuntimeException a) {
        throw new AssertionError(at(what) + ": the map threw, the model returned " + expected, a);
      }
      assertEquals(expected, actual, at(what));
      assertFalse(actual instanceof Iterator, "not comparable");
      return true;
    }

    private static Object normalize(Object o) {
      if (o instanceof Collection && !(o instanceof List)) {
        return new ArrayList<>((Collection<?>) o);
      }
      return o;
    }
  }
}
