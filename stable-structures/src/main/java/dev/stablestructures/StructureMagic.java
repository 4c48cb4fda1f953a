package dev.stablestructures;

import dev.stablestructures.memory.Memory;
import java.nio.charset.StandardCharsets;

/**
 * Names what a memory holds from its first bytes, so that a structure refusing to open a memory can
 * say what it found ("found magic 'BTR' (a BTreeMap)") instead of overwriting it.
 *
 * <p>Every structure of the crate starts with a 3-byte ASCII magic at offset 0, followed by a
 * layout version byte.
 */
public final class StructureMagic {
  private StructureMagic() {}

  /**
   * Returns the kind of structure a magic stands for.
   *
   * @param magic three ASCII characters, such as {@code "BTR"}
   * @return a short description such as {@code "a BTreeMap"}, or null if the magic is unknown
   */
  public static String kindOf(String magic) {
    return switch (magic) {
      case "BTR" -> "a BTreeMap or BTreeSet";
      case "SVC" -> "a StableVec";
      case "SMH" -> "a MinHeap";
      case "SCL" -> "a Cell";
      case "MGR" -> "a MemoryManager";
      case "GLI" -> "a Log's index memory";
      case "GLD" -> "a Log's data memory";
      default -> null;
    };
  }

  /**
   * Describes the first bytes of a memory for an error message.
   *
   * @param memory the memory, of at least one page
   * @return for instance {@code "magic 'BTR' (a BTreeMap or BTreeSet)"} or {@code "bytes 00 00 00
   *     00 (no known structure)"}
   */
  public static String describe(Memory memory) {
    int length = (int) Math.min(4, memory.sizeInBytes());
    return describe(memory.readBytes(0, length));
  }

  /**
   * Describes leading bytes for an error message.
   *
   * @param first the first bytes of a memory (3 or more to recognise a magic)
   * @return a description naming the magic and its structure, or the bytes in hex
   */
  public static String describe(byte[] first) {
    if (first.length >= 3) {
      String magic = new String(first, 0, 3, StandardCharsets.ISO_8859_1);
      String kind = kindOf(magic);
      if (kind != null) {
        return "magic '" + magic + "' (" + kind + ")";
      }
    }
    StringBuilder hex = new StringBuilder("bytes");
    for (byte b : first) {
      hex.append(' ').append(String.format("%02X", b & 0xFF));
    }
    return hex.append(" (no known structure)").toString();
  }
}
