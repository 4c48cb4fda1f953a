package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.runtime.meter.Meter;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Catches a broken MeteringBenchmark: in each of its three set-ups gets hit, puts insert and the
 * clean-up removes them, and only the metered one charges a meter.
 */
class MeteringBenchmarkTest {
  private static final Blackhole SINK =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @Test
  void eachSetUpGetsPutsAndCleansUp() {
    for (String memory : new String[] {"bare", "idle", "metered"}) {
      MeteringBenchmark b = new MeteringBenchmark();
      b.size = 2_000;
      b.memory = memory;
      b.setUp();
      b.newMessage();
      for (int i = 0; i < 100; i++) {
        long probe = b.probes[i];
        assertEquals(probe ^ 1, (long) b.get(), memory);
      }
      MeteringBenchmark.Batch batch = new MeteringBenchmark.Batch();
      b.put(batch, SINK);
      assertEquals(2_000 + MeteringBenchmark.BATCH, b.map.size(), memory);
      batch.removeBatch(b);
      assertEquals(2_000, b.map.size(), memory);
      Meter meter = b.metered == null ? null : b.metered.meter();
      if (memory.equals("metered")) {
        assertTrue(meter.report().calls() > 0 && meter.report().dirtyPages() > 0, meter.toString());
      } else {
        assertNull(meter, memory);
      }
    }
    MeteringBenchmark wrong = new MeteringBenchmark();
    wrong.size = 10;
    wrong.memory = "other";
    assertThrows(IllegalArgumentException.class, wrong::setUp);
  }
}
