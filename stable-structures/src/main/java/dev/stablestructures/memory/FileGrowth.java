package dev.stablestructures.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How a {@link FileMemory}'s file grows: extended, mapped, and its new pages brought into the page
 * cache, each in as few system calls as it takes. Two costs of the obvious way are avoided, both
 * measured storing 200 × 1 MiB values into a B-tree map, which grows the memory one 64 KiB page at
 * a time:
 *
 * <ul>
 *   <li><b>Remapping.</b> A mapping cannot be extended, so each grow mapped the partial tail chunk
 *       again, and every page of the new mapping then faulted in again. Inside a process-death
 *       transaction the mapping runs ahead instead, to the end of the chunk ({@link
 *       MappedChunks#aheadOf}): the file is extended that far for the map call (a read-write map
 *       extends it anyway) and cut back right after. That is safe at every instant, since the
 *       transaction's journal already holds a GROW record and recovery cuts the file back to the
 *       transaction's begin; later grows inside the mapped range only set the length. Nothing past
 *       the file's length is ever accessed: every access is checked against the memory's size.
 *   <li><b>Faulting pages of a hole in.</b> The first touch of each new page through the mapping
 *       took a page fault that read ahead through the file's hole, zeroing pages one fault at a
 *       time. A small grow ({@link #PREFILL_MAX} or less) writes the new pages' zeros with one
 *       {@link IoFile#writeZeros} call instead: the content is the same (a hole reads as zeros),
 *       and the pages are then in the page cache, so touching them costs no read-ahead. Large grows
 *       stay sparse, costing no disk until written.
 * </ul>
 */
final class FileGrowth {
  /** The largest grow whose new pages are written as zeros at once: 16 pages, 1 MiB. */
  static final long PREFILL_MAX = 16L << Memory.PAGE_SHIFT;

  /**
   * Whether a mapping may run ahead of the file: not on Windows, which refuses to shorten a file
   * while a mapping of its tail is open.
   */
  private static final boolean AHEAD = !System.getProperty("os.name", "").startsWith("Windows");

  private FileGrowth() {}

  /** Extends and maps the file to {@code newSize} bytes; false, nothing changed, if refused. */
  static boolean extend(FileMemory m, long newSize) {
    long oldSize = m.fileBytes;
    long length = oldSize; // the file's length now
    if (newSize > m.mappedBytes) {
      long ahead =
          AHEAD && m.durability == Durability.PROCESS_DEATH && m.journal().inTransaction()
              ? MappedChunks.aheadOf(newSize, m.chunkShift, m.maxPages() << Memory.PAGE_SHIFT)
              : newSize;
      if (ahead > newSize && mapTo(m, ahead, oldSize)) {
        length = ahead;
      } else if (mapTo(m, newSize, oldSize)) {
        length = newSize;
      } else {
        return false;
      }
    }
    try {
      if (length != newSize) {
        m.file.setLength(newSize);
      }
    } catch (IOException e) {
      MappedChunks.restoreLength(m.file, oldSize, e, "memory file " + m.path());
      return false;
    }
    m.grown = true;
    m.fileBytes = newSize;
    if (newSize - oldSize <= PREFILL_MAX) {
      try {
        m.file.writeZeros(oldSize, (int) (newSize - oldSize));
      } catch (IOException e) {
        // Only an optimization: the pages read as zeros anyway, and fault in when touched.
      }
    }
    return true;
  }

  /**
   * Sets the file's length to {@code length} and maps it up to there; false if refused, the file
   * then back at {@code restore} bytes and the mapping as it was.
   */
  private static boolean mapTo(FileMemory m, long length, long restore) {
    ByteBuffer[] table;
    try {
      m.file.setLength(length);
      table = MappedChunks.map(m.file, m.chunks, m.mappedBytes, length, m.chunkShift);
    } catch (IOException e) {
      MappedChunks.restoreLength(m.file, restore, e, "memory file " + m.path());
      return false;
    }
    m.chunks = table;
    m.dirty = Arrays.copyOf(m.dirty, table.length);
    m.mappedBytes = length;
    return true;
  }
}
