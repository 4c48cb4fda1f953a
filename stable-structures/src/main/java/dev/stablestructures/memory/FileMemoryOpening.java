package dev.stablestructures.memory;

import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link FileMemory} opens: lock the image, open its journal, recover an unfinished
 * transaction ({@link JournalRecovery}) before anything can read, check the image's length, map it.
 * A failure at any step releases what the earlier steps took.
 */
final class FileMemoryOpening {
  private FileMemoryOpening() {}

  /** Opens with chosen options, chunk size and I/O primitives. */
  static FileMemory open(Path path, FileMemoryOptions options, int chunkShift, FileIo io) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(io, "io");
    long maxPages = options.maxPages();
    if (chunkShift < FileMemory.MIN_CHUNK_SHIFT || chunkShift > FileMemory.MAX_CHUNK_SHIFT) {
      throw new IllegalArgumentException(
          "chunkShift must be in ["
              + FileMemory.MIN_CHUNK_SHIFT
              + ", "
              + FileMemory.MAX_CHUNK_SHIFT
              + "]: "
              + chunkShift);
    }
    Path fileName = path.getFileName();
    if (fileName == null) {
      throw new IllegalArgumentException("not a file path: " + path);
    }
    String imageName = fileName.toString();
    LockedFile locked = LockedFile.open(path);
    FileJournalStorage journal = null;
    try {
      IoFile file = io.open(path, locked.file());
      journal =
          FileJournalStorage.open(
              io,
              path.resolveSibling(imageName + FileMemory.JOURNAL_SUFFIX),
              chunkShift,
              options.durability() == Durability.POWER_LOSS);
      long sequence =
          JournalRecovery.recover(
              journal, file, imageName, chunkShift, io, options.interruptRecoveryAfter());
      journal.initialize(sequence);
      long length = file.length();
      if (length % Memory.PAGE_SIZE != 0) {
        throw new IncompatibleLayoutException(
            "memory file "
                + path
                + " is "
                + length
                + " bytes long, not a whole number of 64 KiB pages");
      }
      long pages = length >>> Memory.PAGE_SHIFT;
      if (pages > maxPages) {
        throw new IncompatibleLayoutException(
            "memory file " + path + " holds " + pages + " pages, more than maxPages " + maxPages);
      }
      if (MappedChunks.chunkCount(length, chunkShift) > FileMemory.MAX_CHUNKS) {
        throw new IncompatibleLayoutException(
            "memory file " + path + " of " + length + " bytes needs too many chunks");
      }
      ByteBuffer[] chunks = MappedChunks.map(file, new ByteBuffer[0], 0, length, chunkShift);
      return new FileMemory(
          path, maxPages, chunkShift, file, locked, chunks, pages, options, journal, sequence);
    } catch (IOException e) {
      closeQuietly(journal);
      locked.closeQuietly();
      throw new MemoryIoException("cannot map memory file " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(journal);
      locked.closeQuietly();
      throw e;
    }
  }

  private static void closeQuietly(FileJournalStorage journal) {
    if (journal != null) {
      try {
        journal.close();
      } catch (IOException e) {
        // Already failing for a better reason.
      }
    }
  }
}
