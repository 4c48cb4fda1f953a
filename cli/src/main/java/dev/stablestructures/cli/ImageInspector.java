package dev.stablestructures.cli;

import dev.stablestructures.StructureMagic;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes an image from its raw header bytes, following the layouts of {@code reference-crate.md}
 * section 2. It deliberately reads bytes itself rather than opening structures: it must work on
 * images no codec is known for, and on MemoryManager images without the manager class. Nothing here
 * writes.
 */
final class ImageInspector {
  private static final int PAGE = 65_536;
  private static final int MGR_MEMORIES = 255;
  private static final int MGR_SIZES = 40;
  private static final int MGR_TABLE = 2080;
  private static final int MGR_BUCKETS = 32_768;

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
    ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    lines.add(
        "size: "
            + image.length / PAGE
            + " pages"
            + (image.length % PAGE == 0 ? "" : " plus " + image.length % PAGE + " stray bytes"));
    if (image.length < 4) {
      lines.add("too short to hold any structure header");
      return new Report(lines, false);
    }
    String magic = magicAt(bytes, 0);
    if (magic == null) {
      lines.add("no known structure: " + StructureMagic.describe(copy(image, 0, 8)));
      return new Report(lines, false);
    }
    if (magic.equals("MGR")) {
      describeManager(bytes, lines);
    } else {
      describeStructure(bytes, 0, image.length, "", lines);
    }
    return new Report(lines, true);
  }

  private static String magicAt(ByteBuffer bytes, int offset) {
    if (offset < 0 || offset + 4 > bytes.capacity()) {
      return null;
    }
    String magic =
        new String(
            new byte[] {bytes.get(offset), bytes.get(offset + 1), bytes.get(offset + 2)},
            StandardCharsets.ISO_8859_1);
    return StructureMagic.kindOf(magic) == null ? null : magic;
  }

  private static byte[] copy(byte[] image, int from, int length) {
    byte[] out = new byte[Math.max(0, Math.min(length, image.length - from))];
    System.arraycopy(image, from, out, 0, out.length);
    return out;
  }

  /** Describes the structure whose header starts at {@code base} (a memory's offset 0). */
  private static void describeStructure(
      ByteBuffer bytes, int base, long available, String indent, List<String> lines) {
    String magic = magicAt(bytes, base);
    if (magic == null) {
      byte[] first = new byte[Math.min(4, Math.max(0, bytes.capacity() - base))];
      for (int i = 0; i < first.length; i++) {
        first[i] = bytes.get(base + i);
      }
      lines.add(indent + "no known structure: " + StructureMagic.describe(first));
      return;
    }
    int version = bytes.get(base + 3) & 0xFF;
    lines.add(
        indent
            + "magic '"
            + magic
            + "' ("
            + StructureMagic.kindOf(magic)
            + "), layout version "
            + version);
    switch (magic) {
      case "SVC", "SMH" -> {
        if (fits(bytes, base, 17)) {
          lines.add(indent + "  length: " + Long.toUnsignedString(bytes.getLong(base + 4)));
          lines.add(
              indent
                  + "  max element size: "
                  + Integer.toUnsignedString(bytes.getInt(base + 12))
                  + " bytes, fixed-size: "
                  + (bytes.get(base + 16) != 0));
        }
      }
      case "SCL" -> {
        if (fits(bytes, base, 8)) {
          long length = Integer.toUnsignedLong(bytes.getInt(base + 4));
          lines.add(indent + "  value length: " + length + " bytes");
          if (length <= available - 8 && fits(bytes, base, 8 + (int) Math.min(length, 48))) {
            byte[] start = new byte[(int) Math.min(length, 48)];
            for (int i = 0; i < start.length; i++) {
              start[i] = bytes.get(base + 8 + i);
            }
            lines.add(indent + "  value starts: " + render(start, length > start.length));
          } else {
            lines.add(indent + "  the value length reaches past the end of the image");
          }
        }
      }
      case "BTR" -> {
        if (fits(bytes, base, 28)) {
          int a = bytes.getInt(base + 4);
          int b = bytes.getInt(base + 8);
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
          lines.add(indent + "  root address: " + Long.toUnsignedString(bytes.getLong(base + 12)));
          lines.add(indent + "  entries: " + Long.toUnsignedString(bytes.getLong(base + 20)));
        }
      }
      case "GLI" -> {
        if (fits(bytes, base, 40)) {
          lines.add(indent + "  entries: " + Long.toUnsignedString(bytes.getLong(base + 32)));
        }
      }
      default -> {}
    }
  }

  private static boolean fits(ByteBuffer bytes, int base, int length) {
    return base >= 0 && (long) base + length <= bytes.capacity();
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

  private static void describeManager(ByteBuffer bytes, List<String> lines) {
    int version = bytes.get(3) & 0xFF;
    lines.add("magic 'MGR' (" + StructureMagic.kindOf("MGR") + "), layout version " + version);
    if (bytes.capacity() < MGR_TABLE + MGR_BUCKETS) {
      lines.add("  the image is too short for the manager's bucket table");
      return;
    }
    int allocated = bytes.getShort(4) & 0xFFFF;
    int bucketPages = bytes.getShort(6) & 0xFFFF;
    lines.add("  allocated buckets: " + allocated + ", bucket size: " + bucketPages + " pages");
    int[] bucketCounts = new int[MGR_MEMORIES];
    int[] firstBucket = new int[MGR_MEMORIES];
    java.util.Arrays.fill(firstBucket, -1);
    for (int bucket = 0; bucket < MGR_BUCKETS; bucket++) {
      int owner = bytes.get(MGR_TABLE + bucket) & 0xFF;
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
      long pages = bytes.getLong(MGR_SIZES + 8 * id);
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
        long start = PAGE + firstBucket[id] * bucketBytes;
        if (start + 4 <= bytes.capacity()) {
          // Only headers that fit the memory's first bucket are read; the rest of the structure
          // may live in other buckets.
          describeStructure(bytes, (int) start, Math.min(bucketBytes, pages * PAGE), "    ", lines);
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
