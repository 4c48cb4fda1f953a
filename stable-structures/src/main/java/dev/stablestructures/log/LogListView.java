package dev.stablestructures.log;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Comparator;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The read-only {@link java.util.List} behind {@link StableLog#asList()}. {@link AbstractList}
 * supplies iteration, search, equality and sub-lists on top of {@link #get(int)}; the log bumps
 * {@link #modCount} on every change so that those iterators fail fast. Every mutator throws, even
 * when it would change nothing (as {@code Collections.unmodifiableList} does).
 *
 * @param <T> the entry type
 */
final class LogListView<T> extends AbstractList<T> implements RandomAccess {
  private final StableLog<T> log;

  LogListView(StableLog<T> log) {
    this.log = log;
  }

  /** Called by the log after an append or a clear. */
  void changed() {
    modCount++;
  }

  @Override
  public T get(int index) {
    if (index < 0 || index >= log.len()) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the StableLog of " + log.len() + " entries");
    }
    return log.get(index);
  }

  @Override
  public int size() {
    return (int) Math.min(log.len(), Integer.MAX_VALUE);
  }

  @Override
  public boolean isEmpty() {
    return log.isEmpty();
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(
        "a StableLog's list view is read-only; append through the StableLog");
  }

  @Override
  public boolean add(T value) {
    throw readOnly();
  }

  @Override
  public void add(int index, T value) {
    throw readOnly();
  }

  @Override
  public boolean addAll(Collection<? extends T> values) {
    throw readOnly();
  }

  @Override
  public boolean addAll(int index, Collection<? extends T> values) {
    throw readOnly();
  }

  @Override
  public T set(int index, T value) {
    throw readOnly();
  }

  @Override
  public T remove(int index) {
    throw readOnly();
  }

  @Override
  public boolean remove(Object value) {
    throw readOnly();
  }

  @Override
  public boolean removeAll(Collection<?> values) {
    throw readOnly();
  }

  @Override
  public boolean retainAll(Collection<?> values) {
    throw readOnly();
  }

  @Override
  public boolean removeIf(Predicate<? super T> filter) {
    throw readOnly();
  }

  @Override
  public void replaceAll(UnaryOperator<T> operator) {
    throw readOnly();
  }

  @Override
  public void sort(Comparator<? super T> comparator) {
    throw readOnly();
  }

  @Override
  public void clear() {
    throw readOnly();
  }

  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    throw readOnly();
  }
}
