package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.VerifyChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The depth bound on the write paths that work on loaded nodes (the crate's recursive walks:
 * rebalancing removals, splitting inserts), on damaged trees that are one long path: a tree whose
 * leaf sits at depth {@link NodeLayout#MAX_DEPTH} takes the write, one level more is refused with
 * the image unchanged. A real tree never gets near (64 levels need more than 6^63 entries), so only
 * such an image reaches the bound; each path counts its own depth, and these trees make each path
 * the one that walks all the way down.
 */
class BTreeDepthBoundTest {
  private static final Codec<Long> U64 = Codecs.u64();
  private static final long ROOT_KEY = 5_000;
  private static final String TOO_DEEP = "the tree is deeper than " + NodeLayout.MAX_DEPTH;

  @Test
  void aRemovalThatMergesAtEveryLevelStopsAtTheBound() {
    assertBound(
        levels -> thinPath(levels, Node.B - 1), tree -> tree.remove(0L), NodeLayout.MAX_DEPTH);
  }

  @Test
  void aPopFirstThatMergesAtEveryLevelStopsAtTheBound() {
    assertBound(levels -> thinPath(levels, Node.B - 1), BTree::popFirst, NodeLayout.MAX_DEPTH);
  }

  @Test
  void aRemovalThatMergesDownToALeafThatCanLoseAnEntryStopsAtTheBound() {
    // The last step goes into the leaf in place: the merging walk hands its depth on to it.
    assertBound(levels -> thinPath(levels, Node.B), tree -> tree.remove(0L), NodeLayout.MAX_DEPTH);
  }

  @Test
  void aPopFirstThatMergesDownToALeafThatCanLoseAnEntryStopsAtTheBound() {
    assertBound(levels -> thinPath(levels, Node.B), BTree::popFirst, NodeLayout.MAX_DEPTH);
  }

  @Test
  void aRemovalThatTakesThePredecessorAlongARightEdgeStopsAtTheBound() {
    assertBound(
        levels -> edgePath(levels, true), tree -> tree.remove(ROOT_KEY), NodeLayout.MAX_DEPTH);
  }

  @Test
  void aRemovalThatTakesTheSuccessorAlongALeftEdgeStopsAtTheBound() {
    assertBound(
        levels -> edgePath(levels, false), tree -> tree.remove(ROOT_KEY), NodeLayout.MAX_DEPTH);
  }

  @Test
  void aRemovalThatMergesAroundItsKeyAtEveryLevelStopsAtTheBound() {
    assertBound(
        BTreeDepthBoundTest::mergePath, tree -> tree.remove(ROOT_KEY), NodeLayout.MAX_DEPTH);
  }

  @Test
  void anInsertThatSplitsAtEveryLevelStopsAtTheBound() {
    // The full root gets a new root above it: the leaf ends one level lower.
    assertBound(
        levels -> fullPath(levels, level -> true),
        tree -> tree.insert(0L, 0L),
        NodeLayout.MAX_DEPTH - 1);
  }

  @Test
  void anInsertThatSplitsEveryOtherLevelStopsAtTheBound() {
    // Full nodes at odd levels: the walk alternates between stepping in place and splitting.
    assertBound(
        levels -> fullPath(levels, level -> level % 2 == 1),
        tree -> tree.insert(0L, 0L),
        NodeLayout.MAX_DEPTH);
  }

  @Test
  void anInsertThatLearnsFromTheCacheThatAChildIsFullStepsBackAsDeepAsWithoutIt() {
    // A lookup caches every internal node it passes, full ones too (only an insert splits them),
    // so the insert after it learns from the cache, without reading the child, that the root's
    // child is full, and steps back to the root to split it. That step must count the depth as
    // the uncached one does: the leaf lies at the bound, where one level more is refused.
    FullAt odd = level -> level % 2 == 1;
    HeapMemory cachedImage = fullPath(NodeLayout.MAX_DEPTH, odd);
    BTree<Long, Long> cached = BTreeFactory.load(cachedImage, U64, U64);
    long root = cached.rootAddress();
    long fullChild = cached.loadNode(root).children[0];
    assertNull(cached.get(0L));
    List<Long> held = LongStream.of(cached.nodeCache().addresses()).boxed().toList();
    assertTrue(held.containsAll(List.of(root, fullChild)), "the lookup cached both: " + held);
    assertDoesNotThrow(() -> cached.insert(0L, 0L), "at the bound, through the cache");
    HeapMemory uncachedImage = fullPath(NodeLayout.MAX_DEPTH, odd);
    BTree<Long, Long> uncached = BTreeFactory.load(uncachedImage, U64, U64);
    uncached.setCachedNodes(0);
    uncached.insert(0L, 0L);
    assertArrayEquals(
        VerifyChecks.image(uncachedImage), VerifyChecks.image(cachedImage), "the same writes");
  }

  @Test
  void anIteratorWalksATreeAtTheDepthBoundBothWays() {
    // A left spine of one-key nodes, each with a leaf of two keys on its right: 65 levels, so the
    // iterator's per-level arrays grow from their first size to the bound.
    NodeImageBuilder b = new NodeImageBuilder();
    int levels = NodeLayout.MAX_DEPTH;
    long spine = b.leaf(0, 2);
    List<Long> keys = new ArrayList<>(List.of(0L, 1L));
    for (int level = levels - 1; level >= 0; level--) {
      long key = 10L * (levels - level);
      spine = b.internal(new long[] {key}, spine, b.leaf(key + 1, 2));
      keys.addAll(List.of(key, key + 1, key + 2));
    }
    BTree<Long, Long> tree = BTreeFactory.load(b.finish(spine), U64, U64);
    List<Long> up = new ArrayList<>();
    tree.iterator(null, true, null, true, false).forEachRemaining(e -> up.add(e.getKey()));
    assertEquals(keys, up);
    List<Long> down = new ArrayList<>();
    tree.iterator(null, true, null, true, true).forEachRemaining(e -> down.add(0, e.getKey()));
    assertEquals(keys, down);
    List<Long> runUp = new ArrayList<>();
    tree.iterator(null, true, null, true, false)
        .forEachRemaining(true, false, (k, v) -> runUp.add(k));
    assertEquals(keys, runUp, "forEach's leaf runs, the leaf frame the last of the 65");
    List<Long> runDown = new ArrayList<>();
    tree.iterator(null, true, null, true, true)
        .forEachRemaining(true, false, (k, v) -> runDown.add(0, k));
    assertEquals(keys, runDown, "forEach's leaf runs, descending");
    assertEquals(1L, tree.iterator(1L, true, null, true, false).next().getKey(), "from the bottom");
    assertEquals(10L, tree.iterator(2L, false, null, true, false).next().getKey(), "up 63 levels");
  }

  /** Builds an image of {@code levels} internal levels over leaves. */
  private interface Shape {
    HeapMemory build(int levels);
  }

  /** Which levels of a path are full. */
  private interface FullAt {
    boolean test(int level);
  }

  /**
   * The path with {@code deepest} internal levels takes the write; one more level is refused, and
   * the refused write leaves the image as it was.
   */
  private static void assertBound(Shape shape, RefusedWrites.Write write, int deepest) {
    HeapMemory fits = shape.build(deepest);
    assertDoesNotThrow(() -> write.applyTo(BTreeFactory.load(fits, U64, U64)), "at the bound");
    assertEquals(TOO_DEEP, RefusedWrites.refused(shape.build(deepest + 1), write));
  }

  /**
   * A path of internal nodes of one key each, each with a right sibling of one key (a sibling has
   * the same two children as its path node; the walk never visits them twice): removing the
   * smallest key finds the child at the minimum at every level and merges it with its sibling. Path
   * node {@code i} holds key {@code 10_000 - i}, its sibling {@code 20_000 + i}, so every merge
   * finds its keys in order; the two leaves hold {@code leafKeys} keys from 0 and from 100 (below
   * {@link Node#B}, the walk merges them too and never steps in place).
   */
  private static HeapMemory thinPath(int levels, int leafKeys) {
    NodeImageBuilder b = new NodeImageBuilder();
    long path = b.leaf(0, leafKeys);
    long sibling = b.leaf(100, leafKeys);
    for (int level = levels - 1; level >= 0; level--) {
      long nextSibling = b.internal(new long[] {20_000 + level}, path, sibling);
      path = b.internal(new long[] {10_000 - level}, path, sibling);
      sibling = nextSibling;
    }
    return b.finish(path);
  }

  /**
   * A path of internal nodes whose first child is the next path node and whose other children are
   * one shared leaf; the levels {@code full} names hold {@link Node#CAPACITY} keys, the others one.
   * Inserting a key below every stored one walks the first children, splitting every full node.
   */
  private static HeapMemory fullPath(int levels, FullAt full) {
    NodeImageBuilder b = new NodeImageBuilder();
    long shared = b.leaf(1_000_000, 1);
    // A full leaf under a full level, so the walk splits it too and never steps in place.
    long path = b.leaf(1, full.test(levels) ? Node.CAPACITY : 1);
    for (int level = levels - 1; level >= 0; level--) {
      int keys = full.test(level) ? Node.CAPACITY : 1;
      long[] stored = new long[keys];
      long[] children = new long[keys + 1];
      for (int i = 0; i < keys; i++) {
        stored[i] = 10_000L * (level + 1) + i;
        children[i + 1] = shared;
      }
      children[0] = path;
      path = b.internal(stored, children);
    }
    return b.finish(path);
  }

  /**
   * A root holding {@link #ROOT_KEY} over a child at the minimum and a chain of nodes of {@link
   * Node#B} keys (on the left if {@code predecessor}, else on the right): removing the root key
   * takes its predecessor from the left chain's rightmost leaf, or its successor from the right
   * chain's leftmost leaf, stepping in place down the chain's inner edge.
   */
  private static HeapMemory edgePath(int levels, boolean predecessor) {
    NodeImageBuilder b = new NodeImageBuilder();
    long shared = b.leaf(predecessor ? 9_000 : 1_000, 1);
    long chain = b.leaf(predecessor ? 4_000 : 6_000, Node.B);
    for (int level = levels - 1; level >= 1; level--) {
      long[] keys = new long[Node.B];
      long[] children = new long[Node.B + 1];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = (predecessor ? 3_000 : 7_000) + level * 10L + i;
        children[i + 1] = shared;
      }
      children[0] = shared;
      children[predecessor ? Node.B : 0] = chain;
      chain = b.internal(keys, children);
    }
    long other = b.leaf(predecessor ? 9_000 : 1_000, 1);
    long[] rootChildren = predecessor ? new long[] {chain, other} : new long[] {other, chain};
    return b.finish(b.internal(new long[] {ROOT_KEY}, rootChildren));
  }

  /**
   * A root holding {@link #ROOT_KEY} over two chains of one-key nodes, the left one continuing at
   * its last child, the right one at its first: both children of the key are at the minimum at
   * every level, so the removal merges them around the key level after level, down to the leaves.
   */
  private static HeapMemory mergePath(int levels) {
    NodeImageBuilder b = new NodeImageBuilder();
    long shared = b.leaf(1_000_000, 1);
    long left = b.leaf(1_000, 1);
    long right = b.leaf(9_000, 1);
    for (int level = levels - 1; level >= 1; level--) {
      left = b.internal(new long[] {2_000 + level}, shared, left);
      right = b.internal(new long[] {8_000 - level}, right, shared);
    }
    return b.finish(b.internal(new long[] {ROOT_KEY}, left, right));
  }
}
