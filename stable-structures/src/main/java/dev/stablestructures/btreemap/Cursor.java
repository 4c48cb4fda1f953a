package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.util.Arrays;

/**
 * Reads one node in place, without materializing it: the searches of {@code get}, {@code
 * containsKey} and the descents of insert and remove go through a cursor, and decode only the one
 * value they return. Each thread has its own cursor (the tree keeps them in a {@code ThreadLocal}),
 * so concurrent readers share no mutable state.
 *
 * <p>{@link #open} copies the first bytes of the node into a heap window with one bulk read (all of
 * a small node: header, children and keys), so the loads of a level overlap instead of waiting on
 * each other, and the comparisons then run in the window. Bytes past the window are read from
 * memory; bytes past the node's first page through its overflow chain, read once per node and only
 * when needed. Offsets come from {@link NodeLayout}.
 *
 * <p>Every read is checked: a damaged image gives {@link CorruptedStructureException}.
 */
final class Cursor {
  /** The most bytes of a node copied at once (all of a u64-to-u64 node). */
  private static final int MAX_WINDOW = 1024;

  private final Memory memory;
  private final NodeLayout layout;
  private final int pageSize;
  private final int fixedKeySize;

  /** The first bytes of the node, copied by {@link #open}. */
  private final byte[] window;

  private long address;
  private int version;
  private int count;
  private boolean leaf;

  /** Where the keys start when they are fixed-size and V2 (then no offsets are recorded), or -1. */
  private int fixedKeysStart;

  /** Where the values of a V2 node start. */
  private long keysEnd;

  /** The first overflow page of a V2 node, 0 if none. */
  private long firstOverflow;

  /** The overflow pages, once read (null before). */
  private long[] overflows;

  private final long[] keyOffsets = new long[Node.CAPACITY];
  private final int[] keyLengths = new int[Node.CAPACITY];
  private byte[] scratch = new byte[64];

  Cursor(Memory memory, NodeLayout layout) {
    this.memory = memory;
    this.layout = layout;
    this.pageSize = layout.pageSize();
    this.fixedKeySize = layout.fixedKeySize();
    this.window = new byte[windowSize(pageSize)];
  }

  /** How many bytes of a node a cursor copies at once, for a page size. */
  static int windowSize(int pageSize) {
    return Math.min(pageSize, MAX_WINDOW);
  }

  /** Moves the cursor to the node at {@code address}, checking its header and key extents. */
  void open(long address) {
    layout.checkAddress(memory, address, "node");
    // In bounds: a chunk's data address leaves at least one allocation, of at least a page.
    memory.read(address, window, 0, window.length);
    int header = layout.checkHeader(address, window);
    this.address = address;
    this.version = NodeLayout.version(header);
    this.count = NodeLayout.count(header);
    this.leaf = NodeLayout.isLeaf(header);
    this.overflows = null;
    if (version == 1) {
      fixedKeysStart = -1;
      long max = layout.maxKeySize();
      for (int i = 0; i < count; i++) {
        long at = layout.v1KeyAt(i);
        long length = readLE(at, Integer.BYTES);
        if (length > max) {
          throw new CorruptedStructureException(
              "V1 node at " + address + ": key of " + length + " bytes in a " + max + " slot");
        }
        keyOffsets[i] = at + 4;
        keyLengths[i] = (int) length;
      }
      return;
    }
    firstOverflow = readLE(NodeLayout.V2_OVERFLOW_OFFSET, Long.BYTES);
    long offset = NodeLayout.v2KeysAt(leaf, count);
    if (fixedKeySize >= 0) {
      fixedKeysStart = (int) offset;
      offset += (long) fixedKeySize * count;
    } else {
      fixedKeysStart = -1;
      for (int i = 0; i < count; i++) {
        long length = readLE(offset, Integer.BYTES);
        offset += 4;
        checkExtent(offset, length);
        keyOffsets[i] = offset;
        keyLengths[i] = (int) length;
        offset += length;
      }
    }
    keysEnd = offset;
  }

  long address() {
    return address;
  }

  int count() {
    return count;
  }

  boolean isLeaf() {
    return leaf;
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
    int start = fixedKeysStart;
    if (start >= 0 && fixedKeySize == 8 && start + 8 * count <= window.length) {
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

  /**
   * Binary search of the keys: by their bytes against {@code encoded} when {@code codec} is null,
   * else decoded and compared with {@code key} by the codec. The choice is the same at every step,
   * so the branch on it is free.
   */
  private <K> int search(Codec<K> codec, K key, byte[] encoded) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = codec == null ? compareBytes(mid, encoded) : compareDecoded(mid, codec, key);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private <K> int compareDecoded(int index, Codec<K> codec, K key) {
    long offset = keyOffset(index);
    int length = keyLength(index);
    K stored;
    if (offset + length <= window.length) {
      stored = codec.decode(window, (int) offset, length);
    } else {
      readIntoScratch(offset, length);
      stored = codec.decode(scratch, 0, length);
    }
    return codec.compare(stored, key);
  }

  private int compareBytes(int index, byte[] encoded) {
    long offset = keyOffset(index);
    int length = keyLength(index);
    if (offset + length <= window.length) {
      int from = (int) offset;
      return Arrays.compareUnsigned(window, from, from + length, encoded, 0, encoded.length);
    }
    readIntoScratch(offset, length);
    return Arrays.compareUnsigned(scratch, 0, length, encoded, 0, encoded.length);
  }

  /** Key {@code index} as a big-endian long; the key must be 8 bytes long. */
  long storedLong(int index) {
    long offset = keyOffset(index);
    int length = keyLength(index);
    if (length != 8) {
      throw new CorruptedStructureException(
          "node at " + address + " holds a key of " + length + " bytes, not 8");
    }
    if (offset + 8 <= window.length) {
      return ByteArrays.getLongBE(window, (int) offset);
    }
    readIntoScratch(offset, 8);
    return ByteArrays.getLongBE(scratch, 0);
  }

  /** Where key {@code index} starts in the node's virtual string. */
  long keyOffset(int index) {
    return fixedKeysStart >= 0 ? fixedKeysStart + (long) fixedKeySize * index : keyOffsets[index];
  }

  int keyLength(int index) {
    return fixedKeysStart >= 0 ? fixedKeySize : keyLengths[index];
  }

  // ---------------------------------------------------------------- values

  /** Decodes the value of entry {@code index}. */
  <V> V value(int index, Codec<V> codec) {
    long offset;
    long length;
    if (version == 1) {
      offset = layout.v1ValueAt(index);
      length = readLE(offset, Integer.BYTES);
      if (length > layout.maxValueSize()) {
        throw new CorruptedStructureException("V1 node at " + address + ": value past its slot");
      }
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
    if (offset + length <= window.length) {
      return codec.decode(window, (int) offset, (int) length);
    }
    if (offset + length <= pageSize) {
      return codec.read(memory, address + offset, (int) length);
    }
    byte[] bytes = new byte[(int) length];
    copy(offset, bytes, (int) length);
    return codec.decode(bytes, 0, bytes.length);
  }

  // ---------------------------------------------------------------- for the leaf splicer

  /**
   * Whether the leaf splicer may work on this node: a V2 node without overflow pages whose keys end
   * inside the window (its values may still run past it; the splicer checks them).
   */
  boolean spliceable() {
    return version == 2 && firstOverflow == 0 && keysEnd <= window.length;
  }

  /** The copied first bytes of the node; read-only for callers. */
  byte[] window() {
    return window;
  }

  /** Where the values of a V2 node start (see {@link #spliceable}). */
  int keysEnd() {
    return (int) keysEnd;
  }

  // ---------------------------------------------------------------- raw reads

  /**
   * Reads a little-endian number of 4 or 8 bytes of the node, zero-extended: from the window when
   * it is there, else as {@link NodeLayout#readLE} does (one access in the first page, or through
   * the overflow chain, read once).
   */
  private long readLE(long offset, int width) {
    if (offset + width <= window.length) {
      return width == Long.BYTES
          ? ByteArrays.getLongLE(window, (int) offset)
          : ByteArrays.getIntLE(window, (int) offset) & 0xFFFF_FFFFL;
    }
    checkExtent(offset, width);
    return layout.readLE(memory, address, overflows, offset, width);
  }

  private void readIntoScratch(long offset, int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    copy(offset, scratch, length);
  }

  private void copy(long offset, byte[] dst, int length) {
    if (offset + length <= pageSize) {
      memory.read(address + offset, dst, 0, length);
      return;
    }
    checkExtent(offset, length);
    layout.readVirtual(memory, address, overflows, offset, dst, 0, length);
  }

  /** Checks that a range lies in the node's pages, reading its overflow chain if needed. */
  private void checkExtent(long offset, long length) {
    if (offset + length <= pageSize) {
      return;
    }
    if (version == 1) {
      throw new CorruptedStructureException("V1 node at " + address + " overruns its chunk");
    }
    if (overflows == null) {
      overflows = layout.overflowChain(memory, address, firstOverflow);
    }
    if (offset + length > layout.capacity(2, overflows.length)) {
      throw new CorruptedStructureException(
          "node at " + address + " stores " + length + " bytes past its pages");
    }
  }
}
