package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;

/**
 * Gives the benchmarks (another package) a u64 to u64 {@code BTree}, which is package-private. It
 * lives in the benchmarks module, in the tree's package, until the public map type replaces it.
 */
public final class BTreeBenchmarkAccess {
  private final BTree<Long, Long> tree;

  private BTreeBenchmarkAccess(BTree<Long, Long> tree) {
    this.tree = tree;
  }

  /**
   * Opens the u64 to u64 map in {@code memory}, creating it if the memory is empty.
   *
   * @param memory the memory
   * @return the map
   */
  public static BTreeBenchmarkAccess u64(Memory memory) {
    return new BTreeBenchmarkAccess(BTree.init(memory, Codecs.u64(), Codecs.u64()));
  }

  /**
   * Turns the undo journal of mutations on (the default) or off, to measure its cost.
   *
   * @param atomic whether mutations are journaled
   */
  public void setAtomic(boolean atomic) {
    tree.setAtomic(atomic);
  }

  /**
   * Inserts or updates an entry.
   *
   * @param key the key
   * @param value the value
   * @return the previous value, or null
   */
  public Long insert(long key, long value) {
    return tree.insert(key, value);
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public long size() {
    return tree.size();
  }
}
