package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.manager.VirtualMemory;
import dev.stablestructures.memory.Memory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a whole canister image: the MemoryManager's load and verify, then in every memory it holds
 * the structure its magic names, opened and operated as that structure's own target does (a B-tree
 * as {@code BTreeMap<bytes, bytes>} and as {@code BTreeSet<u32>}, a vector as {@code
 * StableVec<u64>}, a Log from its index memory and the first memory holding a Log's data), and a
 * grow of an empty memory.
 *
 * <p>The input is sparse (chunks at offsets, {@link FuzzMemories}), so a canister image of mostly
 * zero pages fuzzes as a few KiB. Contract: on any image, each operation returns or throws a {@link
 * StableStructureException}; nothing else, no hang, no OutOfMemoryError. Seeds: {@code
 * MemoryManagerFuzzTestInputs/loadAndOpenEach/}: the first page of the published {@code
 * canister-memory-manager.bin.gz}, that image repacked with one-page buckets (memories 2, 3, 6 and
 * 254 in one seed, 0, 4 and 5 in another, their bytes unchanged), and a small library-made image.
 */
class MemoryManagerFuzzTest {
  @FuzzTest
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void loadAndOpenEach(byte[] input) {
    MemoryManager manager;
    try {
      manager = MemoryManager.load(FuzzMemories.sparseMemory(input));
    } catch (StableStructureException expected) {
      return;
    }
    attempt(manager::verify);
    int logData = -1;
    for (int id = 0; id <= MemoryManager.MAX_MEMORY_ID && logData < 0; id++) {
      if (StructureMagic.LOG_DATA.equals(magicOf(manager.get(id)))) {
        logData = id;
      }
    }
    for (int id = 0; id <= MemoryManager.MAX_MEMORY_ID; id++) {
      VirtualMemory memory = manager.get(id);
      StructureMagic magic = magicOf(memory);
      if (magic == null) {
        continue;
      }
      switch (magic) {
        case BTREE -> {
          MapOps.exercise(memory, Codecs.bytes(), Codecs.bytes(), new byte[] {1}, new byte[] {2});
          BTreeSetFuzzTest.exercise(memory);
        }
        case VEC -> VecFuzzTest.exercise(memory, Codecs.u64(), 1L);
        case CELL -> CellFuzzTest.exercise(memory);
        case MIN_HEAP -> MinHeapFuzzTest.exercise(memory);
        case LOG_INDEX -> {
          if (logData >= 0) {
            LogFuzzTest.exercise(memory, manager.get(logData));
          }
        }
        default -> {
          // The manager itself, or a Log's data memory (opened with its index above).
        }
      }
    }
    attempt(
        () -> {
          for (int id = 0; id <= MemoryManager.MAX_MEMORY_ID; id++) {
            if (manager.memorySize(id) == 0) {
              manager.get(id).grow(1);
              return;
            }
          }
        });
    attempt(manager::verify);
  }

  /** The structure a memory's first bytes name, or null (empty, short, or no known magic). */
  private static StructureMagic magicOf(Memory memory) {
    try {
      if (memory.size() == 0) {
        return null;
      }
      byte[] first = new byte[3];
      memory.read(0, first, 0, 3);
      return StructureMagic.find(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (StableStructureException e) {
      return null;
    }
  }
}
