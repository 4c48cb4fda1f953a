package dev.stablestructures.basevec;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.NoSuchElementException;

/**
 * The slots of a {@link BaseVec} whose elements are fixed 4- or 8-byte numbers ({@code u32}; {@code
 * u64}, {@code i64}), read and written as their big-endian bits without boxing: the primitive path
 * of vectors and heaps. For {@code u64} the bits are the value; for {@code i64} the value with its
 * sign bit flipped, so that for both, elements order as the bits compared unsigned; 4-byte bits are
 * zero-extended to a {@code long}. Each access is one index check and one memory access.
 */
public final class PrimitiveSlots {
  private final BaseVec<?> vec;
  private final Memory memory;
  private final boolean wide;
  private final int shift;

  /**
   * Views the slots of an array of fixed 4- or 8-byte elements.
   *
   * @param vec the array
   * @throws IllegalArgumentException if its codec's bound is neither fixed 4 nor fixed 8 bytes
   */
  public PrimitiveSlots(BaseVec<?> vec) {
    Bound bound = vec.codec().bound();
    this.wide = bound.equals(Bound.fixed(Long.BYTES));
    if (!wide && !bound.equals(Bound.fixed(Integer.BYTES))) {
      throw new IllegalArgumentException(
          "the slots of a " + vec.kind() + " of " + vec.codec() + " are not 4- or 8-byte numbers");
    }
    this.vec = vec;
    this.memory = vec.memory();
    this.shift = wide ? 3 : 2;
  }

  /**
   * Returns the number of elements.
   *
   * @return the array's length
   */
  public long len() {
    return vec.len();
  }

  /**
   * Reads the stored bits of an element.
   *
   * @param index the index, in {@code [0, len())}
   * @return the element's bytes, big-endian
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public long get(long index) {
    vec.checkIndex(index);
    return read(BaseVec.DATA_OFFSET + (index << shift));
  }

  /**
   * Replaces the stored bits of an element.
   *
   * @param index the index, in {@code [0, len())}
   * @param bits the element's bytes, big-endian (of 4-byte elements, the low 32 bits)
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public void set(long index, long bits) {
    vec.checkIndex(index);
    write(BaseVec.DATA_OFFSET + (index << shift), bits);
  }

  /**
   * Appends an element: grows memory, writes its bytes, then the new length.
   *
   * @param bits the element's bytes, big-endian
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void push(long bits) {
    long length = vec.len();
    long offset = BaseVec.DATA_OFFSET + (length << shift);
    Memories.ensureCapacity(memory, offset + (1L << shift));
    write(offset, bits);
    vec.setLen(length + 1);
  }

  /**
   * Removes the last element; only the length is rewritten.
   *
   * @return its stored bits
   * @throws NoSuchElementException if the array is empty
   */
  public long pop() {
    long length = vec.len();
    if (length == 0) {
      throw new NoSuchElementException("the " + vec.kind() + " is empty");
    }
    long bits = read(BaseVec.DATA_OFFSET + ((length - 1) << shift));
    vec.setLen(length - 1);
    return bits;
  }

  private long read(long offset) {
    return wide ? memory.readLongBE(offset) : memory.readIntBE(offset) & 0xFFFF_FFFFL;
  }

  private void write(long offset, long bits) {
    if (wide) {
      memory.writeLongBE(offset, bits);
    } else {
      memory.writeIntBE(offset, (int) bits);
    }
  }
}
