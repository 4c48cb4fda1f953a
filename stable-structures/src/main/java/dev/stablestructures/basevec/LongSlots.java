package dev.stablestructures.basevec;

import dev.stablestructures.GrowFailedException;
import java.util.NoSuchElementException;

/**
 * The slots of a {@link BaseVec} of fixed 8-byte elements ({@code u64}, {@code i64}) as big-endian
 * {@code long}s, read and written without boxing: the value itself for {@code u64}, the value with
 * its sign bit flipped for {@code i64}; for both, elements order as these bits compared unsigned.
 * Each access is one index check and one 8-byte memory access.
 */
public final class LongSlots extends FixedSlots {
  /**
   * Views the slots of an array of fixed 8-byte elements.
   *
   * @param vec the array
   * @throws IllegalArgumentException if its codec's bound is not fixed 8 bytes
   */
  public LongSlots(BaseVec<?> vec) {
    super(vec, Long.BYTES);
  }

  /**
   * Reads the stored bits of an element.
   *
   * @param index the index, in {@code [0, len())}
   * @return the element's 8 bytes, big-endian
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public long get(long index) {
    return memory.readLongBE(at(index));
  }

  /**
   * Replaces the stored bits of an element.
   *
   * @param index the index, in {@code [0, len())}
   * @param bits the element's 8 bytes, big-endian
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public void set(long index, long bits) {
    memory.writeLongBE(at(index), bits);
  }

  /**
   * Appends an element: writes its bytes, then the new length.
   *
   * @param bits the element's 8 bytes, big-endian
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void push(long bits) {
    memory.writeLongBE(append(), bits);
    pushed();
  }

  /**
   * Removes the last element; only the length is rewritten.
   *
   * @return its stored bits
   * @throws NoSuchElementException if the array is empty
   */
  public long pop() {
    long bits = memory.readLongBE(last());
    popped();
    return bits;
  }
}
