package dev.stablestructures.manager;

import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.memory.Memory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * One of the 255 memories a {@link MemoryManager} carves out of a real memory: a contiguous,
 * growable address space made of the manager's buckets. Get it with {@link MemoryManager#get}.
 *
 * <p>Every access is checked against this memory's own size in pages, then mapped bucket by bucket.
 * The handle remembers the last bucket it touched (its virtual range and real start), so that a run
 * of accesses inside one bucket costs one comparison before going straight to the real memory's own
 * accessor. Unlike the crate, the bounds check comes first, cache hit or not. Accesses that
 * straddle two buckets are split into per-bucket pieces.
 *
 * <p>Not thread-safe, like every {@link Memory}.
 */
public final class VirtualMemory implements Memory {
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final MemoryManager manager;
  private final int id;
  private final Memory base;
  private final long[] sizes;
  private final long bucketSizeBytes;

  /** Holds a primitive that straddles two buckets on its way in or out. */
  private final byte[] scratch = new byte[8];

  // The last bucket touched: virtual [cacheStart, cacheEnd) starts at real address cacheReal.
  // Empty at first (cacheEnd == 0), so nothing hits until a bucket has been mapped.
  private long cacheStart;
  private long cacheEnd;
  private long cacheReal;

  VirtualMemory(MemoryManager manager, int id, Memory base, long[] sizes, long bucketSizeBytes) {
    this.manager = manager;
    this.id = id;
    this.base = base;
    this.sizes = sizes;
    this.bucketSizeBytes = bucketSizeBytes;
  }

  /**
   * Returns this memory's id in its manager.
   *
   * @return 0 to {@value MemoryManager#MAX_MEMORY_ID}
   */
  public int id() {
    return id;
  }

  /**
   * Returns the manager this memory belongs to.
   *
   * @return the manager
   */
  public MemoryManager manager() {
    return manager;
  }

  @Override
  public long size() {
    return sizes[id];
  }

  @Override
  public long sizeInBytes() {
    return sizes[id] << PAGE_SHIFT;
  }

  /**
   * Grows this memory through its manager, which hands out whole buckets. Returns -1, changing
   * nothing, if the manager's 32,768 buckets would not suffice or the real memory refuses to grow.
   *
   * @param pages how many pages to add; 0 is allowed
   * @return the size in pages before the call, or -1
   * @throws IllegalArgumentException if {@code pages} is negative
   */
  @Override
  public long grow(long pages) {
    return manager.grow(id, pages);
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    checkBounds(offset, length);
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    if (length == 0) {
      return;
    }
    if (offset >= cacheStart && offset + length <= cacheEnd) {
      base.read(cacheReal + (offset - cacheStart), dst, dstOffset, length);
      return;
    }
    while (length > 0) {
      long real = mapBucket(offset);
      int piece = (int) Math.min(length, cacheEnd - offset);
      base.read(real, dst, dstOffset, piece);
      offset += piece;
      dstOffset += piece;
      length -= piece;
    }
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    checkBounds(offset, length);
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    if (length == 0) {
      return;
    }
    if (offset >= cacheStart && offset + length <= cacheEnd) {
      base.write(cacheReal + (offset - cacheStart), src, srcOffset, length);
      return;
    }
    while (length > 0) {
      long real = mapBucket(offset);
      int piece = (int) Math.min(length, cacheEnd - offset);
      base.write(real, src, srcOffset, piece);
      offset += piece;
      srcOffset += piece;
      length -= piece;
    }
  }

  @Override
  public byte readByte(long offset) {
    return base.readByte(locate(offset, 1));
  }

  @Override
  public void writeByte(long offset, byte value) {
    base.writeByte(locate(offset, 1), value);
  }

  @Override
  public int readShortLE(long offset) {
    long real = locate(offset, 2);
    if (real >= 0) {
      return base.readShortLE(real);
    }
    read(offset, scratch, 0, 2);
    return (short) SHORT_LE.get(scratch, 0) & 0xFFFF;
  }

  @Override
  public void writeShortLE(long offset, int value) {
    long real = locate(offset, 2);
    if (real >= 0) {
      base.writeShortLE(real, value);
      return;
    }
    SHORT_LE.set(scratch, 0, (short) value);
    write(offset, scratch, 0, 2);
  }

  @Override
  public int readIntLE(long offset) {
    long real = locate(offset, 4);
    if (real >= 0) {
      return base.readIntLE(real);
    }
    read(offset, scratch, 0, 4);
    return (int) INT_LE.get(scratch, 0);
  }

  @Override
  public void writeIntLE(long offset, int value) {
    long real = locate(offset, 4);
    if (real >= 0) {
      base.writeIntLE(real, value);
      return;
    }
    INT_LE.set(scratch, 0, value);
    write(offset, scratch, 0, 4);
  }

  @Override
  public long readLongLE(long offset) {
    long real = locate(offset, 8);
    if (real >= 0) {
      return base.readLongLE(real);
    }
    read(offset, scratch, 0, 8);
    return (long) LONG_LE.get(scratch, 0);
  }

  @Override
  public void writeLongLE(long offset, long value) {
    long real = locate(offset, 8);
    if (real >= 0) {
      base.writeLongLE(real, value);
      return;
    }
    LONG_LE.set(scratch, 0, value);
    write(offset, scratch, 0, 8);
  }

  @Override
  public int readIntBE(long offset) {
    long real = locate(offset, 4);
    if (real >= 0) {
      return base.readIntBE(real);
    }
    read(offset, scratch, 0, 4);
    return Integer.reverseBytes((int) INT_LE.get(scratch, 0));
  }

  @Override
  public void writeIntBE(long offset, int value) {
    long real = locate(offset, 4);
    if (real >= 0) {
      base.writeIntBE(real, value);
      return;
    }
    INT_LE.set(scratch, 0, Integer.reverseBytes(value));
    write(offset, scratch, 0, 4);
  }

  @Override
  public long readLongBE(long offset) {
    long real = locate(offset, 8);
    if (real >= 0) {
      return base.readLongBE(real);
    }
    read(offset, scratch, 0, 8);
    return Long.reverseBytes((long) LONG_LE.get(scratch, 0));
  }

  @Override
  public void writeLongBE(long offset, long value) {
    long real = locate(offset, 8);
    if (real >= 0) {
      base.writeLongBE(real, value);
      return;
    }
    LONG_LE.set(scratch, 0, Long.reverseBytes(value));
    write(offset, scratch, 0, 8);
  }

  /**
   * Checks bounds, then returns the real address of {@code [offset, offset + length)} if it lies in
   * one bucket, or -1 if it straddles two (real addresses are never negative).
   */
  private long locate(long offset, int length) {
    checkBounds(offset, length);
    if (offset >= cacheStart && offset + length <= cacheEnd) {
      return cacheReal + (offset - cacheStart);
    }
    long real = mapBucket(offset);
    return offset + length <= cacheEnd ? real : -1;
  }

  /**
   * Makes the bucket holding {@code offset} the cached one and returns the real address of {@code
   * offset}. The caller has checked that {@code offset} is inside this memory, so the bucket
   * exists.
   */
  private long mapBucket(long offset) {
    long index = offset / bucketSizeBytes;
    long start = index * bucketSizeBytes;
    cacheReal = manager.bucketAddress(id, (int) index);
    cacheStart = start;
    cacheEnd = start + bucketSizeBytes;
    return cacheReal + (offset - start);
  }

  private void checkBounds(long offset, long length) {
    long size = sizes[id] << PAGE_SHIFT;
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new MemoryOutOfBoundsException(
          "virtual memory "
              + id
              + ": access of "
              + length
              + " bytes at offset "
              + offset
              + " is outside its "
              + sizes[id]
              + " pages ("
              + size
              + " bytes)");
    }
  }

  @Override
  public String toString() {
    return "VirtualMemory[id " + id + ", " + sizes[id] + " pages]";
  }
}
