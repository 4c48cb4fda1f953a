package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;

/**
 * Reads one node in place, without materializing it: the searches of {@code get}, {@code
 * containsKey} and the descents of insert and remove go through a cursor, and decode only the one
 * value they return. Each thread has its own cursor (the tree keeps them in a {@code ThreadLocal}),
 * so concurrent readers share no mutable state. A cursor points at its tree only from {@link
 * #attach} to {@link #detach}, the span of one operation: a thread's map of thread-locals keeps a
 * dropped tree's cursor until later lookups happen to meet it, and a cursor that held the memory
 * would keep the dropped map's pages alive all that time.
 *
 * <p>{@link #open} copies the first bytes of the node into a heap window with one bulk read (all of
 * a small node: header, children and keys), so the loads of a level overlap instead of waiting on
 * each other, and the comparisons then run in the window. The parse of the header and keys, the
 * binary search and the checked reads are {@link NodeWindow}'s; a cursor adds the primitive long
 * search, children and values read on demand, and what the leaf splicer needs.
 */
final class Cursor extends NodeWindow {
  /** The most bytes of a node copied at once (all of a u64-to-u64 node). */
  private static final int MAX_WINDOW = 1024;

  Cursor(Memory memory, NodeLayout layout) {
    super(memory, layout, MAX_WINDOW);
  }

  /** Points the cursor at its tree's memory and layout for one operation. */
  Cursor attach(Memory memory, NodeLayout layout) {
    this.memory = memory;
    this.layout = layout;
    return this;
  }

  /** Lets go of the tree's memory and layout, at the end of the operation that attached it. */
  void detach() {
    this.memory = null;
    this.layout = null;
  }

  /** How many bytes of a node a cursor copies at once, for a page size. */
  static int windowSize(int pageSize) {
    return Math.min(pageSize, MAX_WINDOW);
  }

  @Override
  void overflowChainRead() {
    // The window stays the first bytes: fields past it are read from memory.
  }

  boolean isFull() {
    return count >= Node.CAPACITY;
  }

  /** Child {@code index} of an internal node (validated when it is opened). */
  long child(int index) {
    long at =
        version == 1
            ? layout.v1ChildrenAt(count) + 8L * index
            : NodeLayout.V2_CHILDREN_OFFSET + 8L * index;
    return readLE(at, Long.BYTES);
  }

  // ---------------------------------------------------------------- searches

  /**
   * Searches keys stored as 8 big-endian bytes: index if found, else -(insertion point) - 1. At
   * most 11 keys, so a branch-free count of the smaller keys beats a binary search, whose
   * unpredictable branches make each key load wait for the previous comparison.
   */
  int searchLong(long probe) {
    int below = 0;
    int found = -1;
    int start = fixedKeysStart();
    byte[] window = bytes;
    if (start >= 0 && fixedKeySize == 8 && start + 8 * count <= flat) {
      // The common case: every key in the window, 8 bytes apart.
      for (int i = 0; i < count; i++) {
        long stored = ByteArrays.getLongBE(window, start + 8 * i);
        below += Long.compareUnsigned(stored, probe) < 0 ? 1 : 0;
        found = stored == probe ? i : found;
      }
    } else {
      for (int i = 0; i < count; i++) {
        long stored = storedLong(i);
        below += Long.compareUnsigned(stored, probe) < 0 ? 1 : 0;
        found = stored == probe ? i : found;
      }
    }
    return found >= 0 ? found : -(below + 1);
  }

  /** Binary search of keys ordered as unsigned bytes; result as {@link #searchLong}. */
  int searchBytes(byte[] encoded) {
    return search(null, null, encoded);
  }

  /** Binary search by the codec's order, decoding the keys compared; as {@link #searchLong}. */
  <K> int searchDecoded(Codec<K> codec, K key) {
    return search(codec, key, null);
  }

  // ---------------------------------------------------------------- values

  /** Decodes the value of entry {@code index}. */
  <V> V value(int index, Codec<V> codec) {
    long offset;
    long length;
    if (version == 1) {
      offset = layout.v1ValueAt(index);
      length = v1Slot(readLE(offset, Integer.BYTES), layout.maxValueSize(), "value");
      offset += 4;
    } else {
      offset = keysEnd;
      for (int i = 0; ; i++) {
        length = readLE(offset, Integer.BYTES);
        offset += 4;
        checkExtent(offset, length);
        if (i == index) {
          break;
        }
        offset += length;
      }
    }
    if (offset + length <= flat) {
      return codec.decode(bytes, (int) offset, (int) length);
    }
    if (offset + length <= pageSize) {
      return codec.read(memory, address + offset, (int) length);
    }
    byte[] copy = copy(offset, (int) length);
    return codec.decode(copy, 0, copy.length);
  }

  // ---------------------------------------------------------------- for the leaf splicer

  /**
   * Whether the leaf splicer may work on this node: a V2 node without overflow pages whose keys end
   * inside the window (its values may still run past it; the splicer checks them).
   */
  boolean spliceable() {
    return version == 2 && firstOverflow == 0 && keysEnd <= flat;
  }

  /** The copied first bytes of the node; read-only for callers. */
  byte[] window() {
    return bytes;
  }

  /** Where the values of a V2 node start (see {@link #spliceable}). */
  int keysEnd() {
    return (int) keysEnd;
  }
}
