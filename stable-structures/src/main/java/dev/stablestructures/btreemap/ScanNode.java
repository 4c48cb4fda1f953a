package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.util.Arrays;

/**
 * A read-only copy of one node for the walks of {@link EntryIterator}: its bytes are copied once,
 * with one bulk read per page, and keys and values are decoded straight from that copy by offset,
 * with no array per key or value and no lookup through {@link NodeStore}. A walk keeps one per
 * level of the tree and reads the next node into it ({@link #read}), so a scan allocates nothing
 * per node unless something handed out still points into the copy ({@link #pin}).
 *
 * <p>The copy is the node's virtual byte string (layout in {@link NodeLayout}) from offset 0: the
 * first page, and the overflow pages after it once a field lies past the first page, up to {@value
 * #FLAT_MAX} bytes. Fields past the copy (values of a node bigger than that) are read from memory
 * when decoded. Every offset and length is checked when the node is read: a damaged image gives
 * {@link CorruptedStructureException}.
 *
 * <pre>
 * bytes[0 .. flat)   = virtual offsets [0, flat) of the node
 * keyAt[i], keyLength[i]     where key i lies in the virtual string
 * valueAt[i], valueLength[i] where value i lies
 * children[0 .. count]       child addresses (internal nodes)
 * </pre>
 */
final class ScanNode {
  /** The most bytes of a node's virtual string copied onto the heap. */
  static final int FLAT_MAX = 16 * 1024;

  /**
   * How much of each child's first page {@link #prefetchChildren} touches (a full u64 leaf is 235
   * bytes), one byte per cache line.
   */
  static final int PREFETCH_SPAN = 320;

  static final int PREFETCH_STRIDE = 64;

  private final Memory memory;
  private final NodeLayout layout;
  private final int pageSize;
  private final int fixedKeySize;

  private byte[] bytes;

  /** How many bytes of the virtual string {@link #bytes} holds. */
  private int flat;

  private long address;
  private long epoch;
  private int version;
  private int count;
  private boolean leaf;
  private boolean pinned;

  /** The first overflow page of a V2 node, 0 if none. */
  private long firstOverflow;

  /** The overflow pages, once needed (null before). */
  private long[] overflows;

  private final long[] keyAt = new long[Node.CAPACITY];
  private final int[] keyLength = new int[Node.CAPACITY];
  private final long[] valueAt = new long[Node.CAPACITY];
  private final int[] valueLength = new int[Node.CAPACITY];
  private final long[] children = new long[Node.CAPACITY + 1];

  ScanNode(Memory memory, NodeLayout layout) {
    this.memory = memory;
    this.layout = layout;
    this.pageSize = layout.pageSize();
    this.fixedKeySize = layout.fixedKeySize();
    this.bytes = new byte[Math.min(pageSize, FLAT_MAX)];
  }

  /**
   * Reads the node at {@code address} into this copy, checking its header and every extent.
   *
   * @param epoch the tree's write epoch now: the copy is current while it is unchanged
   */
  void read(long address, long epoch) {
    layout.checkAddress(memory, address, "node");
    int first = Math.min(pageSize, FLAT_MAX);
    // In bounds: a chunk's data address leaves at least one allocation, of at least a page.
    memory.read(address, bytes, 0, first);
    int header = layout.checkHeader(address, bytes);
    this.address = address;
    this.epoch = epoch;
    this.flat = first;
    this.version = NodeLayout.version(header);
    this.count = NodeLayout.count(header);
    this.leaf = NodeLayout.isLeaf(header);
    this.overflows = null;
    if (version == 1) {
      this.firstOverflow = 0;
      readV1();
    } else {
      this.firstOverflow = readLE(NodeLayout.V2_OVERFLOW_OFFSET, Long.BYTES);
      readV2();
    }
  }

  private void readV1() {
    long maxKey = layout.maxKeySize();
    long maxValue = layout.maxValueSize();
    for (int i = 0; i < count; i++) {
      long at = layout.v1KeyAt(i);
      keyAt[i] = at + 4;
      keyLength[i] = slot(readLE(at, Integer.BYTES), maxKey);
      at = layout.v1ValueAt(i);
      valueAt[i] = at + 4;
      valueLength[i] = slot(readLE(at, Integer.BYTES), maxValue);
    }
    if (!leaf) {
      long at = layout.v1ChildrenAt(count);
      for (int i = 0; i <= count; i++) {
        children[i] = readLE(at + 8L * i, Long.BYTES);
      }
    }
  }

  private int slot(long length, long max) {
    if (length > max) {
      throw new CorruptedStructureException(
          "V1 node at " + address + ": " + length + " bytes in a " + max + " slot");
    }
    return (int) length;
  }

  private void readV2() {
    long offset = NodeLayout.V2_CHILDREN_OFFSET;
    if (!leaf) {
      for (int i = 0; i <= count; i++) {
        children[i] = readLE(offset, Long.BYTES);
        offset += 8;
      }
    }
    if (fixedKeySize >= 0) {
      checkExtent(offset, (long) fixedKeySize * count);
      for (int i = 0; i < count; i++) {
        keyAt[i] = offset;
        keyLength[i] = fixedKeySize;
        offset += fixedKeySize;
      }
    } else {
      for (int i = 0; i < count; i++) {
        long length = readLE(offset, Integer.BYTES);
        offset += 4;
        checkExtent(offset, length);
        keyAt[i] = offset;
        keyLength[i] = (int) length;
        offset += length;
      }
    }
    for (int i = 0; i < count; i++) {
      long length = readLE(offset, Integer.BYTES);
      offset += 4;
      checkExtent(offset, length);
      valueAt[i] = offset;
      valueLength[i] = (int) length;
      offset += length;
    }
  }

  /**
   * Touches the first page of each child from {@code from} (inclusive) to {@code to} (exclusive),
   * so that their cache misses overlap instead of coming one node at a time as the walk reaches
   * them; returns the bytes read, for the caller to keep (so the reads are not optimized away). A
   * child whose address is bad is skipped: reading it later reports it.
   */
  long prefetchChildren(int from, int to) {
    long sum = 0;
    int span = Math.min(pageSize, PREFETCH_SPAN);
    for (int i = from; i < to; i++) {
      long child = children[i];
      if (layout.isChunkAddress(memory, child)) {
        for (int at = 0; at < span; at += PREFETCH_STRIDE) {
          sum += memory.readByte(child + at);
        }
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------- the node

  long address() {
    return address;
  }

  /** The tree's write epoch when the node was read. */
  long epoch() {
    return epoch;
  }

  int count() {
    return count;
  }

  boolean isLeaf() {
    return leaf;
  }

  /** Child {@code index} of an internal node (checked when it is read). */
  long child(int index) {
    return children[index];
  }

  /**
   * Marks the copy as still in use by an entry handed out: the walk then reads its next node into a
   * new copy instead of this one.
   */
  void pin() {
    pinned = true;
  }

  boolean isPinned() {
    return pinned;
  }

  // ---------------------------------------------------------------- keys and values

  /** Decodes key {@code index}. */
  <K> K key(int index, Codec<K> codec) {
    long at = keyAt[index];
    int length = keyLength[index];
    if (at + length <= flat) {
      return codec.decode(bytes, (int) at, length);
    }
    byte[] copy = copy(at, length);
    return codec.decode(copy, 0, length);
  }

  /** Decodes value {@code index}. */
  <V> V value(int index, Codec<V> codec) {
    long at = valueAt[index];
    int length = valueLength[index];
    if (at + length <= flat) {
      return codec.decode(bytes, (int) at, length);
    }
    byte[] copy = copy(at, length);
    return codec.decode(copy, 0, length);
  }

  /** The stored bytes of key {@code index}, in a new array. */
  byte[] keyBytes(int index) {
    return copy(keyAt[index], keyLength[index]);
  }

  /**
   * Copies the stored bytes of key {@code index} into {@code into}, or into a larger array if it is
   * too short, and returns the array used; {@link #keyLength} says how many bytes were written.
   */
  byte[] copyKey(int index, byte[] into) {
    int length = keyLength[index];
    byte[] dst = into.length >= length ? into : new byte[Math.max(length, into.length * 2)];
    long at = keyAt[index];
    if (at + length <= flat) {
      System.arraycopy(bytes, (int) at, dst, 0, length);
    } else {
      layout.readVirtual(memory, address, overflows, at, dst, 0, length);
    }
    return dst;
  }

  int keyLength(int index) {
    return keyLength[index];
  }

  /** Compares key {@code index} with a probe given decoded and encoded, by the tree's key order. */
  <K> int compareKey(int index, KeyOrder<K> order, Codec<K> codec, K key, byte[] encoded) {
    if (order.kind() == KeyOrder.Kind.CODEC) {
      return codec.compare(key(index, codec), key);
    }
    long at = keyAt[index];
    int length = keyLength[index];
    if (at + length <= flat) {
      int from = (int) at;
      if (length == Long.BYTES && encoded.length == Long.BYTES) {
        return Long.compareUnsigned(
            ByteArrays.getLongBE(bytes, from), ByteArrays.getLongBE(encoded, 0));
      }
      return Arrays.compareUnsigned(bytes, from, from + length, encoded, 0, encoded.length);
    }
    return Arrays.compareUnsigned(copy(at, length), encoded);
  }

  /** Binary search of the keys by the tree's order: index if found, else -(insertion point) - 1. */
  <K> int search(KeyOrder<K> order, Codec<K> codec, K key, byte[] encoded) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = compareKey(mid, order, codec, key, encoded);
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

  // ---------------------------------------------------------------- raw reads

  /** Reads a little-endian number of 4 or 8 bytes of the node, zero-extended, checked. */
  private long readLE(long offset, int width) {
    if (offset + width <= flat) {
      return width == Long.BYTES
          ? ByteArrays.getLongLE(bytes, (int) offset)
          : ByteArrays.getIntLE(bytes, (int) offset) & 0xFFFF_FFFFL;
    }
    checkExtent(offset, width);
    if (offset + width <= flat) {
      return readLE(offset, width); // the copy grew to hold it
    }
    return layout.readLE(memory, address, overflows, offset, width);
  }

  /** A checked copy of a range of the node into a new array. */
  private byte[] copy(long offset, int length) {
    byte[] dst = new byte[length];
    if (offset + length <= flat) {
      System.arraycopy(bytes, (int) offset, dst, 0, length);
    } else {
      layout.readVirtual(memory, address, overflows, offset, dst, 0, length);
    }
    return dst;
  }

  /**
   * Checks that a range lies in the node's pages. The first time a range passes the first page,
   * reads the overflow chain and copies as much of it as {@value #FLAT_MAX} allows.
   */
  private void checkExtent(long offset, long length) {
    if (offset + length <= pageSize) {
      return;
    }
    if (version == 1) {
      throw new CorruptedStructureException("V1 node at " + address + " overruns its chunk");
    }
    if (overflows == null) {
      overflows = layout.overflowChain(memory, address, firstOverflow);
      growCopy();
    }
    if (offset + length > layout.capacity(2, overflows.length)) {
      throw new CorruptedStructureException(
          "node at " + address + " stores " + length + " bytes past its pages");
    }
  }

  /** Extends the copy over the overflow pages, up to {@value #FLAT_MAX} bytes. */
  private void growCopy() {
    if (flat < pageSize || overflows.length == 0) {
      return; // a page bigger than the copy: the rest is read from memory when needed
    }
    int total = (int) Math.min(layout.capacity(2, overflows.length), FLAT_MAX);
    if (total <= flat) {
      return;
    }
    if (bytes.length < total) {
      bytes = Arrays.copyOf(bytes, Math.max(total, Math.min(FLAT_MAX, bytes.length * 2)));
    }
    layout.readVirtual(memory, address, overflows, flat, bytes, flat, total - flat);
    flat = total;
  }
}
