package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;

/**
 * A B-tree node materialized on the heap for the mutation paths and iterators: keys as their
 * encoded bytes, values either as bytes or as a lazy reference (offset and length in the node's
 * virtual byte string) that {@link NodeStore#value} resolves. Reading and writing the stored forms
 * (V1 and V2) is {@link NodeStore}'s job; this class only holds a node and edits it the way the
 * crate's {@code Node} does.
 *
 * <p>Entries that move from one node to another are always materialized first, because a lazy
 * reference only means something inside the node it was read from.
 */
final class Node {
  /** The minimum degree, as in the crate (and Rust's std). */
  static final int B = 6;

  /** Most entries a node holds. */
  static final int CAPACITY = 2 * B - 1;

  final long address;
  final boolean leaf;

  /** Node layout version: 1 (fixed slots) or 2 (pages). A V1 node may become V2 on save. */
  int version;

  int count;
  final byte[][] keys = new byte[CAPACITY + 1][];
  final byte[][] values = new byte[CAPACITY + 1][];
  final int[] valueOffsets = new int[CAPACITY + 1];
  final int[] valueLengths = new int[CAPACITY + 1];
  final long[] children = new long[CAPACITY + 2];
  int childCount;

  /** Overflow pages of a V2 node, in chain order. */
  long[] overflows = NO_PAGES;

  int overflowCount;

  /**
   * The tree's write epoch when the node was read: its lazy values mean something only while the
   * epoch is unchanged (see {@link BTree#writeEpoch()}).
   */
  long epoch;

  static final long[] NO_PAGES = new long[0];

  Node(long address, boolean leaf, int version) {
    this.address = address;
    this.leaf = leaf;
    this.version = version;
  }

  /** Whether the node holds the maximum of entries and must be split before an insert. */
  boolean isFull() {
    return count >= CAPACITY;
  }

  /** Whether an entry can be taken out without merging (the crate's !at_minimum). */
  boolean canRemoveEntryWithoutMerging() {
    return count >= B;
  }

  long child(int index) {
    return children[index];
  }

  void insertChild(int index, long address) {
    System.arraycopy(children, index, children, index + 1, childCount - index);
    children[index] = address;
    childCount++;
  }

  /**
   * Takes a split's median at {@code index} and its new right half, {@code sibling}, as the child
   * after it; returns this node.
   */
  Node insertSplit(int index, byte[][] median, long sibling) {
    insertChild(index + 1, sibling);
    insertEntry(index, median[0], median[1]);
    return this;
  }

  void pushChild(long address) {
    children[childCount++] = address;
  }

  long removeChild(int index) {
    long removed = children[index];
    System.arraycopy(children, index + 1, children, index, childCount - index - 1);
    childCount--;
    return removed;
  }

  long popChild() {
    return children[--childCount];
  }

  /** Inserts a materialized entry. */
  void insertEntry(int index, byte[] key, byte[] value) {
    int tail = count - index;
    System.arraycopy(keys, index, keys, index + 1, tail);
    System.arraycopy(values, index, values, index + 1, tail);
    System.arraycopy(valueOffsets, index, valueOffsets, index + 1, tail);
    System.arraycopy(valueLengths, index, valueLengths, index + 1, tail);
    keys[index] = key;
    values[index] = value;
    count++;
  }

  void pushEntry(byte[][] entry) {
    insertEntry(count, entry[0], entry[1]);
  }

  /** Removes an entry; its value must be materialized (see {@link NodeStore#materialize}). */
  byte[][] removeEntry(int index) {
    byte[][] entry = {keys[index], values[index]};
    int tail = count - index - 1;
    System.arraycopy(keys, index + 1, keys, index, tail);
    System.arraycopy(values, index + 1, values, index, tail);
    System.arraycopy(valueOffsets, index + 1, valueOffsets, index, tail);
    System.arraycopy(valueLengths, index + 1, valueLengths, index, tail);
    count--;
    keys[count] = null;
    values[count] = null;
    return entry;
  }

  byte[][] popEntry() {
    return removeEntry(count - 1);
  }

  /** Replaces an entry, returning the old one (materialized values only). */
  byte[][] swapEntry(int index, byte[][] entry) {
    byte[][] old = {keys[index], values[index]};
    keys[index] = entry[0];
    values[index] = entry[1];
    return old;
  }

  /**
   * The crate's {@code Node::split} of a full node: entries 6 to 10 and children 6 to 11 move to
   * the empty {@code sibling}, entry 5 is taken out and returned (the median), entries 0 to 4 stay.
   * Values must be materialized.
   */
  byte[][] split(Node sibling) {
    for (int i = B; i < count; i++) {
      sibling.insertEntry(sibling.count, keys[i], values[i]);
    }
    while (count > B) {
      popEntry();
    }
    if (!leaf) {
      for (int i = B; i < childCount; i++) {
        sibling.pushChild(children[i]);
      }
      childCount = B;
    }
    return popEntry();
  }

  /** Checks that two siblings are of the same type, as the crate asserts. */
  static void checkSameType(Node a, Node b) {
    if (a.leaf != b.leaf) {
      throw new CorruptedStructureException(
          "sibling nodes " + a.address + " and " + b.address + " are of different types");
    }
  }

  /** Appends {@code median} and then all of {@code b}'s entries and children to {@code a}. */
  static void append(Node a, Node b, byte[][] median) {
    a.pushEntry(median);
    for (int i = 0; i < b.count; i++) {
      a.insertEntry(a.count, b.keys[i], b.values[i]);
    }
    for (int i = 0; i < b.childCount; i++) {
      a.children[a.childCount++] = b.children[i];
    }
    b.clearEntries();
  }

  /** Takes over all entries and children of {@code other}, which becomes empty. */
  void takeContents(Node other) {
    clearEntries();
    for (int i = 0; i < other.count; i++) {
      insertEntry(count, other.keys[i], other.values[i]);
    }
    System.arraycopy(other.children, 0, children, 0, other.childCount);
    childCount = other.childCount;
    other.clearEntries();
  }

  private void clearEntries() {
    for (int i = 0; i < count; i++) {
      keys[i] = null;
      values[i] = null;
    }
    count = 0;
    childCount = 0;
  }
}
