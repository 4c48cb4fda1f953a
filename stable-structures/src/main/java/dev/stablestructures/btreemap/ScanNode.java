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
 * when decoded. The header, the keys, the search and the checked reads are {@link NodeWindow}'s; a
 * scan node adds, all checked when the node is read:
 *
 * <pre>
 * valueAt[i], valueLength[i] where value i lies in the virtual string
 * children[0 .. count]       child addresses (internal nodes)
 * </pre>
 */
final class ScanNode extends NodeWindow {
  /** The most bytes of a node's virtual string copied onto the heap. */
  static final int FLAT_MAX = 16 * 1024;

  /**
   * How much of each child's first page {@link #prefetchChildren} touches (a full u64 leaf is 235
   * bytes), one byte per cache line.
   */
  static final int PREFETCH_SPAN = 320;

  static final int PREFETCH_STRIDE = 64;

  private long epoch;
  private boolean pinned;

  private final long[] valueAt = new long[Node.CAPACITY];
  private final int[] valueLength = new int[Node.CAPACITY];
  private final long[] children = new long[Node.CAPACITY + 1];

  ScanNode(Memory memory, NodeLayout layout) {
    super(memory, layout, FLAT_MAX);
  }

  /**
   * Reads the node at {@code address} into this copy, checking its header and every extent.
   *
   * @param epoch the tree's write epoch now: the copy is current while it is unchanged
   */
  void read(long address, long epoch) {
    open(address);
    this.epoch = epoch;
    if (version == 1) {
      readV1();
    } else {
      readV2();
    }
  }

  private void readV1() {
    long maxValue = layout.maxValueSize();
    for (int i = 0; i < count; i++) {
      long at = layout.v1ValueAt(i);
      valueAt[i] = at + 4;
      valueLength[i] = v1Slot(readLE(at, Integer.BYTES), maxValue, "value");
    }
    if (!leaf) {
      long at = layout.v1ChildrenAt(count);
      for (int i = 0; i <= count; i++) {
        children[i] = readLE(at + 8L * i, Long.BYTES);
      }
    }
  }

  private void readV2() {
    if (!leaf) {
      long offset = NodeLayout.V2_CHILDREN_OFFSET;
      for (int i = 0; i <= count; i++) {
        children[i] = readLE(offset, Long.BYTES);
        offset += 8;
      }
    }
    readExtents(keysEnd, valueAt, valueLength);
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

  /** The tree's write epoch when the node was read. */
  long epoch() {
    return epoch;
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
    return decode(keyOffset(index), keyLength(index), codec);
  }

  /** Decodes value {@code index}. */
  <V> V value(int index, Codec<V> codec) {
    return decode(valueAt[index], valueLength[index], codec);
  }

  private <T> T decode(long at, int length, Codec<T> codec) {
    if (at + length <= flat) {
      return codec.decode(bytes, (int) at, length);
    }
    byte[] copy = copy(at, length);
    return codec.decode(copy, 0, length);
  }

  /** Value {@code index} as a big-endian long; the value must be 8 bytes long. */
  long valueLong(int index) {
    long at = valueAt[index];
    int length = valueLength[index];
    if (length != Long.BYTES) {
      throw new CorruptedStructureException(
          "node at " + address + " holds a value of " + length + " bytes, not 8");
    }
    if (at + Long.BYTES <= flat) {
      return ByteArrays.getLongBE(bytes, (int) at);
    }
    return ByteArrays.getLongBE(copy(at, Long.BYTES), 0);
  }

  /** The stored bytes of key {@code index}, in a new array. */
  byte[] keyBytes(int index) {
    return copy(keyOffset(index), keyLength(index));
  }

  /**
   * Copies the stored bytes of key {@code index} into {@code into}, or into a larger array if it is
   * too short, and returns the array used; {@link #keyLength} says how many bytes were written.
   */
  byte[] copyKey(int index, byte[] into) {
    int length = keyLength(index);
    byte[] dst = into.length >= length ? into : new byte[Math.max(length, into.length * 2)];
    copy(keyOffset(index), dst, length);
    return dst;
  }

  /** Compares key {@code index} with a probe given decoded and encoded, by the tree's key order. */
  <K> int compareKey(int index, KeyOrder<K> order, Codec<K> codec, K key, byte[] encoded) {
    return order.kind() == KeyOrder.Kind.CODEC
        ? compareDecoded(index, codec, key)
        : compareBytes(index, encoded);
  }

  /** Binary search of the keys by the tree's order: index if found, else -(insertion point) - 1. */
  <K> int search(KeyOrder<K> order, Codec<K> codec, K key, byte[] encoded) {
    return search(order.kind() == KeyOrder.Kind.CODEC ? codec : null, key, encoded);
  }

  // ---------------------------------------------------------------- the copy

  /** Extends the copy over the overflow pages, up to {@value #FLAT_MAX} bytes. */
  @Override
  void overflowChainRead() {
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
