package dev.stablestructures.manager;

import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.memory.ForwardingMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.Transfer;
import java.util.Objects;

/**
 * One of the 255 memories a {@link MemoryManager} carves out of a real memory: a contiguous,
 * growable address space made of the manager's buckets. Get it with {@link MemoryManager#get}.
 *
 * <p>Every access is checked against this memory's own size in pages, then mapped bucket by bucket.
 * The handle remembers the last bucket it touched (its virtual range and real start), so that a run
 * of accesses inside one bucket costs one comparison before going straight to the real memory's own
 * accessor ({@link #translate}, the hook of {@link ForwardingMemory}, which writes the primitives).
 * Unlike the crate, the bounds check comes first, cache hit or not. Accesses that straddle two
 * buckets are split into per-bucket pieces.
 *
 * <p>Not thread-safe, like every {@link Memory}.
 */
public final class VirtualMemory extends ForwardingMemory {
  private final MemoryManager manager;
  private final int id;
  private final long[] sizes;
  private final long bucketSizeBytes;

  // The last bucket touched: virtual [cacheStart, cacheEnd) starts at real address cacheReal.
  // Empty at first (cacheEnd == 0), so nothing hits until a bucket has been mapped.
  private long cacheStart;
  private long cacheEnd;
  private long cacheReal;

  VirtualMemory(MemoryManager manager, int id, Memory base, long[] sizes, long bucketSizeBytes) {
    super(base);
    this.manager = manager;
    this.id = id;
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
  protected void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    checkBounds(offset, length);
    Objects.checkFromIndexSize(at, length, bytes.length);
    while (length > 0) {
      long real = realAddress(offset);
      int piece = (int) Math.min(length, cacheEnd - offset);
      copyBase(transfer, real, bytes, at, piece);
      offset += piece;
      at += piece;
      length -= piece;
    }
  }

  /**
   * Checks bounds, then returns the real address of {@code [offset, offset + length)} if it lies in
   * one bucket, or {@link #NOT_CONTIGUOUS} if it straddles two.
   */
  @Override
  protected long translate(long offset, int length) {
    checkBounds(offset, length);
    if (offset >= cacheStart && offset + length <= cacheEnd) {
      return cacheReal + (offset - cacheStart);
    }
    long real = mapBucket(offset);
    return offset + length <= cacheEnd ? real : NOT_CONTIGUOUS;
  }

  /**
   * Returns the real address of {@code offset}, which is inside this memory, making its bucket the
   * cached one. The bytes from there to {@code cacheEnd} are contiguous in the real memory.
   */
  private long realAddress(long offset) {
    if (offset >= cacheStart && offset < cacheEnd) {
      return cacheReal + (offset - cacheStart);
    }
    return mapBucket(offset);
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

  /**
   * Forgets the cached bucket: a rollback may have taken it away, or given it to another memory.
   */
  void forgetBucket() {
    cacheStart = 0;
    cacheEnd = 0;
    cacheReal = 0;
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
