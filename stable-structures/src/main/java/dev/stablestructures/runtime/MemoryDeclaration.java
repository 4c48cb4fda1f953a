package dev.stablestructures.runtime;

import java.util.Objects;

/**
 * One named memory as a canister declared it and the runtime stored it: a name, the structure's
 * kind, the memory id it lives in (and a log's data memory), and the names of its codecs. Codec
 * names are the codecs' {@code toString()} ({@code u64}, {@code String}, {@code (u64, Vec<u8>)}); a
 * codec without its own {@code toString()} is named by its class.
 *
 * @param name the name the canister gave it
 * @param kind the structure's kind
 * @param memoryId the memory id, 0 to 253 (a log's index memory)
 * @param dataMemoryId a log's data memory id, or -1 for every other kind
 * @param keyCodec the name of the key codec (the element or value codec of a single-codec kind)
 * @param valueCodec the name of a map's value codec, or the empty string
 */
public record MemoryDeclaration(
    String name,
    StructureKind kind,
    int memoryId,
    int dataMemoryId,
    String keyCodec,
    String valueCodec) {

  /** Checks the fields. */
  public MemoryDeclaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
    if ((kind == StructureKind.LOG) != (dataMemoryId >= 0)) {
      throw new IllegalArgumentException(
          "a data memory id belongs to a LOG only; found " + kind + " with " + dataMemoryId);
    }
  }

  /**
   * Tells whether this declaration uses a memory id.
   *
   * @param id the memory id
   * @return true if it is this declaration's memory or data memory
   */
  public boolean uses(int id) {
    return memoryId == id || dataMemoryId == id;
  }

  /**
   * Tells whether this declaration shares a memory id with another.
   *
   * @param other the other declaration
   * @return true if any memory id of one is a memory id of the other
   */
  public boolean overlaps(MemoryDeclaration other) {
    return uses(other.memoryId) || (other.dataMemoryId >= 0 && uses(other.dataMemoryId));
  }

  /**
   * Describes the declaration for messages.
   *
   * @return for example {@code 'users' BTREE_MAP<u64, String> on memory 0}
   */
  public String describe() {
    String codecs = valueCodec.isEmpty() ? keyCodec : keyCodec + ", " + valueCodec;
    String ids =
        dataMemoryId >= 0
            ? "memories " + memoryId + " (index) and " + dataMemoryId + " (data)"
            : "memory " + memoryId;
    return "'" + name + "' " + kind + "<" + codecs + "> on " + ids;
  }
}
