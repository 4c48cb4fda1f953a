package dev.stablestructures.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader, or a process killed half-way, sees either the old file or the
 * whole new one: the bytes go to a temporary file beside the target, are forced to disk, and are
 * renamed onto the target with {@link StandardCopyOption#ATOMIC_MOVE}.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes} in one rename.
   *
   * @param target the file to write
   * @param bytes its new content
   * @throws Main.CliException (I/O error) if the file cannot be written or the file system cannot
   *     rename atomically
   */
  static void write(Path target, byte[] bytes) {
    Path temp = temp(target);
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      move(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new Main.CliException(Main.IO_ERROR, "cannot write " + target + ": " + e.getMessage());
    }
  }

  /**
   * Copies {@code source} onto {@code target} through a temporary file and one rename.
   *
   * @param source the file to copy
   * @param target the file to replace or create
   * @throws Main.CliException (I/O error) if either file cannot be read or written
   */
  static void copy(Path source, Path target) {
    Path temp = temp(target);
    try {
      Files.copy(source, temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      move(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new Main.CliException(
          Main.IO_ERROR, "cannot copy " + source + " to " + target + ": " + e.getMessage());
    }
  }

  /** Renames atomically: a plain rename could leave a half-replaced target on some systems. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename " + from + " atomically onto " + to, e);
    }
  }

  private static Path temp(Path target) {
    // Beside the target (same file system, so the rename is atomic); pid-named so two processes
    // never write one temporary file.
    return target.resolveSibling(
        "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The write already failed for a better reason; a stray temporary file is harmless.
    }
  }
}
