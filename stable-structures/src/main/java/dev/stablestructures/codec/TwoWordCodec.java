package dev.stablestructures.codec;

import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;

/**
 * A codec of values stored as two big-endian words, a high one of 8 bytes and a low one of 4 or 8:
 * {@code u128} (two 8-byte halves), {@code UUID} (its two halves) and {@code Instant} (seconds,
 * then nanoseconds in 4 bytes).
 *
 * <pre>
 * offset size   field
 * ------ -----  ----------------------------------------
 *      0     8  high word, big-endian
 *      8  4 / 8 low word, big-endian (4 bytes if the codec is 12 long)
 * </pre>
 *
 * A subclass says only how a value splits into the two words and how they join again; the bytes are
 * written and read here, once, with two memory accesses to read from memory. The words are stored
 * unsigned, so every such codec is byte-ordered, and its default {@link #compare} is that order.
 *
 * @param <T> the type of values
 */
abstract class TwoWordCodec<T> extends FixedSizeCodec<T> {
  /** The size of the low word: 4 or 8 bytes. */
  private final int lowSize;

  TwoWordCodec(String name, int lowSize) {
    super(name, Long.BYTES + lowSize, true);
    this.lowSize = lowSize;
  }

  /** Returns the high word of a value. */
  abstract long high(T value);

  /** Returns the low word of a value (only its low 32 bits are stored if the low word is 4). */
  abstract long low(T value);

  /** Returns the value of two stored words (a 4-byte low word is zero-extended). */
  abstract T join(long high, long low);

  /** Compares as the stored bytes do: the high words unsigned, then the low words unsigned. */
  @Override
  public int compare(T a, T b) {
    int c = Long.compareUnsigned(high(a), high(b));
    return c != 0 ? c : Long.compareUnsigned(low(a), low(b));
  }

  @Override
  public byte[] encode(T value) {
    byte[] bytes = new byte[size];
    ByteArrays.putLongBE(bytes, 0, high(value));
    ByteArrays.putBE(bytes, Long.BYTES, lowSize, low(value));
    return bytes;
  }

  @Override
  final T decodeFixed(byte[] bytes, int offset) {
    return join(
        ByteArrays.getLongBE(bytes, offset), ByteArrays.getBE(bytes, offset + Long.BYTES, lowSize));
  }

  @Override
  final T readFixed(Memory memory, long offset) {
    long low =
        lowSize == Long.BYTES
            ? memory.readLongBE(offset + Long.BYTES)
            : memory.readIntBE(offset + Long.BYTES) & 0xFFFF_FFFFL;
    return join(memory.readLongBE(offset), low);
  }
}
