package dev.stablestructures.benchmarks;

import dev.stablestructures.memory.FileMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deletes what a benchmark's FileMemory left: the image and the journal beside it. */
final class ImageFiles {
  private ImageFiles() {}

  /**
   * Deletes an image file and its journal, if they exist.
   *
   * @param image the image's path
   * @throws IOException if either cannot be deleted
   */
  static void delete(Path image) throws IOException {
    Files.deleteIfExists(image);
    Files.deleteIfExists(image.resolveSibling(image.getFileName() + FileMemory.JOURNAL_SUFFIX));
  }
}
