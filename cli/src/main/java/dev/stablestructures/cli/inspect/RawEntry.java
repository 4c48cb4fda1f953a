package dev.stablestructures.cli.inspect;

/**
 * One stored entry as bytes: a map's key and value (a set's value is empty), or the element at
 * {@code index} of a vector, heap or log ({@code key} null), or a cell's value.
 */
final class RawEntry {
  private final long index;
  private final byte[] key;
  private final byte[] value;

  RawEntry(long index, byte[] key, byte[] value) {
    this.index = index;
    this.key = key;
    this.value = value;
  }

  /** The entry's position in iteration order. */
  long index() {
    return index;
  }

  /** The key's encoding, or null when the structure has no keys. */
  byte[] key() {
    return key;
  }

  /** The value's encoding. */
  byte[] value() {
    return value;
  }
}
