package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The crate's {@code (A, B)}, bounded elements only. Every encoding is exactly {@link
 * Bound#maxSize()} bytes:
 *
 * <pre>
 * offset            size     field
 * 0                 A.max    A's bytes, zero-padded
 * A.max             B.max    B's bytes, zero-padded
 * A.max+B.max       la       A's length, big-endian; la = 0 if A is fixed-size, else 1/2/4
 *                            as A.max is at most 255 / 65535 / more
 * A.max+B.max+la    lb       B's length, the same rule
 * </pre>
 *
 * The bound is {@code Bounded{A.max + B.max + la + lb, A.fixed && B.fixed}}. Example: {@code (7u32,
 * [1, 2])} is {@code 00000007 0102}; {@code (Blob<3>[9], 0x0102u16)} is {@code 09 00 00 01 02 01}.
 * The crate panics ({@code todo!()}) on an unbounded element, so construction refuses one. Values
 * order lexicographically by component, each by its own codec.
 *
 * @param <A> the first type
 * @param <B> the second type
 */
public final class Tuple2Codec<A, B> implements Codec<Pair<A, B>> {
  private final Codec<A> first;
  private final Codec<B> second;
  private final int aMax;
  private final int bMax;
  private final int aSizeLen;
  private final int bSizeLen;
  private final Bound bound;

  private Tuple2Codec(Codec<A> first, Codec<B> second) {
    this.first = first;
    this.second = second;
    if (!first.bound().isBounded() || !second.bound().isBounded()) {
      throw new IllegalArgumentException(
          "the crate's 2-tuples support bounded elements only (an unbounded one hits todo!()): ("
              + first
              + ", "
              + second
              + "); use a 3-tuple, whose layout handles unbounded elements");
    }
    aMax = first.bound().maxSize();
    bMax = second.bound().maxSize();
    aSizeLen = first.bound().isFixedSize() ? 0 : TupleSizes.bytesToStoreSize(aMax);
    bSizeLen = second.bound().isFixedSize() ? 0 : TupleSizes.bytesToStoreSize(bMax);
    bound =
        Bound.bounded(
            TupleSizes.toMaxSize((long) aMax + bMax + aSizeLen + bSizeLen, toString()),
            first.bound().isFixedSize() && second.bound().isFixedSize());
  }

  /**
   * Returns the codec of {@code (A, B)}.
   *
   * @param first A's codec, bounded
   * @param second B's codec, bounded
   * @param <A> the first type
   * @param <B> the second type
   * @return the codec
   * @throws IllegalArgumentException if an element is unbounded, or the sizes overflow
   */
  public static <A, B> Tuple2Codec<A, B> of(Codec<A> first, Codec<B> second) {
    if (first == null || second == null) {
      throw new NullPointerException("element codecs must not be null");
    }
    return new Tuple2Codec<>(first, second);
  }

  @Override
  public Bound bound() {
    return bound;
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.stablestructures.BoundExceededException if an element breaks its own bound (the
   *     fixed layout has no room for it)
   */
  @Override
  public byte[] encode(Pair<A, B> value) {
    byte[] a = first.encodeChecked(value.first());
    byte[] b = second.encodeChecked(value.second());
    byte[] out = new byte[bound.maxSize()];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, aMax, b.length);
    int sizes = aMax + bMax;
    if (aSizeLen > 0) {
      TupleSizes.write(out, sizes, a.length, aSizeLen);
    }
    if (bSizeLen > 0) {
      TupleSizes.write(out, sizes + aSizeLen, b.length, bSizeLen);
    }
    return out;
  }

  @Override
  public Pair<A, B> decode(byte[] bytes, int offset, int length) {
    if (length != bound.maxSize()) {
      throw new DecodeException(
          "invalid " + this + " encoding: expected " + bound.maxSize() + " bytes, found " + length);
    }
    int sizes = offset + aMax + bMax;
    int end = offset + length;
    int aLen = aSizeLen == 0 ? aMax : TupleSizes.read(bytes, sizes, aSizeLen, end, "A");
    int bLen = bSizeLen == 0 ? bMax : TupleSizes.read(bytes, sizes + aSizeLen, bSizeLen, end, "B");
    if (aLen > aMax || bLen > bMax) {
      throw new DecodeException(
          "invalid " + this + " encoding: element lengths " + aLen + " and " + bLen);
    }
    return new Pair<>(first.decode(bytes, offset, aLen), second.decode(bytes, offset + aMax, bLen));
  }

  @Override
  public int compare(Pair<A, B> x, Pair<A, B> y) {
    int c = first.compare(x.first(), y.first());
    return c != 0 ? c : second.compare(x.second(), y.second());
  }

  /**
   * True when A is fixed-size and byte-ordered and B is byte-ordered: B's zero padding followed by
   * its length then sorts as B's bytes do.
   */
  @Override
  public boolean isByteOrdered() {
    return first.bound().isFixedSize() && first.isByteOrdered() && second.isByteOrdered();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tuple2Codec
        && ((Tuple2Codec<?, ?>) other).first.equals(first)
        && ((Tuple2Codec<?, ?>) other).second.equals(second);
  }

  @Override
  public int hashCode() {
    return first.hashCode() * 31 + second.hashCode();
  }

  @Override
  public String toString() {
    return "(" + first + ", " + second + ")";
  }
}
