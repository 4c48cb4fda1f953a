package dev.stablestructures.runtime;

/**
 * The kind of structure a named memory holds, as stored in the runtime's metadata (memory 254) by
 * its one-byte code.
 */
public enum StructureKind {
  /** A {@code StableBTreeMap}: a key codec and a value codec. */
  BTREE_MAP(1),
  /** A {@code StableBTreeSet}: a key codec. */
  BTREE_SET(2),
  /** A {@code StableVec}: an element codec. */
  VEC(3),
  /** A {@code StableCell}: a value codec. */
  CELL(4),
  /** A {@code StableLog}: an entry codec, over two memories (index and data). */
  LOG(5),
  /** A {@code StableMinHeap}: an element codec. */
  MIN_HEAP(6);

  private final int code;

  StructureKind(int code) {
    this.code = code;
  }

  /**
   * Returns the byte stored for this kind.
   *
   * @return 1 to 6
   */
  public int code() {
    return code;
  }

  /**
   * Returns the kind stored as {@code code}.
   *
   * @param code the stored byte
   * @return the kind, or null if no kind has that code
   */
  static StructureKind ofCode(int code) {
    for (StructureKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return null;
  }
}
