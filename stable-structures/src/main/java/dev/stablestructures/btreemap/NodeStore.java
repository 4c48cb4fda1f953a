package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;

/**
 * Reads and writes nodes in the crate's two layouts. Every read is checked so that a damaged image
 * gives {@link CorruptedStructureException}, never an endless walk or a huge allocation.
 *
 * <pre>
 * Node header (7 bytes, both versions):
 *   0  3  magic "BTN"
 *   3  1  node layout version (1 or 2)
 *   4  1  node type (0 = leaf, 1 = internal)
 *   5  2  number of entries k (u16 LE)
 *
 * V1 body (one chunk of 7 + 11*(4+maxK+4+maxV) + 12*8 bytes):
 *   7 + i*(8+maxK+maxV)   key i length (u32 LE), key bytes in a maxK slot,
 *                         value i length (u32 LE), value bytes in a maxV slot
 *   7 + k*(8+maxK+maxV)   k+1 child addresses (u64 LE), internal nodes only
 *
 * V2 body, as one virtual byte string over the initial page and NOF overflow pages:
 *   7   8        address of the first overflow page (u64 LE, 0 = none)
 *   15  8*(k+1)  child addresses (internal nodes only)
 *   ..           keys: [u32 LE length unless the key type is fixed-size] + bytes
 *   ..           values: u32 LE length + bytes (always with a length)
 *
 * Overflow page (one chunk of page-size bytes):
 *   0  3  magic "NOF"
 *   3  8  next overflow page (u64 LE, 0 = end)
 *   11 .. continuation of the virtual string
 * </pre>
 */
final class NodeStore {
  static final int MAX_DEPTH = 64;
  private static final int OVERFLOW_DATA_OFFSET = 11;

  private final Memory memory;
  private final Allocator allocator;
  private final int pageSize;

  /** V1 slot sizes, or -1 when no V1 node can exist in this tree. */
  private final long maxKeySize;

  private final long maxValueSize;

  /** Size of fixed-size keys in V2 nodes, or -1 when keys carry a length. */
  private final int fixedKeySize;

  private final byte[] small = new byte[8];

  NodeStore(
      Memory memory,
      Allocator allocator,
      int pageSize,
      long maxKeySize,
      long maxValueSize,
      int fixedKeySize) {
    this.memory = memory;
    this.allocator = allocator;
    this.pageSize = pageSize;
    this.maxKeySize = maxKeySize;
    this.maxValueSize = maxValueSize;
    this.fixedKeySize = fixedKeySize;
  }

  int pageSize() {
    return pageSize;
  }

  boolean v1Allowed() {
    return maxKeySize >= 0;
  }

  long v1EntrySize() {
    return 8 + maxKeySize + maxValueSize;
  }

  long maxKeySize() {
    return maxKeySize;
  }

  long maxValueSize() {
    return maxValueSize;
  }

  int fixedKeySize() {
    return fixedKeySize;
  }

  /** Checks that a node or overflow page address is a chunk's data address inside the memory. */
  void checkNodeAddress(long address, String what) {
    if (address < Allocator.CHUNK_HEADER_SIZE
        || !allocator.onChunkGrid(address - Allocator.CHUNK_HEADER_SIZE)
        || address > memory.sizeInBytes() - allocator.allocationSize()) {
      throw new CorruptedStructureException(
          "the " + what + " address " + address + " is not a chunk inside the memory");
    }
  }

  // ---------------------------------------------------------------- load

  /**
   * Validates the node header at {@code address}, shared by full loads and in-place searches.
   *
   * @return {@code version << 16 | type << 8 | count}
   */
  int checkedHeader(long address) {
    checkNodeAddress(address, "node");
    return checkHeader(
        address,
        memory.readIntLE(address),
        memory.readByte(address + 4),
        memory.readShortLE(address + 5));
  }

  /**
   * Validates a node header already read from {@code address}.
   *
   * @param word the first 4 bytes (magic and version), little-endian
   * @param type the type byte
   * @param count the entry count (u16)
   * @return {@code version << 16 | type << 8 | count}
   */
  static int checkHeader(long address, int word, int type, int count) {
    if ((word & 0xFFFFFF) != ('B' | 'T' << 8 | 'N' << 16)) {
      throw new CorruptedStructureException("bad node magic at address " + address);
    }
    int version = word >>> 24;
    if (type != 0 && type != 1) {
      throw new CorruptedStructureException("unknown node type " + type + " at " + address);
    }
    if (count < 1 || count > Node.CAPACITY) {
      throw new CorruptedStructureException(
          "node at " + address + " holds " + count + " entries (expected 1 to 11)");
    }
    return version << 16 | type << 8 | count;
  }

  /** Loads a node: keys eagerly, values as lazy references. */
  Node load(long address, long stamp) {
    int header = checkedHeader(address);
    int version = header >>> 16;
    int type = (header >>> 8) & 0xFF;
    int count = header & 0xFF;
    Node node = new Node(address, type == 0, version);
    node.count = count;
    node.readStamp = stamp;
    if (version == 1) {
      if (!v1Allowed()) {
        throw new CorruptedStructureException("V1 node at " + address + " in a V2 map");
      }
      loadV1(node);
    } else if (version == 2) {
      loadV2(node);
    } else {
      throw new CorruptedStructureException("unknown node version " + version + " at " + address);
    }
    if (!node.leaf) {
      for (int i = 0; i < node.childCount; i++) {
        checkNodeAddress(node.children[i], "child");
      }
    }
    return node;
  }

  private void loadV1(Node node) {
    long base = node.address;
    long offset = 7;
    for (int i = 0; i < node.count; i++) {
      long keyLength = memory.readIntLE(base + offset) & 0xFFFFFFFFL;
      if (keyLength > maxKeySize) {
        throw new CorruptedStructureException(
            "V1 node at " + base + ": key of " + keyLength + " bytes in a " + maxKeySize + " slot");
      }
      node.keys[i] = memory.readBytes(base + offset + 4, (int) keyLength);
      offset += 4 + maxKeySize;
      long valueLength = memory.readIntLE(base + offset) & 0xFFFFFFFFL;
      if (valueLength > maxValueSize) {
        throw new CorruptedStructureException(
            "V1 node at "
                + base
                + ": value of "
                + valueLength
                + " bytes in a "
                + maxValueSize
                + " slot");
      }
      node.valueOffsets[i] = (int) (offset + 4);
      node.valueLengths[i] = (int) valueLength;
      offset += 4 + maxValueSize;
    }
    if (!node.leaf) {
      node.childCount = node.count + 1;
      for (int i = 0; i < node.childCount; i++) {
        node.children[i] = memory.readLongLE(base + offset);
        offset += 8;
      }
    }
  }

  private void loadV2(Node node) {
    readOverflows(node);
    long offset = 15;
    if (!node.leaf) {
      node.childCount = node.count + 1;
      for (int i = 0; i < node.childCount; i++) {
        node.children[i] = readLong(node, offset);
        offset += 8;
      }
    }
    for (int i = 0; i < node.count; i++) {
      long keyLength;
      if (fixedKeySize >= 0) {
        keyLength = fixedKeySize;
      } else {
        keyLength = readInt(node, offset) & 0xFFFFFFFFL;
        offset += 4;
      }
      checkExtent(node, offset, keyLength);
      byte[] key = new byte[(int) keyLength];
      readVirtual(node, offset, key, 0, key.length);
      node.keys[i] = key;
      offset += keyLength;
    }
    for (int i = 0; i < node.count; i++) {
      long valueLength = readInt(node, offset) & 0xFFFFFFFFL;
      offset += 4;
      checkExtent(node, offset, valueLength);
      node.valueOffsets[i] = (int) offset;
      node.valueLengths[i] = (int) valueLength;
      offset += valueLength;
    }
  }

  private void readOverflows(Node node) {
    long next = memory.readLongLE(node.address + 7);
    long limit = memory.sizeInBytes() / allocator.chunkStride() + 1;
    long[] pages = Node.NO_PAGES;
    int n = 0;
    while (next != 0) {
      if (n >= limit) {
        throw new CorruptedStructureException(
            "the overflow chain of node " + node.address + " is longer than the memory allows");
      }
      checkNodeAddress(next, "overflow page");
      if (memory.readByte(next) != 'N'
          || memory.readByte(next + 1) != 'O'
          || memory.readByte(next + 2) != 'F') {
        throw new CorruptedStructureException("bad overflow page magic at " + next);
      }
      if (n == pages.length) {
        pages = java.util.Arrays.copyOf(pages, Math.max(4, n * 2));
      }
      pages[n++] = next;
      next = memory.readLongLE(next + 3);
    }
    node.overflows = pages;
    node.overflowCount = n;
  }

  /** The bytes the node's pages can hold (V1: the whole chunk). */
  long capacity(Node node) {
    if (node.version == 1) {
      return allocator.allocationSize();
    }
    return pageSize + (long) node.overflowCount * (pageSize - OVERFLOW_DATA_OFFSET);
  }

  private void checkExtent(Node node, long offset, long length) {
    if (offset + length > capacity(node)) {
      throw new CorruptedStructureException(
          "node at " + node.address + " stores " + length + " bytes past its pages");
    }
  }

  private int readInt(Node node, long offset) {
    if (offset + 4 <= pageSize) {
      return memory.readIntLE(node.address + offset);
    }
    checkExtent(node, offset, 4);
    readVirtual(node, offset, small, 0, 4);
    return (small[0] & 0xFF) | (small[1] & 0xFF) << 8 | (small[2] & 0xFF) << 16 | small[3] << 24;
  }

  private long readLong(Node node, long offset) {
    if (offset + 8 <= pageSize) {
      return memory.readLongLE(node.address + offset);
    }
    checkExtent(node, offset, 8);
    readVirtual(node, offset, small, 0, 8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (small[i] & 0xFF);
    }
    return v;
  }

  /** Copies a range of the node's virtual byte string (the caller checked the extent). */
  void readVirtual(Node node, long offset, byte[] dst, int dstOffset, int length) {
    readVirtual(node.address, node.overflows, offset, dst, dstOffset, length);
  }

  /** Copies a range of a node's virtual byte string, given its overflow pages. */
  void readVirtual(
      long address, long[] overflows, long offset, byte[] dst, int dstOffset, int length) {
    if (offset + length <= pageSize) {
      memory.read(address + offset, dst, dstOffset, length);
      return;
    }
    int capacity = pageSize - OVERFLOW_DATA_OFFSET;
    while (length > 0) {
      long real;
      int chunk;
      if (offset < pageSize) {
        real = address + offset;
        chunk = (int) Math.min(length, pageSize - offset);
      } else {
        long rel = offset - pageSize;
        int page = (int) (rel / capacity);
        int within = (int) (rel % capacity);
        real = overflows[page] + OVERFLOW_DATA_OFFSET + within;
        chunk = Math.min(length, capacity - within);
      }
      memory.read(real, dst, dstOffset, chunk);
      offset += chunk;
      dstOffset += chunk;
      length -= chunk;
    }
  }

  /** The encoded value of entry {@code index}, read from memory if it is still a reference. */
  byte[] value(Node node, int index) {
    byte[] value = node.values[index];
    if (value == null) {
      value = new byte[node.valueLengths[index]];
      readVirtual(node, node.valueOffsets[index], value, 0, value.length);
      node.values[index] = value;
    }
    return value;
  }

  /** Reads every lazy value, so the node can be rewritten or its entries moved. */
  void materialize(Node node) {
    for (int i = 0; i < node.count; i++) {
      value(node, i);
    }
  }

  // ---------------------------------------------------------------- allocation

  Node allocate(boolean leaf, int version) {
    return new Node(allocator.allocate(), leaf, version);
  }

  /** Frees a node's overflow pages (in chain order) and then the node, as the crate. */
  void deallocate(Node node) {
    for (int i = 0; i < node.overflowCount; i++) {
      allocator.deallocate(node.overflows[i]);
    }
    allocator.deallocate(node.address);
  }

  // ---------------------------------------------------------------- save

  /**
   * Writes a node back. A V1 node whose entries no longer fit its fixed slots (possible after a V1
   * map is reopened with wider or unbounded codecs) is written as a V2 node at the same address
   * instead: its chunk is exactly one V2 page there, so nothing else moves.
   */
  void save(Node node) {
    materialize(node);
    if (node.version == 1) {
      if (fitsV1(node)) {
        saveV1(node);
        return;
      }
      node.version = 2;
      node.overflows = Node.NO_PAGES;
      node.overflowCount = 0;
    }
    saveV2(node);
  }

  private boolean fitsV1(Node node) {
    for (int i = 0; i < node.count; i++) {
      if (node.keys[i].length > maxKeySize || node.values[i].length > maxValueSize) {
        return false;
      }
    }
    return true;
  }

  private void writeHeader(byte[] buf, int at, Node node, int version) {
    buf[at] = 'B';
    buf[at + 1] = 'T';
    buf[at + 2] = 'N';
    buf[at + 3] = (byte) version;
    buf[at + 4] = (byte) (node.leaf ? 0 : 1);
    buf[at + 5] = (byte) node.count;
    buf[at + 6] = (byte) (node.count >>> 8);
  }

  /** Writes exactly what the crate writes: slot padding keeps its old bytes. */
  private void saveV1(Node node) {
    long base = node.address;
    byte[] header = new byte[7];
    writeHeader(header, 0, node, 1);
    Memories.write(memory, base, header);
    long offset = 7;
    for (int i = 0; i < node.count; i++) {
      writeSized(base + offset, node.keys[i]);
      offset += 4 + maxKeySize;
      writeSized(base + offset, node.values[i]);
      offset += 4 + maxValueSize;
    }
    if (node.childCount > 0) {
      byte[] children = new byte[8 * node.childCount];
      for (int i = 0; i < node.childCount; i++) {
        Allocator.putLongLE(children, 8 * i, node.children[i]);
      }
      Memories.write(memory, base + offset, children);
    }
  }

  private void writeSized(long at, byte[] bytes) {
    byte[] length = new byte[4];
    putIntLE(length, 0, bytes.length);
    Memories.write(memory, at, length);
    Memories.write(memory, at + 4, bytes);
  }

  private void saveV2(Node node) {
    int size = 15 + 8 * node.childCount;
    for (int i = 0; i < node.count; i++) {
      size += (fixedKeySize >= 0 ? 0 : 4) + node.keys[i].length + 4 + node.values[i].length;
    }
    byte[] image = new byte[size];
    writeHeader(image, 0, node, 2);
    int offset = 15;
    for (int i = 0; i < node.childCount; i++) {
      Allocator.putLongLE(image, offset, node.children[i]);
      offset += 8;
    }
    for (int i = 0; i < node.count; i++) {
      byte[] key = node.keys[i];
      if (fixedKeySize < 0) {
        putIntLE(image, offset, key.length);
        offset += 4;
      }
      System.arraycopy(key, 0, image, offset, key.length);
      offset += key.length;
    }
    for (int i = 0; i < node.count; i++) {
      byte[] value = node.values[i];
      putIntLE(image, offset, value.length);
      offset += 4;
      System.arraycopy(value, 0, image, offset, value.length);
      offset += value.length;
    }

    // The crate's NodeWriter allocates pages as writes pass the end of the chain and frees the
    // unused tail at the end; no page is freed in between, so allocating first is equivalent.
    int needed = overflowPagesNeeded(size);
    while (node.overflowCount < needed) {
      allocateOverflowPage(node);
    }
    Allocator.putLongLE(image, 7, node.overflowCount > 0 ? node.overflows[0] : 0);
    writeVirtual(node, image);
    while (node.overflowCount > needed) {
      allocator.deallocate(node.overflows[--node.overflowCount]);
    }
    writeLink(node, 0);
  }

  private int overflowPagesNeeded(long size) {
    if (size <= pageSize) {
      return 0;
    }
    long capacity = (long) pageSize - OVERFLOW_DATA_OFFSET;
    return (int) ((size - pageSize + capacity - 1) / capacity);
  }

  private void allocateOverflowPage(Node node) {
    long page = allocator.allocate();
    byte[] header = {'N', 'O', 'F', 0, 0, 0, 0, 0, 0, 0, 0};
    Memories.write(memory, page, header);
    writeLink(node, page);
    if (node.overflowCount == node.overflows.length) {
      node.overflows = java.util.Arrays.copyOf(node.overflows, Math.max(4, node.overflowCount * 2));
    }
    node.overflows[node.overflowCount++] = page;
  }

  /** Points the last link of the chain (the node's own field if none) at {@code target}. */
  private void writeLink(Node node, long target) {
    long at =
        node.overflowCount > 0 ? node.overflows[node.overflowCount - 1] + 3 : node.address + 7;
    byte[] bytes = new byte[8];
    Allocator.putLongLE(bytes, 0, target);
    Memories.write(memory, at, bytes);
  }

  private void writeVirtual(Node node, byte[] image) {
    int length = image.length;
    if (length <= pageSize) {
      Memories.write(memory, node.address, image, 0, length);
      return;
    }
    Memories.write(memory, node.address, image, 0, pageSize);
    int capacity = pageSize - OVERFLOW_DATA_OFFSET;
    int position = pageSize;
    for (int page = 0; position < length; page++) {
      int chunk = Math.min(capacity, length - position);
      Memories.write(memory, node.overflows[page] + OVERFLOW_DATA_OFFSET, image, position, chunk);
      position += chunk;
    }
  }

  static void putIntLE(byte[] b, int offset, int value) {
    b[offset] = (byte) value;
    b[offset + 1] = (byte) (value >>> 8);
    b[offset + 2] = (byte) (value >>> 16);
    b[offset + 3] = (byte) (value >>> 24);
  }
}
