package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The crate's {@code (A, B, C)}, bounded or unbounded elements. A variable layout:
 *
 * <pre>
 * size      field
 * 0 or 1    size-lengths byte, present unless A and B are both fixed-size: bits 3-2 hold
 *           (bytes of A's length - 1), bits 1-0 the same for B, each from the ACTUAL length
 *           (1/2/4 bytes for at most 255 / 65535 / more); the code of a fixed element is
 *           written but never read
 * 0/1/2/4   A's length, big-endian, absent if A is fixed-size
 * a         A's bytes
 * 0/1/2/4   B's length, the same rule
 * b         B's bytes
 * c         C's bytes; C's length is what remains
 * </pre>
 *
 * Example: {@code (vec[1, 2], 3u8, "xy")} is {@code 00 02 01 02 03 78 79}. The bound is unbounded
 * if any element is, else {@code Bounded{A.max + B.max + C.max + overhead, all fixed}}, where the
 * overhead is 0 if A and B are fixed, else 1 plus the length-field sizes taken from the maxima.
 * Values order lexicographically by component, each by its own codec.
 *
 * @param <A> the first type
 * @param <B> the second type
 * @param <C> the third type
 */
public final class Tuple3Codec<A, B, C> implements Codec<Triple<A, B, C>> {
  private final Codec<A> first;
  private final Codec<B> second;
  private final Codec<C> third;
  private final boolean aFixed;
  private final boolean bFixed;
  private final Bound bound;

  private Tuple3Codec(Codec<A> first, Codec<B> second, Codec<C> third) {
    this.first = first;
    this.second = second;
    this.third = third;
    this.aFixed = first.bound().isFixedSize();
    this.bFixed = second.bound().isFixedSize();
    Bound a = first.bound();
    Bound b = second.bound();
    Bound c = third.bound();
    if (a.isBounded() && b.isBounded() && c.isBounded()) {
      long max =
          (long) a.maxSize() + b.maxSize() + c.maxSize() + overhead(a.maxSize(), b.maxSize());
      bound =
          Bound.bounded(TupleSizes.toMaxSize(max, toString()), aFixed && bFixed && c.isFixedSize());
    } else {
      bound = Bound.unbounded();
    }
  }

  /**
   * Returns the codec of {@code (A, B, C)}.
   *
   * @param first A's codec
   * @param second B's codec
   * @param third C's codec
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @return the codec
   * @throws IllegalArgumentException if the sizes overflow
   */
  public static <A, B, C> Tuple3Codec<A, B, C> of(Codec<A> first, Codec<B> second, Codec<C> third) {
    if (first == null || second == null || third == null) {
      throw new NullPointerException("element codecs must not be null");
    }
    return new Tuple3Codec<>(first, second, third);
  }

  private int overhead(long aSize, long bSize) {
    if (aFixed && bFixed) {
      return 0;
    }
    return 1
        + (aFixed ? 0 : TupleSizes.bytesToStoreSize(aSize))
        + (bFixed ? 0 : TupleSizes.bytesToStoreSize(bSize));
  }

  @Override
  public Bound bound() {
    return bound;
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.stablestructures.BoundExceededException if an element breaks its own bound (the
   *     crate would write it, then fail to read it back)
   */
  @Override
  public byte[] encode(Triple<A, B, C> value) {
    byte[] a = first.encodeChecked(value.first());
    byte[] b = second.encodeChecked(value.second());
    byte[] c = third.encodeChecked(value.third());
    long total = (long) a.length + b.length + c.length + overhead(a.length, b.length);
    byte[] out = new byte[TupleSizes.toMaxSize(total, "this " + this + " value")];
    int offset = 0;
    if (!(aFixed && bFixed)) {
      int aCode = TupleSizes.bytesToStoreSize(a.length) - 1;
      int bCode = TupleSizes.bytesToStoreSize(b.length) - 1;
      out[offset++] = (byte) (aCode << 2 | bCode);
    }
    offset = putElement(out, offset, a, aFixed);
    offset = putElement(out, offset, b, bFixed);
    System.arraycopy(c, 0, out, offset, c.length);
    return out;
  }

  private static int putElement(byte[] out, int offset, byte[] bytes, boolean fixed) {
    if (!fixed) {
      int width = TupleSizes.bytesToStoreSize(bytes.length);
      TupleSizes.write(out, offset, bytes.length, width);
      offset += width;
    }
    System.arraycopy(bytes, 0, out, offset, bytes.length);
    return offset + bytes.length;
  }

  @Override
  public Triple<A, B, C> decode(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int pos = offset;
    int aWidth = 0;
    int bWidth = 0;
    if (!(aFixed && bFixed)) {
      if (length < 1) {
        throw new DecodeException("invalid " + this + " encoding: empty");
      }
      int lengths = bytes[pos++] & 0xFF;
      if ((lengths & 0xF0) != 0 || (lengths & 3) == 2 || (lengths >>> 2 & 3) == 2) {
        throw new DecodeException(
            "invalid " + this + " encoding: size-lengths byte " + Integer.toHexString(lengths));
      }
      aWidth = (lengths >>> 2 & 3) + 1;
      bWidth = (lengths & 3) + 1;
    }
    int aLen = aFixed ? first.bound().maxSize() : TupleSizes.read(bytes, pos, aWidth, end, "A");
    pos += aFixed ? 0 : aWidth;
    checkRoom(pos, aLen, end, "A");
    A a = first.decode(bytes, pos, aLen);
    pos += aLen;
    int bLen = bFixed ? second.bound().maxSize() : TupleSizes.read(bytes, pos, bWidth, end, "B");
    pos += bFixed ? 0 : bWidth;
    checkRoom(pos, bLen, end, "B");
    B b = second.decode(bytes, pos, bLen);
    pos += bLen;
    C c = third.decode(bytes, pos, end - pos);
    return new Triple<>(a, b, c);
  }

  private void checkRoom(int pos, int len, int end, String what) {
    if (len > end - pos) {
      throw new DecodeException(
          "invalid "
              + this
              + " encoding: "
              + what
              + " needs "
              + len
              + " bytes, "
              + (end - pos)
              + " remain");
    }
  }

  @Override
  public int compare(Triple<A, B, C> x, Triple<A, B, C> y) {
    int c = first.compare(x.first(), y.first());
    if (c != 0) {
      return c;
    }
    c = second.compare(x.second(), y.second());
    return c != 0 ? c : third.compare(x.third(), y.third());
  }

  /**
   * True when A and B are fixed-size and all three are byte-ordered: the encoding is then just
   * {@code a b c}.
   */
  @Override
  public boolean isByteOrdered() {
    return aFixed
        && bFixed
        && first.isByteOrdered()
        && second.isByteOrdered()
        && third.isByteOrdered();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tuple3Codec
        && ((Tuple3Codec<?, ?, ?>) other).first.equals(first)
        && ((Tuple3Codec<?, ?, ?>) other).second.equals(second)
        && ((Tuple3Codec<?, ?, ?>) other).third.equals(third);
  }

  @Override
  public int hashCode() {
    return (first.hashCode() * 31 + second.hashCode()) * 31 + third.hashCode();
  }

  @Override
  public String toString() {
    return "(" + first + ", " + second + ", " + third + ")";
  }
}
