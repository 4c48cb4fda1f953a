package dev.stablestructures.crash;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;

/**
 * The structures of a reopened file, each loaded on its own so that one that fails to load does not
 * hide the state of the others. A structure that failed to load is null, and its failure is a
 * finding. Loading never writes (the parent must not change the file it judges).
 *
 * @param map the {@code u64 -> u64} B-tree, or null
 * @param blobs the large-value B-tree, or null
 * @param vec the vector, or null
 * @param cell the cell, or null
 * @param log the log, or null
 * @param heap the min-heap, or null
 * @param manager the memory manager that holds them all
 */
record Reopened(
    StableBTreeMap<Long, Long> map,
    StableBTreeMap<Long, byte[]> blobs,
    StableVec<byte[]> vec,
    StableCell<byte[]> cell,
    StableLog<byte[]> log,
    StableMinHeap<Long> heap,
    MemoryManager manager) {
  static final String MAP = "btree u64->u64";
  static final String BLOBS = "btree u64->bytes";
  static final String VEC = "vec";
  static final String CELL = "cell";
  static final String LOG = "log";
  static final String HEAP = "minheap";
  static final String MANAGER = "manager";

  /**
   * Loads every structure from {@code root}.
   *
   * @param root the reopened file memory
   * @param findings where load failures go
   * @return the structures, null where a load failed; null if the manager itself failed
   */
  static Reopened load(Memory root, Findings findings) {
    MemoryManager manager = findings.guard(MANAGER, "load", () -> MemoryManager.load(root));
    if (manager == null) {
      return null;
    }
    return new Reopened(
        findings.guard(MAP, "load", () -> Stores.loadMap(manager)),
        findings.guard(BLOBS, "load", () -> Stores.loadBlobs(manager)),
        findings.guard(VEC, "load", () -> Stores.loadVec(manager)),
        findings.guard(CELL, "load", () -> Stores.loadCell(manager)),
        findings.guard(LOG, "load", () -> Stores.loadLog(manager)),
        findings.guard(HEAP, "load", () -> Stores.loadHeap(manager)),
        manager);
  }
}
