package dev.stablestructures.memory;

/**
 * The knobs of a {@link FileMemory} that only tests turn: not options a user chooses, so they stay
 * out of {@link FileMemoryOptions} and reach the memory through the package's own {@code open}.
 *
 * @param overlayPages the overlay bound of a power-loss transaction, in 4 KiB pages (a smaller one
 *     makes spills happen in small transactions)
 * @param interruptRecoveryAfter a recovery stops (throws) after applying this many records, like a
 *     crash; -1 for never
 */
record FileMemoryTuning(int overlayPages, long interruptRecoveryAfter) {
  /** The overlay bound of a power-loss transaction: 64 MiB of 4 KiB pages. */
  static final int DEFAULT_OVERLAY_PAGES = 16_384;

  /** What every public open uses. */
  static final FileMemoryTuning DEFAULT = new FileMemoryTuning(DEFAULT_OVERLAY_PAGES, -1);

  FileMemoryTuning {
    if (overlayPages < 1) {
      throw new IllegalArgumentException("overlay pages must be positive: " + overlayPages);
    }
  }

  /** A smaller overlay bound, so that spills happen in small transactions. */
  FileMemoryTuning overlayPages(int pages) {
    return new FileMemoryTuning(pages, interruptRecoveryAfter);
  }

  /** A recovery that stops (throws) after applying {@code records} records, like a crash. */
  FileMemoryTuning interruptRecoveryAfter(long records) {
    return new FileMemoryTuning(overlayPages, records);
  }
}
