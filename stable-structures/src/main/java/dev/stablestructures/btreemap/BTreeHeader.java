package dev.stablestructures.btreemap;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;

/**
 * The first 28 bytes of a B-tree map, as the crate's {@code BTreeHeader}.
 *
 * <pre>
 * +--------+------+-----------------------------+---------------------------------+
 * | offset | size | V1 / V2 derived (byte 1)    | V2 with page size (byte 2)      |
 * +--------+------+-----------------------------+---------------------------------+
 * |   0    |  3   | magic "BTR"                 | magic "BTR"                     |
 * |   3    |  1   | 1                           | 2                               |
 * |   4    |  4   | max key size (u32 LE)       | page size (u32 LE)              |
 * |   8    |  4   | max value size (u32 LE)     | FF FF FF FF (page-size marker)  |
 * |  12    |  8   | root node address (u64 LE; 0 = empty)                         |
 * |  20    |  8   | number of entries (u64 LE)                                    |
 * |  28    | 24   | reserved                                                      |
 * +--------+------+-----------------------------+---------------------------------+
 * </pre>
 *
 * A V1 map opened by {@code load} is migrated in memory to "V2 derived": new nodes are V2 with the
 * V1 node size as page size, yet the header keeps version byte 1 on disk, exactly like the crate.
 */
final class BTreeHeader {
  static final int PACKED_SIZE = 28;
  static final int ALLOCATOR_OFFSET = 52;
  static final int PAGE_SIZE_MARKER = 0xFFFFFFFF;

  /** How the node layout is described. */
  enum Layout {
    /** Version byte 1, not migrated: every new node is V1 (test-only, the crate's new_v1). */
    V1,
    /** Version 2 with an explicit page size. */
    V2_PAGE_SIZE,
    /** Version 2 whose page size is derived from V1 max sizes (a migrated V1 map). */
    V2_DERIVED
  }

  final Layout layout;

  /** Max key size (V1 / V2_DERIVED) or page size (V2_PAGE_SIZE), as an unsigned u32. */
  final long a;

  /** Max value size (V1 / V2_DERIVED); unused for V2_PAGE_SIZE. */
  final long b;

  BTreeHeader(Layout layout, long a, long b) {
    this.layout = layout;
    this.a = a;
    this.b = b;
  }

  static BTreeHeader pageSize(long pageSize) {
    return new BTreeHeader(Layout.V2_PAGE_SIZE, pageSize, PAGE_SIZE_MARKER & 0xFFFFFFFFL);
  }

  /** The page size nodes are written with: explicit, or the V1 node size. */
  long pageSize() {
    return layout == Layout.V2_PAGE_SIZE ? a : Node.v1Size(a, b);
  }

  /** Result of {@link #read}: layout plus root and length. */
  static final class Stored {
    final BTreeHeader header;
    final long root;
    final long length;

    Stored(BTreeHeader header, long root, long length) {
      this.header = header;
      this.root = root;
      this.length = length;
    }
  }

  /** Reads and checks the header; the caller has checked the memory is large enough. */
  static Stored read(Memory memory) {
    byte[] buf = memory.readBytes(0, PACKED_SIZE);
    if (buf[0] != 'B' || buf[1] != 'T' || buf[2] != 'R') {
      throw new BadMagicException(
          "found " + StructureMagic.describe(buf) + ", not a B-tree map ('BTR')");
    }
    long a = memory.readIntLE(4) & 0xFFFFFFFFL;
    long b = memory.readIntLE(8) & 0xFFFFFFFFL;
    long root = memory.readLongLE(12);
    long length = memory.readLongLE(20);

    BTreeHeader header =
        switch (buf[3]) {
          case 1 -> new BTreeHeader(Layout.V1, a, b);
          case 2 ->
              b == (PAGE_SIZE_MARKER & 0xFFFFFFFFL)
                  ? new BTreeHeader(Layout.V2_PAGE_SIZE, a, b)
                  : new BTreeHeader(Layout.V2_DERIVED, a, b);
          default ->
              throw new UnsupportedVersionException(
                  "unsupported B-tree map layout version "
                      + (buf[3] & 0xFF)
                      + " (expected 1 or 2)");
        };
    return new Stored(header, root, length);
  }

  /** Writes the 28 packed bytes; V1 and V2_DERIVED write version byte 1, like the crate. */
  static void write(Memory memory, BTreeHeader header, long root, long length) {
    byte[] buf = new byte[PACKED_SIZE];
    buf[0] = 'B';
    buf[1] = 'T';
    buf[2] = 'R';
    buf[3] = (byte) (header.layout == Layout.V2_PAGE_SIZE ? 2 : 1);
    putIntLE(buf, 4, header.a);
    putIntLE(buf, 8, header.b);
    Allocator.putLongLE(buf, 12, root);
    Allocator.putLongLE(buf, 20, length);
    Memories.write(memory, 0, buf);
  }

  private static void putIntLE(byte[] buf, int offset, long value) {
    for (int i = 0; i < 4; i++) {
      buf[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
