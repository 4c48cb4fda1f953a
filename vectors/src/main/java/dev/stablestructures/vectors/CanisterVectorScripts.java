package dev.stablestructures.vectors;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code canister-memory-manager}: what a whole canister's {@code stable_memory.bin} looks like.
 * One {@code MemoryManager::init(mem)} with the default 128-page buckets, and the other scripts run
 * one after the other, each to its end, each on its own virtual memory with its own seed:
 *
 * <pre>
 * memory  script                 seed       n
 * ------  ---------------------  ---------  ----------------------------------------
 *      0  btreemap-u64-u64       seed       n
 *      1  btreemap-string-bytes  seed + 1   n (the script itself runs with n / 4)
 *      2  vec-u64                seed + 2   n
 *      3  cell-string            seed + 3   (no n)
 *   4, 5  log-bytes              seed + 4   n (index in memory 4, data in memory 5)
 *      6  minheap-u64            seed + 6   n
 *    254  btreeset-u32           seed + 254 n
 * </pre>
 *
 * Every other memory stays empty. The check loads the manager and runs each part's own check on its
 * virtual memories, so a difference is reported by memory and structure.
 */
public final class CanisterVectorScripts {
  /** The whole-canister script. */
  public static final VectorScript CANISTER_MEMORY_MANAGER = new Canister();

  private CanisterVectorScripts() {}

  /**
   * Returns the canister script, for {@link VectorScripts}.
   *
   * @return the scripts
   */
  public static List<VectorScript> all() {
    return List.of(CANISTER_MEMORY_MANAGER);
  }

  /** One script run on some of the manager's memories. */
  private record Part(VectorScript script, List<Integer> memoryIds, long seedOffset) {
    List<Memory> memories(MemoryManager manager) {
      List<Memory> memories = new ArrayList<>();
      for (int id : memoryIds) {
        memories.add(manager.get(id));
      }
      return memories;
    }

    String describe() {
      return "memory " + memoryIds + " (" + script.name() + ")";
    }
  }

  private static final class Canister implements VectorScript {
    private static final String NAME = "canister-memory-manager";

    private final List<Part> parts =
        List.of(
            new Part(BTreeVectorScripts.u64U64(), List.of(0), 0),
            new Part(BTreeVectorScripts.stringBytes(), List.of(1), 1),
            new Part(VecVectorScripts.VEC_U64, List.of(2), 2),
            new Part(CellVectorScripts.CELL_STRING, List.of(3), 3),
            new Part(LogVectorScripts.LOG_BYTES, List.of(4, 5), 4),
            new Part(MinHeapVectorScripts.MINHEAP_U64, List.of(6), 6),
            new Part(BTreeVectorScripts.setU32(), List.of(254), 254));

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> images() {
      return List.of(NAME);
    }

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      MemoryManager manager = MemoryManager.init(memories.get(0));
      for (Part part : parts) {
        part.script().replayInto(seed + part.seedOffset(), n, part.memories(manager));
      }
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      Memory image = images.get(NAME);
      if (image == null) {
        return List.of("image " + NAME + " is missing.");
      }
      MemoryManager manager;
      try {
        manager = MemoryManager.load(image);
      } catch (StableStructureException e) {
        return List.of(NAME + " does not open as a MemoryManager: " + e.getMessage());
      }
      List<String> differences = new ArrayList<>();
      List<Integer> used = new ArrayList<>();
      for (Part part : parts) {
        used.addAll(part.memoryIds());
        List<Memory> memories = part.memories(manager);
        List<String> names = part.script().images();
        Map<String, Memory> named = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          named.put(names.get(i), memories.get(i));
        }
        for (String problem : part.script().check(seed + part.seedOffset(), n, named)) {
          differences.add(part.describe() + ": " + problem);
        }
      }
      for (int id = 0; id <= MemoryManager.MAX_MEMORY_ID; id++) {
        long pages = manager.get(id).size();
        if (!used.contains(id) && pages != 0) {
          differences.add("memory " + id + " should be empty but holds " + pages + " pages.");
        }
      }
      return differences;
    }
  }
}
