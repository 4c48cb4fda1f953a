package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;
import static dev.stablestructures.fuzz.FuzzMemories.walk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vec.StableVec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@code StableVec} images, of {@code u64} and of {@code Blob<300>} elements: load, len, get
 * (first, last, middle), iterate, verify, set, push, pop.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link StableStructureException};
 * nothing else, no hang, no OutOfMemoryError. The target keeps to the API's own contract (indexes
 * inside {@code len()}, no pop on an empty vector), so an {@code IndexOutOfBoundsException} or
 * {@code NoSuchElementException} is a finding too. Seeds: {@code VecFuzzTestInputs/<method>/}, the
 * published {@code vec-u64.bin.gz} and slices of {@code vec-blob300.bin.gz}, trailing zeros cut.
 */
class VecFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void u64(byte[] input) {
    exercise(FuzzMemories.memory(input), Codecs.u64(), 0xFEED_F00DL);
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void blob300(byte[] input) {
    exercise(FuzzMemories.memory(input), Codecs.blob(300), new byte[300]);
  }

  /**
   * Loads the vector in {@code memory} and runs its first operations.
   *
   * @param memory the fuzzed memory
   * @param codec the element codec
   * @param value an element to write
   * @param <T> element type
   */
  static <T> void exercise(Memory memory, Codec<T> codec, T value) {
    StableVec<T> vec;
    try {
      vec = StableVec.load(memory, codec);
    } catch (StableStructureException expected) {
      return;
    }
    attempt(
        () -> {
          long len = vec.len();
          if (len > 0) {
            vec.get(0L);
            vec.get(len - 1);
            vec.get(len / 2);
          }
        });
    attempt(() -> walk(vec.iterator(), memory));
    attempt(vec::verify);
    attempt(
        () -> {
          if (vec.len() > 0) {
            vec.set(vec.len() - 1, value);
          }
        });
    attempt(() -> vec.push(value));
    attempt(
        () -> {
          if (!vec.isEmpty()) {
            vec.pop();
          }
        });
    attempt(
        () -> {
          if (!vec.isEmpty()) {
            vec.pop();
          }
        });
    attempt(vec::verify);
  }
}
