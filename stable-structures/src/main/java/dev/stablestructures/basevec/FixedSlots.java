package dev.stablestructures.basevec;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.NoSuchElementException;

/**
 * What {@link LongSlots} and {@link IntSlots} share: the slot addresses of a {@link BaseVec} whose
 * elements are fixed-size numbers of one width, and the length bookkeeping of a push or a pop.
 * Subclasses add only the one memory access of their width.
 */
abstract sealed class FixedSlots permits LongSlots, IntSlots {
  final BaseVec<?> vec;
  final Memory memory;
  private final int shift;

  FixedSlots(BaseVec<?> vec, int width) {
    this.vec = vec;
    this.memory = vec.memory();
    this.shift = Integer.numberOfTrailingZeros(width);
    if (!vec.codec().bound().equals(Bound.fixed(width))) {
      throw new IllegalArgumentException(
          "the slots of a "
              + vec.kind()
              + " of "
              + vec.codec()
              + " do not hold fixed "
              + width
              + "-byte numbers");
    }
  }

  /** The address of element {@code index}, checked to be in {@code [0, len())}. */
  final long at(long index) {
    vec.checkIndex(index);
    return BaseVec.DATA_OFFSET + (index << shift);
  }

  /**
   * The address of a new last element, with memory grown to hold it: nothing is written if growth
   * fails. The caller writes the element, then {@link #pushed()}.
   *
   * @throws GrowFailedException if memory cannot grow
   */
  final long append() {
    long offset = BaseVec.DATA_OFFSET + (vec.len() << shift);
    Memories.ensureCapacity(memory, offset + (1L << shift));
    return offset;
  }

  final void pushed() {
    vec.setLen(vec.len() + 1);
  }

  /**
   * The address of the last element, which the caller reads before {@link #popped()}.
   *
   * @throws NoSuchElementException if the array is empty
   */
  final long last() {
    long length = vec.len();
    if (length == 0) {
      throw new NoSuchElementException("the " + vec.kind() + " is empty");
    }
    return BaseVec.DATA_OFFSET + ((length - 1) << shift);
  }

  final void popped() {
    vec.setLen(vec.len() - 1);
  }

  /**
   * Returns the number of elements.
   *
   * @return the array's length
   */
  public final long len() {
    return vec.len();
  }
}
