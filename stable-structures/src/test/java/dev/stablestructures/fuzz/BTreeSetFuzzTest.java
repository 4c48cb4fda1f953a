package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;
import static dev.stablestructures.fuzz.FuzzMemories.walk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code BTreeSet<u32>} image: load, contains, first/last, iterate both ways, verify, add,
 * remove, poll first/last.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link StableStructureException};
 * nothing else, no hang, no OutOfMemoryError. Seeds: {@code
 * BTreeSetFuzzTestInputs/loadAndOperate/}, slices and the whole of the published {@code
 * vectors/data/published/btreeset-u32.bin.gz}.
 */
class BTreeSetFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    exercise(FuzzMemories.memory(input));
  }

  /**
   * Loads the set in {@code memory} and runs its first operations.
   *
   * @param memory the fuzzed memory
   */
  static void exercise(Memory memory) {
    StableBTreeSet<Integer> set;
    try {
      set = StableBTreeSet.load(memory, Codecs.u32());
    } catch (StableStructureException expected) {
      return;
    }
    attempt(() -> set.contains(7));
    attempt(set::longSize);
    attempt(() -> set.isEmpty());
    attempt(() -> walk(set.iterator(), memory));
    attempt(() -> walk(set.descendingIterator(), memory));
    attempt(
        () -> {
          if (!set.isEmpty()) {
            set.first();
            set.last();
          }
        });
    attempt(set::verify);
    attempt(() -> set.add(7));
    attempt(() -> set.remove(7));
    attempt(set::pollFirst);
    attempt(set::pollLast);
    attempt(set::verify);
  }
}
