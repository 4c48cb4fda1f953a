package dev.stablestructures;

import java.nio.charset.StandardCharsets;

/**
 * The magics that open every structure of the crate: the one table of what a memory can hold, so
 * that a structure refusing a memory can say what it found ("found magic 'BTR' (a BTreeMap or
 * BTreeSet)") instead of overwriting it.
 *
 * <p>Every structure's memory starts with the same four bytes, its header word:
 *
 * <pre>
 * offset  size  field
 * ------  ----  -------------------------------------------------------
 *      0     3  magic, 3 ASCII characters, such as "SVC" (53 56 43)
 *      3     1  the structure's layout version
 * </pre>
 *
 * {@link #header(int)} builds these bytes for a new structure, and {@link #checkHeader} checks them
 * when one is opened.
 */
public enum StructureMagic {
  /** Page 0 of a memory carved up by a {@code MemoryManager}. */
  MEMORY_MANAGER("MGR", "a MemoryManager"),
  /** A {@code StableBTreeMap} or {@code StableBTreeSet} (the set is a map to {@code ()}). */
  BTREE("BTR", "a BTreeMap or BTreeSet"),
  /** A {@code StableVec}. */
  VEC("SVC", "a StableVec"),
  /** A {@code StableMinHeap}. */
  MIN_HEAP("SMH", "a MinHeap"),
  /** A {@code StableCell}. */
  CELL("SCL", "a Cell"),
  /** The index memory of a {@code StableLog}. */
  LOG_INDEX("GLI", "a Log's index memory"),
  /** The data memory of a {@code StableLog}. */
  LOG_DATA("GLD", "a Log's data memory"),
  /** Memory 254 of a canister run by {@code dev.stablestructures.runtime}: its metadata. */
  RUNTIME_METADATA("SRT", "the canister runtime's metadata");

  /** Bytes of the header: the magic and the version. */
  public static final int HEADER_SIZE = 4;

  private final String magic;
  private final String kind;

  StructureMagic(String magic, String kind) {
    this.magic = magic;
    this.kind = kind;
  }

  /**
   * Returns the three ASCII characters.
   *
   * @return for example {@code "SVC"}
   */
  public String magic() {
    return magic;
  }

  /**
   * Returns what a memory starting with this magic holds, for messages.
   *
   * @return for example {@code "a StableVec"}
   */
  public String kind() {
    return kind;
  }

  /**
   * Returns the header a new structure of this magic writes at offset 0.
   *
   * @param version the structure's layout version, 0 to 255
   * @return the {@value #HEADER_SIZE} header bytes, a new array
   */
  public byte[] header(int version) {
    return new byte[] {
      (byte) magic.charAt(0), (byte) magic.charAt(1), (byte) magic.charAt(2), (byte) version
    };
  }

  /**
   * Tells whether a memory's first bytes are this magic.
   *
   * @param first the bytes at offset 0, at least 3
   * @return true if they start with this magic
   */
  public boolean matches(byte[] first) {
    return first.length >= 3
        && first[0] == magic.charAt(0)
        && first[1] == magic.charAt(1)
        && first[2] == magic.charAt(2);
  }

  /**
   * Checks the header of a memory a structure opens: this magic, then the one layout version the
   * structure reads.
   *
   * @param first the memory's first {@value #HEADER_SIZE} bytes
   * @param version the layout version the structure reads
   * @param structure how messages name what is opened, such as {@code "StableVec"} or {@code
   *     "StableLog index memory"}
   * @throws BadMagicException if the memory starts with something else, named if it is known
   * @throws UnsupportedVersionException if it holds another layout version of this structure
   */
  public void checkHeader(byte[] first, int version, String structure) {
    if (!matches(first)) {
      throw new BadMagicException(
          "cannot open a " + structure + " (magic '" + magic + "'): found " + describe(first));
    }
    int found = first[3] & 0xFF;
    if (found != version) {
      throw new UnsupportedVersionException(
          structure
              + " layout version "
              + found
              + " is not supported; this library reads version "
              + version);
    }
  }

  /**
   * Returns the structure a magic stands for.
   *
   * @param magic three characters, such as {@code "BTR"}
   * @return the entry, or null if the magic is unknown
   */
  public static StructureMagic find(String magic) {
    for (StructureMagic entry : values()) {
      if (entry.magic.equals(magic)) {
        return entry;
      }
    }
    return null;
  }

  /**
   * Returns the kind of structure a magic stands for.
   *
   * @param magic three ASCII characters, such as {@code "BTR"}
   * @return a short description such as {@code "a BTreeMap or BTreeSet"}, or null if the magic is
   *     unknown
   */
  public static String kindOf(String magic) {
    StructureMagic entry = find(magic);
    return entry == null ? null : entry.kind;
  }

  /**
   * Describes leading bytes for an error message.
   *
   * @param first the first bytes of a memory (3 or more to recognise a magic)
   * @return for instance {@code "magic 'BTR' (a BTreeMap or BTreeSet)"}, or the bytes in hex:
   *     {@code "bytes 00 00 00 00 (no known structure)"}
   */
  public static String describe(byte[] first) {
    if (first.length >= 3) {
      String magic = new String(first, 0, 3, StandardCharsets.ISO_8859_1);
      StructureMagic entry = find(magic);
      if (entry != null) {
        return "magic '" + magic + "' (" + entry.kind + ")";
      }
    }
    StringBuilder hex = new StringBuilder("bytes");
    for (byte b : first) {
      hex.append(' ').append(String.format("%02X", b & 0xFF));
    }
    return hex.append(" (no known structure)").toString();
  }
}
