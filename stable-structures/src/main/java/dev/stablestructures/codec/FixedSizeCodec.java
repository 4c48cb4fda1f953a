package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.Memory;

/**
 * A codec whose every encoding has one size: the length check of every decode, written once for all
 * of them. A subclass decodes the bytes once they are known to be there, and may read them straight
 * from memory.
 *
 * @param <T> the type of values
 */
abstract class FixedSizeCodec<T> extends BasicCodec<T> {
  /** The size of every encoding, in bytes. */
  final int size;

  FixedSizeCodec(String name, int size, boolean byteOrdered) {
    super(name, Bound.fixed(size), byteOrdered);
    this.size = size;
  }

  /** Decodes the {@link #size} bytes at {@code offset}, which the caller has checked are there. */
  abstract T decodeFixed(byte[] bytes, int offset);

  /** Reads the {@link #size} bytes at {@code offset}; a subclass avoids the copy where it can. */
  T readFixed(Memory memory, long offset) {
    return decodeFixed(memory.readBytes(offset, size), 0);
  }

  /** Throws a {@link DecodeException} unless {@code length} is the size of every encoding. */
  final void checkLength(int length) {
    if (length != size) {
      throw new DecodeException(
          "a " + this + " takes " + size + " byte" + (size == 1 ? "" : "s") + ", found " + length);
    }
  }

  @Override
  public final T decode(byte[] bytes, int offset, int length) {
    checkLength(length);
    return decodeFixed(bytes, offset);
  }

  @Override
  public final T read(Memory memory, long offset, int length) {
    checkLength(length);
    return readFixed(memory, offset);
  }
}
