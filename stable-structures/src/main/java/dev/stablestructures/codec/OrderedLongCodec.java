package dev.stablestructures.codec;

/**
 * A codec whose every encoding is 8 bytes that, read as a big-endian {@code long}, order as
 * unsigned numbers exactly as the codec orders its values. A B-tree over such keys searches with
 * one primitive comparison per stored key, straight from memory, and never encodes the probe key.
 *
 * @param <T> the value type
 */
public interface OrderedLongCodec<T> extends Codec<T> {
  /**
   * Returns the big-endian {@code long} that {@link #encode} would write for a value.
   *
   * @param value the value, not null
   * @return the 8 encoded bytes as a big-endian long
   */
  long orderedLong(T value);
}
