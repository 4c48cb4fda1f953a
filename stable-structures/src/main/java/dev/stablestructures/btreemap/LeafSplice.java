package dev.stablestructures.btreemap;

import dev.stablestructures.memory.ByteArrays;
import java.util.Arrays;

/**
 * Inserts an entry into, or removes one from, a V2 leaf by splicing the bytes the {@link Cursor}
 * copied, instead of loading the node, editing it and saving it; and inserts a split's median and
 * new child into a V2 internal node the same way. It writes exactly what that load-edit-save would
 * write (the new node from offset 0; bytes past its end stay as they were), so the image is the
 * crate's, with one bulk write and no decoding. Only nodes that keep fitting their page without
 * overflow pages qualify; for the others the tree takes the general path.
 *
 * <pre>
 * V2 leaf, as the window holds it (see {@link NodeLayout}):
 * +----+----+---------------------------------+-----------------------------------+
 * | 0  | 7  | 15 ..                   keysEnd | keysEnd ..                    end |
 * +----+----+---------------------------------+-----------------------------------+
 * | hd | ov | key 0 | key 1 | ... | key k-1   | len+value 0 | ... | len+value k-1 |
 * +----+----+---------------------------------+-----------------------------------+
 * insert at i: the new key goes before key i, its value before value i; count + 1
 * remove at i: key i and value i are cut out; count - 1
 *
 * V2 internal node: count + 1 children of 8 bytes (little-endian) between ov and the keys:
 * +----+----+---------------------------------+---------------+---------------+
 * | 0  | 7  | 15 ..           15 + 8(k + 1)   | ..    keysEnd | keysEnd ..    |
 * +----+----+---------------------------------+---------------+---------------+
 * | hd | ov | child 0 | child 1 | ... | child k | key 0 .. k-1  | values 0 .. k-1 |
 * +----+----+---------------------------------+---------------+---------------+
 * insert at i (a split's median): the new child goes after child i, the key before key i, the
 * value before value i; count + 1
 * </pre>
 *
 * Used on the write path only, which is single-threaded: the output buffer is reused.
 */
final class LeafSplice {
  private final NodeStore store;
  private final int fixedKeySize;
  private final int keyPrefix;

  /** Where the new image is built. */
  private final byte[] out;

  /** Set by {@link #scanValues}: where the value of the entry at the splice index starts. */
  private int valueAt;

  LeafSplice(NodeStore store, NodeLayout layout) {
    this.store = store;
    this.fixedKeySize = layout.fixedKeySize();
    this.keyPrefix = layout.keyPrefix();
    this.out = new byte[Cursor.windowSize(layout.pageSize())];
  }

  /**
   * Inserts a new entry at {@code index} into the cursor's node, a non-full leaf.
   *
   * @return false, having written nothing, when the leaf does not qualify
   */
  boolean insert(Cursor cursor, int index, byte[] key, byte[] value) {
    int end = insertable(cursor, true, index, key, value, 0);
    if (end < 0) {
      return false;
    }
    int keyAt = keyAt(cursor, index);
    System.arraycopy(cursor.window(), 0, out, 0, keyAt);
    NodeLayout.writeCount(out, cursor.count() + 1);
    finishInsert(cursor, key, value, keyAt, end, keyAt);
    return true;
  }

  /**
   * Inserts a new entry at {@code index} and a new child at {@code index + 1} into the cursor's
   * node, a non-full internal node: a parent taking the median and the new sibling of a split
   * child, without being loaded and saved. The children lie between the overflow address and the
   * keys (see {@link NodeLayout}), so everything from child {@code index + 1} on moves.
   *
   * @return false, having written nothing, when the node does not qualify
   */
  boolean insertInternal(Cursor cursor, int index, byte[] key, byte[] value, long child) {
    int end = insertable(cursor, false, index, key, value, Long.BYTES);
    if (end < 0) {
      return false;
    }
    int childAt = NodeLayout.V2_CHILDREN_OFFSET + Long.BYTES * (index + 1);
    int keyAt = keyAt(cursor, index);
    System.arraycopy(cursor.window(), 0, out, 0, childAt);
    NodeLayout.writeCount(out, cursor.count() + 1);
    ByteArrays.putLongLE(out, childAt, child);
    int o = copy(cursor.window(), childAt, keyAt - childAt, childAt + Long.BYTES);
    finishInsert(cursor, key, value, keyAt, end, o);
    return true;
  }

  /**
   * Whether an insert into the cursor's node qualifies: a V2 node of the kind asked for, not full,
   * the key of the node's fixed size if it has one, and the new image ({@code extra} bytes besides
   * the entry longer) inside the window. Returns where the node's values end, with {@link #valueAt}
   * set, or -1.
   */
  private int insertable(
      Cursor cursor, boolean leaf, int index, byte[] key, byte[] value, int extra) {
    if (!cursor.spliceable()
        || cursor.isLeaf() != leaf
        || cursor.isFull()
        || (fixedKeySize >= 0 && key.length != fixedKeySize)) {
      return -1;
    }
    byte[] window = cursor.window();
    int end = scanValues(window, cursor.keysEnd(), cursor.count(), index);
    long grown = (long) end + extra + keyPrefix + key.length + 4 + value.length;
    return end < 0 || grown > window.length ? -1 : end;
  }

  /** Where key {@code index} starts, its length prefix included; the keys' end for the last. */
  private int keyAt(Cursor cursor, int index) {
    return index < cursor.count() ? (int) cursor.keyOffset(index) - keyPrefix : cursor.keysEnd();
  }

  /**
   * Completes an insert's image from {@code o} on (the new key, the cursor's keys from {@code
   * keyAt}, its values up to {@code end} with the new one at {@link #valueAt}) and writes it.
   */
  private void finishInsert(Cursor cursor, byte[] key, byte[] value, int keyAt, int end, int o) {
    byte[] window = cursor.window();
    if (keyPrefix == 4) {
      ByteArrays.putIntLE(out, o, key.length);
      o += 4;
    }
    o = copy(key, 0, key.length, o);
    o = copy(window, keyAt, valueAt - keyAt, o);
    ByteArrays.putIntLE(out, o, value.length);
    o = copy(value, 0, value.length, o + 4);
    o = copy(window, valueAt, end - valueAt, o);
    store.writeSpliced(cursor.address(), out, o);
  }

  /**
   * Removes entry {@code index} from the cursor's node, a leaf that keeps at least one entry.
   *
   * @return the removed entry's value bytes, or null, having written nothing, when the leaf does
   *     not qualify
   */
  byte[] remove(Cursor cursor, int index) {
    if (!cursor.spliceable() || !cursor.isLeaf() || cursor.count() < 2) {
      return null;
    }
    byte[] window = cursor.window();
    int count = cursor.count();
    int keysEnd = cursor.keysEnd();
    int end = scanValues(window, keysEnd, count, index);
    if (end < 0) {
      return null;
    }
    int valueEnd = valueAt + 4 + ByteArrays.getIntLE(window, valueAt);
    int keyAt = (int) cursor.keyOffset(index) - keyPrefix;
    int keyEnd = keyAt + keyPrefix + cursor.keyLength(index);
    byte[] value = Arrays.copyOfRange(window, valueAt + 4, valueEnd);
    System.arraycopy(window, 0, out, 0, keyAt);
    NodeLayout.writeCount(out, count - 1);
    int o = copy(window, keyEnd, valueAt - keyEnd, keyAt);
    o = copy(window, valueEnd, end - valueEnd, o);
    store.writeSpliced(cursor.address(), out, o);
    return value;
  }

  private int copy(byte[] from, int at, int length, int to) {
    System.arraycopy(from, at, out, to, length);
    return to + length;
  }

  /**
   * Walks the values of a leaf: returns where they end, or -1 if they do not all lie in the window,
   * and sets {@link #valueAt} to where value {@code index} starts (the end if {@code index} is
   * {@code count}).
   */
  private int scanValues(byte[] window, int keysEnd, int count, int index) {
    int end = keysEnd;
    valueAt = -1;
    for (int i = 0; i < count; i++) {
      if (i == index) {
        valueAt = end;
      }
      if (end + 4 > window.length) {
        return -1;
      }
      long length = ByteArrays.getIntLE(window, end) & 0xFFFFFFFFL;
      if (length > window.length - end - 4) {
        return -1;
      }
      end += 4 + (int) length;
    }
    if (valueAt < 0) {
      valueAt = end;
    }
    return end;
  }
}
