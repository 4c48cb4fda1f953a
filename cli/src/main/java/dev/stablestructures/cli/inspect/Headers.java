package dev.stablestructures.cli.inspect;

import dev.stablestructures.StructureMagic;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * A structure's header fields, read from its raw bytes so that they can be shown even when the
 * structure refuses to open (a damaged image). Offsets are the ones the owning classes draw ({@code
 * BaseVec}, {@code StableCell}, {@code StableLog}); the B-tree's, which its package keeps to
 * itself, are those of {@code BTreeHeader} and {@code Allocator}:
 *
 * <pre>
 * offset  size  B-tree field (u32/u64 little-endian)
 * ------  ----  --------------------------------------------------------
 *      4     4  V1: max key size;  V2: page size
 *      8     4  V1: max value size; V2: FF FF FF FF (page-size marker)
 *     12     8  root node address (0 = empty)
 *     20     8  number of entries
 *     60     8  allocator: chunk size (allocator header at 52, +8)
 *     68     8  allocator: allocated chunks (+16)
 *     76     8  allocator: free-list head (+24)
 * </pre>
 *
 * Only fields that lie inside the memory are read; nothing is written.
 */
final class Headers {
  private static final int BTREE_ALLOCATOR = 52;

  private Headers() {}

  /** One header field: its name, offset and value as text. */
  record Field(String name, long offset, String value) {}

  /** The magic at offset 0 of a memory, or null if it holds no known structure. */
  static StructureMagic magicOf(Memory memory) {
    if (memory.sizeInBytes() < StructureMagic.HEADER_SIZE) {
      return null;
    }
    byte[] head = memory.readBytes(0, StructureMagic.HEADER_SIZE);
    for (StructureMagic magic : StructureMagic.values()) {
      if (magic.matches(head)) {
        return magic;
      }
    }
    return null;
  }

  /** The first bytes of a memory, described: a magic's name, or hex. */
  static String describe(Memory memory) {
    long size = memory.sizeInBytes();
    if (size == 0) {
      return "an empty memory (0 pages)";
    }
    return StructureMagic.describe(memory.readBytes(0, (int) Math.min(8, size)));
  }

  /** The header fields of the structure whose magic starts {@code memory}. */
  static List<Field> of(StructureMagic magic, Memory memory) {
    List<Field> fields = new ArrayList<>();
    Reader r = new Reader(memory, fields);
    r.u8("layout version", 3);
    switch (magic) {
      case VEC, MIN_HEAP -> {
        r.u64("length", BaseVec.LEN_OFFSET);
        r.u32("max element size", BaseVec.MAX_SIZE_OFFSET);
        r.flag("fixed-size", BaseVec.FIXED_OFFSET);
      }
      case CELL -> r.u32("value length", StableCell.LENGTH_OFFSET);
      case LOG_INDEX -> r.u64("entries", StableLog.HEADER_SIZE);
      case BTREE -> {
        boolean v2 =
            memory.sizeInBytes() >= 12
                && (memory.readByte(3) & 0xFF) == 2
                && memory.readIntLE(8) == -1;
        if (v2) {
          r.u32("page size", 4);
        } else {
          r.u32("max key size", 4);
          r.u32("max value size", 8);
        }
        r.u64("root address", 12);
        r.u64("entries", 20);
        r.u64("chunk size", BTREE_ALLOCATOR + 8);
        r.u64("allocated chunks", BTREE_ALLOCATOR + 16);
        r.u64("free-list head", BTREE_ALLOCATOR + 24);
      }
      case MEMORY_MANAGER -> {
        r.u16("allocated buckets", MemoryManager.ALLOCATED_BUCKETS_OFFSET);
        r.u16("bucket size (pages)", MemoryManager.BUCKET_SIZE_OFFSET);
      }
      default -> {}
    }
    return fields;
  }

  /** Reads fields that fit the memory; one that does not is shown as missing. */
  private static final class Reader {
    private final Memory memory;
    private final List<Field> fields;

    Reader(Memory memory, List<Field> fields) {
      this.memory = memory;
      this.fields = fields;
    }

    private boolean fits(long offset, int width) {
      return offset + width <= memory.sizeInBytes();
    }

    private void add(String name, long offset, int width, String value) {
      fields.add(new Field(name, offset, fits(offset, width) ? value : "(past the memory's end)"));
    }

    void u8(String name, long offset) {
      add(name, offset, 1, fits(offset, 1) ? "" + (memory.readByte(offset) & 0xFF) : "");
    }

    void flag(String name, long offset) {
      add(name, offset, 1, fits(offset, 1) ? "" + (memory.readByte(offset) != 0) : "");
    }

    void u16(String name, long offset) {
      add(name, offset, 2, fits(offset, 2) ? "" + memory.readShortLE(offset) : "");
    }

    void u32(String name, long offset) {
      add(
          name,
          offset,
          4,
          fits(offset, 4) ? Integer.toUnsignedString(memory.readIntLE(offset)) : "");
    }

    void u64(String name, long offset) {
      add(name, offset, 8, fits(offset, 8) ? Long.toUnsignedString(memory.readLongLE(offset)) : "");
    }
  }
}
