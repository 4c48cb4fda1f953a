package dev.stablestructures.memory;

/**
 * A {@link ForwardingMemory} at its base's addresses: the same size, grown by growing the base. A
 * wrapper that only watches or records accesses (an undo journal, a meter, a read counter) extends
 * it and writes just its hooks, {@link #translate} and {@link #copy}; one with its own addresses (a
 * window, a list of buckets) extends {@code ForwardingMemory} and writes its own size and grow.
 */
public abstract class SameAddressMemory extends ForwardingMemory {
  /**
   * Creates a memory over {@code base}, at its addresses.
   *
   * @param base the memory the bytes live in
   */
  protected SameAddressMemory(Memory base) {
    super(base);
  }

  /**
   * Returns the base's size.
   *
   * @return the base's size in 64 KiB pages
   */
  @Override
  public long size() {
    return base().size();
  }

  /**
   * Returns the base's size in bytes.
   *
   * @return the base's size in bytes
   */
  @Override
  public long sizeInBytes() {
    return base().sizeInBytes();
  }

  /**
   * Grows the base.
   *
   * @param pages how many pages to add; 0 is allowed and changes nothing
   * @return the size in pages before the call, or -1 if the base cannot grow that much, in which
   *     case nothing changed
   * @throws IllegalArgumentException if {@code pages} is negative
   */
  @Override
  public long grow(long pages) {
    return base().grow(pages);
  }
}
