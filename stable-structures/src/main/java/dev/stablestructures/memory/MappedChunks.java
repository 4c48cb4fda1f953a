package dev.stablestructures.memory;

import dev.stablestructures.MemoryIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The chunk table of a mapped file, shared by a {@link FileMemory}'s image and its journal: the
 * file is mapped as fixed chunks of {@code 2^shift} bytes, the last one partial, held in an array
 * indexed by {@code position >>> shift}. A mapping cannot be extended, so when the file grows the
 * partial tail is mapped again at its new length and new chunks after it; the replaced buffer is
 * unmapped by the garbage collector (the JDK also runs a collection and retries if the OS refuses a
 * mapping).
 *
 * <p>Why 64 MiB for an image: the IC's 500 GiB limit takes 8,000 mappings, well under Linux's
 * default {@code vm.max_map_count} of 65,530 even with replaced tail mappings waiting for
 * collection; a replaced tail holds at most 64 MiB of address space; the chunk table stays tiny;
 * and only accesses within 7 bytes of a 64 MiB boundary take the slow path. On JDK 22+ the Foreign
 * Function and Memory API could map the whole file as one {@code MemorySegment} without chunks.
 */
final class MappedChunks {
  private MappedChunks() {}

  /** Returns how many chunks cover {@code bytes} bytes. */
  static long chunkCount(long bytes, int shift) {
    return (bytes + (1L << shift) - 1) >>> shift;
  }

  /**
   * Returns a chunk table for a file grown from {@code oldSize} to {@code newSize} bytes: the old
   * full chunks are kept, the old partial tail and every new chunk are mapped afresh. The old table
   * is not modified, so a failure leaves it valid. Only {@code [0, newSize)} is mapped, so nothing
   * past the file's length is created.
   */
  static ByteBuffer[] map(IoFile file, ByteBuffer[] old, long oldSize, long newSize, int shift)
      throws IOException {
    long chunkSize = 1L << shift;
    int count = (int) chunkCount(newSize, shift);
    ByteBuffer[] chunks = Arrays.copyOf(old, count);
    for (int i = (int) (oldSize >>> shift); i < count; i++) {
      long position = (long) i << shift;
      chunks[i] = file.map(position, Math.min(chunkSize, newSize - position));
    }
    return chunks;
  }

  /**
   * Puts a file back to {@code length} bytes after a refused grow.
   *
   * @throws MemoryIoException if it cannot be shrunk back
   */
  static void restoreLength(IoFile file, long length, IOException cause, String what) {
    try {
      if (file.length() != length) {
        file.setLength(length);
      }
    } catch (IOException e) {
      e.addSuppressed(cause);
      throw new MemoryIoException(
          what
              + " could not grow and could not be shrunk back to "
              + length
              + " bytes: "
              + e.getMessage(),
          e);
    }
  }
}
