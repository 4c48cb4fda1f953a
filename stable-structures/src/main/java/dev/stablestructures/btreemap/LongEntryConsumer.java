package dev.stablestructures.btreemap;

/**
 * What {@link StableBTreeMap#forEachLong} hands each entry to: its key and value as primitive
 * {@code long}s, so that a walk of a {@code u64} or {@code i64} map boxes nothing.
 */
@FunctionalInterface
public interface LongEntryConsumer {
  /**
   * Takes one entry.
   *
   * @param key the entry's key ({@code u64} keys above {@code Long.MAX_VALUE} appear negative)
   * @param value the entry's value, the same way
   */
  void accept(long key, long value);
}
