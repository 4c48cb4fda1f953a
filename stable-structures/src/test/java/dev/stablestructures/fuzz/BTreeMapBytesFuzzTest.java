package dev.stablestructures.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code BTreeMap<bytes, bytes>} image (unbounded keys and values, so long values go to
 * overflow pages): load, get, first/last, iterate both ways, stats, verify, insert, remove, pop.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link
 * dev.stablestructures.StableStructureException}; nothing else, no hang, no OutOfMemoryError.
 * Seeds: {@code BTreeMapBytesFuzzTestInputs/loadAndOperate/}, slices of the published {@code
 * vectors/data/published/btreemap-string-bytes.bin.gz} (its string keys read as bytes).
 */
class BTreeMapBytesFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    MapOps.exercise(
        FuzzMemories.memory(input),
        Codecs.bytes(),
        Codecs.bytes(),
        "k42".getBytes(StandardCharsets.US_ASCII),
        new byte[3000]);
  }
}
