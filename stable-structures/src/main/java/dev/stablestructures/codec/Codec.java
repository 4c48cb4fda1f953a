package dev.stablestructures.codec;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.Memory;
import java.util.Comparator;

/**
 * Turns values of one type into bytes and back: the crate's {@code Storable}. A codec also orders
 * its values exactly as the crate's {@code Ord} does for the matching Rust type (u64 as unsigned,
 * strings by their UTF-8 bytes), because a map's layout depends on that order.
 *
 * <p>Codecs are stateless and thread-safe. Implementations must be byte-identical to the crate for
 * the types it has; see {@link Codecs} for the catalogue.
 *
 * @param <T> the type of values
 */
public interface Codec<T> extends Comparator<T> {
  /**
   * Returns the bound of this codec's encodings; part of the stored format.
   *
   * @return the bound
   */
  Bound bound();

  /**
   * Encodes a value. Does not check the bound: see {@link #encodeChecked}.
   *
   * @param value the value, not null
   * @return its bytes (a new array the caller may keep)
   */
  byte[] encode(T value);

  /**
   * Decodes a value from part of an array.
   *
   * @param bytes the array
   * @param offset the first byte of the encoding
   * @param length the encoding's length
   * @return the value
   * @throws DecodeException if the bytes are not a valid encoding
   */
  T decode(byte[] bytes, int offset, int length);

  /**
   * Compares two values in the crate's order.
   *
   * @param a the first value
   * @param b the second value
   * @return negative, zero or positive as {@code a} is less than, equal to or greater than {@code
   *     b}
   */
  @Override
  int compare(T a, T b);

  /**
   * Tells whether comparing two encodings as unsigned bytes, lexicographically (a proper prefix
   * first), gives the same order as {@link #compare}. Structures then compare keys on the stored
   * bytes without decoding them.
   *
   * @return true if the encoding preserves order
   */
  default boolean isByteOrdered() {
    return false;
  }

  /**
   * Decodes a whole array.
   *
   * @param bytes the encoding
   * @return the value
   * @throws DecodeException if the bytes are not a valid encoding
   */
  default T decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes a value straight from a memory. Codecs of fixed-size numbers override this to read
   * without allocating a byte array.
   *
   * @param memory the memory
   * @param offset the first byte of the encoding
   * @param length the encoding's length
   * @return the value
   * @throws DecodeException if the bytes are not a valid encoding
   */
  default T read(Memory memory, long offset, int length) {
    return decode(memory.readBytes(offset, length), 0, length);
  }

  /**
   * Encodes a value and checks the result against the bound, as the crate's {@code
   * to_bytes_checked}.
   *
   * @param value the value, not null
   * @return its bytes
   * @throws BoundExceededException if the encoding breaks the bound
   * @throws NullPointerException if {@code value} is null
   */
  default byte[] encodeChecked(T value) {
    if (value == null) {
      throw new NullPointerException("stable structures do not store null; use an Option codec");
    }
    byte[] bytes = encode(value);
    bound().check(bytes.length);
    return bytes;
  }
}
