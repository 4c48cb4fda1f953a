package dev.stablestructures.btreeset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random operations on a {@link StableBTreeSet} and a {@code TreeSet} model in lockstep,
 * through the set and random views (sub/head/tail, descending), with iterator removal and reloads
 * from memory. 100k operations in ci, 10M in full.
 */
class StableBTreeSetPropertyTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final long OPS = FULL ? 10_000_000L : 100_000L;

  @TestFactory
  Stream<DynamicTest> u64Sets() {
    return Stream.of(21L, 22L)
        .map(seed -> DynamicTest.dynamicTest("seed " + seed, () -> run(seed, OPS / 2)));
  }

  private long step;

  private void run(long seed, long ops) throws Exception {
    TestRandom rng = new TestRandom(seed);
    TreeSet<Long> model = new TreeSet<>(Codecs.u64());
    StableBTreeSet<Long> set = TestSets.newSet(Codecs.u64());
    for (step = 0; step < ops; step++) {
      long k = rng.nextBelow(20) == 0 ? -rng.nextBelow(30) : rng.nextBelow(500);
      NavigableSet<Long> m = model;
      NavigableSet<Long> a = set;
      // Half of the operations go through a random view.
      if (rng.nextBelow(2) == 0) {
        long x = rng.nextBelow(520);
        long y = rng.nextBelow(520);
        boolean xi = rng.nextBelow(2) == 0;
        boolean yi = rng.nextBelow(2) == 0;
        int kind = (int) rng.nextBelow(4);
        NavigableSet<Long> viewM = view(m, kind, x, xi, y, yi);
        NavigableSet<Long> viewA = view(a, kind, x, xi, y, yi);
        if ((viewM == null) != (viewA == null)) {
          throw new AssertionError("view creation differs at step " + step);
        }
        if (viewM != null) {
          m = viewM;
          a = viewA;
        }
      }
      NavigableSet<Long> vm = m;
      NavigableSet<Long> va = a;
      switch ((int) rng.nextBelow(10)) {
        case 0, 1, 2 -> same("add", () -> vm.add(k), () -> va.add(k));
        case 3 -> same("remove", () -> vm.remove(k), () -> va.remove(k));
        case 4 -> same("contains", () -> vm.contains(k), () -> va.contains(k));
        case 5 -> {
          same("pollFirst", vm::pollFirst, va::pollFirst);
          same("pollLast", vm::pollLast, va::pollLast);
        }
        case 6 -> {
          same("lower", () -> vm.lower(k), () -> va.lower(k));
          same("floor", () -> vm.floor(k), () -> va.floor(k));
          same("ceiling", () -> vm.ceiling(k), () -> va.ceiling(k));
          same("higher", () -> vm.higher(k), () -> va.higher(k));
          same("first", vm::first, va::first);
          same("last", vm::last, va::last);
        }
        case 7 -> {
          Iterator<Long> im = vm.iterator();
          Iterator<Long> ia = va.iterator();
          int removePercent = (int) rng.nextBelow(50);
          while (im.hasNext()) {
            assertEquals(true, ia.hasNext(), at("hasNext"));
            assertEquals(im.next(), ia.next(), at("next"));
            if (rng.nextBelow(100) < removePercent) {
              im.remove();
              ia.remove();
            }
          }
          assertEquals(false, ia.hasNext(), at("end"));
        }
        case 8 -> {
          if (rng.nextBelow(30) == 0) {
            vm.clear();
            va.clear();
          }
          same("size", vm::size, va::size);
        }
        default -> {
          same("elements", () -> new ArrayList<>(vm), () -> new ArrayList<>(va));
          same(
              "descending",
              () -> new ArrayList<>(vm.descendingSet()),
              () -> new ArrayList<>(va.descendingSet()));
        }
      }
      if (step % 700 == 699) {
        set = TestSets.reopen(set);
        assertEquals(new ArrayList<>(model), new ArrayList<>(set), at("reloaded"));
        assertEquals(model.size(), set.longSize(), at("longSize"));
      }
    }
    assertEquals(new ArrayList<>(model), new ArrayList<>(set), at("final"));
  }

  /** The view, or null if the bounds were refused (IllegalArgumentException). */
  private static NavigableSet<Long> view(
      NavigableSet<Long> s, int kind, long x, boolean xi, long y, boolean yi) {
    try {
      switch (kind) {
        case 0 -> {
          return s.descendingSet();
        }
        case 1 -> {
          boolean swap = s.comparator().compare(x, y) > 0;
          return swap ? s.subSet(y, yi, x, xi) : s.subSet(x, xi, y, yi);
        }
        case 2 -> {
          return s.headSet(x, xi);
        }
        default -> {
          return s.tailSet(x, xi);
        }
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String at(String what) {
    return what + " differs at step " + step;
  }

  private void same(String what, Callable<Object> onModel, Callable<Object> onSet)
      throws Exception {
    Object expected;
    try {
      expected = onModel.call();
    } catch (RuntimeException e) {
      try {
        Object actual = onSet.call();
        throw new AssertionError(at(what) + ": model threw " + e + ", the set returned " + actual);
      } catch (RuntimeException a) {
        assertEquals(e.getClass(), a.getClass(), at(what));
        return;
      }
    }
    assertEquals(expected, onSet.call(), at(what));
  }
}
