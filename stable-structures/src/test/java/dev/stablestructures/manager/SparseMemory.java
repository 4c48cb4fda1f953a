package dev.stablestructures.manager;

import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.HashMap;
import java.util.Map;

/**
 * A test memory that only stores the pages written to, so that a manager can reach its 32,768
 * bucket limit without gigabytes of heap. Unwritten pages read as zeros.
 */
final class SparseMemory implements Memory {
  private final Map<Long, byte[]> pages = new HashMap<>();
  private final long maxPages;
  private long size;

  SparseMemory(long maxPages) {
    this.maxPages = maxPages;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long grow(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("negative grow: " + delta);
    }
    if (delta > maxPages - size) {
      return -1;
    }
    long previous = size;
    size += delta;
    return previous;
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    Memories.checkBounds(this, offset, length);
    for (int i = 0; i < length; i++) {
      dst[dstOffset + i] = readByte(offset + i);
    }
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    Memories.checkBounds(this, offset, length);
    for (int i = 0; i < length; i++) {
      writeByte(offset + i, src[srcOffset + i]);
    }
  }

  @Override
  public byte readByte(long offset) {
    Memories.checkBounds(this, offset, 1);
    byte[] page = pages.get(offset >>> PAGE_SHIFT);
    return page == null ? 0 : page[(int) (offset & (PAGE_SIZE - 1))];
  }

  @Override
  public void writeByte(long offset, byte value) {
    Memories.checkBounds(this, offset, 1);
    pages
            .computeIfAbsent(offset >>> PAGE_SHIFT, p -> new byte[PAGE_SIZE])[
            (int) (offset & (PAGE_SIZE - 1))] =
        value;
  }

  @Override
  public int readIntLE(long offset) {
    Memories.checkBounds(this, offset, 4);
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = v << 8 | (readByte(offset + i) & 0xFF);
    }
    return v;
  }

  @Override
  public void writeIntLE(long offset, int value) {
    Memories.checkBounds(this, offset, 4);
    for (int i = 0; i < 4; i++) {
      writeByte(offset + i, (byte) (value >>> (8 * i)));
    }
  }

  @Override
  public long readLongLE(long offset) {
    Memories.checkBounds(this, offset, 8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (readByte(offset + i) & 0xFF);
    }
    return v;
  }

  @Override
  public void writeLongLE(long offset, long value) {
    Memories.checkBounds(this, offset, 8);
    for (int i = 0; i < 8; i++) {
      writeByte(offset + i, (byte) (value >>> (8 * i)));
    }
  }
}
