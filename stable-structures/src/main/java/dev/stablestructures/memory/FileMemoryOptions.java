package dev.stablestructures.memory;

import java.util.Objects;

/**
 * How to open a {@link FileMemory}: its page limit, what its transactions survive, and whether it
 * may change the file at all. Immutable; each setter returns a new value:
 *
 * <pre>{@code
 * FileMemory.open(path, FileMemoryOptions.defaults().durability(Durability.POWER_LOSS));
 * FileMemory.open(path, FileMemoryOptions.defaults().readOnly(true)); // an inspector's open
 * }</pre>
 */
public final class FileMemoryOptions {
  /** The overlay bound of a power-loss transaction: 64 MiB of 4 KiB pages. */
  static final int DEFAULT_OVERLAY_PAGES = 16_384;

  private static final FileMemoryOptions DEFAULTS =
      new FileMemoryOptions(
          FileMemory.DEFAULT_MAX_PAGES, Durability.PROCESS_DEATH, DEFAULT_OVERLAY_PAGES, -1, false);

  private final long maxPages;
  private final Durability durability;
  private final int overlayPages;
  private final long interruptRecoveryAfter;
  private final boolean readOnly;

  private FileMemoryOptions(
      long maxPages,
      Durability durability,
      int overlayPages,
      long interruptRecoveryAfter,
      boolean readOnly) {
    this.maxPages = maxPages;
    this.durability = durability;
    this.overlayPages = overlayPages;
    this.interruptRecoveryAfter = interruptRecoveryAfter;
    this.readOnly = readOnly;
  }

  /**
   * Returns the defaults: the IC's 500 GiB limit, {@link Durability#PROCESS_DEATH}.
   *
   * @return the default options
   */
  public static FileMemoryOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with another page limit.
   *
   * @param maxPages the most pages the memory may grow to, 0 to {@link FileMemory#MAX_PAGES}
   * @return the new options
   * @throws IllegalArgumentException if {@code maxPages} is out of range
   */
  public FileMemoryOptions maxPages(long maxPages) {
    if (maxPages < 0 || maxPages > FileMemory.MAX_PAGES) {
      throw new IllegalArgumentException(
          "maxPages must be in [0, " + FileMemory.MAX_PAGES + "]: " + maxPages);
    }
    return new FileMemoryOptions(
        maxPages, durability, overlayPages, interruptRecoveryAfter, readOnly);
  }

  /**
   * Returns these options with another durability.
   *
   * @param durability what committed transactions survive
   * @return the new options
   */
  public FileMemoryOptions durability(Durability durability) {
    return new FileMemoryOptions(
        maxPages,
        Objects.requireNonNull(durability, "durability"),
        overlayPages,
        interruptRecoveryAfter,
        readOnly);
  }

  /**
   * Returns these options opening the file read-only, or read-write (the default). A read-only open
   * never creates or changes a file: the image must exist; it is mapped read-only under a shared
   * lock (other read-only opens may share it, a read-write open anywhere excludes it); no journal
   * is created; a journal holding an unfinished transaction is refused ({@link
   * dev.stablestructures.ReadOnlyMemoryException}) rather than recovered; and every write or grow
   * throws {@link dev.stablestructures.ReadOnlyMemoryException}.
   *
   * @param readOnly true to open read-only
   * @return the new options
   */
  public FileMemoryOptions readOnly(boolean readOnly) {
    return new FileMemoryOptions(
        maxPages, durability, overlayPages, interruptRecoveryAfter, readOnly);
  }

  /**
   * Tells whether the file is opened read-only.
   *
   * @return true if no write, grow or recovery may change the file
   */
  public boolean readOnly() {
    return readOnly;
  }

  /**
   * Returns the page limit.
   *
   * @return the most pages the memory may grow to
   */
  public long maxPages() {
    return maxPages;
  }

  /**
   * Returns the durability.
   *
   * @return what committed transactions survive
   */
  public Durability durability() {
    return durability;
  }

  /** For tests: a smaller overlay bound, so that spills happen in small transactions. */
  FileMemoryOptions overlayPages(int pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("overlay pages must be positive: " + pages);
    }
    return new FileMemoryOptions(maxPages, durability, pages, interruptRecoveryAfter, readOnly);
  }

  int overlayPages() {
    return overlayPages;
  }

  /** For tests: a recovery stops (throws) after applying this many records, like a crash. */
  FileMemoryOptions interruptRecoveryAfter(long records) {
    return new FileMemoryOptions(maxPages, durability, overlayPages, records, readOnly);
  }

  long interruptRecoveryAfter() {
    return interruptRecoveryAfter;
  }

  @Override
  public String toString() {
    return "FileMemoryOptions[maxPages "
        + maxPages
        + ", "
        + durability
        + (readOnly ? ", read-only]" : "]");
  }
}
