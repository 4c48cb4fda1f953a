package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole-canister script against the crate's 64 MiB image: what the generic script tests cannot
 * show, that each structure sits in its own memory and a difference is reported by memory.
 */
class CanisterVectorScriptsTest {
  private static final String NAME = "canister-memory-manager";
  private static final VectorScript SCRIPT = CanisterVectorScripts.CANISTER_MEMORY_MANAGER;

  private static HeapMemory published() {
    return HeapMemory.of(PublishedVectors.read(NAME));
  }

  @Test
  void eachStructureIsInItsOwnMemory() {
    MemoryManager manager = MemoryManager.load(published());
    Map<Integer, String> magics =
        Map.of(0, "BTR", 1, "BTR", 2, "SVC", 3, "SCL", 4, "GLI", 5, "GLD", 6, "SMH", 254, "BTR");
    for (int id = 0; id <= MemoryManager.MAX_MEMORY_ID; id++) {
      String expected = magics.get(id);
      if (expected == null) {
        assertEquals(0, manager.get(id).size(), "memory " + id + " is unused");
      } else {
        byte[] magic = manager.get(id).readBytes(0, 3);
        assertEquals(expected, new String(magic, StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  void aDamagedStructureIsReportedByItsMemory() {
    HeapMemory image = published();
    MemoryManager manager = MemoryManager.load(image);
    // The vec-u64's first element: 8 bytes at 64 of memory 2.
    manager.get(2).writeLongBE(64, 12345);
    List<String> problems =
        SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, Map.of(NAME, image));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("memory [2] (vec-u64): "), problems.get(0));
  }

  @Test
  void aMemoryTheScriptLeavesEmptyMustBeEmpty() {
    HeapMemory image = published();
    Memories.ensureCapacity(MemoryManager.load(image).get(7), 1);
    List<String> problems =
        SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, Map.of(NAME, image));
    assertEquals(List.of("memory 7 should be empty but holds 1 pages."), problems);
  }
}
