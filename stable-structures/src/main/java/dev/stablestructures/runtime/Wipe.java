package dev.stablestructures.runtime;

import dev.stablestructures.memory.Memory;

/**
 * A reinstall's wipe. A memory never shrinks, so "empty" is written, not cut: every byte the old
 * memory manager used (page 0 and its allocated buckets) is set to zero inside the reinstall's
 * transaction, and a new manager is then created over page 0. The result is what a fresh install on
 * a memory of that size holds, and no byte of the old data survives into buckets that new
 * structures grow into. The cost is the journal's copy of every non-zero 64 KiB chunk (chunks
 * already zero are skipped), paid by the host, not charged to the canister; a rollback restores
 * them all.
 */
final class Wipe {
  private static final int CHUNK = Memory.PAGE_SIZE;

  private Wipe() {}

  /**
   * Zeroes {@code [0, bytes)} of a memory, skipping chunks that are zero already.
   *
   * @param memory the root memory, inside a transaction
   * @param bytes how many bytes from offset 0, at most the memory's size
   */
  static void zero(Memory memory, long bytes) {
    byte[] chunk = new byte[CHUNK];
    byte[] zeros = new byte[CHUNK];
    long end = Math.min(bytes, memory.sizeInBytes());
    for (long at = 0; at < end; at += CHUNK) {
      int length = (int) Math.min(CHUNK, end - at);
      memory.read(at, chunk, 0, length);
      if (!isZero(chunk, length)) {
        memory.write(at, zeros, 0, length);
      }
    }
  }

  static boolean isZero(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
