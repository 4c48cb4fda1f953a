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
 * <p>Every access is checked against this memory's own size in pages, then mapped bucket by bucket:
 * virtual offset {@code o} lies in this memory's {@code o / bucketSize}-th bucket, whose real start
 * the manager's bucket list gives ({@link #translate}, the hook of {@link ForwardingMemory}, which
 * writes the primitives). A power-of-two bucket size (the default, 128 pages) makes that a shift
 * and a mask. Unlike the crate, the bounds check always comes first. Accesses that straddle two
 * buckets are split into per-bucket pieces.
 *
 * <p><b>Threads.</b> A read writes nothing: the handle keeps no "last bucket" cache (a cache
 * written by readers would be torn between threads, and would send a read to another memory's
 * bucket). So any number of threads may read at once while no thread writes or grows any memory of
 * the manager; mixing reads with writes needs the store's lock ({@code
 * dev.stablestructures.tx.StoreLock}). Writes are not thread-safe, like every {@link Memory}'s.
 */
public final class VirtualMemory extends ForwardingMemory {
  private final MemoryManager manager;
  private final int id;
  private final long[] sizes;
  private final long bucketSizeBytes;
  private final int bucketSizePages;

  /** log2 of the bucket size in bytes when it is a power of two, else -1. */
  private final int bucketShift;

  VirtualMemory(MemoryManager manager, int id, Memory base, long[] sizes, int bucketSizePages) {
    super(base);
    this.manager = manager;
    this.id = id;
    this.sizes = sizes;
    this.bucketSizePages = bucketSizePages;
    this.bucketSizeBytes = (long) bucketSizePages << PAGE_SHIFT;
    this.bucketShift =
        Integer.bitCount(bucketSizePages) == 1
            ? PAGE_SHIFT + Integer.numberOfTrailingZeros(bucketSizePages)
            : -1;
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
      int index = bucketIndex(offset);
      long within = offset - index * bucketSizeBytes;
      int piece = (int) Math.min(length, bucketSizeBytes - within);
      copyBase(transfer, manager.bucketAddress(id, index) + within, bytes, at, piece);
      offset += piece;
      at += piece;
      length -= piece;
    }
  }

  @Override
  protected long translate(long offset, int length) {
    checkBounds(offset, length);
    int index = bucketIndex(offset);
    long within = offset - index * bucketSizeBytes;
    return within <= bucketSizeBytes - length
        ? manager.bucketAddress(id, index) + within
        : NOT_CONTIGUOUS;
  }

  /**
   * Which of this memory's buckets holds a checked offset. The quotient fits an {@code int}: a
   * manager holds at most 32,768 buckets.
   */
  private int bucketIndex(long offset) {
    return bucketShift >= 0
        ? (int) (offset >>> bucketShift)
        : (int) (offset >>> PAGE_SHIFT) / bucketSizePages;
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
