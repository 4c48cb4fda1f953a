package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * Walks the entries of a key range, ascending or descending, like the crate's {@code iter.rs}: a
 * stack of (node, position) frames over heap copies of the nodes on the current path ({@link
 * ScanNode}: one bulk copy per node, keys and values decoded from it by offset). Keys are compared
 * as stored and decoded only when returned. Entries ({@link LazyEntry}) of trees with small values
 * are decoded when returned, so the walk reuses one copy per level; others keep their node's copy
 * and decode their value when it is asked for. Every view's iterator is one of these, and {@link
 * #forEachRemaining(boolean, boolean, BiConsumer)} walks without making entries at all.
 *
 * <pre>
 * frames[0]         root copy,  position = next key index (descending: keys below it remain)
 * frames[1]         child copy, ...
 * frames[depth - 1] the node the next entry comes from
 * </pre>
 *
 * <p>The first descent copies only the node the first entry comes from: the internal nodes above it
 * are searched in place with the thread's {@link Cursor} (as {@code get} does) and keep just their
 * address and position until the walk comes back up to them, so a lookup ({@code ceilingEntry},
 * {@code firstEntry}) or a short range copies one node, not one per level.
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
  /**
   * Entries of trees whose values are at most this long (by the value codec's bound) are decoded
   * when returned: cheaper than keeping their node copy alive for a lazy decode.
   */
  static final int DECODED_VALUE_BYTES = 64;

  private final BTree<K, V> tree;
  private final KeyOrder<K> order;
  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;
  private final boolean descending;
  private final boolean writableEntries;

  /** Whether {@link #next()} returns decoded entries rather than lazy ones. */
  private final boolean decodedEntries;

  /** Where the walk begins, in the direction of travel; null for the edge of the tree. */
  private final K startKey;

  private final boolean startInclusive;

  /** Where it stops; null for the edge of the tree. */
  private final K endKey;

  private final byte[] end;
  private final boolean endInclusive;

  /**
   * Levels the per-level arrays hold at first: a tree of a billion entries has at most 12 (every
   * node but the root holds at least 5 keys); {@link #checkLevel} grows them up to the bound.
   */
  static final int FIRST_LEVELS = 12;

  /** One node copy per level, reused for the next node of that level unless pinned. */
  private ScanNode[] frames = new ScanNode[FIRST_LEVELS];

  private int[] positions = new int[FIRST_LEVELS];

  /** The node address of each level whose frame {@link #skip} left unread. */
  private long[] addresses = new long[FIRST_LEVELS];

  private boolean[] unread = new boolean[FIRST_LEVELS];

  /** Whether the children of the frame at each level were touched ({@link #push}). */
  private boolean[] prefetched = new boolean[FIRST_LEVELS];

  /** What the touches of {@link #push} read: stored so that they are not optimized away. */
  @SuppressWarnings("UnusedVariable") // written for its side effect on the cache, never read
  private long touched;

  private int depth;

  /** Leaves the walk has reached, counted up to 2 (past the first is all {@link #push} asks). */
  private int leavesReached;

  /** The write epoch the frames were read at. */
  private long seenEpoch;

  /** Entries passed since the last descent from the root: more than the length is a cycle. */
  private long yielded;

  private boolean ready;
  private boolean done;
  private ScanNode currentNode;
  private int currentIndex;

  /** Whether {@link #remove()} may remove the last entry returned. */
  private boolean removable;

  /** The last entry returned by {@link #next()}, while {@link #remove()} may remove it. */
  private LazyEntry<K, V> last;

  /**
   * Where the last key returned is stored, while its frame is not reused: then in {@link #lastKey}.
   * A re-descent resumes strictly after it.
   */
  private ScanNode lastNode;

  private int lastIndex;

  /**
   * The stored bytes of the last key returned, once its frame was reused; see {@link #lastNode}.
   */
  private byte[] lastKey = new byte[16];

  /** The length of {@link #lastKey}, or -1 when it holds nothing. */
  private int lastKeyLength = -1;

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
    this.keyCodec = tree.keyCodec();
    this.valueCodec = tree.valueCodec();
    this.descending = descending;
    this.writableEntries = writableEntries;
    Bound values = valueCodec.bound();
    this.decodedEntries = values.isBounded() && values.maxSize() <= DECODED_VALUE_BYTES;
    this.startKey = descending ? to : from;
    this.startInclusive = descending ? toInclusive : fromInclusive;
    this.endKey = descending ? from : to;
    this.end = endKey == null ? null : keyCodec.encode(endKey);
    this.endInclusive = descending ? fromInclusive : toInclusive;
    this.seenEpoch = tree.writeEpoch();
    descendTo(startKey, startKey == null ? null : keyCodec.encode(startKey), startInclusive);
  }

  /**
   * Pushes the path to the first entry at or past {@code key} in the direction of travel. Internal
   * nodes the key passes through are searched with the thread's {@link Cursor} and not copied:
   * their frames are read when the walk comes back up to them ({@link #frame}), which a lookup or a
   * short range never does.
   */
  private void descendTo(K key, byte[] start, boolean inclusive) {
    long address = tree.rootAddress();
    if (address == 0) {
      done = true;
      return;
    }
    Cursor cursor = tree.cursor();
    try {
      while (true) {
        cursor.open(address);
        if (!cursor.isLeaf()) {
          int pos =
              start == null ? (descending ? cursor.count() : 0) : order.search(cursor, key, start);
          if (pos < 0 || start == null) {
            pos = start == null ? pos : -pos - 1;
            skip(address, pos);
            address = cursor.child(pos);
            continue;
          }
        }
        ScanNode node = load(address);
        int pos;
        if (start == null) {
          pos = descending ? node.count() : 0;
        } else {
          int found = node.search(order, keyCodec, key, start);
          if (found >= 0) {
            // Ascending: the next entry is `found` (found + 1 if exclusive). Descending: the
            // entries below `pos` remain (found + 1 if inclusive).
            pos = descending == inclusive ? found + 1 : found;
            push(pos);
            if (!node.isLeaf() && !inclusive) {
              // The subtree next to the excluded key lies inside the range.
              descendEdge(node.child(descending ? found : found + 1));
            }
            return;
          }
          pos = -found - 1;
        }
        push(pos);
        return; // a leaf
      }
    } finally {
      cursor.detach();
    }
  }

  /** Pushes an internal level whose node is not copied yet: {@link #frame} reads it on return. */
  private void skip(long address, int position) {
    checkLevel();
    addresses[depth] = address;
    positions[depth] = position;
    prefetched[depth] = false;
    unread[depth] = true;
    depth++;
  }

  /** The frame of {@code level}, read now if {@link #skip} left it unread. */
  private ScanNode frame(int level) {
    return unread[level] ? read(level, addresses[level]) : frames[level];
  }

  /** Fails past the depth bound; grows the per-level arrays to hold level {@link #depth}. */
  private void checkLevel() {
    if (depth > NodeLayout.MAX_DEPTH) {
      throw new CorruptedStructureException("the tree is deeper than " + NodeLayout.MAX_DEPTH);
    }
    if (depth == frames.length) {
      int levels = Math.min(2 * depth, NodeLayout.MAX_DEPTH + 1);
      frames = Arrays.copyOf(frames, levels);
      positions = Arrays.copyOf(positions, levels);
      addresses = Arrays.copyOf(addresses, levels);
      unread = Arrays.copyOf(unread, levels);
      prefetched = Arrays.copyOf(prefetched, levels);
    }
  }

  /**
   * Reads the node at {@code address} into the frame of the next level: that level's copy if
   * nothing handed out still points into it, else a new one.
   */
  private ScanNode load(long address) {
    checkLevel();
    return read(depth, address);
  }

  /** Reads the node at {@code address} into the frame of {@code level}, as {@link #load} says. */
  private ScanNode read(int level, long address) {
    unread[level] = false;
    ScanNode node = frames[level];
    if (node == null || node.isPinned()) {
      node = tree.scanNode();
      frames[level] = node;
    } else if (node == lastNode) {
      saveLastKey();
    }
    node.read(address, tree.writeEpoch());
    return node;
  }

  /**
   * Completes the frame {@link #load} read last, at {@code position}. On reaching a leaf past the
   * first one, touches the parent's other children in the direction of travel, once per parent: the
   * siblings' cache misses then overlap, instead of stalling the walk one leaf at a time. The first
   * leaf touches nothing: a lookup ({@code ceilingEntry}, a short range) ends there, and up to 11
   * siblings' misses would cost it more than the whole descent.
   */
  private void push(int position) {
    positions[depth] = position;
    prefetched[depth] = false;
    boolean leaf = frames[depth].isLeaf();
    if (leaf && leavesReached < 2) {
      leavesReached++;
    }
    if (depth > 0 && leaf && leavesReached > 1 && !prefetched[depth - 1] && !unread[depth - 1]) {
      prefetched[depth - 1] = true;
      ScanNode parent = frames[depth - 1];
      int p = positions[depth - 1]; // this leaf is child p of the parent
      touched +=
          descending
              ? parent.prefetchChildren(0, p)
              : parent.prefetchChildren(p + 1, parent.count() + 1);
    }
    depth++;
  }

  /** Pushes the path to the first (ascending) or last (descending) entry of a subtree. */
  private void descendEdge(long address) {
    while (true) {
      ScanNode node = load(address);
      int pos = descending ? node.count() : 0;
      push(pos);
      if (node.isLeaf()) {
        return;
      }
      address = node.child(pos);
    }
  }

  /** Moves to the next entry in range; false at the end. Does not check the epoch. */
  boolean advance() {
    while (depth > 0) {
      int top = depth - 1;
      ScanNode node = frame(top);
      int pos = positions[top];
      if (descending ? pos == 0 : pos >= node.count()) {
        depth--;
        continue;
      }
      int index = descending ? pos - 1 : pos;
      if (end != null) {
        int c = node.compareKey(index, order, keyCodec, endKey, end);
        if (descending ? (endInclusive ? c < 0 : c <= 0) : (endInclusive ? c > 0 : c >= 0)) {
          break;
        }
      }
      if (++yielded > tree.size()) {
        throw new CorruptedStructureException("the tree holds more entries than its length");
      }
      positions[top] = descending ? pos - 1 : pos + 1;
      if (!node.isLeaf()) {
        descendEdge(node.child(descending ? index : index + 1));
      }
      currentNode = node;
      currentIndex = index;
      return true;
    }
    done = true;
    depth = 0;
    Arrays.fill(frames, null);
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

  /** Keeps the last key returned before its frame is reused. */
  private void saveLastKey() {
    lastKey = lastNode.copyKey(lastIndex, lastKey);
    lastKeyLength = lastNode.keyLength(lastIndex);
    lastNode = null;
  }

  /** The stored bytes of the last key returned, or null if none was. */
  private byte[] lastKeyBytes() {
    if (lastNode != null) {
      return lastNode.keyBytes(lastIndex);
    }
    return lastKeyLength < 0 ? null : Arrays.copyOf(lastKey, lastKeyLength);
  }

  /** Reads the path again from the root, strictly past the last key returned. */
  private void resume() {
    byte[] after = lastKeyBytes();
    if (after != null) {
      lastNode = null;
      lastKey = after;
      lastKeyLength = after.length;
    }
    seenEpoch = tree.writeEpoch();
    depth = 0;
    ready = false; // an entry found in the old frames is found again
    yielded = 0;
    if (done) {
      return;
    }
    if (after == null) {
      descendTo(startKey, startKey == null ? null : keyCodec.encode(startKey), startInclusive);
    } else {
      K key = order.kind() == KeyOrder.Kind.CODEC ? keyCodec.decode(after) : null;
      descendTo(key, after, false);
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

  /** Moves to the next entry, which becomes the last one returned; its frame is current. */
  private void step() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ready = false;
    lastNode = currentNode;
    lastIndex = currentIndex;
    lastKeyLength = -1;
    removable = true;
  }

  @Override
  public LazyEntry<K, V> next() {
    step();
    ScanNode node = currentNode;
    int index = currentIndex;
    if (decodedEntries) {
      last =
          new LazyEntry<>(
              tree,
              node.key(index, keyCodec),
              node.value(index, valueCodec),
              seenEpoch,
              writableEntries);
    } else {
      node.pin();
      last = new LazyEntry<>(tree, node, index, writableEntries);
    }
    return last;
  }

  /** The next key, decoded without making an entry. */
  K nextKey() {
    step();
    last = null;
    return currentNode.key(currentIndex, keyCodec);
  }

  /** The next value, decoded without making an entry. */
  V nextValue() {
    step();
    last = null;
    return currentNode.value(currentIndex, valueCodec);
  }

  /**
   * Hands every remaining entry to {@code action} without making entry objects, each key and value
   * decoded from the frames only if asked for (null otherwise). Frames are reused from node to
   * node, so the walk allocates nothing per node. What the action writes is handled as between
   * calls of {@link #next()}: an overwrite makes the walk re-descend, a key-set change fails it.
   */
  void forEachRemaining(boolean keys, boolean values, BiConsumer<? super K, ? super V> action) {
    while (hasNext()) {
      ready = false;
      int run = 1 + leafRun();
      ScanNode node = currentNode;
      for (int i = 0; i < run && handOut(i); i++) {
        int index = currentIndex;
        action.accept(
            keys ? node.key(index, keyCodec) : null, values ? node.value(index, valueCodec) : null);
      }
    }
  }

  /**
   * As {@link #forEachRemaining(boolean, boolean, BiConsumer)}, for 8-byte keys and values read as
   * primitive longs: the stored big-endian bits of each, XORed with the codec's sign flip (0 for
   * {@code u64}, {@code Long.MIN_VALUE} for {@code i64}; see {@link LongBits}).
   */
  void forEachRemainingLong(long keyFlip, long valueFlip, LongEntryConsumer action) {
    while (hasNext()) {
      ready = false;
      int run = 1 + leafRun();
      ScanNode node = currentNode;
      for (int i = 0; i < run && handOut(i); i++) {
        int index = currentIndex;
        action.accept(node.storedLong(index) ^ keyFlip, node.valueLong(index) ^ valueFlip);
      }
    }
  }

  /**
   * After {@link #advance} found an entry of a leaf: how many of the leaf's next entries in the
   * direction of travel the walk may hand out without {@link #advance}'s checks, which is all of
   * them when the leaf's far key lies inside the range, else none (the walk goes entry by entry).
   */
  private int leafRun() {
    int top = depth - 1;
    ScanNode node = frames[top];
    if (node != currentNode || !node.isLeaf()) {
      return 0;
    }
    int pos = positions[top];
    int remaining = descending ? pos : node.count() - pos;
    if (remaining > 0 && end != null) {
      int c = node.compareKey(descending ? 0 : node.count() - 1, order, keyCodec, endKey, end);
      boolean inside =
          descending ? (endInclusive ? c >= 0 : c > 0) : (endInclusive ? c <= 0 : c < 0);
      return inside ? remaining : 0;
    }
    return remaining;
  }

  /**
   * Makes entry {@code i} of a run the last one handed out: the one {@link #advance} found for
   * {@code i == 0}, else the next of the leaf, unless the action wrote since (then false: {@link
   * #hasNext} re-descends or fails the walk, as after a write between two {@link #next()} calls).
   */
  private boolean handOut(int i) {
    if (i > 0) {
      if (tree.writeEpoch() != seenEpoch) {
        return false;
      }
      int top = depth - 1;
      int pos = positions[top];
      currentIndex = descending ? pos - 1 : pos;
      positions[top] = descending ? pos - 1 : pos + 1;
      if (++yielded > tree.size()) {
        throw new CorruptedStructureException("the tree holds more entries than its length");
      }
    }
    lastNode = currentNode;
    lastIndex = currentIndex;
    lastKeyLength = -1;
    removable = true;
    last = null;
    return true;
  }

  /**
   * Removes the last entry returned, through the tree, then goes on strictly after its key. The
   * entry stays readable (its value is read before the removal).
   */
  @Override
  public void remove() {
    if (!removable) {
      throw new IllegalStateException("next() was not called, or remove() was already called");
    }
    sync();
    K key;
    if (last != null) {
      last.freeze();
      key = last.getKey();
    } else {
      key = keyCodec.decode(lastKeyBytes());
    }
    tree.remove(key);
    removable = false;
    last = null;
    resume();
  }
}
