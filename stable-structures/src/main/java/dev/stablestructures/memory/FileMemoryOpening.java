package dev.stablestructures.memory;

import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import dev.stablestructures.ReadOnlyMemoryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * How a {@link FileMemory} opens: lock the image, open its journal, recover an unfinished
 * transaction ({@link JournalRecovery}) before anything can read, check the image's length, map it.
 * A failure at any step releases what the earlier steps took.
 *
 * <p>A read-only open ({@link FileMemoryOptions#readOnly(boolean)}) takes a shared lock instead,
 * creates nothing, and only reads the journal's count word (offset 8, see {@link JournalLayout}): a
 * count other than 0 is an unfinished transaction, which it reports instead of recovering.
 */
final class FileMemoryOpening {
  private FileMemoryOpening() {}

  /** Opens with chosen options, test knobs, chunk size and I/O primitives. */
  static FileMemory open(
      Path path, FileMemoryOptions options, FileMemoryTuning tuning, int chunkShift, FileIo io) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(tuning, "tuning");
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
    if (options.readOnly()) {
      return openReadOnly(path, options, tuning, chunkShift);
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
              journal, file, imageName, chunkShift, io, tuning.interruptRecoveryAfter());
      journal.initialize(sequence);
      long length = file.length();
      long pages = checkLength(path, length, maxPages, chunkShift, tuning.maxChunks());
      ByteBuffer[] chunks = MappedChunks.map(file, new ByteBuffer[0], 0, length, chunkShift);
      return new FileMemory(
          path,
          maxPages,
          chunkShift,
          file,
          locked,
          chunks,
          pages,
          options,
          tuning,
          journal,
          sequence);
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

  /** Checks an image's length; returns its pages. */
  private static long checkLength(
      Path path, long length, long maxPages, int chunkShift, int maxChunks) {
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
    long chunks = MappedChunks.chunkCount(length, chunkShift);
    if (chunks > maxChunks) {
      throw new IncompatibleLayoutException(
          "memory file "
              + path
              + " of "
              + length
              + " bytes needs too many chunks: "
              + chunks
              + " of "
              + (1L << chunkShift)
              + " bytes, at most "
              + maxChunks);
    }
    return pages;
  }

  /** The read-only open: shared lock, no journal created, nothing recovered or written. */
  private static FileMemory openReadOnly(
      Path path, FileMemoryOptions options, FileMemoryTuning tuning, int chunkShift) {
    if (Files.isDirectory(path)) {
      throw new MemoryIoException(
          "memory file " + path + " is a directory, not an image file; nothing was opened");
    }
    if (!Files.exists(path)) {
      throw new MemoryIoException(
          "memory file " + path + " does not exist; a read-only open creates nothing");
    }
    LockedFile locked = LockedFile.open(path, true);
    try {
      refuseUnfinishedTransaction(path);
      IoFile file = new ReadOnlyFile(path, locked.file());
      long length = file.length();
      long pages = checkLength(path, length, options.maxPages(), chunkShift, tuning.maxChunks());
      ByteBuffer[] chunks = MappedChunks.map(file, new ByteBuffer[0], 0, length, chunkShift);
      FileMemoryOptions opened = options.durability(Durability.PROCESS_DEATH);
      return new FileMemory(
          path,
          options.maxPages(),
          chunkShift,
          file,
          locked,
          chunks,
          pages,
          opened,
          tuning, // its overlay bound is never used: nothing is written
          null,
          0);
    } catch (IOException e) {
      locked.closeQuietly();
      throw new MemoryIoException("cannot map memory file " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      locked.closeQuietly();
      throw e;
    }
  }

  /**
   * Throws if the journal beside the image holds an unfinished transaction: the image may be
   * half-written, and only a read-write open may put it back.
   */
  private static void refuseUnfinishedTransaction(Path path) throws IOException {
    Path journal = path.resolveSibling(path.getFileName() + FileMemory.JOURNAL_SUFFIX);
    ByteBuffer head = ByteBuffer.allocate(JournalLayout.COUNT + 8).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      while (head.hasRemaining() && channel.read(head) >= 0) {
        // Reads the magic, version, checksum and count words.
      }
    } catch (NoSuchFileException e) {
      return;
    }
    if (head.hasRemaining()) {
      return; // Shorter than its count word: no transaction was ever counted in it.
    }
    int magic = head.getInt(0) & 0xFF_FF_FF;
    long count = head.getLong(JournalLayout.COUNT);
    if (magic == JournalLayout.MAGIC && count != 0) {
      throw new ReadOnlyMemoryException(
          "memory file "
              + path
              + " has an unfinished transaction: its journal "
              + journal
              + " counts "
              + count
              + " undo records, expected 0 (clean); the image may be half-written. A read-only"
              + " open does not recover it: open it read-write once to roll it back. Nothing was"
              + " changed");
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
