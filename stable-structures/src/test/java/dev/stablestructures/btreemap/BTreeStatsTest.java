package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link BTreeStats#measure}'s two bounds at their edges (found by mutation testing): a tree of
 * exactly the maximum depth is measured and one level more is corruption; in a damaged image whose
 * nodes share children, a walk of exactly as many nodes as the memory could hold is measured and
 * one node more is corruption.
 */
class BTreeStatsTest {
  private static BTreeStats stats(HeapMemory memory) {
    return BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()).stats();
  }

  @Test
  void aTreeOfExactlyTheMaximumDepthIsMeasuredAndOneLevelMoreIsCorruption() {
    BTreeStats deepest = stats(NodeImageBuilder.path(NodeLayout.MAX_DEPTH));
    assertEquals(NodeLayout.MAX_DEPTH, deepest.depth());
    assertEquals(2L * NodeLayout.MAX_DEPTH - 1, deepest.nodes());
    CorruptedStructureException e =
        assertThrows(
            CorruptedStructureException.class,
            () -> stats(NodeImageBuilder.path(NodeLayout.MAX_DEPTH + 1)));
    assertEquals("the tree is deeper than " + NodeLayout.MAX_DEPTH, e.getMessage());
  }

  /** An internal node over {@code children} (keys in order, their values irrelevant here). */
  private static long over(NodeImageBuilder b, long... children) {
    long[] keys = new long[children.length - 1];
    Arrays.setAll(keys, i -> 1000L + i);
    return b.internal(keys, children);
  }

  /**
   * A root over a node Z (over 12 times a node Y), 5 times Y and {@code leaves} times a leaf L,
   * where Y is over 12 times L: the walk visits 1 + 157 + 65 + {@code leaves} nodes.
   */
  private static HeapMemory sharedChildren(int leaves) {
    NodeImageBuilder b = new NodeImageBuilder();
    long l = b.leaf(0, 1);
    long[] twelve = new long[Node.CAPACITY + 1];
    Arrays.fill(twelve, l);
    long y = over(b, twelve);
    Arrays.fill(twelve, y);
    long z = over(b, twelve);
    long[] children = new long[6 + leaves];
    Arrays.fill(children, y);
    children[0] = z;
    Arrays.fill(children, 6, children.length, l);
    return b.finish(over(b, children));
  }

  /**
   * One page holds at most 65,536 / 291 + 1 = 226 u64 nodes by the walk's bound: 226 visits are
   * measured (though they are 4 nodes), 227 are corruption, whether the extra one is a leaf or not.
   */
  @Test
  void aWalkOfExactlyAsManyNodesAsTheMemoryHoldsIsMeasuredAndOneMoreIsCorruption() {
    HeapMemory memory = sharedChildren(3);
    assertEquals(226, memory.sizeInBytes() / (275 + Allocator.CHUNK_HEADER_SIZE) + 1);
    BTreeStats stats = stats(memory);
    assertEquals(226, stats.nodes());
    assertEquals(19, stats.internalNodes(), "root, Z, 12 + 5 times Y");
    assertEquals(4, stats.depth());

    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, () -> stats(sharedChildren(4)));
    assertEquals("the tree has more nodes than the memory holds", e.getMessage());
  }
}
