package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Catches a broken SyncedCommitBenchmark: each store is filled, and each put lands. */
class SyncedCommitBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"stable", "lmdb"})
  void everyPutIsCommittedAndReadBack(String store) throws Exception {
    SyncedCommitBenchmark b = new SyncedCommitBenchmark();
    b.store = store;
    b.setUp();
    try {
      assertEquals(SyncedCommitBenchmark.ENTRIES - 1, b.valueOf(SyncedCommitBenchmark.ENTRIES - 1));
      for (int i = 0; i < 3; i++) {
        assertEquals(KeySpace.random(i), b.syncedPut());
      }
      assertEquals(~0L, b.valueOf(0), "the first put wrote ~0 under key 0");
      assertEquals(~2L, b.valueOf(2), "the third put wrote ~2 under key 2");
      assertEquals(3, b.valueOf(3), "key 3 keeps its value from the fill");
    } finally {
      b.tearDown();
    }
  }
}
