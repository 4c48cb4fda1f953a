package dev.stablestructures.cli;

import dev.stablestructures.StructureMagic;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Describes an image from its raw header bytes. It deliberately reads bytes itself rather than
 * opening structures: it must work on images no codec is known for, and on damaged ones the
 * structures would refuse. The offsets come from the classes that own each layout (the B-tree's
 * header fields, which its package keeps to itself, are the exception). Nothing here writes.
 */
final class ImageInspector {
  private static final int PAGE = Memory.PAGE_SIZE;
  private static final int MGR_TABLE = MemoryManager.BUCKET_TABLE_OFFSET;
  private static final int MGR_BUCKETS = MemoryManager.MAX_BUCKETS;
  private static final int MGR_MEMORIES = MemoryManager.MAX_MEMORIES;

  private ImageInspector() {}

  /** The outcome: lines for a person, and whether a known structure was found at offset 0. */
  static final class Report {
    final List<String> lines;
    final boolean recognised;

    Report(List<String> lines, boolean recognised) {
      this.lines = lines;
      this.recognised = recognised;
    }
  }

  static Report inspect(byte[] image) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "size: "
            + image.length / PAGE
            + " pages"
            + (image.length % PAGE == 0 ? "" : " plus " + image.length % PAGE + " stray bytes"));
    if (image.length < StructureMagic.HEADER_SIZE) {
      lines.add("too short to hold any structure header");
      return new Report(lines, false);
    }
    StructureMagic magic = magicAt(image, 0);
    if (magic == null) {
      lines.add("no known structure: " + StructureMagic.describe(copy(image, 0, 8)));
      return new Report(lines, false);
    }
    if (magic == StructureMagic.MEMORY_MANAGER) {
      describeManager(image, lines);
    } else {
      describeStructure(image, 0, image.length, "", lines);
    }
    return new Report(lines, true);
  }

  /** The known magic whose header starts at {@code offset}, or null. */
  private static StructureMagic magicAt(byte[] image, int offset) {
    if (!fits(image, offset, StructureMagic.HEADER_SIZE)) {
      return null;
    }
    return StructureMagic.find(new String(image, offset, 3, StandardCharsets.ISO_8859_1));
  }

  private static byte[] copy(byte[] image, int from, int length) {
    return Arrays.copyOfRange(
        image, from, from + Math.max(0, Math.min(length, image.length - from)));
  }

  /** Describes the structure whose header starts at {@code base} (a memory's offset 0). */
  private static void describeStructure(
      byte[] image, int base, long available, String indent, List<String> lines) {
    StructureMagic magic = magicAt(image, base);
    if (magic == null) {
      lines.add(indent + "no known structure: " + StructureMagic.describe(copy(image, base, 4)));
      return;
    }
    int version = image[base + 3] & 0xFF;
    lines.add(
        indent + "magic '" + magic.magic() + "' (" + magic.kind() + "), layout version " + version);
    switch (magic) {
      case VEC, MIN_HEAP -> describeSlots(image, base, indent, lines);
      case CELL -> describeCell(image, base, available, indent, lines);
      case BTREE -> describeBTree(image, base, version, indent, lines);
      case LOG_INDEX -> {
        if (fits(image, base, (int) StableLog.INDEX_ENTRIES_OFFSET)) {
          lines.add(indent + "  entries: " + unsignedLong(image, base + StableLog.HEADER_SIZE));
        }
      }
      default -> {}
    }
  }

  private static void describeSlots(byte[] image, int base, String indent, List<String> lines) {
    if (fits(image, base, (int) BaseVec.FIXED_OFFSET + 1)) {
      lines.add(indent + "  length: " + unsignedLong(image, base + BaseVec.LEN_OFFSET));
      lines.add(
          indent
              + "  max element size: "
              + Integer.toUnsignedString(
                  ByteArrays.getIntLE(image, base + (int) BaseVec.MAX_SIZE_OFFSET))
              + " bytes, fixed-size: "
              + (image[base + (int) BaseVec.FIXED_OFFSET] != 0));
    }
  }

  private static void describeCell(
      byte[] image, int base, long available, String indent, List<String> lines) {
    int header = StableCell.HEADER_SIZE;
    if (!fits(image, base, header)) {
      return;
    }
    long length =
        Integer.toUnsignedLong(ByteArrays.getIntLE(image, base + StableCell.LENGTH_OFFSET));
    lines.add(indent + "  value length: " + length + " bytes");
    int shown = (int) Math.min(length, 48);
    if (length <= available - header && fits(image, base, header + shown)) {
      byte[] start = copy(image, base + header, shown);
      lines.add(indent + "  value starts: " + render(start, length > start.length));
    } else {
      lines.add(indent + "  the value length reaches past the end of the image");
    }
  }

  /** The B-tree header: offsets of the crate's BTR layout, which the B-tree package keeps. */
  private static void describeBTree(
      byte[] image, int base, int version, String indent, List<String> lines) {
    if (!fits(image, base, 28)) {
      return;
    }
    int a = ByteArrays.getIntLE(image, base + 4);
    int b = ByteArrays.getIntLE(image, base + 8);
    if (version == 2 && b == -1) {
      lines.add(indent + "  V2 nodes, page size: " + Integer.toUnsignedString(a));
    } else {
      lines.add(
          indent
              + "  max key size: "
              + Integer.toUnsignedString(a)
              + ", max value size: "
              + Integer.toUnsignedString(b));
    }
    lines.add(indent + "  root address: " + unsignedLong(image, base + 12));
    lines.add(indent + "  entries: " + unsignedLong(image, base + 20));
  }

  private static String unsignedLong(byte[] image, long offset) {
    return Long.toUnsignedString(ByteArrays.getLongLE(image, (int) offset));
  }

  private static boolean fits(byte[] image, int base, int length) {
    return base >= 0 && (long) base + length <= image.length;
  }

  private static String render(byte[] start, boolean more) {
    boolean printable = true;
    for (byte b : start) {
      printable &= b >= 0x20 && b < 0x7f;
    }
    String text;
    if (printable) {
      text = "\"" + new String(start, StandardCharsets.US_ASCII) + "\"";
    } else {
      StringBuilder hex = new StringBuilder();
      for (byte b : start) {
        hex.append(String.format("%02x", b & 0xFF));
      }
      text = hex.toString();
    }
    return more ? text + "..." : text;
  }

  private static void describeManager(byte[] image, List<String> lines) {
    int version = image[3] & 0xFF;
    StructureMagic magic = StructureMagic.MEMORY_MANAGER;
    lines.add("magic 'MGR' (" + magic.kind() + "), layout version " + version);
    if (image.length < MGR_TABLE + MGR_BUCKETS) {
      lines.add("  the image is too short for the manager's bucket table");
      return;
    }
    int allocated = ByteArrays.getShortLE(image, MemoryManager.ALLOCATED_BUCKETS_OFFSET);
    int bucketPages = ByteArrays.getShortLE(image, MemoryManager.BUCKET_SIZE_OFFSET);
    lines.add("  allocated buckets: " + allocated + ", bucket size: " + bucketPages + " pages");
    int[] bucketCounts = new int[MGR_MEMORIES];
    int[] firstBucket = new int[MGR_MEMORIES];
    Arrays.fill(firstBucket, -1);
    for (int bucket = 0; bucket < MGR_BUCKETS; bucket++) {
      int owner = image[MGR_TABLE + bucket] & 0xFF;
      if (owner < MGR_MEMORIES) {
        bucketCounts[owner]++;
        if (firstBucket[owner] < 0) {
          firstBucket[owner] = bucket;
        }
      }
    }
    long bucketBytes = (long) bucketPages * PAGE;
    int used = 0;
    for (int id = 0; id < MGR_MEMORIES; id++) {
      long pages = ByteArrays.getLongLE(image, MemoryManager.SIZES_OFFSET + 8 * id);
      if (pages == 0 && bucketCounts[id] == 0) {
        continue;
      }
      used++;
      lines.add(
          "  memory "
              + id
              + ": "
              + Long.toUnsignedString(pages)
              + " pages in "
              + bucketCounts[id]
              + " bucket(s)");
      if (firstBucket[id] >= 0) {
        long start = MemoryManager.BUCKETS_OFFSET + firstBucket[id] * bucketBytes;
        if (start + StructureMagic.HEADER_SIZE <= image.length) {
          // Only headers that fit the memory's first bucket are read; the rest of the structure
          // may live in other buckets.
          describeStructure(image, (int) start, Math.min(bucketBytes, pages * PAGE), "    ", lines);
        } else {
          lines.add("    its first bucket lies past the end of the image");
        }
      }
    }
    if (used == 0) {
      lines.add("  no memory in use");
    }
  }
}
