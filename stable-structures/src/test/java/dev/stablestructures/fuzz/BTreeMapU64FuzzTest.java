package dev.stablestructures.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.codec.Codecs;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code BTreeMap<u64, u64>} image: load, get, first/last, iterate both ways, stats,
 * verify, insert, remove, pop first/last; forEach and forEachLong walks.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link
 * dev.stablestructures.StableStructureException}; nothing else, no hang (timeout per input), no
 * OutOfMemoryError. Seeds: {@code BTreeMapU64FuzzTestInputs/loadAndOperate/}, slices and the whole
 * of the published {@code vectors/data/published/btreemap-u64-u64.bin.gz}.
 */
class BTreeMapU64FuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    MapOps.exercise(
        FuzzMemories.memory(input), Codecs.u64(), Codecs.u64(), 4_242L, 0x0123_4567_89AB_CDEFL);
  }
}
