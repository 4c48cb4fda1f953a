package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged trees whose child addresses lead back to the root: every write that follows such an
 * address ends in a typed error from the depth bound (or an earlier check), never in an endless
 * walk, and leaves the image byte for byte as it was. Each write path has its own loop of descents
 * (in place, on loaded nodes, along an edge), and each is bounded on its own.
 */
class BTreeCycleTest {
  /** Even keys 0, 2, ... so that odd keys fall between stored ones. */
  private static final long STEP = 2;

  /** The writes, each aimed at one side of the root or at one of its keys. */
  enum Write {
    INSERT_ABOVE_ALL,
    INSERT_BELOW_ALL,
    INSERT_BESIDE_A_ROOT_KEY,
    REMOVE_ABOVE_ALL,
    REMOVE_FIRST_KEY,
    REMOVE_A_ROOT_KEY,
    POP_LAST,
    POP_FIRST;

    void applyTo(BTree<Long, Long> tree) {
      switch (this) {
        case INSERT_ABOVE_ALL -> tree.insert(1_000_001L, 0L);
        case INSERT_BELOW_ALL -> tree.insert(1L, 0L);
        case INSERT_BESIDE_A_ROOT_KEY -> tree.insert(rootKey(tree) + 1, 0L);
        case REMOVE_ABOVE_ALL -> tree.remove(1_000_001L);
        case REMOVE_FIRST_KEY -> tree.remove(0L);
        case REMOVE_A_ROOT_KEY -> tree.remove(rootKey(tree));
        case POP_LAST -> tree.popLast();
        case POP_FIRST -> tree.popFirst();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void aRootOfAtLeastBKeysThatIsEachOfItsChildrenIsTooDeepForEveryWrite(Write write) {
    // 60 keys: a root of 9 keys (at least B) over leaves, so every write steps through it in place.
    assertTooDeep(Edge.EVERY, write);
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void aRootOfFewerThanBKeysThatIsEachOfItsChildrenRefusesEveryWrite(Write write) {
    // 30 keys: a root of 4 keys (below B), so a removal loads it and rebalances through the loop.
    RefusedWrites.refused(loopedTree(30, Edge.EVERY), write::applyTo);
  }

  @ParameterizedTest
  @EnumSource(
      value = Write.class,
      names = {"INSERT_ABOVE_ALL", "REMOVE_ABOVE_ALL", "POP_LAST"})
  void aRightEdgeThatLoopsBackIsTooDeepForTheWritesAlongIt(Write write) {
    assertTooDeep(Edge.LAST, write);
  }

  @ParameterizedTest
  @EnumSource(
      value = Write.class,
      names = {"INSERT_BELOW_ALL", "REMOVE_FIRST_KEY", "POP_FIRST"})
  void aLeftEdgeThatLoopsBackIsTooDeepForTheWritesAlongIt(Write write) {
    assertTooDeep(Edge.FIRST, write);
  }

  /** A root of 9 keys (60 in the tree) looped on {@code edge}: the write meets the depth bound. */
  private static void assertTooDeep(Edge edge, Write write) {
    assertEquals(
        "the tree is deeper than " + NodeLayout.MAX_DEPTH,
        RefusedWrites.refused(loopedTree(60, edge), write::applyTo));
  }

  /** Which of the root's child addresses are pointed back at the root. */
  private enum Edge {
    FIRST,
    LAST,
    EVERY
  }

  /** A two-level tree of {@code keys} keys whose root is its own child on the chosen edges. */
  private static HeapMemory loopedTree(int keys, Edge edge) {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < keys; i++) {
      tree.insert(i * STEP, i);
    }
    long root = tree.rootAddress();
    Node top = TestTrees.parts(memory, Codecs.u64(), Codecs.u64()).store().load(root, 0);
    for (int c = 0; c < top.childCount; c++) {
      boolean loops =
          edge == Edge.EVERY
              || (edge == Edge.FIRST && c == 0)
              || (edge == Edge.LAST && c == top.childCount - 1);
      if (loops) {
        memory.writeLongLE(root + NodeLayout.V2_CHILDREN_OFFSET + 8L * c, root);
      }
    }
    return memory;
  }

  /** The root's first key. */
  private static long rootKey(BTree<Long, Long> tree) {
    NodeStore store = TestTrees.parts(tree.memory(), Codecs.u64(), Codecs.u64()).store();
    return Codecs.u64().decode(store.load(tree.rootAddress(), 0).keys[0]);
  }
}
