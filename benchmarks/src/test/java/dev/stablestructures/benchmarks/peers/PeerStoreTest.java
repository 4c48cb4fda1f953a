package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter against a {@code TreeMap} model of key numbers, for every workload: what the
 * benchmarks time must be right in every store, or the comparison means nothing.
 */
class PeerStoreTest {
  static Stream<Arguments> stores() {
    return Stream.of(Contender.values())
        .flatMap(c -> Stream.of(Workload.values()).map(w -> Arguments.of(c, w)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stores")
  void everyOperationAgreesWithTheModel(Contender contender, Workload workload) throws Exception {
    int size = workload == Workload.ASSET ? 12 : 2_000;
    TreeMap<Long, Long> model = new TreeMap<>();
    for (int id = 0; id < size; id++) {
      long k = KeySpace.random(id);
      model.put(k, KeySpace.value(k));
    }
    Path dir;
    try (PeerFixture f = PeerFixture.filled(contender, workload, size, 10)) {
      dir = f.dir();
      PeerStore<Object, Object> store = f.store;
      for (long k : model.keySet()) {
        assertTrue(workload.isValueOf(k, store.get(workload.key(k))), "hit " + k);
      }
      assertNull(store.get(workload.key(KeySpace.random(KeySpace.MISS_BASE))));
      if (contender.ordered()) {
        assertEquals(sum(model), store.scan());
        long from = KeySpace.random(size / 2);
        assertEquals(
            sum(model.tailMap(from, true).headMap(lastOf(model, from, 5), true)),
            store.range(workload.key(from), 5));
        long seq = KeySpace.sequential(0);
        f.putNumber(seq);
        model.put(seq, KeySpace.value(seq));
        assertEquals(KeySpace.value(seq) + 31 * seq, store.range(workload.key(seq), 100));
      } else {
        assertThrows(UnsupportedOperationException.class, store::scan);
      }
      long victim = KeySpace.random(3);
      assertTrue(store.remove(workload.key(victim)));
      assertFalse(store.remove(workload.key(victim)));
      assertNull(store.get(workload.key(victim)));
      store.commit();
      long fresh = KeySpace.random(size);
      f.putNumber(fresh);
      store.commit();
      assertTrue(workload.isValueOf(fresh, store.get(workload.key(fresh))));
      store.commit();
    }
    assertFalse(Files.exists(dir), "the fixture deletes its directory");
  }

  private static long lastOf(NavigableMap<Long, Long> model, long from, int count) {
    long last = from;
    for (long k : model.tailMap(from, true).keySet()) {
      last = k;
      if (--count == 0) {
        break;
      }
    }
    return last;
  }

  private static long sum(Map<Long, Long> entries) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : entries.entrySet()) {
      sum += Checksums.entry(e.getKey(), e.getValue());
    }
    return sum;
  }
}
