package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link BTree} edges PIT found untested: the stored root after a removal of an absent key that
 * shrinks the tree, an overwrite in a full root, an insert into a tree whose nodes form a cycle,
 * and a rotation between siblings of two kinds (a leaf beside an internal node, in a damaged
 * image).
 */
class BTreeEdgesTest {
  /** A root of one key over two leaves of five keys each: the next rebalance merges them. */
  private static BTree<Long, Long> rootOverTwoMinimalLeaves(HeapMemory memory) {
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 12; i++) {
      tree.insert(i, i); // the twelfth splits the root leaf: 5 | 5 | 6
    }
    tree.remove(11L);
    assertEquals(2, tree.stats().depth());
    return tree;
  }

  @Test
  void removingAnAbsentKeyThatShrinksTheRootStoresTheNewRoot() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = rootOverTwoMinimalLeaves(memory);
    assertNull(tree.remove(100L)); // case 3: the leaves merge, the root goes away
    assertEquals(1, tree.stats().depth());
    BTree<Long, Long> reloaded = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    assertEquals(tree.rootAddress(), reloaded.rootAddress(), "the stored root");
    for (long i = 0; i < 11; i++) {
      assertEquals(i, reloaded.get(i));
    }
  }

  @Test
  void overwritingTheFirstKeyOfAFullRootDoesNotSplitIt() {
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    for (long i = 0; i < Node.CAPACITY; i++) {
      tree.insert(i, i);
    }
    assertEquals(0L, tree.insert(0L, 100L));
    assertEquals(1, tree.stats().nodes(), "still one full leaf");
    assertEquals(100L, tree.get(0L));
  }

  @Test
  void anInsertIntoATreeWhoseRightEdgeLoopsBackIsCorruptionNotALoop() {
    HeapMemory memory = BTreeTest.deepU64Tree(); // keys 0 to 499, three levels
    long root = memory.readLongLE(12);
    NodeStore store = TestTrees.parts(memory, Codecs.u64(), Codecs.u64()).store();
    Node top = store.load(root, 0);
    Node child = store.load(top.children[top.childCount - 1], 0);
    // The root's last child's last child is the root again.
    memory.writeLongLE(child.address + NodeLayout.V2_CHILDREN_OFFSET + 8L * child.count, root);
    BTree<Long, Long> tree = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> assertThrows(CorruptedStructureException.class, () -> tree.insert(500L, 0L)));
  }

  @Test
  void aRotationFromALeftSiblingThatIsNotALeafIsCorruption() {
    NodeImageBuilder b = new NodeImageBuilder();
    long inner = internalOfBKeys(b, 10);
    long leaf = b.leaf(100, Node.B - 1); // at the minimum: a removal rotates into it
    HeapMemory memory = b.finish(b.internal(new long[] {50}, inner, leaf));
    String message = RefusedWrites.refused(memory, tree -> tree.remove(100L));
    assertEquals("sibling nodes " + inner + " and " + leaf + " are of different types", message);
  }

  @Test
  void aRotationFromARightSiblingThatIsNotALeafIsCorruption() {
    NodeImageBuilder b = new NodeImageBuilder();
    long leaf = b.leaf(0, Node.B - 1);
    long inner = internalOfBKeys(b, 100);
    HeapMemory memory = b.finish(b.internal(new long[] {50}, leaf, inner));
    String message = RefusedWrites.refused(memory, tree -> tree.remove(0L));
    assertEquals("sibling nodes " + inner + " and " + leaf + " are of different types", message);
  }

  /** An internal node of {@link Node#B} keys from {@code firstKey}, able to spare one. */
  private static long internalOfBKeys(NodeImageBuilder b, long firstKey) {
    long shared = b.leaf(firstKey + 1_000, 1);
    long[] keys = new long[Node.B];
    long[] children = new long[Node.B + 1];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = firstKey + i;
      children[i] = shared;
    }
    children[Node.B] = shared;
    return b.internal(keys, children);
  }
}
