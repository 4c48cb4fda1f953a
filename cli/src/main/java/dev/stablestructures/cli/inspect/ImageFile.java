package dev.stablestructures.cli.inspect;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.FileMemoryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image opened for inspection, always read-only: a raw {@code stable_memory.bin} is mapped in
 * place with {@link FileMemoryOptions#readOnly(boolean)} (shared lock, read-only mapping, no
 * journal created, an unfinished transaction reported rather than recovered), so nothing the
 * inspector does can change it, and a multi-GB file is never copied into the heap. A gzip'd image
 * ({@code .bin.gz}, or any file starting with the gzip magic) is first streamed into a sparse
 * temporary file ({@link SparseGunzip}: constant heap, zero blocks left as holes), which is deleted
 * when this closes; the original is only read.
 */
final class ImageFile implements AutoCloseable {
  private final Path source;
  private final Path temp;
  private final FileMemory memory;

  private ImageFile(Path source, Path temp, FileMemory memory) {
    this.source = source;
    this.temp = temp;
    this.memory = memory;
  }

  /**
   * Opens an image read-only.
   *
   * @throws InspectFailure (exit code 3) if it is missing, a directory, unreadable, not a whole
   *     number of pages, locked by a writer, or has an unfinished transaction
   */
  static ImageFile open(Path source) {
    if (Files.isDirectory(source)) {
      throw new InspectFailure(
          InspectFailure.IMAGE, source + " is a directory, expected an image file");
    }
    if (!Files.isRegularFile(source)) {
      throw new InspectFailure(InspectFailure.IMAGE, "image file not found: " + source);
    }
    Path temp = null;
    try {
      Path mapped = source;
      if (isGzip(source)) {
        temp = Files.createTempFile("stable-structures-inspect-", ".bin");
        Files.delete(temp);
        SparseGunzip.unpack(source, temp);
        mapped = temp;
      }
      FileMemory memory = FileMemory.open(mapped, FileMemoryOptions.defaults().readOnly(true));
      return new ImageFile(source, temp, memory);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new InspectFailure(InspectFailure.IMAGE, "cannot read " + source + ": " + e);
    } catch (StableStructureException e) {
      deleteQuietly(temp);
      throw new InspectFailure(
          InspectFailure.IMAGE,
          "cannot open "
              + source
              + (temp != null ? " (unpacked to " + temp + ")" : "")
              + ": "
              + e.getMessage());
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Best effort: the temp file holds only a copy.
      }
    }
  }

  /** The image's memory, read-only. */
  FileMemory memory() {
    return memory;
  }

  /** The file named on the command line. */
  Path source() {
    return source;
  }

  /** Whether the image was gzip'd (and so read from a temporary unpacked copy). */
  boolean unpacked() {
    return temp != null;
  }

  @Override
  public void close() {
    try {
      memory.close();
    } finally {
      deleteQuietly(temp);
    }
  }
}
