package dev.stablestructures.codec;

import java.util.Arrays;

/**
 * The crate's {@code [u8; N]}: exactly N raw bytes, fixed-size, ordered as unsigned bytes. An array
 * of another length encodes as itself but {@link #encodeChecked} refuses it with a {@link
 * dev.stablestructures.BoundExceededException}; decoding another length is a {@link
 * dev.stablestructures.DecodeException}.
 */
public final class ByteArrayCodec implements Codec<byte[]> {
  private final int size;
  private final Bound bound;

  private ByteArrayCodec(int size) {
    this.size = size;
    this.bound = Bound.fixed(size);
  }

  /**
   * Returns the codec of {@code [u8; size]}.
   *
   * @param size N
   * @return the codec
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static ByteArrayCodec of(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("an array size must not be negative: " + size);
    }
    return new ByteArrayCodec(size);
  }

  @Override
  public Bound bound() {
    return bound;
  }

  @Override
  public byte[] encode(byte[] value) {
    return value.clone();
  }

  @Override
  public byte[] decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("[u8; " + size + "]", size, length);
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }

  @Override
  public int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ByteArrayCodec byteArrayCodec && byteArrayCodec.size == size;
  }

  @Override
  public int hashCode() {
    return size;
  }

  @Override
  public String toString() {
    return "[u8; " + size + "]";
  }
}
