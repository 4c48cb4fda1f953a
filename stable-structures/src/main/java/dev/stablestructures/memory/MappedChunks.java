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

  /** The smallest step a mapping made ahead covers: 16 pages, for memories with small chunks. */
  static final long MIN_AHEAD = 1L << 20;

  /**
   * Returns how far to map a file that must reach {@code length} bytes, when the mapping may run
   * ahead of it: to the end of the chunk holding its last byte (at least {@link #MIN_AHEAD}), but
   * not past {@code limit}. The file is extended that far for the map call (a read-write map
   * extends it anyway) and cut back right after; inside a transaction that is safe at every
   * instant, since its journal already holds a GROW record and recovery cuts the file back to the
   * transaction's begin.
   */
  static long aheadOf(long length, int shift, long limit) {
    long step = Math.max(1L << shift, MIN_AHEAD);
    long ahead = (length + step - 1) & -step;
    return Math.max(length, Math.min(ahead, limit));
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
