package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;

/**
 * How much memory a stored B-tree map uses, and how well its nodes are filled: the answer to the
 * crate's issue #220 ("how much memory does a map use"), which the crate itself cannot give.
 *
 * <p>A snapshot, taken by walking every node and the allocator's free list once. Memory is counted
 * in allocator chunks: every node and every overflow page is one chunk of {@link #chunkSize()}
 * bytes plus a 16-byte chunk header. Freed chunks are reused before the map grows, and memory is
 * never given back, so {@link #bytesUsed()} only falls on {@code clear}. Two snapshots are equal
 * when every count is.
 *
 * @param entries the number of entries (the stored length)
 * @param depth the number of node levels; 0 for an empty map, 1 when the root is a leaf
 * @param leafNodes the number of leaf nodes
 * @param internalNodes the number of internal nodes
 * @param overflowPages the number of overflow pages that hold the parts of V2 nodes larger than one
 *     page
 * @param allocatedChunks the allocator's count of chunks in use (nodes plus overflow pages), as
 *     stored in its header; equals {@code nodes() + overflowPages()} in a sound map
 * @param freeChunks the number of freed chunks waiting on the free list to be reused
 * @param chunkSize the bytes of one chunk, not counting its 16-byte header: the page size of a V2
 *     map, or the fixed node size of a V1 map
 * @param bytesUsed the bytes of memory the map occupies: from address 0 to the end of the last
 *     chunk header the allocator wrote (its frontier), including free chunks below it
 */
public record BTreeStats(
    long entries,
    int depth,
    long leafNodes,
    long internalNodes,
    long overflowPages,
    long allocatedChunks,
    long freeChunks,
    long chunkSize,
    long bytesUsed) {
  /**
   * Walks the whole tree, depth first with an explicit stack, and the allocator's free list. Every
   * node is loaded once (its overflow chain counted); the walk is bounded by the number of chunks
   * the memory can hold, so a cycle is corruption, not a loop.
   */
  static BTreeStats measure(long root, long length, NodeStore store, Allocator allocator) {
    long leaves = 0;
    long internals = 0;
    long overflowPages = 0;
    int depth = 0;
    if (root != 0) {
      long[] stack = new long[NodeLayout.MAX_DEPTH * Node.CAPACITY + 16];
      int[] depths = new int[stack.length];
      int sp = 0;
      stack[sp] = root;
      depths[sp++] = 1;
      long limit = allocator.memory().sizeInBytes() / allocator.chunkStride() + 1;
      while (sp > 0) {
        sp--;
        int d = depths[sp];
        if (d > NodeLayout.MAX_DEPTH) {
          throw new CorruptedStructureException("the tree is deeper than " + NodeLayout.MAX_DEPTH);
        }
        Node node = store.load(stack[sp], 0);
        depth = Math.max(depth, d);
        overflowPages += node.overflowCount;
        if (node.leaf) {
          leaves++;
        } else {
          internals++;
          for (int i = node.childCount - 1; i >= 0; i--) {
            stack[sp] = node.children[i];
            depths[sp++] = d + 1;
          }
        }
        if (leaves + internals > limit) {
          throw new CorruptedStructureException("the tree has more nodes than the memory holds");
        }
      }
    }
    long[] free = allocator.walkFreeList();
    return new BTreeStats(
        length,
        depth,
        leaves,
        internals,
        overflowPages,
        allocator.allocatedChunks(),
        free[0],
        allocator.allocationSize(),
        free[1] + Allocator.CHUNK_HEADER_SIZE);
  }

  /**
   * Returns the number of nodes, leaves and internal nodes together.
   *
   * @return the node count
   */
  public long nodes() {
    return leafNodes + internalNodes;
  }

  /**
   * Returns the fraction of entry slots in use: entries / (nodes × 11); 0 for an empty map.
   *
   * @return the fill factor, from 0 to 1
   */
  public double fillFactor() {
    long nodes = nodes();
    return nodes == 0 ? 0 : (double) entries / (nodes * Node.CAPACITY);
  }

  @Override
  public String toString() {
    return "BTreeStats{entries="
        + entries
        + ", depth="
        + depth
        + ", leafNodes="
        + leafNodes
        + ", internalNodes="
        + internalNodes
        + ", overflowPages="
        + overflowPages
        + ", allocatedChunks="
        + allocatedChunks
        + ", freeChunks="
        + freeChunks
        + ", chunkSize="
        + chunkSize
        + ", bytesUsed="
        + bytesUsed
        + String.format(", fillFactor=%.3f}", fillFactor());
  }
}
