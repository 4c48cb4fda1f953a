package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;

/**
 * Where every field of a node lies: the one class that knows the offsets and magics of the crate's
 * node layouts ({@code node.rs}, {@code node/v1.rs}, {@code node/v2.rs}) and walks overflow chains
 * ({@code node/io.rs}). One instance describes the nodes of one tree: its page size, whether keys
 * carry a length, and the slot sizes of V1 nodes if the tree can hold any.
 *
 * <pre>
 * Node header (both versions, little-endian):
 * +--------+------+------------------------------------------+
 * | offset | size | field                                    |
 * +--------+------+------------------------------------------+
 * |   0    |  3   | magic "BTN"                              |
 * |   3    |  1   | layout version: 1 or 2                   |
 * |   4    |  1   | type: 0 = leaf, 1 = internal             |
 * |   5    |  2   | entry count k, 1 to 11 (u16 LE)          |
 * +--------+------+------------------------------------------+
 *
 * V1 body (one chunk of 7 + 11*(4+maxK+4+maxV) + 12*8 bytes):
 * +------------------+--------+------------------------------------------+
 * | offset           | size   | field                                    |
 * +------------------+--------+------------------------------------------+
 * | 7 + i*(8+mK+mV)  | 4      | key i length (u32 LE)                    |
 * |   .. + 4         | mK     | key i bytes, padded to the slot          |
 * |   .. + 4 + mK    | 4      | value i length (u32 LE)                  |
 * |   .. + 8 + mK    | mV     | value i bytes, padded to the slot        |
 * | 7 + k*(8+mK+mV)  | 8(k+1) | children (u64 LE), internal nodes only   |
 * +------------------+--------+------------------------------------------+
 *
 * V2 body: one virtual byte string over the node's page and its overflow pages:
 * +--------+--------+------------------------------------------------------+
 * | offset | size   | field                                                |
 * +--------+--------+------------------------------------------------------+
 * |   7    | 8      | first overflow page (u64 LE, 0 = none)               |
 * |  15    | 8(k+1) | children (u64 LE), internal nodes only               |
 * |   ..   | ..     | k keys: [u32 LE length, unless fixed-size] + bytes   |
 * |   ..   | ..     | k values: u32 LE length (always) + bytes             |
 * +--------+--------+------------------------------------------------------+
 *
 * Overflow page (one chunk of page-size bytes):
 * +--------+-------------+-----------------------------------------------+
 * | offset | size        | field                                         |
 * +--------+-------------+-----------------------------------------------+
 * |   0    | 3           | magic "NOF"                                   |
 * |   3    | 8           | next overflow page (u64 LE, 0 = end of chain) |
 * |  11    | pageSize-11 | the continuation of the virtual string        |
 * +--------+-------------+-----------------------------------------------+
 * </pre>
 *
 * Virtual offset {@code v} of a V2 node lies in its own page when {@code v < pageSize}, else in
 * overflow page {@code (v - pageSize) / (pageSize - 11)} at {@code 11 + (v - pageSize) % (pageSize
 * - 11)}.
 */
final class NodeLayout {
  /** The deepest tree a walk accepts before calling the image damaged. */
  static final int MAX_DEPTH = 64;

  static final int COUNT_OFFSET = 5;
  static final int HEADER_SIZE = 7;
  static final int V1_ENTRIES_OFFSET = 7;
  static final int V2_OVERFLOW_OFFSET = 7;
  static final int V2_CHILDREN_OFFSET = 15;
  static final int OVERFLOW_NEXT_OFFSET = 3;
  static final int OVERFLOW_DATA_OFFSET = 11;

  /** The first 3 bytes of a node, "BTN", read as the low bytes of a little-endian int. */
  static final int NODE_MAGIC = 'B' | 'T' << 8 | 'N' << 16;

  /** The first 3 bytes of an overflow page, "NOF", likewise. */
  static final int OVERFLOW_MAGIC = 'N' | 'O' << 8 | 'F' << 16;

  static final int TYPE_LEAF = 0;
  static final int TYPE_INTERNAL = 1;

  private final Allocator allocator;
  private final int pageSize;
  private final int fixedKeySize;
  private final long maxKeySize;
  private final long maxValueSize;

  /**
   * Describes the nodes of one tree.
   *
   * @param allocator the tree's allocator: node addresses are its chunks
   * @param pageSize the V2 page size (the V1 node size for a migrated V1 map)
   * @param fixedKeySize the size of every key when the key type is fixed-size, else -1 (V2 keys
   *     then carry a length)
   * @param maxKeySize the V1 key slot, or -1 when the tree holds no V1 node
   * @param maxValueSize the V1 value slot, or -1 likewise
   */
  NodeLayout(
      Allocator allocator, int pageSize, int fixedKeySize, long maxKeySize, long maxValueSize) {
    this.allocator = allocator;
    this.pageSize = pageSize;
    this.fixedKeySize = fixedKeySize;
    this.maxKeySize = maxKeySize;
    this.maxValueSize = maxValueSize;
  }

  /** The size of a V1 node, one allocator chunk, for the given slot sizes. */
  static long v1NodeSize(long maxKeySize, long maxValueSize) {
    return V1_ENTRIES_OFFSET + Node.CAPACITY * (4 + maxKeySize + maxValueSize + 4) + 8L * 12;
  }

  int pageSize() {
    return pageSize;
  }

  /** The size of every V2 key, or -1 when keys carry a u32 length. */
  int fixedKeySize() {
    return fixedKeySize;
  }

  /** The bytes before each V2 key: its length, unless keys are fixed-size. */
  int keyPrefix() {
    return fixedKeySize >= 0 ? 0 : 4;
  }

  long maxKeySize() {
    return maxKeySize;
  }

  long maxValueSize() {
    return maxValueSize;
  }

  // ---------------------------------------------------------------- header

  /**
   * Checks a node header read from {@code address}.
   *
   * @param word the first 4 bytes (magic and version), little-endian
   * @param type the type byte
   * @param count the entry count (u16)
   * @return the header packed as {@code version << 16 | leaf << 8 | count}; see {@link #version},
   *     {@link #isLeaf}, {@link #count}
   */
  int checkHeader(long address, int word, int type, int count) {
    if ((word & 0xFFFFFF) != NODE_MAGIC) {
      throw new CorruptedStructureException("bad node magic at address " + address);
    }
    int version = word >>> 24;
    if (version == 1 && maxKeySize < 0) {
      throw new CorruptedStructureException("V1 node at " + address + " in a V2 map");
    }
    if (version != 1 && version != 2) {
      throw new CorruptedStructureException("unknown node version " + version + " at " + address);
    }
    if (type != TYPE_LEAF && type != TYPE_INTERNAL) {
      throw new CorruptedStructureException("unknown node type " + type + " at " + address);
    }
    if (count < 1 || count > Node.CAPACITY) {
      throw new CorruptedStructureException(
          "node at " + address + " holds " + count + " entries (expected 1 to 11)");
    }
    return version << 16 | (type == TYPE_LEAF ? 1 : 0) << 8 | count;
  }

  /** Reads and checks the header of the node at {@code address} (see {@link #checkHeader}). */
  int readHeader(Memory memory, long address) {
    checkAddress(memory, address, "node");
    return checkHeader(
        address,
        memory.readIntLE(address),
        memory.readByte(address + 4),
        memory.readShortLE(address + COUNT_OFFSET));
  }

  /** Checks a header already copied into {@code bytes} from {@code address}. */
  int checkHeader(long address, byte[] bytes) {
    return checkHeader(
        address,
        ByteArrays.getIntLE(bytes, 0),
        bytes[4],
        ByteArrays.getShortLE(bytes, COUNT_OFFSET));
  }

  static int version(int header) {
    return header >>> 16;
  }

  static boolean isLeaf(int header) {
    return (header & 0x100) != 0;
  }

  static int count(int header) {
    return header & 0xFF;
  }

  /** Writes a node header into {@code bytes} at 0. */
  static void writeHeader(byte[] bytes, int version, boolean leaf, int count) {
    bytes[0] = 'B';
    bytes[1] = 'T';
    bytes[2] = 'N';
    bytes[3] = (byte) version;
    bytes[4] = (byte) (leaf ? TYPE_LEAF : TYPE_INTERNAL);
    writeCount(bytes, count);
  }

  /** Rewrites the entry count of a node image. */
  static void writeCount(byte[] bytes, int count) {
    ByteArrays.putShortLE(bytes, COUNT_OFFSET, count);
  }

  /** The entry count of the node at {@code address}, read alone and not validated. */
  int peekCount(Memory memory, long address) {
    checkAddress(memory, address, "child");
    return memory.readShortLE(address + COUNT_OFFSET);
  }

  /** Throws when a walk is deeper than {@link #MAX_DEPTH}: the image is damaged (a cycle?). */
  static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new CorruptedStructureException("the tree is deeper than " + MAX_DEPTH);
    }
  }

  /** Checks that a node or overflow page address is a chunk's data address inside the memory. */
  void checkAddress(Memory memory, long address, String what) {
    if (!isChunkAddress(memory, address)) {
      throw new CorruptedStructureException(
          "the " + what + " address " + address + " is not a chunk inside the memory");
    }
  }

  /** Whether {@link #checkAddress} accepts {@code address}. */
  boolean isChunkAddress(Memory memory, long address) {
    return address >= Allocator.CHUNK_HEADER_SIZE
        && allocator.onChunkGrid(address - Allocator.CHUNK_HEADER_SIZE)
        && address <= memory.sizeInBytes() - allocator.allocationSize();
  }

  // ---------------------------------------------------------------- V1 geometry

  private long v1EntrySize() {
    return 8 + maxKeySize + maxValueSize;
  }

  /** Where entry {@code index} of a V1 node starts: its key length. */
  long v1KeyAt(int index) {
    return V1_ENTRIES_OFFSET + index * v1EntrySize();
  }

  /** Where the value length of entry {@code index} of a V1 node lies. */
  long v1ValueAt(int index) {
    return v1KeyAt(index) + 4 + maxKeySize;
  }

  /** Where the children of a V1 node of {@code count} entries start. */
  long v1ChildrenAt(int count) {
    return v1KeyAt(count);
  }

  // ---------------------------------------------------------------- V2 geometry

  /** Where the keys of a V2 node start. */
  static long v2KeysAt(boolean leaf, int count) {
    return leaf ? V2_CHILDREN_OFFSET : V2_CHILDREN_OFFSET + 8L * (count + 1);
  }

  /** The bytes of virtual string a node's pages hold (V1: its whole chunk). */
  long capacity(int version, int overflowPages) {
    if (version == 1) {
      return allocator.allocationSize();
    }
    return pageSize + (long) overflowPages * (pageSize - OVERFLOW_DATA_OFFSET);
  }

  /** The overflow pages a V2 node image of {@code size} bytes needs. */
  int overflowPagesNeeded(long size) {
    if (size <= pageSize) {
      return 0;
    }
    long perPage = (long) pageSize - OVERFLOW_DATA_OFFSET;
    return (int) ((size - pageSize + perPage - 1) / perPage);
  }

  /**
   * Walks the overflow chain that starts at {@code first}, checking every page's address and magic,
   * and bounded by the number of chunks the memory holds (so a cycle is corruption, not a loop).
   *
   * @return the pages in chain order, exactly as many as the chain has
   */
  long[] overflowChain(Memory memory, long node, long first) {
    long limit = memory.sizeInBytes() / allocator.chunkStride() + 1;
    long[] pages = Node.NO_PAGES;
    int n = 0;
    for (long next = first; next != 0; next = memory.readLongLE(next + OVERFLOW_NEXT_OFFSET)) {
      if (n >= limit) {
        throw new CorruptedStructureException(
            "the overflow chain of node " + node + " is longer than the memory allows");
      }
      checkAddress(memory, next, "overflow page");
      if ((memory.readIntLE(next) & 0xFFFFFF) != OVERFLOW_MAGIC) {
        throw new CorruptedStructureException("bad overflow page magic at " + next);
      }
      if (n == pages.length) {
        pages = java.util.Arrays.copyOf(pages, Math.max(4, n * 2));
      }
      pages[n++] = next;
    }
    return n == pages.length ? pages : java.util.Arrays.copyOf(pages, n);
  }

  /** A fresh overflow page's first bytes: magic and a null link. */
  static byte[] overflowPageHeader() {
    byte[] header = new byte[OVERFLOW_DATA_OFFSET];
    header[0] = 'N';
    header[1] = 'O';
    header[2] = 'F';
    return header;
  }

  /**
   * Copies a range of a node's virtual byte string; the caller has checked that it lies inside the
   * node's pages.
   */
  void readVirtual(
      Memory memory,
      long node,
      long[] overflows,
      long offset,
      byte[] dst,
      int dstOffset,
      int length) {
    if (offset + length <= pageSize) {
      memory.read(node + offset, dst, dstOffset, length);
      return;
    }
    int perPage = pageSize - OVERFLOW_DATA_OFFSET;
    while (length > 0) {
      long real;
      int chunk;
      if (offset < pageSize) {
        real = node + offset;
        chunk = (int) Math.min(length, pageSize - offset);
      } else {
        long rel = offset - pageSize;
        real = overflows[(int) (rel / perPage)] + OVERFLOW_DATA_OFFSET + rel % perPage;
        chunk = (int) Math.min(length, perPage - rel % perPage);
      }
      memory.read(real, dst, dstOffset, chunk);
      offset += chunk;
      dstOffset += chunk;
      length -= chunk;
    }
  }

  /**
   * Reads a little-endian number of 4 or 8 bytes of a node's virtual string (see {@link
   * #readVirtual}), zero-extended: one memory access when it lies in the first page.
   */
  long readLE(Memory memory, long node, long[] overflows, long offset, int width) {
    if (offset + width <= pageSize) {
      return width == Long.BYTES
          ? memory.readLongLE(node + offset)
          : memory.readIntLE(node + offset) & 0xFFFF_FFFFL;
    }
    byte[] bytes = new byte[Long.BYTES]; // a 4-byte number leaves the high 4 bytes zero
    readVirtual(memory, node, overflows, offset, bytes, 0, width);
    return ByteArrays.getLongLE(bytes, 0);
  }
}
