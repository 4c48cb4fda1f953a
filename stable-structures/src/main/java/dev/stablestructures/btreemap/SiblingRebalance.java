package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;

/**
 * The node side of the crate's remove case 3, for a child at the minimum (B - 1 entries) that a
 * delete must step into: rotate an entry in from a sibling that can spare one (3a), else merge the
 * child with a sibling (3b). The tree keeps what touches its own state (a root left empty).
 */
final class SiblingRebalance {
  private SiblingRebalance() {}

  /**
   * Rotates an entry into child {@code index} of {@code node} from its left sibling if that can
   * spare one, else from its right; saves the three nodes.
   *
   * @return whether a sibling could spare an entry
   */
  static boolean rotate(NodeStore store, Node node, int index, Node child, Node left, Node right) {
    if (left != null && left.canRemoveEntryWithoutMerging()) {
      Node.checkSameType(left, child);
      byte[][] parent = store.swap(node, index - 1, store.take(left, left.count - 1));
      child.insertEntry(0, parent[0], parent[1]);
      if (left.childCount > 0) {
        child.insertChild(0, left.popChild());
      }
      store.saveAll(left, child, node);
      return true;
    }
    if (right != null && right.canRemoveEntryWithoutMerging()) {
      Node.checkSameType(right, child);
      child.pushEntry(store.swap(node, index, store.take(right, 0)));
      if (!right.leaf) {
        child.pushChild(right.removeChild(0));
      }
      store.saveAll(right, child, node);
      return true;
    }
    return false;
  }

  /**
   * Merges child {@code index} of {@code node} into its left sibling, else its right, with the
   * separating entry, and drops the child from {@code node} (not saved: it may now be empty).
   *
   * @return the merged node
   */
  static Node merge(
      NodeStore store, KeyOrder<?> order, Node node, int index, Node child, Node left, Node right) {
    Node merged;
    if (left != null) {
      merged = store.merge(child, left, store.take(node, index - 1), order);
    } else if (right != null) {
      merged = store.merge(child, right, store.take(node, index), order);
    } else {
      throw new CorruptedStructureException("internal node " + node.address + " has one child");
    }
    node.removeChild(index);
    return merged;
  }
}
