package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import java.util.Arrays;

/**
 * Raw bytes under a bound: the crate's {@code Vec<u8>} (unbounded), {@code Blob<N>} (at most N
 * bytes, not fixed-size) and {@code [u8; N]} (exactly N bytes). The encoding is the bytes
 * themselves, ordered lexicographically as unsigned bytes with a proper prefix first, as Rust
 * orders them. Decoding more than N bytes as a {@code Blob<N>}, or other than N as a {@code [u8;
 * N]}, is a {@link DecodeException} (the crate panics); a {@code [u8; N]} value of another length
 * encodes as itself, but {@link #encodeChecked} refuses it with a {@link
 * dev.stablestructures.BoundExceededException}.
 */
public final class BytesCodec implements Codec<byte[]> {
  private static final BytesCodec UNBOUNDED = new BytesCodec(Bound.unbounded());

  private final Bound bound;

  private BytesCodec(Bound bound) {
    this.bound = bound;
  }

  /**
   * Returns the codec of the crate's {@code Vec<u8>}.
   *
   * @return the unbounded byte-string codec
   */
  public static BytesCodec unbounded() {
    return UNBOUNDED;
  }

  /**
   * Returns the codec of the crate's {@code Blob<N>}.
   *
   * @param maxSize N, the most bytes a value may have
   * @return a bounded, not fixed-size byte-string codec
   * @throws IllegalArgumentException if {@code maxSize} is negative
   */
  public static BytesCodec blob(int maxSize) {
    return new BytesCodec(Bound.bounded(maxSize, false));
  }

  /**
   * Returns the codec of the crate's {@code [u8; N]}.
   *
   * @param size N, the number of bytes of every value
   * @return a fixed-size byte-string codec
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static BytesCodec array(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("an array size must not be negative: " + size);
    }
    return new BytesCodec(Bound.fixed(size));
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
    if (bound.isFixedSize() && length != bound.maxSize()) {
      throw new DecodeException(
          "a " + this + " takes " + bound.maxSize() + " bytes, found " + length);
    }
    if (bound.isBounded() && length > bound.maxSize()) {
      throw new DecodeException(
          "a " + this + " has at most " + bound.maxSize() + " bytes, found " + length);
    }
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
    return other instanceof BytesCodec bytesCodec && bytesCodec.bound.equals(bound);
  }

  @Override
  public int hashCode() {
    return bound.hashCode();
  }

  @Override
  public String toString() {
    if (!bound.isBounded()) {
      return "Vec<u8>";
    }
    return bound.isFixedSize() ? "[u8; " + bound.maxSize() + "]" : "Blob<" + bound.maxSize() + ">";
  }
}
