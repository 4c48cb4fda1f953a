package dev.stablestructures.manager;

import java.nio.charset.StandardCharsets;

/** Names what a memory holds from its first bytes, so that refusing to open it can say why. */
final class Magics {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Magics() {}

  /**
   * Describes the start of a foreign memory: a known structure's magic by name, else the first
   * bytes in hex.
   *
   * @param first the memory's first bytes, at least 3
   * @return for example {@code magic 'BTR' (a BTreeMap)} or {@code bytes 00 00 00 00 00 00 00 00}
   */
  static String describe(byte[] first) {
    String magic = new String(first, 0, 3, StandardCharsets.ISO_8859_1);
    String name = structureFor(magic);
    if (name != null) {
      return "magic '" + magic + "' (" + name + ")";
    }
    StringBuilder hex = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(8, first.length); i++) {
      hex.append(' ').append(HEX[(first[i] >> 4) & 0xF]).append(HEX[first[i] & 0xF]);
    }
    return hex.append(" (no known magic)").toString();
  }

  private static String structureFor(String magic) {
    return switch (magic) {
      case "MGR" -> "a MemoryManager";
      case "BTR" -> "a BTreeMap";
      case "SVC" -> "a StableVec";
      case "SMH" -> "a MinHeap";
      case "SCL" -> "a Cell";
      case "GLI" -> "a Log's index memory";
      case "GLD" -> "a Log's data memory";
      default -> null;
    };
  }
}
