package dev.stablestructures.memory;

import dev.stablestructures.MemoryOutOfBoundsException;
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
public final class RestrictedMemory implements Memory {
  /** The largest page number a window may end at: its byte addresses must fit a {@code long}. */
  public static final long MAX_PAGES = Long.MAX_VALUE >>> PAGE_SHIFT;

  private final Memory base;
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
    this.base = Objects.requireNonNull(base, "base");
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
   * Returns the memory this window looks into.
   *
   * @return the base memory
   */
  public Memory base() {
    return base;
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
    long baseSize = base.size();
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
    long baseSize = base.size();
    if (baseSize < startPage) {
      if (delta > endPage - startPage) {
        return -1;
      }
      return base.grow(startPage - baseSize + delta) < 0 ? -1 : 0;
    }
    if (baseSize >= endPage) {
      return delta == 0 ? endPage - startPage : -1;
    }
    if (delta > endPage - baseSize) {
      return -1;
    }
    long previous = base.grow(delta);
    return previous < 0 ? -1 : previous - startPage;
  }

  /** Checks an access against the window, then answers its address in the base. */
  private long translate(long offset, long length) {
    Memories.checkBounds(offset, length, sizeInBytes());
    return startOffset + offset;
  }

  /**
   * {@inheritDoc}
   *
   * @throws MemoryOutOfBoundsException if the range is not inside the window
   */
  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    long at = translate(offset, length);
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    // An empty window may start past the base's end; an empty access there is still valid.
    if (length > 0) {
      base.read(at, dst, dstOffset, length);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws MemoryOutOfBoundsException if the range is not inside the window
   */
  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    long at = translate(offset, length);
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    if (length > 0) {
      base.write(at, src, srcOffset, length);
    }
  }

  @Override
  public byte readByte(long offset) {
    return base.readByte(translate(offset, 1));
  }

  @Override
  public void writeByte(long offset, byte value) {
    base.writeByte(translate(offset, 1), value);
  }

  @Override
  public int readShortLE(long offset) {
    return base.readShortLE(translate(offset, Short.BYTES));
  }

  @Override
  public void writeShortLE(long offset, int value) {
    base.writeShortLE(translate(offset, Short.BYTES), value);
  }

  @Override
  public int readIntLE(long offset) {
    return base.readIntLE(translate(offset, Integer.BYTES));
  }

  @Override
  public void writeIntLE(long offset, int value) {
    base.writeIntLE(translate(offset, Integer.BYTES), value);
  }

  @Override
  public long readLongLE(long offset) {
    return base.readLongLE(translate(offset, Long.BYTES));
  }

  @Override
  public void writeLongLE(long offset, long value) {
    base.writeLongLE(translate(offset, Long.BYTES), value);
  }

  @Override
  public int readIntBE(long offset) {
    return base.readIntBE(translate(offset, Integer.BYTES));
  }

  @Override
  public void writeIntBE(long offset, int value) {
    base.writeIntBE(translate(offset, Integer.BYTES), value);
  }

  @Override
  public long readLongBE(long offset) {
    return base.readLongBE(translate(offset, Long.BYTES));
  }

  @Override
  public void writeLongBE(long offset, long value) {
    base.writeLongBE(translate(offset, Long.BYTES), value);
  }

  @Override
  public String toString() {
    return "RestrictedMemory[pages " + startPage + ".." + endPage + " of " + base + "]";
  }
}
