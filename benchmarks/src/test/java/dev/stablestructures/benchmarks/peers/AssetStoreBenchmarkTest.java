package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Catches a broken AssetStoreBenchmark: stores and retrieves whole 1 MiB assets everywhere. */
class AssetStoreBenchmarkTest {
  @ParameterizedTest
  @EnumSource(Contender.class)
  void storesAndRetrievesEveryAsset(Contender contender) throws Exception {
    AssetStoreBenchmark b = new AssetStoreBenchmark();
    b.store = contender;
    b.assets = 3;
    b.setUp();
    AssetStoreBenchmark.Empty empty = new AssetStoreBenchmark.Empty();
    empty.open(b);
    try {
      assertEquals(3L << 20, b.store(empty));
      for (int i = 0; i < 3; i++) {
        assertArrayEquals((byte[]) b.contents[i], (byte[]) empty.fixture.store.get(b.paths[i]));
      }
    } finally {
      empty.close();
    }
    AssetStoreBenchmark.Full full = new AssetStoreBenchmark.Full();
    full.open(b);
    try {
      assertEquals(3L << 20, b.retrieve(full));
    } finally {
      full.close();
    }
  }
}
