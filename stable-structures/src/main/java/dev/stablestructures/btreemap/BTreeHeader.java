package dev.stablestructures.btreemap;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;

/**
 * The first 28 bytes of a B-tree map, as the crate's {@code BTreeHeader}, and the rules that tie
 * them to the codecs: the page size of a new map and the checks made when a map is opened.
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
 * |  52    | 48   | the allocator's header "BTA" (see {@link Allocator})          |
 * | 100    | ..   | chunks: 16-byte "CHK" header, then a node or overflow page    |
 * +--------+------+-----------------------------+---------------------------------+
 * </pre>
 *
 * A V1 map opened by {@code load} is migrated in memory to "V2 derived": new nodes are V2 with the
 * V1 node size as page size, yet the header keeps version byte 1 on disk, exactly like the crate.
 * Version 2 without the marker is read as V2 derived too (the crate's legacy path).
 */
final class BTreeHeader {
  static final int PACKED_SIZE = 28;
  static final int ALLOCATOR_OFFSET = 52;
  private static final long DEFAULT_PAGE_SIZE = 1024;
  private static final long MINIMUM_PAGE_SIZE = 128;
  private static final long PAGE_SIZE_MARKER = 0xFFFFFFFFL;

  /** How the node layout is described. */
  enum Layout {
    /** Version byte 1, not migrated: every new node is V1 (test-only, the crate's new_v1). */
    V1,
    /** Version 2 with an explicit page size. */
    V2_PAGE_SIZE,
    /** Version 2 whose page size is derived from V1 slot sizes (a migrated V1 map). */
    V2_DERIVED
  }

  /** What {@link #read} finds: the header and the root and length stored after it. */
  record Stored(BTreeHeader header, long root, long length) {}

  final Layout layout;

  /** The V1 key slot (u32), or -1 for {@link Layout#V2_PAGE_SIZE}. */
  final long maxKeySize;

  /** The V1 value slot (u32), or -1 for {@link Layout#V2_PAGE_SIZE}. */
  final long maxValueSize;

  /** The page size nodes are written with: explicit, or the V1 node size. */
  final long pageSize;

  private BTreeHeader(Layout layout, long maxKeySize, long maxValueSize, long pageSize) {
    this.layout = layout;
    this.maxKeySize = maxKeySize;
    this.maxValueSize = maxValueSize;
    this.pageSize = pageSize;
  }

  private static BTreeHeader slots(Layout layout, long maxKeySize, long maxValueSize) {
    return new BTreeHeader(
        layout, maxKeySize, maxValueSize, NodeLayout.v1NodeSize(maxKeySize, maxValueSize));
  }

  /**
   * The header of a new V2 map (the crate's {@code new}): the page size is ¾ of the largest V1 node
   * when both codecs are bounded, else 1024.
   *
   * @throws IncompatibleLayoutException if that page size is outside [128, 2^30)
   */
  static BTreeHeader forNewMap(Bound key, Bound value) {
    long pageSize = DEFAULT_PAGE_SIZE;
    if (key.isBounded() && value.isBounded()) {
      long v1 = NodeLayout.v1NodeSize(key.maxSize(), value.maxSize());
      pageSize = (v1 * 3 / 4) & 0xFFFFFFFFL;
    }
    if (pageSize > Integer.MAX_VALUE / 2 || pageSize < MINIMUM_PAGE_SIZE) {
      throw new IncompatibleLayoutException(
          "the codecs' bounds give a page size of " + pageSize + " bytes, outside [128, 2^30)");
    }
    return new BTreeHeader(Layout.V2_PAGE_SIZE, -1, -1, pageSize);
  }

  /** The header of a new V1 map (the crate's test-only {@code new_v1}); both must be bounded. */
  static BTreeHeader forNewV1Map(Bound key, Bound value) {
    if (!key.isBounded() || !value.isBounded()) {
      throw new IllegalArgumentException("the V1 layout needs bounded key and value codecs");
    }
    return slots(Layout.V1, key.maxSize(), value.maxSize());
  }

  /**
   * The layout a stored map is opened with: a V1 map migrates to V2 derived, as the crate's {@code
   * load}. A bounded codec may not declare more than a V1 slot holds (the crate's documented rule:
   * bounds may not grow); unbounded codecs are accepted (its bounded-to-unbounded migration).
   * Whether keys are fixed-size is not recorded in the format and cannot be checked.
   *
   * @throws IncompatibleLayoutException if the codecs cannot use the stored layout
   * @throws CorruptedStructureException if the stored page size is implausible
   */
  BTreeHeader openedWith(Bound key, Bound value) {
    BTreeHeader opened = this;
    if (layout == Layout.V2_PAGE_SIZE) {
      if (pageSize < MINIMUM_PAGE_SIZE) {
        throw new IncompatibleLayoutException(
            "stored page size " + pageSize + " is below the minimum of " + MINIMUM_PAGE_SIZE);
      }
    } else {
      checkSlot("key", key, maxKeySize);
      checkSlot("value", value, maxValueSize);
      opened = slots(Layout.V2_DERIVED, maxKeySize, maxValueSize);
    }
    if (opened.pageSize > Integer.MAX_VALUE / 2) {
      throw new CorruptedStructureException("stored page size " + pageSize + " is implausible");
    }
    return opened;
  }

  private static void checkSlot(String what, Bound bound, long stored) {
    if (bound.isBounded() && bound.maxSize() > stored) {
      throw new IncompatibleLayoutException(
          "the stored V1 map has "
              + what
              + " slots of "
              + stored
              + " bytes, but the "
              + what
              + " codec allows "
              + bound.maxSize()
              + "; a bounded type may not grow (use an unbounded codec to migrate)");
    }
  }

  /** Whether both headers lay out nodes alike (a V1 map and its V2-derived migration do). */
  boolean sameNodesAs(BTreeHeader other) {
    return pageSize == other.pageSize
        && maxKeySize == other.maxKeySize
        && maxValueSize == other.maxValueSize;
  }

  /** Whether a node of this tree may be V1 (a V1 map, or one migrated from V1). */
  boolean holdsV1Nodes() {
    return layout != Layout.V2_PAGE_SIZE;
  }

  /** The node version new nodes are written with. */
  int newNodeVersion() {
    return layout == Layout.V1 ? 1 : 2;
  }

  /** Reads and checks the header; the caller has checked the memory is large enough. */
  static Stored read(Memory memory) {
    byte[] buf = memory.readBytes(0, PACKED_SIZE);
    if (buf[0] != 'B' || buf[1] != 'T' || buf[2] != 'R') {
      throw new BadMagicException(
          "found " + StructureMagic.describe(buf) + ", not a B-tree map ('BTR')");
    }
    long first = ByteArrays.getIntLE(buf, 4) & 0xFFFFFFFFL;
    long second = ByteArrays.getIntLE(buf, 8) & 0xFFFFFFFFL;
    BTreeHeader header =
        switch (buf[3]) {
          case 1 -> slots(Layout.V1, first, second);
          case 2 ->
              second == PAGE_SIZE_MARKER
                  ? new BTreeHeader(Layout.V2_PAGE_SIZE, -1, -1, first)
                  : slots(Layout.V2_DERIVED, first, second);
          default ->
              throw new UnsupportedVersionException(
                  "unsupported B-tree map layout version "
                      + (buf[3] & 0xFF)
                      + " (expected 1 or 2)");
        };
    return new Stored(header, ByteArrays.getLongLE(buf, 12), ByteArrays.getLongLE(buf, 20));
  }

  /** Writes the 28 packed bytes, assembled in a new array (a map's creation, tests). */
  static void write(Memory memory, BTreeHeader header, long root, long length) {
    write(memory, header, root, length, new byte[PACKED_SIZE]);
  }

  /**
   * Writes the 28 packed bytes, assembled in {@code buf} (a caller's reusable {@link #PACKED_SIZE}
   * bytes, so an insert allocates nothing for its header); V1 and V2 derived write version byte 1,
   * like the crate.
   */
  static void write(Memory memory, BTreeHeader header, long root, long length, byte[] buf) {
    buf[0] = 'B';
    buf[1] = 'T';
    buf[2] = 'R';
    if (header.layout == Layout.V2_PAGE_SIZE) {
      buf[3] = 2;
      ByteArrays.putIntLE(buf, 4, (int) header.pageSize);
      ByteArrays.putIntLE(buf, 8, (int) PAGE_SIZE_MARKER);
    } else {
      buf[3] = 1;
      ByteArrays.putIntLE(buf, 4, (int) header.maxKeySize);
      ByteArrays.putIntLE(buf, 8, (int) header.maxValueSize);
    }
    ByteArrays.putLongLE(buf, 12, root);
    ByteArrays.putLongLE(buf, 20, length);
    Memories.write(memory, 0, buf);
  }
}
