package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;
import static dev.stablestructures.fuzz.FuzzMemories.walk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code MinHeap<u64>} image: load, len, peek, iterate, verify, push, pop.
 *
 * <p>Contract: on any image, each operation returns or throws a {@link StableStructureException};
 * nothing else, no hang, no OutOfMemoryError. Seeds: {@code MinHeapFuzzTestInputs/loadAndOperate/},
 * the published {@code vectors/data/published/minheap-u64.bin.gz}, trailing zeros cut.
 */
class MinHeapFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    exercise(FuzzMemories.memory(input));
  }

  /**
   * Loads the heap in {@code memory} and runs its first operations.
   *
   * @param memory the fuzzed memory
   */
  static void exercise(Memory memory) {
    StableMinHeap<Long> heap;
    try {
      heap = StableMinHeap.load(memory, Codecs.u64());
    } catch (StableStructureException expected) {
      return;
    }
    attempt(heap::longSize);
    attempt(heap::peek);
    attempt(() -> walk(heap.iterator(), memory));
    attempt(heap::verify);
    attempt(() -> heap.push(3L));
    attempt(heap::pop);
    attempt(heap::pop);
    attempt(heap::verify);
  }
}
