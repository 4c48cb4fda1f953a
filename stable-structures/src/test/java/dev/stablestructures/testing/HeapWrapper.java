package dev.stablestructures.testing;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;

/**
 * A memory over a {@link HeapMemory} that a test watches or breaks: size, grow, read and write pass
 * through, so a subclass overrides only what it intercepts (counting writes, failing the n-th,
 * refusing grows). It has no journal of its own, like any memory that does not ask for one.
 */
public abstract class HeapWrapper implements Memory {
  /** The memory the bytes live in. */
  public final HeapMemory heap;

  /**
   * Wraps a heap memory.
   *
   * @param heap the memory the bytes live in
   */
  protected HeapWrapper(HeapMemory heap) {
    this.heap = heap;
  }

  /** Wraps a new, empty heap memory. */
  protected HeapWrapper() {
    this(new HeapMemory());
  }

  @Override
  public long size() {
    return heap.size();
  }

  @Override
  public long grow(long pages) {
    return heap.grow(pages);
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    heap.read(offset, dst, dstOffset, length);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    heap.write(offset, src, srcOffset, length);
  }
}
