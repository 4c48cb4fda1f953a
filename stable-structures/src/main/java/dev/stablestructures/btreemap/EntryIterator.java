package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Walks the entries of a key range, ascending or descending, like the crate's {@code iter.rs}: a
 * stack of (node, position) frames over heap copies of the nodes on the current path. Keys are
 * compared as stored; keys and values are decoded only when an entry's getters are called ({@link
 * LazyEntry}). Every view's iterator is one of these.
 *
 * <pre>
 * frames[0]         root copy,  position = next key index (descending: keys below it remain)
 * frames[1]         child copy, ...
 * frames[depth - 1] the node the next entry comes from
 * </pre>
 *
 * <p><b>Validity: one write epoch.</b> The tree counts every mutation ({@link BTree#writeEpoch()})
 * and remembers the epoch at which its set of keys last changed ({@link BTree#keySetEpoch()}). When
 * the write epoch moved since this iterator last looked, its node copies may be stale: if the key
 * set changed (a new key, a removal, a clear) made other than through {@link #remove()}, it fails
 * fast with {@link ConcurrentModificationException}; otherwise (value overwrites, including those
 * that split nodes on their way down, as the crate's insert does) it re-descends from the root to
 * just past the last key it returned and goes on, as {@code TreeMap}'s iterators do.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class EntryIterator<K, V> implements Iterator<Map.Entry<K, V>> {
  private final BTree<K, V> tree;
  private final KeyOrder<K> order;
  private final boolean descending;
  private final boolean writableEntries;

  /** Where the walk begins, in the direction of travel; null for the edge of the tree. */
  private final K startKey;

  private final boolean startInclusive;

  /** Where it stops; null for the edge of the tree. */
  private final K endKey;

  private final byte[] end;
  private final boolean endInclusive;

  private final Node[] nodes = new Node[NodeLayout.MAX_DEPTH + 1];
  private final int[] positions = new int[NodeLayout.MAX_DEPTH + 1];
  private int depth;

  /** The write epoch the frames were read at. */
  private long seenEpoch;

  /** Entries passed since the last descent from the root: more than the length is a cycle. */
  private long yielded;

  private boolean ready;
  private boolean done;
  private Node currentNode;
  private int currentIndex;

  /** The last entry returned by {@link #next()}, while {@link #remove()} may remove it. */
  private LazyEntry<K, V> last;

  /** The stored bytes of the last key returned: where a re-descent resumes. */
  private byte[] resumeAfter;

  EntryIterator(
      BTree<K, V> tree,
      K from,
      boolean fromInclusive,
      K to,
      boolean toInclusive,
      boolean descending,
      boolean writableEntries) {
    this.tree = tree;
    this.order = tree.keyOrder();
    this.descending = descending;
    this.writableEntries = writableEntries;
    this.startKey = descending ? to : from;
    this.startInclusive = descending ? toInclusive : fromInclusive;
    this.endKey = descending ? from : to;
    this.end = endKey == null ? null : tree.keyCodec().encode(endKey);
    this.endInclusive = descending ? fromInclusive : toInclusive;
    this.seenEpoch = tree.writeEpoch();
    descendTo(startKey, startKey == null ? null : tree.keyCodec().encode(startKey), startInclusive);
  }

  /** Pushes the path to the first entry at or past {@code key} in the direction of travel. */
  private void descendTo(K key, byte[] start, boolean inclusive) {
    if (tree.rootAddress() == 0) {
      done = true;
      return;
    }
    Node node = tree.loadNode(tree.rootAddress());
    while (true) {
      int pos;
      if (start == null) {
        pos = descending ? node.count : 0;
      } else {
        int found = order.search(node, key, start);
        if (found >= 0) {
          // Ascending: the next entry is `found` (found + 1 if exclusive). Descending: the
          // entries below `pos` remain (found + 1 if inclusive).
          pos = descending == inclusive ? found + 1 : found;
          push(node, pos);
          if (!node.leaf && !inclusive) {
            // The subtree next to the excluded key lies inside the range.
            descendEdge(tree.loadNode(node.child(descending ? found : found + 1)));
          }
          return;
        }
        pos = -found - 1;
      }
      push(node, pos);
      if (node.leaf) {
        return;
      }
      node = tree.loadNode(node.child(pos));
    }
  }

  private void push(Node node, int position) {
    if (depth > NodeLayout.MAX_DEPTH) {
      throw new CorruptedStructureException("the tree is deeper than " + NodeLayout.MAX_DEPTH);
    }
    nodes[depth] = node;
    positions[depth] = position;
    depth++;
  }

  /** Pushes the path to the first (ascending) or last (descending) entry of a subtree. */
  private void descendEdge(Node node) {
    while (true) {
      push(node, descending ? node.count : 0);
      if (node.leaf) {
        return;
      }
      node = tree.loadNode(node.child(descending ? node.childCount - 1 : 0));
    }
  }

  /** Moves to the next entry in range; false at the end. Does not check the epoch. */
  boolean advance() {
    while (depth > 0) {
      int top = depth - 1;
      Node node = nodes[top];
      int pos = positions[top];
      if (descending ? pos == 0 : pos >= node.count) {
        nodes[top] = null;
        depth--;
        continue;
      }
      int index = descending ? pos - 1 : pos;
      if (end != null) {
        int c = order.compare(node.keys[index], endKey, end);
        if (descending ? (endInclusive ? c < 0 : c <= 0) : (endInclusive ? c > 0 : c >= 0)) {
          break;
        }
      }
      if (++yielded > tree.size()) {
        throw new CorruptedStructureException("the tree holds more entries than its length");
      }
      positions[top] = descending ? pos - 1 : pos + 1;
      if (!node.leaf) {
        descendEdge(tree.loadNode(node.child(descending ? index : index + 1)));
      }
      currentNode = node;
      currentIndex = index;
      return true;
    }
    done = true;
    depth = 0;
    Arrays.fill(nodes, null);
    return false;
  }

  /** Counts the entries left, without decoding any. */
  long countRemaining() {
    long n = 0;
    while (advance()) {
      n++;
    }
    return n;
  }

  /** Fails fast on a key-set change made elsewhere; re-descends after any other write. */
  private void sync() {
    long now = tree.writeEpoch();
    if (now == seenEpoch) {
      return;
    }
    if (tree.keySetEpoch() > seenEpoch) {
      throw new ConcurrentModificationException(
          "the map was structurally changed other than through this iterator");
    }
    resume();
  }

  /** Reads the path again from the root, strictly past the last key returned. */
  private void resume() {
    seenEpoch = tree.writeEpoch();
    depth = 0;
    Arrays.fill(nodes, null);
    ready = false; // an entry found in the old frames is found again
    yielded = 0;
    if (done) {
      return;
    }
    if (resumeAfter == null) {
      descendTo(
          startKey, startKey == null ? null : tree.keyCodec().encode(startKey), startInclusive);
    } else {
      K key = order.kind() == KeyOrder.Kind.CODEC ? tree.keyCodec().decode(resumeAfter) : null;
      descendTo(key, resumeAfter, false);
    }
  }

  @Override
  public boolean hasNext() {
    sync();
    if (!ready && !done) {
      ready = advance();
    }
    return ready;
  }

  @Override
  public LazyEntry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ready = false;
    last = new LazyEntry<>(tree, currentNode, currentIndex, writableEntries);
    resumeAfter = last.keyBytes();
    return last;
  }

  /**
   * Removes the last entry returned, through the tree, then goes on strictly after its key. The
   * entry stays readable (its value is read before the removal).
   */
  @Override
  public void remove() {
    if (last == null) {
      throw new IllegalStateException("next() was not called, or remove() was already called");
    }
    sync();
    last.freeze();
    tree.remove(last.getKey());
    last = null;
    resume();
  }
}
