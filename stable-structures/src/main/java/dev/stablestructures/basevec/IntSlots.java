package dev.stablestructures.basevec;

import dev.stablestructures.GrowFailedException;
import java.util.NoSuchElementException;

/**
 * The slots of a {@link BaseVec} of fixed 4-byte elements ({@code u32}) as big-endian {@code int}s,
 * read and written without boxing. Each access is one index check and one 4-byte memory access.
 */
public final class IntSlots extends FixedSlots {
  /**
   * Views the slots of an array of fixed 4-byte elements.
   *
   * @param vec the array
   * @throws IllegalArgumentException if its codec's bound is not fixed 4 bytes
   */
  public IntSlots(BaseVec<?> vec) {
    super(vec, Integer.BYTES);
  }

  /**
   * Reads the stored bits of an element.
   *
   * @param index the index, in {@code [0, len())}
   * @return the element's 4 bytes, big-endian
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public int get(long index) {
    return memory.readIntBE(at(index));
  }

  /**
   * Replaces the stored bits of an element.
   *
   * @param index the index, in {@code [0, len())}
   * @param bits the element's 4 bytes, big-endian
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public void set(long index, int bits) {
    memory.writeIntBE(at(index), bits);
  }

  /**
   * Appends an element: writes its bytes, then the new length.
   *
   * @param bits the element's 4 bytes, big-endian
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void push(int bits) {
    memory.writeIntBE(append(), bits);
    pushed();
  }

  /**
   * Removes the last element; only the length is rewritten.
   *
   * @return its stored bits
   * @throws NoSuchElementException if the array is empty
   */
  public int pop() {
    int bits = memory.readIntBE(last());
    popped();
    return bits;
  }
}
