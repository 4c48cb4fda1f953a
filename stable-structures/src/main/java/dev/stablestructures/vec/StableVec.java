package dev.stablestructures.vec;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.basevec.BaseVecVerifier;
import dev.stablestructures.basevec.OperationBracket;
import dev.stablestructures.basevec.SlotArrayStructure;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.U32Codec;
import dev.stablestructures.codec.U64Codec;
import dev.stablestructures.memory.Memory;
import java.util.AbstractList;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * A growable array in stable memory, byte-compatible with the crate's {@code Vec<T, M>} (alias
 * {@code StableVec}), and a {@link java.util.List} over it.
 *
 * <p>Layout: {@link BaseVec}'s slot array, with magic {@code "SVC"} (53 56 43), version 1.
 *
 * <p>Elements have a fixed-size slot, so the codec must be bounded. As a {@code List} it supports
 * reading, {@link #set(int, Object) set}, appending ({@link #add(Object)}) and removing from the
 * end ({@link #removeLast()}, {@code remove(size() - 1)}, {@link #clear()}, clearing a tail {@code
 * subList}); inserting or removing elsewhere would move every later slot and throws {@link
 * UnsupportedOperationException}. Iterators are fail-fast. {@link #size()} saturates at {@code
 * Integer.MAX_VALUE}; {@link #len()} gives the true length. {@code u64} and {@code u32} vectors
 * have primitive methods ({@link #getLong}, {@link #pushLong}, ...) that neither box nor allocate:
 * {@link BaseVec#getNumber} and its siblings, after one check of a flag set when the vector is
 * opened.
 *
 * <p>Every mutator is one step of the memory's journal ({@link BaseVec}): atomic on its own, and
 * inside a user's transaction a savepoint that a failure rolls back alone. After a rollback the
 * vector reloads its length and its open iterators fail fast.
 *
 * <p>Not thread-safe, like the memory under it.
 *
 * @param <T> the element type
 */
public final class StableVec<T> extends AbstractList<T>
    implements RandomAccess, SlotArrayStructure<T> {
  /** The magic at offset 0. */
  public static final StructureMagic MAGIC = StructureMagic.VEC;

  private static final String KIND = "StableVec";

  private final BaseVec<T> base;

  /**
   * The width of the primitive methods the codec allows: {@code Long.BYTES} for {@code u64} (the
   * long methods), {@code Integer.BYTES} for {@code u32} (the int methods), else 0 (none).
   */
  private final int primitiveWidth;

  private StableVec(BaseVec<T> base) {
    this.base = base;
    this.primitiveWidth =
        base.codec() == U64Codec.INSTANCE
            ? Long.BYTES
            : base.codec() == U32Codec.INSTANCE ? Integer.BYTES : 0;
    base.onRollback(() -> modCount++); // the length was reloaded: iterators fail fast
  }

  /**
   * Opens the vector in {@code memory}, or creates an empty one if the memory is empty (0 pages).
   *
   * @param memory the memory the vector owns
   * @param codec the element codec, which must be bounded
   * @param <T> the element type
   * @return the vector
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws BadMagicException if the memory holds something else; it is untouched
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws IncompatibleLayoutException if the stored element bound differs from the codec's
   * @throws CorruptedStructureException if the stored length does not fit the memory
   * @throws GrowFailedException if a new vector's header does not fit and memory cannot grow
   */
  public static <T> StableVec<T> init(Memory memory, Codec<T> codec) {
    return new StableVec<>(BaseVec.init(memory, codec, MAGIC, KIND));
  }

  /**
   * Creates an empty vector, overwriting the header of whatever the memory held.
   *
   * @param memory the memory the vector owns
   * @param codec the element codec, which must be bounded
   * @param <T> the element type
   * @return the vector
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws GrowFailedException if memory cannot grow to one page; nothing is written
   */
  public static <T> StableVec<T> create(Memory memory, Codec<T> codec) {
    return new StableVec<>(BaseVec.create(memory, codec, MAGIC, KIND));
  }

  /**
   * Opens an existing vector; never writes.
   *
   * @param memory the memory holding the vector
   * @param codec the element codec, which must be bounded
   * @param <T> the element type
   * @return the vector
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws BadMagicException if the memory is empty or holds something else
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws IncompatibleLayoutException if the stored element bound differs from the codec's
   * @throws CorruptedStructureException if the stored length does not fit the memory
   */
  public static <T> StableVec<T> load(Memory memory, Codec<T> codec) {
    return new StableVec<>(BaseVec.load(memory, codec, MAGIC, KIND));
  }

  @Override
  public long len() {
    return base.len();
  }

  /**
   * Returns the number of elements, or {@code Integer.MAX_VALUE} if there are more.
   *
   * @return {@code min(len(), Integer.MAX_VALUE)}
   */
  @Override
  public int size() {
    return (int) Math.min(base.len(), Integer.MAX_VALUE);
  }

  /**
   * Reads an element, decoding it straight from memory.
   *
   * @param index the index
   * @return the element
   * @throws IndexOutOfBoundsException if the index is outside the vector
   */
  @Override
  public T get(int index) {
    return base.get(index);
  }

  /**
   * Reads an element by a {@code long} index.
   *
   * @param index the index
   * @return the element
   * @throws IndexOutOfBoundsException if the index is outside the vector
   */
  public T get(long index) {
    return base.get(index);
  }

  /**
   * Replaces an element.
   *
   * @param index the index
   * @param value the new element, not null
   * @return the old element
   * @throws IndexOutOfBoundsException if the index is outside the vector
   * @throws BoundExceededException if the value breaks the bound; nothing is written
   * @throws GrowFailedException if memory must grow and cannot; nothing is written
   */
  @Override
  public T set(int index, T value) {
    return set((long) index, value);
  }

  /**
   * Replaces an element by a {@code long} index.
   *
   * @param index the index
   * @param value the new element, not null
   * @return the old element
   * @throws IndexOutOfBoundsException if the index is outside the vector
   * @throws BoundExceededException if the value breaks the bound; nothing is written
   * @throws GrowFailedException if memory must grow and cannot; nothing is written
   */
  public T set(long index, T value) {
    OperationBracket bracket = base.bracket();
    long step = bracket.begin(); // the old value read in the same step as the write
    try {
      T old = base.get(index);
      base.set(index, value);
      bracket.commit(step);
      return old;
    } finally {
      bracket.end(step);
    }
  }

  /**
   * Appends an element, as the crate's {@code push}.
   *
   * @param value the element, not null
   * @throws BoundExceededException if the value breaks the bound; nothing is written
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void push(T value) {
    base.push(value);
    modCount++;
  }

  /**
   * Appends an element.
   *
   * @param value the element, not null
   * @return true
   * @throws BoundExceededException if the value breaks the bound; nothing is written
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  @Override
  public boolean add(T value) {
    push(value);
    return true;
  }

  /**
   * Appends an element when {@code index == size()}; inserting elsewhere is not supported.
   *
   * @param index must be {@code size()}
   * @param value the element, not null
   * @throws UnsupportedOperationException if {@code index} is inside the vector
   * @throws IndexOutOfBoundsException if {@code index} is negative or past the end
   */
  @Override
  public void add(int index, T value) {
    if (index < 0 || index > base.len()) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the StableVec of length " + base.len());
    }
    if (index != base.len()) {
      throw new UnsupportedOperationException(
          "a StableVec only appends: insertion at " + index + " of " + base.len());
    }
    push(value);
  }

  /**
   * Removes and returns the last element, as the crate's {@code pop}.
   *
   * @return the last element, or null if the vector is empty
   */
  public T pop() {
    T value = base.pop();
    if (value != null) {
      modCount++;
    }
    return value;
  }

  /**
   * Removes and returns the last element.
   *
   * @return the last element
   * @throws NoSuchElementException if the vector is empty
   */
  public T removeLast() {
    if (base.len() == 0) {
      throw new NoSuchElementException("the StableVec is empty");
    }
    return pop();
  }

  /**
   * Removes the last element when {@code index == size() - 1}; removing elsewhere is not supported.
   *
   * @param index must be {@code size() - 1}
   * @return the removed element
   * @throws UnsupportedOperationException if {@code index} is not the last index
   * @throws IndexOutOfBoundsException if {@code index} is outside the vector
   */
  @Override
  public T remove(int index) {
    long length = base.len();
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the StableVec of length " + length);
    }
    if (index != length - 1) {
      throw new UnsupportedOperationException(
          "a StableVec only removes its last element: removal at " + index + " of " + length);
    }
    return pop();
  }

  /** Removes every element; only the stored length changes. */
  @Override
  public void clear() {
    base.clear();
    modCount++;
  }

  /** Removes a tail {@code [fromIndex, size())}; other ranges are not supported. */
  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    if (fromIndex == toIndex) {
      return;
    }
    if (toIndex != base.len()) {
      throw new UnsupportedOperationException(
          "a StableVec only removes a tail: range [" + fromIndex + ", " + toIndex + ")");
    }
    base.truncate(fromIndex);
    modCount++;
  }

  /**
   * Reads element {@code index} of a {@code u64} vector without boxing or allocating.
   *
   * @param index the index
   * @return the element (unsigned in Rust)
   * @throws IllegalStateException if the codec is not {@link U64Codec}
   * @throws IndexOutOfBoundsException if the index is outside the vector
   */
  public long getLong(long index) {
    return base.getNumber(index, width(Long.BYTES));
  }

  /**
   * Replaces element {@code index} of a {@code u64} vector without boxing.
   *
   * @param index the index
   * @param value the new element
   * @throws IllegalStateException if the codec is not {@link U64Codec}
   * @throws IndexOutOfBoundsException if the index is outside the vector
   */
  public void setLong(long index, long value) {
    base.setNumber(index, width(Long.BYTES), value);
  }

  /**
   * Appends to a {@code u64} vector without boxing.
   *
   * @param value the element
   * @throws IllegalStateException if the codec is not {@link U64Codec}
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void pushLong(long value) {
    pushNumber(width(Long.BYTES), value);
  }

  /**
   * Removes and returns the last element of a {@code u64} vector without boxing.
   *
   * @return the last element
   * @throws IllegalStateException if the codec is not {@link U64Codec}
   * @throws NoSuchElementException if the vector is empty
   */
  public long popLong() {
    return popNumber(width(Long.BYTES));
  }

  /**
   * Reads element {@code index} of a {@code u32} vector without boxing or allocating.
   *
   * @param index the index
   * @return the element's 32 bits (unsigned in Rust)
   * @throws IllegalStateException if the codec is not {@link U32Codec}
   * @throws IndexOutOfBoundsException if the index is outside the vector
   */
  public int getInt(long index) {
    return (int) base.getNumber(index, width(Integer.BYTES));
  }

  /**
   * Replaces element {@code index} of a {@code u32} vector without boxing.
   *
   * @param index the index
   * @param value the new element's 32 bits
   * @throws IllegalStateException if the codec is not {@link U32Codec}
   * @throws IndexOutOfBoundsException if the index is outside the vector
   */
  public void setInt(long index, int value) {
    base.setNumber(index, width(Integer.BYTES), value);
  }

  /**
   * Appends to a {@code u32} vector without boxing.
   *
   * @param value the element's 32 bits
   * @throws IllegalStateException if the codec is not {@link U32Codec}
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void pushInt(int value) {
    pushNumber(width(Integer.BYTES), value);
  }

  /**
   * Removes and returns the last element of a {@code u32} vector without boxing.
   *
   * @return the last element's 32 bits
   * @throws IllegalStateException if the codec is not {@link U32Codec}
   * @throws NoSuchElementException if the vector is empty
   */
  public int popInt() {
    return (int) popNumber(width(Integer.BYTES));
  }

  /**
   * Checks that the codec allows the primitive methods of {@code width} bytes: one flag compare.
   *
   * @return {@code width}
   */
  private int width(int width) {
    if (width != primitiveWidth) {
      throw wrongCodec(width);
    }
    return width;
  }

  private IllegalStateException wrongCodec(int width) {
    return new IllegalStateException(
        "primitive "
            + (width == Long.BYTES ? "long access needs the u64" : "int access needs the u32")
            + " codec, but this StableVec uses "
            + base.codec());
  }

  /** Appends the low {@code width} bytes of {@code bits}, counting the change for iterators. */
  private void pushNumber(int width, long bits) {
    base.pushNumber(width, bits);
    modCount++;
  }

  /** Removes the last element's {@code width} bytes, counting the change for iterators. */
  private long popNumber(int width) {
    long bits = base.popNumber(width);
    modCount++;
    return bits;
  }

  @Override
  public VerifyReport verify() {
    return BaseVecVerifier.verify(base, false);
  }

  @Override
  public Memory memory() {
    return base.memory();
  }

  @Override
  public Codec<T> codec() {
    return base.codec();
  }
}
