package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Catches a broken BTreeVirtualMemoryBenchmark: both maps answer the same gets, puts insert the
 * fresh keys into both and the per-invocation clean-up removes them again.
 */
class BTreeVirtualMemoryBenchmarkTest {
  private static final Blackhole SINK =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @Test
  void bothMapsAgreeAndTheCleanUpRestoresThem() throws Exception {
    BTreeVirtualMemoryBenchmark b = new BTreeVirtualMemoryBenchmark();
    b.size = 20_000;
    b.setUp();
    try {
      for (int i = 0; i < 1000; i++) {
        long probe = b.probes[2 * i];
        assertEquals(probe ^ 1, (long) b.directGet());
        assertEquals(b.probes[2 * i + 1] ^ 1, (long) b.virtualGet());
        assertEquals(probe ^ 1, (long) b.virtual.get(probe));
      }
      BTreeVirtualMemoryBenchmark.Fresh cleanUp = new BTreeVirtualMemoryBenchmark.Fresh();
      for (int round = 0; round < 2; round++) {
        b.directPut(cleanUp, SINK);
        b.virtualPut(cleanUp, SINK);
        assertEquals(20_000 + BTreeVirtualMemoryBenchmark.BATCH, b.direct.size());
        assertEquals(20_000 + BTreeVirtualMemoryBenchmark.BATCH, b.virtual.size());
        long k = b.fresh[BTreeVirtualMemoryBenchmark.BATCH / 2];
        assertEquals(k ^ 1, (long) b.virtual.get(k));
        cleanUp.remove(b);
        assertEquals(20_000, b.direct.size());
        assertEquals(20_000, b.virtual.size());
        assertNull(b.virtual.get(k));
      }
    } finally {
      b.tearDown();
    }
  }
}
