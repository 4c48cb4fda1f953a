package dev.stablestructures.memory;

import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.Arrays;

/**
 * The {@link Memory} contract on a memory that writes only the four methods the interface requires
 * (size, grow, bulk read and write), so every primitive runs the interface's defaults.
 */
class MinimalMemoryContractTest extends MemoryContractTest {
  @Override
  Memory create(long maxPages) {
    return new MinimalMemory(maxPages);
  }

  /** A byte array that grows; nothing but the four required methods. */
  static final class MinimalMemory implements Memory {
    private final long maxPages;
    private byte[] bytes = new byte[0];

    MinimalMemory(long maxPages) {
      this.maxPages = maxPages;
    }

    @Override
    public long size() {
      return bytes.length / PAGE_SIZE;
    }

    @Override
    public long grow(long pages) {
      if (pages < 0) {
        throw new IllegalArgumentException("negative grow: " + pages);
      }
      long previous = size();
      if (pages > maxPages - previous) {
        return -1;
      }
      bytes = Arrays.copyOf(bytes, Math.toIntExact((previous + pages) * PAGE_SIZE));
      return previous;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      check(offset, length);
      System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      check(offset, length);
      System.arraycopy(src, srcOffset, bytes, (int) offset, length);
    }

    private void check(long offset, int length) throws MemoryOutOfBoundsException {
      Memories.checkBounds(this, offset, length);
    }
  }
}
