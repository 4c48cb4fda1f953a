package dev.stablestructures.log;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The log's iterators, both ways. Each reads one end offset per entry (the start is the previous
 * entry's end, carried along) and fails fast when the log changes under it.
 */
final class LogIterators {
  private LogIterators() {}

  /** What both directions share: the log and the fail-fast check. */
  private abstract static class Cursor<T> implements Iterator<T> {
    final StableLog<T> log;
    private final int expectedModCount;

    Cursor(StableLog<T> log) {
      this.log = log;
      this.expectedModCount = log.modCount();
    }

    final void checkUnchanged() {
      if (log.modCount() != expectedModCount) {
        throw new ConcurrentModificationException("the StableLog changed during iteration");
      }
    }
  }

  /** From an entry to the last. */
  static final class Forward<T> extends Cursor<T> {
    private long next;
    private long start;

    Forward(StableLog<T> log, long from) {
      super(log);
      this.next = from;
      this.start = log.startOffset(from);
    }

    @Override
    public boolean hasNext() {
      checkUnchanged();
      return next < log.len();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no entry after " + (next - 1));
      }
      long end = log.endOffset(next);
      T value = log.decode(next, start, end);
      start = end;
      next++;
      return value;
    }
  }

  /** From the last entry to the first. */
  static final class Backward<T> extends Cursor<T> {
    private long remaining;
    private long end;

    Backward(StableLog<T> log) {
      super(log);
      this.remaining = log.len();
      this.end = log.lastEnd();
    }

    @Override
    public boolean hasNext() {
      checkUnchanged();
      return remaining > 0;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no entry before 0");
      }
      long entry = remaining - 1;
      long start = log.startOffset(entry);
      T value = log.decode(entry, start, end);
      end = start;
      remaining = entry;
      return value;
    }
  }
}
