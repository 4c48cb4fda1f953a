package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Catches a broken PeerReadBenchmark: every method, every contender, the map workloads. */
class PeerReadBenchmarkTest {
  private static final int SIZE = 1_500;

  static Stream<Arguments> cases() {
    return Stream.of(Contender.values())
        .flatMap(
            c ->
                Stream.of(Workload.U64, Workload.BLOB, Workload.STRING_1K)
                    .map(w -> Arguments.of(c, w)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyMethodReadsWhatWasStored(Contender contender, Workload workload) throws Exception {
    PeerReadBenchmark b = new PeerReadBenchmark();
    b.store = contender;
    b.workload = workload;
    b.size = SIZE;
    b.setUp();
    try {
      for (int i = 0; i < 2 * PeerReadBenchmark.TXN_OPS + 10; i++) {
        long expected = b.hitNumbers[b.next];
        assertTrue(workload.isValueOf(expected, b.getHit()), "hit " + i);
        assertNull(b.getMiss());
      }
      TreeMap<Long, Long> model = new TreeMap<>();
      for (int id = 0; id < SIZE; id++) {
        long k = KeySpace.random(id);
        model.put(k, Checksums.entry(k, KeySpace.value(k)));
      }
      if (contender.ordered()) {
        assertEquals(sum(model.values()), b.fullScan());
        for (int i = 0; i < 50; i++) {
          long from = b.hitNumbers[b.next];
          long expected =
              sum(
                  model.tailMap(from, true).values().stream()
                      .limit(PeerReadBenchmark.RANGE)
                      .toList());
          assertEquals(expected, b.rangeScan(), "range from " + from);
        }
      } else {
        assertThrows(UnsupportedOperationException.class, b::fullScan);
        assertThrows(UnsupportedOperationException.class, b::rangeScan);
      }
    } finally {
      b.tearDown();
    }
  }

  private static long sum(Iterable<Long> checksums) {
    long sum = 0;
    for (long c : checksums) {
      sum += c;
    }
    return sum;
  }
}
