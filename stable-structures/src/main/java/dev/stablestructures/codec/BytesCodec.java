package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import java.util.Arrays;

/**
 * Raw bytes: the crate's {@code Vec<u8>} (unbounded) and {@code Blob<N>} (at most N bytes, not
 * fixed-size). The encoding is the bytes themselves, ordered lexicographically as unsigned bytes
 * with a proper prefix first, as Rust orders {@code Vec<u8>}. Decoding more than N bytes as a
 * {@code Blob<N>} is a {@link DecodeException} (the crate panics).
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
   */
  public static BytesCodec blob(int maxSize) {
    return new BytesCodec(Bound.bounded(maxSize, false));
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
    return bound.isBounded() ? "Blob<" + bound.maxSize() + ">" : "Vec<u8>";
  }
}
