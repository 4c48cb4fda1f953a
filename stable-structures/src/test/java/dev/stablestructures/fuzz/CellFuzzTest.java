package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code Cell<String>} image: load (which decodes the value), get, verify, set a short and
 * a long value.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link StableStructureException};
 * nothing else, no hang, no OutOfMemoryError (the stored length is checked against the memory
 * before the value is read). Seeds: {@code CellFuzzTestInputs/loadAndOperate/}, the published
 * {@code vectors/data/published/cell-string.bin.gz}, trailing zeros cut.
 */
class CellFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    exercise(FuzzMemories.memory(input));
  }

  /**
   * Loads the cell in {@code memory} and runs its first operations.
   *
   * @param memory the fuzzed memory
   */
  static void exercise(Memory memory) {
    StableCell<String> cell;
    try {
      cell = StableCell.load(memory, Codecs.string());
    } catch (StableStructureException expected) {
      return;
    }
    attempt(cell::get);
    attempt(cell::verify);
    attempt(() -> cell.set("fuzz"));
    attempt(() -> cell.set("x".repeat(70_000)));
    attempt(cell::verify);
  }
}
