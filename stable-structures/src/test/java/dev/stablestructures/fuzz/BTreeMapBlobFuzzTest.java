package dev.stablestructures.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.codec.Codecs;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code BTreeMap<Blob<10>, Blob<10>>} image, the crate's V1 layout and its migration to
 * V2 on load: load, get, first/last, iterate both ways, stats, verify, insert, remove, pop.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link
 * dev.stablestructures.StableStructureException}; nothing else, no hang, no OutOfMemoryError.
 * Seeds: {@code BTreeMapBlobFuzzTestInputs/loadAndOperate/}, the crate's V1 dump {@code
 * vectors/data/reference-repo/btreemap_v1_packed_headers.dump} and the published {@code
 * btreemap-v1-migrated.bin.gz}.
 */
class BTreeMapBlobFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    MapOps.exercise(
        FuzzMemories.memory(input),
        Codecs.blob(10),
        Codecs.blob(10),
        new byte[] {1, 2, 3},
        new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
  }
}
