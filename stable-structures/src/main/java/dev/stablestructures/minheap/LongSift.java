package dev.stablestructures.minheap;

import dev.stablestructures.basevec.BaseVec;

/**
 * The heap's sift for 8-byte items, unboxed: the same reads and writes, in the same order, as the
 * boxed sift and the crate's, on the items' order-preserving bits (compared unsigned).
 */
final class LongSift {
  private LongSift() {}

  /** Appends {@code bits} at {@code start}, the end, and bubbles it up as the crate does. */
  static void up(BaseVec<?> base, long start, long bits) {
    base.pushNumber(Long.BYTES, bits); // grows before writing anything
    long i = start;
    while (i > 0) {
      long p = (i - 1) >>> 1;
      long parent = base.getNumber(p, Long.BYTES);
      if (Long.compareUnsigned(bits, parent) >= 0) {
        break;
      }
      base.setNumber(i, Long.BYTES, parent);
      i = p;
    }
    settle(base, start, i, bits);
  }

  /** Moves the last of {@code n} entries to the top and bubbles it down, as the crate does. */
  static void down(BaseVec<?> base, long n) {
    if (n == 1) {
      base.truncate(0);
      return;
    }
    long last = base.getNumber(n - 1, Long.BYTES);
    long size = n - 1;
    base.truncate(size);
    base.setNumber(0, Long.BYTES, last);
    long i = 0;
    while (true) {
      long l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      long child = base.getNumber(l, Long.BYTES);
      long c = l;
      if (l + 1 < size) {
        long right = base.getNumber(l + 1, Long.BYTES);
        if (Long.compareUnsigned(child, right) >= 0) {
          child = right;
          c = l + 1;
        }
      }
      if (Long.compareUnsigned(child, last) >= 0) {
        break;
      }
      base.setNumber(i, Long.BYTES, child);
      i = c;
    }
    settle(base, 0, i, last);
  }

  /** Writes the item at its place {@code at} only if it moved: the crate's write order. */
  private static void settle(BaseVec<?> base, long start, long at, long bits) {
    if (at != start) {
      base.setNumber(at, Long.BYTES, bits);
    }
  }
}
