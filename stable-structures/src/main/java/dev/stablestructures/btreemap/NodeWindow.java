package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.util.Arrays;

/**
 * One node read in place: its first bytes copied onto the heap with one bulk read, its header and
 * key extents checked and recorded, and its keys compared where they lie. The one place that parses
 * a node's header and keys by offset and searches them; {@link Cursor} (the point operations) and
 * {@link ScanNode} (the walks) extend it, as Agrona writes every buffer accessor once in an
 * abstract base.
 *
 * <p>The copy holds the node's virtual byte string (layout in {@link NodeLayout}) from offset 0:
 *
 * <pre>
 * bytes[0 .. flat)           virtual offsets [0, flat) of the node
 * keyOffset(i), keyLength(i) where key i lies: fixed-size V2 keys by arithmetic from
 *                            fixedKeysStart, others recorded by open
 * keysEnd                    where a V2 node's values start
 * </pre>
 *
 * <p>Bytes past the copy are read from memory, and bytes past the node's first page through its
 * overflow chain, read once per node and only when needed. Every offset and length is checked: a
 * damaged image gives {@link CorruptedStructureException}.
 */
abstract class NodeWindow {
  /** The tree's memory and layout; a {@link Cursor} holds them only while an operation runs. */
  Memory memory;

  NodeLayout layout;

  final int pageSize;
  final int fixedKeySize;

  /** How many bytes {@link #open} copies: the first page, or less when pages are large. */
  private final int firstCopy;

  /** The copied bytes of the node. */
  byte[] bytes;

  /** How many bytes of the node's virtual string {@link #bytes} holds. */
  int flat;

  long address;
  int version;
  int count;
  boolean leaf;

  /** The first overflow page of a V2 node, 0 if none. */
  long firstOverflow;

  /** The overflow pages, once needed (null before). */
  long[] overflows;

  /** Where the keys start when they are fixed-size and V2 (no lengths are stored), or -1. */
  private int fixedKeysStart;

  /** Where the values of a V2 node start. */
  long keysEnd;

  private final long[] keyOffsets = new long[Node.CAPACITY];
  private final int[] keyLengths = new int[Node.CAPACITY];
  private byte[] scratch = new byte[64];

  /**
   * @param copySize how many bytes of a node {@link #open} copies (at most a page)
   */
  NodeWindow(Memory memory, NodeLayout layout, int copySize) {
    this.memory = memory;
    this.layout = layout;
    this.pageSize = layout.pageSize();
    this.fixedKeySize = layout.fixedKeySize();
    this.firstCopy = Math.min(pageSize, copySize);
    this.bytes = new byte[firstCopy];
  }

  /** Reads the node at {@code address}: copies its first bytes, checks its header and keys. */
  final void open(long address) {
    layout.checkAddress(memory, address, "node");
    // In bounds: a chunk's data address leaves at least one allocation, of at least a page.
    memory.read(address, bytes, 0, firstCopy);
    int header = layout.checkHeader(address, bytes);
    this.address = address;
    this.flat = firstCopy;
    this.version = NodeLayout.version(header);
    this.count = NodeLayout.count(header);
    this.leaf = NodeLayout.isLeaf(header);
    this.overflows = null;
    this.firstOverflow = 0;
    if (version == 1) {
      openV1Keys();
    } else {
      firstOverflow = readLE(NodeLayout.V2_OVERFLOW_OFFSET, Long.BYTES);
      openV2Keys();
    }
  }

  private void openV1Keys() {
    fixedKeysStart = -1;
    long max = layout.maxKeySize();
    for (int i = 0; i < count; i++) {
      long at = layout.v1KeyAt(i);
      keyOffsets[i] = at + 4;
      keyLengths[i] = v1Slot(readLE(at, Integer.BYTES), max, "key");
    }
  }

  private void openV2Keys() {
    long offset = NodeLayout.v2KeysAt(leaf, count);
    if (fixedKeySize >= 0) {
      checkExtent(offset, (long) fixedKeySize * count);
      fixedKeysStart = (int) offset;
      offset += (long) fixedKeySize * count;
    } else {
      fixedKeysStart = -1;
      offset = readExtents(offset, keyOffsets, keyLengths);
    }
    keysEnd = offset;
  }

  /**
   * Reads {@link #count} length-prefixed V2 fields (keys or values) from {@code offset}, checks
   * each lies in the node's pages, and records where each lies; returns the offset after the last.
   */
  final long readExtents(long offset, long[] at, int[] lengths) {
    for (int i = 0; i < count; i++) {
      long length = readLE(offset, Integer.BYTES);
      offset += 4;
      checkExtent(offset, length);
      at[i] = offset;
      lengths[i] = (int) length;
      offset += length;
    }
    return offset;
  }

  /** A V1 slot's stored length, checked against the slot's size. */
  final int v1Slot(long length, long max, String what) {
    if (length > max) {
      throw new CorruptedStructureException(
          "V1 node at " + address + ": " + what + " of " + length + " bytes in a " + max + " slot");
    }
    return (int) length;
  }

  final long address() {
    return address;
  }

  final int count() {
    return count;
  }

  final boolean isLeaf() {
    return leaf;
  }

  // ---------------------------------------------------------------- keys

  /** Where key {@code index} starts in the node's virtual string. */
  final long keyOffset(int index) {
    return fixedKeysStart >= 0 ? fixedKeysStart + (long) fixedKeySize * index : keyOffsets[index];
  }

  final int keyLength(int index) {
    return fixedKeysStart >= 0 ? fixedKeySize : keyLengths[index];
  }

  /** Where the fixed-size V2 keys start, or -1 when key lengths are recorded. */
  final int fixedKeysStart() {
    return fixedKeysStart;
  }

  /**
   * Binary search of the keys: by their bytes against {@code encoded} when {@code codec} is null,
   * else decoded and compared with {@code key} by the codec. Index if found, else -(insertion
   * point) - 1. The choice is the same at every step, so the branch on it is free.
   */
  final <K> int search(Codec<K> codec, K key, byte[] encoded) {
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

  /** Compares key {@code index} decoded with {@code key}, by the codec. */
  final <K> int compareDecoded(int index, Codec<K> codec, K key) {
    long offset = keyOffset(index);
    int length = keyLength(index);
    K stored;
    if (offset + length <= flat) {
      stored = codec.decode(bytes, (int) offset, length);
    } else {
      copy(offset, scratch(length), length);
      stored = codec.decode(scratch, 0, length);
    }
    return codec.compare(stored, key);
  }

  /** Compares the bytes of key {@code index} with {@code encoded}, as unsigned bytes. */
  final int compareBytes(int index, byte[] encoded) {
    long offset = keyOffset(index);
    int length = keyLength(index);
    if (offset + length <= flat) {
      int from = (int) offset;
      if (length == Long.BYTES && encoded.length == Long.BYTES) {
        return Long.compareUnsigned(
            ByteArrays.getLongBE(bytes, from), ByteArrays.getLongBE(encoded, 0));
      }
      return Arrays.compareUnsigned(bytes, from, from + length, encoded, 0, encoded.length);
    }
    copy(offset, scratch(length), length);
    return Arrays.compareUnsigned(scratch, 0, length, encoded, 0, encoded.length);
  }

  /** Key {@code index} as a big-endian long; the key must be 8 bytes long. */
  final long storedLong(int index) {
    long offset = keyOffset(index);
    int length = keyLength(index);
    if (length != 8) {
      throw new CorruptedStructureException(
          "node at " + address + " holds a key of " + length + " bytes, not 8");
    }
    if (offset + 8 <= flat) {
      return ByteArrays.getLongBE(bytes, (int) offset);
    }
    copy(offset, scratch(8), 8);
    return ByteArrays.getLongBE(scratch, 0);
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    return scratch;
  }

  // ---------------------------------------------------------------- raw reads

  /**
   * Reads a little-endian number of 4 or 8 bytes of the node, zero-extended and checked: from the
   * copy when it is there, else as {@link NodeLayout#readLE} does (one access in the first page, or
   * through the overflow chain, read once).
   */
  final long readLE(long offset, int width) {
    if (offset + width > flat) {
      checkExtent(offset, width);
      if (offset + width > flat) {
        return layout.readLE(memory, address, overflows, offset, width);
      }
      // else the copy grew over the overflow pages to hold it
    }
    return width == Long.BYTES
        ? ByteArrays.getLongLE(bytes, (int) offset)
        : ByteArrays.getIntLE(bytes, (int) offset) & 0xFFFF_FFFFL;
  }

  /** Copies a checked range of the node into {@code dst} from index 0. */
  final void copy(long offset, byte[] dst, int length) {
    if (offset + length <= flat) {
      System.arraycopy(bytes, (int) offset, dst, 0, length);
    } else if (offset + length <= pageSize) {
      memory.read(address + offset, dst, 0, length);
    } else {
      checkExtent(offset, length);
      layout.readVirtual(memory, address, overflows, offset, dst, 0, length);
    }
  }

  /** A checked copy of a range of the node into a new array. */
  final byte[] copy(long offset, int length) {
    byte[] dst = new byte[length];
    copy(offset, dst, length);
    return dst;
  }

  /**
   * Checks that a range lies in the node's pages, reading its overflow chain (then calling {@link
   * #overflowChainRead}) the first time a range passes the first page.
   */
  final void checkExtent(long offset, long length) {
    if (offset + length <= pageSize) {
      return;
    }
    if (version == 1) {
      throw new CorruptedStructureException("V1 node at " + address + " overruns its chunk");
    }
    if (overflows == null) {
      overflows = layout.overflowChain(memory, address, firstOverflow);
      overflowChainRead();
    }
    if (offset + length > layout.capacity(2, overflows.length)) {
      throw new CorruptedStructureException(
          "node at " + address + " stores " + length + " bytes past its pages");
    }
  }

  /** Called once per node when {@link #overflows} has just been read; the copy may grow here. */
  abstract void overflowChainRead();
}
