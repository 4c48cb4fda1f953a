package dev.stablestructures.cli.inspect;

import dev.stablestructures.StructureMagic;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Principal;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import java.nio.charset.StandardCharsets;
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
 * <p>The canister runtime's record (magic {@code SRT}, memory 254), whose class keeps its layout to
 * its package too, as {@code RuntimeMetadata} draws it:
 *
 * <pre>
 * offset  size  runtime record field (little-endian)
 * ------  ----  --------------------------------------------------------
 *      4     4  u32 record length
 *      8     4  u32 stable-memory version
 *     12     4  u32 number of declarations
 *     16     8  u64 code version
 *     24     8  i64 last install or upgrade, milliseconds since 1970 UTC
 *     32     1  u8 principal length P (0 to 29), then P bytes at 33
 *     62     2  u16 code name length N
 *     64    32  code hash (SHA-256)
 *     96     N  code name, UTF-8
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
      case RUNTIME_METADATA -> {
        r.u32("record length", 4);
        r.u32("stable-memory version", 8);
        r.u32("declarations", 12);
        r.u64("code version", 16);
        r.instant("last install or upgrade", 24);
        r.principal("principal", 32);
        r.hex("code hash", 64, 32);
        r.utf8("code name", 96, 62);
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

    void instant(String name, long offset) {
      add(
          name,
          offset,
          8,
          fits(offset, 8)
              ? java.time.Instant.ofEpochMilli(memory.readLongLE(offset)).toString()
              : "");
    }

    void hex(String name, long offset, int length) {
      add(
          name,
          offset,
          length,
          fits(offset, length) ? hexOf(memory.readBytes(offset, length)) : "");
    }

    /** A principal: its length byte, then that many bytes; shown in the IC's text form. */
    void principal(String name, long offset) {
      int max = Principal.MAX_LENGTH_IN_BYTES;
      if (!fits(offset, 1 + max)) {
        add(name, offset, 1 + max, "");
        return;
      }
      int length = memory.readByte(offset) & 0xFF;
      add(
          name,
          offset,
          1 + max,
          length > max
              ? "(length " + length + ", more than " + max + ")"
              : Principal.of(memory.readBytes(offset + 1, length)).toText());
    }

    /** UTF-8 text whose u16 length is at {@code lengthOffset}. */
    void utf8(String name, long offset, long lengthOffset) {
      int length = fits(lengthOffset, 2) ? memory.readShortLE(lengthOffset) : 0;
      add(
          name,
          offset,
          length,
          fits(offset, length)
              ? new String(memory.readBytes(offset, length), StandardCharsets.UTF_8)
              : "");
    }

    private static String hexOf(byte[] bytes) {
      StringBuilder text = new StringBuilder(2 * bytes.length);
      for (byte b : bytes) {
        text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return text.toString();
    }
  }
}
