package dev.stablestructures.memory;

import java.util.Objects;

/**
 * A window of pages {@code [startPage, endPage)} over another memory, the Java form of the crate's
 * {@code RestrictedMemory}: address 0 of the window is address {@code startPage * PAGE_SIZE} of the
 * base.
 *
 * <pre>
 * base   | page 0 ... page start-1 | page start ... page end-1 | page end ...
 * window                           | 0 ............ end-start-1 |
 * </pre>
 *
 * <p>Size and growth follow the crate exactly, except for one refusal noted below:
 *
 * <ul>
 *   <li>{@link #size}: 0 while the base is smaller than {@code startPage}; {@code endPage -
 *       startPage} once the base reaches {@code endPage}; else {@code base.size() - startPage}.
 *   <li>{@link #grow}: while the base is smaller than {@code startPage}, the base grows to {@code
 *       startPage + delta} and the answer is 0. Once the base reaches {@code endPage}, {@code
 *       grow(0)} answers {@code endPage - startPage} and any other delta -1. Otherwise the base
 *       grows by {@code delta} if the window has room, and the answer is the window's previous
 *       size; without room, -1.
 * </ul>
 *
 * <p>Two deliberate differences from the crate, both refusals where the crate would touch pages
 * past the window's end: every read and write is checked against the window's own size (the crate
 * only adds the start offset, so a write could spill past {@code endPage}; reference pitfall
 * 3.7.4), and a first grow larger than the whole window answers -1 and changes nothing (the crate
 * would grow the base past {@code endPage} and answer 0).
 */
public final class RestrictedMemory extends ForwardingMemory {
  /** The largest page number a window may end at: its byte addresses must fit a {@code long}. */
  public static final long MAX_PAGES = Long.MAX_VALUE >>> PAGE_SHIFT;

  private final long startPage;
  private final long endPage;
  private final long startOffset;

  /**
   * Creates a window over {@code base}. Nothing is read or grown yet.
   *
   * @param base the memory the window looks into
   * @param startPage the first page of the window
   * @param endPage the page just past the window
   * @throws IllegalArgumentException unless {@code 0 <= startPage <= endPage <= MAX_PAGES}
   */
  public RestrictedMemory(Memory base, long startPage, long endPage) {
    super(base);
    if (startPage < 0 || startPage > endPage || endPage > MAX_PAGES) {
      throw new IllegalArgumentException(
          "a window needs 0 <= startPage <= endPage <= "
              + MAX_PAGES
              + ", got ["
              + startPage
              + ", "
              + endPage
              + ")");
    }
    this.startPage = startPage;
    this.endPage = endPage;
    this.startOffset = startPage << PAGE_SHIFT;
  }

  /**
   * Returns the first page of the window in the base.
   *
   * @return the start page, inclusive
   */
  public long startPage() {
    return startPage;
  }

  /**
   * Returns the page just past the window in the base.
   *
   * @return the end page, exclusive
   */
  public long endPage() {
    return endPage;
  }

  @Override
  public long size() {
    long baseSize = base().size();
    if (baseSize < startPage) {
      return 0;
    }
    return Math.min(baseSize, endPage) - startPage;
  }

  @Override
  public long grow(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("cannot grow by a negative number of pages: " + delta);
    }
    long baseSize = base().size();
    if (baseSize < startPage) {
      if (delta > endPage - startPage) {
        return -1;
      }
      return base().grow(startPage - baseSize + delta) < 0 ? -1 : 0;
    }
    if (baseSize >= endPage) {
      return delta == 0 ? endPage - startPage : -1;
    }
    if (delta > endPage - baseSize) {
      return -1;
    }
    long previous = base().grow(delta);
    return previous < 0 ? -1 : previous - startPage;
  }

  /** Checks an access against the window, then answers its address in the base. */
  @Override
  protected long translate(long offset, int length) {
    Memories.checkBounds(offset, length, sizeInBytes());
    return startOffset + offset;
  }

  @Override
  protected void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    long start = translate(offset, length);
    Objects.checkFromIndexSize(at, length, bytes.length);
    if (length == 0) {
      return; // an empty window may start past the base's end; an empty access there is valid
    }
    copyBase(transfer, start, bytes, at, length);
  }

  @Override
  public String toString() {
    return "RestrictedMemory[pages " + startPage + ".." + endPage + " of " + base() + "]";
  }
}
