package dev.stablestructures.cli.inspect;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * What an image holds: either a MemoryManager's memories (page 0 starts with "MGR") or one
 * structure over the whole image, and for each memory the structure its magic names. A Log is
 * recognised as the pair of an index memory ("GLI") and the data memory ("GLD") in the next memory
 * id in use; a B-tree is told to be a set by its walk ({@link Structures}). A structure that
 * refuses to open keeps its error, so a damaged image is still described.
 */
final class Scan {
  /** A memory of the image: a manager's virtual memory, or the whole image ({@code id} -1). */
  static final class Region {
    private final int id;
    private final Memory memory;
    private final int[] buckets;

    Region(int id, Memory memory, int[] buckets) {
      this.id = id;
      this.memory = memory;
      this.buckets = buckets;
    }

    int id() {
      return id;
    }

    Memory memory() {
      return memory;
    }

    int[] buckets() {
      return buckets;
    }

    /** "memory 3", or "the image" for a bare one. */
    String name() {
      return id == -1 ? "the image" : id == -2 ? "the log data image" : "memory " + id;
    }
  }

  /** A structure found at the start of a region (and for a log, the next region too). */
  static final class Found {
    final Region region;
    final Region data;
    final StructureMagic magic;
    final Structure structure;
    final String error;

    Found(Region region, Region data, StructureMagic magic, Structure structure, String error) {
      this.region = region;
      this.data = data;
      this.magic = magic;
      this.structure = structure;
      this.error = error;
    }

    /** The structure's kind, or what the memory's first bytes say when nothing opened. */
    String kind() {
      if (structure != null) {
        return structure.kind();
      }
      if (magic == null) {
        return "unknown";
      }
      return switch (magic) {
        case BTREE -> "StableBTreeMap";
        case VEC -> "StableVec";
        case MIN_HEAP -> "StableMinHeap";
        case CELL -> "StableCell";
        case LOG_INDEX -> "StableLog";
        case LOG_DATA -> "StableLog data memory";
        case MEMORY_MANAGER -> "MemoryManager";
        case RUNTIME_METADATA -> "canister runtime metadata";
      };
    }

    /** "memory 4" or "memories 4+5" (a log). */
    String where() {
      if (data == null) {
        return region.name();
      }
      return region.id < 0
          ? region.name() + " + " + data.name()
          : "memories " + region.id + "+" + data.id;
    }
  }

  final Memory root;
  final MemoryManager manager;
  final String managerError;
  final List<Region> regions = new ArrayList<>();
  final List<Found> found = new ArrayList<>();

  private Scan(Memory root, MemoryManager manager, String managerError) {
    this.root = root;
    this.manager = manager;
    this.managerError = managerError;
  }

  /**
   * Scans an image.
   *
   * @param root the image's memory (read-only)
   * @param order the codec keys follow, or null for unsigned bytes
   */
  static Scan of(Memory root, Codec<?> order) {
    return of(root, order, null);
  }

  /**
   * Scans an image whose Log data memory, if it is a Log's index memory alone, is another image.
   *
   * @param root the image's memory (read-only)
   * @param order the codec keys follow, or null for unsigned bytes
   * @param logData the data memory of a Log whose index memory is {@code root}, or null
   */
  static Scan of(Memory root, Codec<?> order, Memory logData) {
    StructureMagic top = Headers.magicOf(root);
    if (top != StructureMagic.MEMORY_MANAGER) {
      Scan scan = new Scan(root, null, null);
      Region whole = new Region(-1, root, new int[0]);
      scan.regions.add(whole);
      if (logData != null) {
        scan.regions.add(new Region(-2, logData, new int[0]));
      }
      scan.findAll(order);
      return scan;
    }
    MemoryManager manager;
    try {
      manager = MemoryManager.load(root);
    } catch (StableStructureException e) {
      return new Scan(root, null, e.getMessage());
    }
    Scan scan = new Scan(root, manager, null);
    for (int id = 0; id < MemoryManager.MAX_MEMORIES; id++) {
      if (manager.memorySize(id) > 0) {
        scan.regions.add(new Region(id, manager.get(id), manager.bucketsOf(id)));
      }
    }
    scan.findAll(order);
    return scan;
  }

  /** Whether the image is a MemoryManager's (loaded or not). */
  boolean isManaged() {
    return manager != null || managerError != null;
  }

  private void findAll(Codec<?> order) {
    boolean[] claimed = new boolean[regions.size()];
    for (int i = 0; i < regions.size(); i++) {
      if (claimed[i]) {
        continue;
      }
      Region region = regions.get(i);
      StructureMagic magic = Headers.magicOf(region.memory());
      Region data = null;
      if (magic == StructureMagic.LOG_INDEX
          && i + 1 < regions.size()
          && Headers.magicOf(regions.get(i + 1).memory()) == StructureMagic.LOG_DATA) {
        data = regions.get(i + 1);
        claimed[i + 1] = true;
      }
      found.add(open(region, data, magic, order));
    }
  }

  private static Found open(Region region, Region data, StructureMagic magic, Codec<?> order) {
    if (magic == null) {
      return new Found(
          region, null, null, null, "no known structure: " + Headers.describe(region.memory()));
    }
    if (magic == StructureMagic.LOG_DATA || magic == StructureMagic.MEMORY_MANAGER) {
      String error =
          magic == StructureMagic.LOG_DATA
              ? "a Log's data memory whose index memory ('GLI') is not the memory before it"
              : "a MemoryManager inside a memory (not opened: inspect that memory's bytes alone)";
      return new Found(region, null, magic, null, error);
    }
    try {
      Memory dataMemory = data == null ? null : data.memory();
      Structure structure = Structures.open(magic, region.memory(), dataMemory, order);
      return new Found(region, data, magic, structure, null);
    } catch (StableStructureException e) {
      return new Found(
          region, data, magic, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return new Found(region, data, magic, null, e.getMessage());
    }
  }
}
