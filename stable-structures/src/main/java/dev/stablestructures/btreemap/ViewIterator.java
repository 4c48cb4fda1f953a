package dev.stablestructures.btreemap;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a view's iterator yields from the {@link EntryIterator} under it: keys, values or entries.
 * Removal, failing fast and going on after overwrites are the entry iterator's.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <T> what it yields
 */
final class ViewIterator<K, V, T> implements Iterator<T> {
  /** What the iterator yields. */
  enum Kind {
    KEYS,
    VALUES,
    /** Entries whose {@code setValue} writes through (entry sets). */
    ENTRIES,
    /** Entries whose {@code setValue} is refused ({@code range}). */
    READ_ONLY_ENTRIES
  }

  private final EntryIterator<K, V> entries;
  private final Kind kind;

  private ViewIterator(EntryIterator<K, V> entries, Kind kind) {
    this.entries = entries;
    this.kind = kind;
  }

  /** Iterates a range of a tree (bounds as {@link BTree#iterator}); a view of {@code kind}. */
  static <K, V, T> Iterator<T> over(
      BTree<K, V> tree,
      K lo,
      boolean loInclusive,
      K hi,
      boolean hiInclusive,
      boolean descending,
      Kind kind) {
    boolean writable = kind == Kind.ENTRIES;
    return new ViewIterator<>(
        new EntryIterator<>(tree, lo, loInclusive, hi, hiInclusive, descending, writable), kind);
  }

  @Override
  public boolean hasNext() {
    return entries.hasNext();
  }

  @Override
  @SuppressWarnings("unchecked") // T is K, V or Map.Entry<K, V>, as the kind says
  public T next() {
    return switch (kind) {
      case KEYS -> (T) entries.nextKey();
      case VALUES -> (T) entries.nextValue();
      case ENTRIES, READ_ONLY_ENTRIES -> (T) (Map.Entry<K, V>) entries.next();
    };
  }

  /** Keys and values are handed over without entry objects, and only what is yielded is decoded. */
  @Override
  @SuppressWarnings("unchecked") // T is K or V, as the kind says
  public void forEachRemaining(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    switch (kind) {
      case KEYS -> entries.forEachRemaining(true, false, (k, v) -> action.accept((T) k));
      case VALUES -> entries.forEachRemaining(false, true, (k, v) -> action.accept((T) v));
      case ENTRIES, READ_ONLY_ENTRIES -> {
        while (hasNext()) {
          action.accept(next());
        }
      }
    }
  }

  @Override
  public void remove() {
    entries.remove();
  }
}
