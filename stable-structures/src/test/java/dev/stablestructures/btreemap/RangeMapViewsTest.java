package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The key set, entry set and values views of the map and of its ranges, ascending and descending,
 * each against the same view of a {@link TreeMap} holding the same entries (found by mutation
 * testing: the property tests never navigated a key set, nor asked a view's entry set or values for
 * its size, and no test cleared a range larger than one of the range clear's batches).
 */
class RangeMapViewsTest {
  /** Keys 0, 10, ..., 90, each with the value key * 100. */
  private static void fillTens(Map<Long, Long> map) {
    for (long k = 0; k <= 90; k += 10) {
      map.put(k, k * 100);
    }
  }

  private static StableBTreeMap<Long, Long> tens() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    fillTens(map);
    return map;
  }

  private static NavigableMap<Long, Long> modelTens() {
    TreeMap<Long, Long> model = new TreeMap<>();
    fillTens(model);
    return model;
  }

  /** The views every test compares; the last holds no key. */
  private static List<NavigableMap<Long, Long>> views(NavigableMap<Long, Long> map) {
    return List.of(
        map,
        map.subMap(20L, true, 60L, false),
        map.headMap(40L, true),
        (NavigableMap<Long, Long>) map.tailMap(50L), // the SortedMap form, a navigable view too
        map.descendingMap(),
        map.descendingMap().subMap(70L, false, 10L, true),
        map.subMap(33L, true, 37L, true));
  }

  /** Runs {@code check} on each view of a fresh map and of a fresh model, with the view's name. */
  private interface ViewCheck {
    void check(String name, NavigableMap<Long, Long> stored, NavigableMap<Long, Long> model);
  }

  private static void forEachView(ViewCheck check) {
    int views = views(modelTens()).size();
    for (int i = 0; i < views; i++) {
      StableBTreeMap<Long, Long> map = tens();
      NavigableMap<Long, Long> model = modelTens();
      check.check("view " + i, views(map).get(i), views(model).get(i));
      assertEquals(model, map, "view " + i + ": the whole map afterwards");
    }
  }

  private static <T> T orNoSuchElement(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  @Test
  void keySetsNavigateAsTheModelsDo() {
    forEachView(
        (name, stored, model) -> {
          NavigableSet<Long> keys = stored.navigableKeySet();
          NavigableSet<Long> expected = model.navigableKeySet();
          assertEquals(expected.size(), keys.size(), name + ": size");
          assertEquals(expected.isEmpty(), keys.isEmpty(), name + ": isEmpty");
          assertEquals(new ArrayList<>(expected), new ArrayList<>(keys), name + ": order");
          assertEquals(
              new ArrayList<>(expected.descendingSet()),
              new ArrayList<>(keys.descendingSet()),
              name + ": descending set");
          assertEquals(orNoSuchElement(expected::first), orNoSuchElement(keys::first), name);
          assertEquals(orNoSuchElement(expected::last), orNoSuchElement(keys::last), name);
          for (long probe = 0; probe <= 95; probe += 5) {
            String at = name + " at " + probe;
            assertEquals(expected.contains(probe), keys.contains(probe), at + ": contains");
            assertEquals(expected.lower(probe), keys.lower(probe), at + ": lower");
            assertEquals(expected.floor(probe), keys.floor(probe), at + ": floor");
            assertEquals(expected.ceiling(probe), keys.ceiling(probe), at + ": ceiling");
            assertEquals(expected.higher(probe), keys.higher(probe), at + ": higher");
          }
          List<Long> resorted = new ArrayList<>(expected.descendingSet());
          resorted.sort(keys.comparator());
          assertEquals(new ArrayList<>(expected), resorted, name + ": the comparator's order");
          if (!expected.isEmpty()) {
            long first = expected.first();
            long last = expected.last();
            assertEquals(
                new ArrayList<>(expected.subSet(first, last)),
                new ArrayList<>(keys.subSet(first, last)),
                name + ": subSet");
            assertEquals(
                new ArrayList<>(expected.subSet(first, false, last, true)),
                new ArrayList<>(keys.subSet(first, false, last, true)),
                name + ": subSet, inclusive");
            assertEquals(
                new ArrayList<>(expected.tailSet(last)),
                new ArrayList<>(keys.tailSet(last)),
                name + ": tailSet");
            assertEquals(
                new ArrayList<>(expected.headSet(last)),
                new ArrayList<>(keys.headSet(last)),
                name + ": headSet");
          }
        });
  }

  @Test
  void keySetsPollTheirEdgesAndNullWhenEmpty() {
    forEachView(
        (name, stored, model) -> {
          NavigableSet<Long> keys = stored.navigableKeySet();
          NavigableSet<Long> expected = model.navigableKeySet();
          for (int i = 0; i < 3; i++) {
            assertEquals(expected.pollFirst(), keys.pollFirst(), name + ": pollFirst " + i);
            assertEquals(expected.pollLast(), keys.pollLast(), name + ": pollLast " + i);
          }
        });
    NavigableSet<Long> empty = TestTrees.newMap(Codecs.u64(), Codecs.u64()).navigableKeySet();
    assertEquals(null, empty.pollFirst());
    assertEquals(null, empty.pollLast());
  }

  @Test
  void entrySetsAndValuesCountAndFindAsTheModelsDo() {
    forEachView(
        (name, stored, model) -> {
          assertEquals(model.entrySet().size(), stored.entrySet().size(), name + ": entries");
          assertEquals(model.isEmpty(), stored.entrySet().isEmpty(), name + ": entries empty");
          assertEquals(model.values().size(), stored.values().size(), name + ": values");
          assertEquals(model.isEmpty(), stored.values().isEmpty(), name + ": values empty");
          assertEquals(
              new ArrayList<>(model.values()), new ArrayList<>(stored.values()), name + ": values");
          for (long k = 0; k <= 95; k += 5) {
            Map.Entry<Long, Long> entry = Map.entry(k, k * 100);
            assertEquals(
                model.entrySet().contains(entry),
                stored.entrySet().contains(entry),
                name + ": contains " + entry);
          }
          Object notAnEntry = "20=2000";
          assertFalse(stored.entrySet().contains(notAnEntry), name + ": not an entry");
          assertFalse(
              stored.entrySet().contains(new AbstractMap.SimpleEntry<Long, Long>(null, 0L)),
              name + ": an entry with a null key");
        });
  }

  @Test
  void eachViewsClearRemovesItsRangeOnly() {
    List<Consumer<NavigableMap<Long, Long>>> clears =
        List.of(
            m -> m.clear(),
            m -> m.navigableKeySet().clear(),
            m -> m.entrySet().clear(),
            m -> m.values().clear());
    for (int c = 0; c < clears.size(); c++) {
      Consumer<NavigableMap<Long, Long>> clear = clears.get(c);
      String how = "clear " + c;
      forEachView(
          (name, stored, model) -> {
            clear.accept(stored);
            clear.accept(model);
            assertTrue(stored.isEmpty(), how + ", " + name);
          });
    }
  }

  /** The range clear removes 256 keys a batch: more than one batch, and not a multiple of it. */
  @Test
  void clearingARangeOfManyBatchesRemovesItAllAndNothingElse() {
    StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
    TreeMap<Long, Long> model = new TreeMap<>();
    for (long k = 0; k < 2_000; k++) {
      map.put(k, -k);
      model.put(k, -k);
    }
    map.subMap(100L, true, 1_700L, false).clear(); // 1,600 keys: 6 batches and 64
    model.subMap(100L, true, 1_700L, false).clear();
    assertEquals(400, map.size());
    assertEquals(model, map);
    map.descendingMap().headMap(1_500L, true).clear(); // 1,700 .. 1,999: one batch and 44
    model.descendingMap().headMap(1_500L, true).clear();
    assertEquals(model, map);
    assertEquals(Collections.emptyMap(), map.subMap(100L, 1_999L));
    assertThrows(NoSuchElementException.class, () -> map.tailMap(1_000L).firstKey());
    assertTrue(map.verify().isOk(), () -> map.verify().toString());
  }
}
