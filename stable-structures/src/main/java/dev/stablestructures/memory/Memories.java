package dev.stablestructures.memory;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.Objects;

/** Helpers shared by every {@link Memory}: bounds checks and the grow-then-write path. */
public final class Memories {
  private Memories() {}

  /**
   * Checks that {@code [offset, offset + length)} lies inside a memory of {@code sizeInBytes}
   * bytes.
   *
   * @param offset the first address
   * @param length the number of bytes
   * @param sizeInBytes the size of the memory
   * @throws MemoryOutOfBoundsException if it does not (overflow-safe)
   */
  public static void checkBounds(long offset, long length, long sizeInBytes) {
    if (offset < 0 || length < 0 || offset > sizeInBytes - length) {
      throw outOfBounds(offset, length, sizeInBytes);
    }
  }

  /**
   * Checks that {@code [offset, offset + length)} lies inside {@code memory}.
   *
   * @param memory the memory
   * @param offset the first address
   * @param length the number of bytes
   * @throws MemoryOutOfBoundsException if it does not
   */
  public static void checkBounds(Memory memory, long offset, long length) {
    checkBounds(offset, length, memory.sizeInBytes());
  }

  /**
   * Builds the exception for an access outside a memory.
   *
   * @param offset the first address accessed
   * @param length the number of bytes accessed
   * @param sizeInBytes the size of the memory
   * @return the exception, to throw
   */
  public static MemoryOutOfBoundsException outOfBounds(long offset, long length, long sizeInBytes) {
    return new MemoryOutOfBoundsException(
        "access of "
            + length
            + " bytes at offset "
            + offset
            + " is outside the memory of "
            + sizeInBytes
            + " bytes");
  }

  /**
   * Checks the width of a primitive access.
   *
   * @param width the number of bytes
   * @return {@code width}, if it is 1, 2, 4 or 8
   * @throws IllegalArgumentException otherwise
   */
  public static int checkWidth(int width) {
    if (width != 1 && width != 2 && width != 4 && width != 8) {
      throw badWidth(width);
    }
    return width;
  }

  /**
   * The error for a primitive access of another width than 1, 2, 4 or 8 bytes.
   *
   * @param width the width asked for
   * @return the exception, to throw
   */
  public static IllegalArgumentException badWidth(int width) {
    return new IllegalArgumentException(
        "a primitive access is 1, 2, 4 or 8 bytes wide, not " + width);
  }

  /**
   * Returns how many pages hold {@code bytes} bytes.
   *
   * @param bytes a byte count, not negative
   * @return {@code ceil(bytes / PAGE_SIZE)}
   */
  public static long pagesFor(long bytes) {
    return (bytes + Memory.PAGE_SIZE - 1) >>> Memory.PAGE_SHIFT;
  }

  /**
   * Grows {@code memory} if needed so that it holds at least {@code bytes} bytes, as the crate's
   * {@code safe_write} does: by the smallest number of whole pages.
   *
   * @param memory the memory
   * @param bytes the smallest size wanted, in bytes
   * @throws GrowFailedException if the memory refused; nothing changed then
   */
  public static void ensureCapacity(Memory memory, long bytes) {
    long size = memory.size();
    // Compared in bytes first: a non-positive request (an overflowed offset + length) needs no
    // growth, and pagesFor would read it as a huge unsigned count.
    if (bytes <= size << Memory.PAGE_SHIFT) {
      return;
    }
    long needed = pagesFor(bytes) - size;
    if (memory.grow(needed) == -1) {
      throw new GrowFailedException(
          "memory of " + size + " pages could not grow by " + needed + " pages");
    }
  }

  /**
   * Writes bytes, first growing the memory by whole pages if they reach past its end.
   *
   * @param memory the memory
   * @param offset the first address to write
   * @param src the bytes
   * @param srcOffset the first index of {@code src} to copy
   * @param length how many bytes to copy
   * @throws GrowFailedException if the memory had to grow and could not; nothing was written then
   * @throws MemoryOutOfBoundsException if the offset is negative or the range overflows
   * @throws IndexOutOfBoundsException if the range is not inside {@code src}
   */
  public static void write(Memory memory, long offset, byte[] src, int srcOffset, int length) {
    // Validate before growing, so a bad request fails without leaving the memory larger.
    if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
      throw outOfBounds(offset, length, memory.sizeInBytes());
    }
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    ensureCapacity(memory, offset + length);
    memory.write(offset, src, srcOffset, length);
  }

  /**
   * Writes a whole array, first growing the memory if needed.
   *
   * @param memory the memory
   * @param offset the first address to write
   * @param src the bytes
   * @throws GrowFailedException if the memory had to grow and could not; nothing was written then
   */
  public static void write(Memory memory, long offset, byte[] src) {
    write(memory, offset, src, 0, src.length);
  }

  /**
   * Copies the whole content of a memory into a new array (for tests, dumps and images).
   *
   * @param memory the memory, at most 2 GiB
   * @return its bytes
   * @throws IllegalArgumentException if the memory is too large for one array
   */
  public static byte[] toByteArray(Memory memory) {
    long bytes = memory.sizeInBytes();
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("memory of " + bytes + " bytes does not fit one array");
    }
    return memory.readBytes(0, (int) bytes);
  }
}
