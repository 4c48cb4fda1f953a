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
 *
 * @param maxPages the most pages the memory may grow to, 0 to {@link FileMemory#MAX_PAGES}
 * @param durability what committed transactions survive
 * @param readOnly whether no write, grow or recovery may change the file (see {@link
 *     #readOnly(boolean)})
 */
public record FileMemoryOptions(long maxPages, Durability durability, boolean readOnly) {
  private static final FileMemoryOptions DEFAULTS =
      new FileMemoryOptions(FileMemory.DEFAULT_MAX_PAGES, Durability.PROCESS_DEATH, false);

  /**
   * Checks the options.
   *
   * @param maxPages the most pages the memory may grow to, 0 to {@link FileMemory#MAX_PAGES}
   * @param durability what committed transactions survive
   * @param readOnly true to open read-only
   * @throws IllegalArgumentException if {@code maxPages} is out of range
   * @throws NullPointerException if {@code durability} is null
   */
  public FileMemoryOptions {
    if (maxPages < 0 || maxPages > FileMemory.MAX_PAGES) {
      throw new IllegalArgumentException(
          "maxPages must be in [0, " + FileMemory.MAX_PAGES + "]: " + maxPages);
    }
    Objects.requireNonNull(durability, "durability");
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
    return new FileMemoryOptions(maxPages, durability, readOnly);
  }

  /**
   * Returns these options with another durability.
   *
   * @param durability what committed transactions survive
   * @return the new options
   */
  public FileMemoryOptions durability(Durability durability) {
    return new FileMemoryOptions(maxPages, durability, readOnly);
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
    return new FileMemoryOptions(maxPages, durability, readOnly);
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
