package dev.stablestructures.memory;

/**
 * The knobs of a {@link FileMemory} that only tests turn: not options a user chooses, so they stay
 * out of {@link FileMemoryOptions} and reach the memory through the package's own {@code open}.
 *
 * @param overlayPages the overlay bound of a power-loss transaction, in 4 KiB pages (a smaller one
 *     makes spills happen in small transactions)
 * @param interruptRecoveryAfter a recovery stops (throws) after applying this many records, like a
 *     crash; -1 for never
 * @param maxChunks the most chunks the image's chunk table may hold ({@link FileMemory#MAX_CHUNKS};
 *     a smaller one lets a test reach the limit without a 128 TiB file)
 */
record FileMemoryTuning(int overlayPages, long interruptRecoveryAfter, int maxChunks) {
  /** The overlay bound of a power-loss transaction: 64 MiB of 4 KiB pages. */
  static final int DEFAULT_OVERLAY_PAGES = 16_384;

  /** What every public open uses. */
  static final FileMemoryTuning DEFAULT =
      new FileMemoryTuning(DEFAULT_OVERLAY_PAGES, -1, FileMemory.MAX_CHUNKS);

  FileMemoryTuning {
    if (overlayPages < 1) {
      throw new IllegalArgumentException("overlay pages must be positive: " + overlayPages);
    }
    if (maxChunks < 1 || maxChunks > FileMemory.MAX_CHUNKS) {
      throw new IllegalArgumentException("max chunks out of range: " + maxChunks);
    }
  }

  /** A smaller overlay bound, so that spills happen in small transactions. */
  FileMemoryTuning overlayPages(int pages) {
    return new FileMemoryTuning(pages, interruptRecoveryAfter, maxChunks);
  }

  /** A recovery that stops (throws) after applying {@code records} records, like a crash. */
  FileMemoryTuning interruptRecoveryAfter(long records) {
    return new FileMemoryTuning(overlayPages, records, maxChunks);
  }

  /** A smaller chunk table limit, so that a test reaches it with a small image. */
  FileMemoryTuning maxChunks(int chunks) {
    return new FileMemoryTuning(overlayPages, interruptRecoveryAfter, chunks);
  }
}
