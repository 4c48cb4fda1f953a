package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catches a broken PeerWriteBenchmark: every method writes what it should, at both commit settings,
 * and every per-invocation undo gives back the map it found.
 */
class PeerWriteBenchmarkTest {
  private static final int SIZE = PeerWriteBenchmark.BATCH;

  static Stream<Arguments> cases() {
    return Stream.of(Contender.values())
        .flatMap(
            c ->
                Stream.of(
                    Arguments.of(c, Workload.U64, 1),
                    Arguments.of(c, Workload.BLOB, 1000),
                    Arguments.of(c, Workload.STRING_1K, 1)));
  }

  @ParameterizedTest(name = "{0} {1} commitEvery={2}")
  @MethodSource("cases")
  void everyBatchWritesAndEveryUndoRestores(Contender contender, Workload workload, int every)
      throws Exception {
    PeerWriteBenchmark b = new PeerWriteBenchmark();
    b.store = contender;
    b.workload = workload;
    b.size = SIZE;
    b.commitEvery = every;
    b.setUp();
    try {
      long before = contender.ordered() ? b.map.scan() : 0;
      PeerWriteBenchmark.RandomBatch random = new PeerWriteBenchmark.RandomBatch();
      for (int round = 0; round < 2; round++) {
        int from = random.index * PeerWriteBenchmark.BATCH;
        assertEquals(PeerWriteBenchmark.BATCH, b.insertRandom(random));
        long k = KeySpace.random(SIZE + (long) from + 7);
        assertTrue(workload.isValueOf(k, b.map.get(workload.key(k))));
        random.undo(b);
        assertNull(b.map.get(workload.key(k)));
        assertUnchanged(b, before);
      }
      PeerWriteBenchmark.SequentialBatch sequential = new PeerWriteBenchmark.SequentialBatch();
      assertEquals(PeerWriteBenchmark.BATCH, b.insertSequential(sequential));
      long last = KeySpace.sequential(PeerWriteBenchmark.BATCH - 1);
      assertTrue(workload.isValueOf(last, b.map.get(workload.key(last))));
      if (contender.ordered()) {
        assertEquals(
            Checksums.entry(last, KeySpace.value(last)), b.map.range(workload.key(last), 100));
      }
      sequential.undo(b);
      assertUnchanged(b, before);
      PeerWriteBenchmark.RemoveBatch removal = new PeerWriteBenchmark.RemoveBatch();
      for (int round = 0; round < 2; round++) {
        long victim = b.victim(removal.index, 3);
        assertEquals(PeerWriteBenchmark.BATCH, b.remove(removal), "all were stored");
        assertNull(b.map.get(workload.key(victim)));
        removal.undo(b);
        assertTrue(workload.isValueOf(victim, b.map.get(workload.key(victim))));
        assertUnchanged(b, before);
      }
    } finally {
      b.tearDown();
    }
  }

  private static void assertUnchanged(PeerWriteBenchmark b, long before) {
    if (b.store.ordered()) {
      assertEquals(before, b.map.scan(), "the undo restores the map");
    }
  }
}
