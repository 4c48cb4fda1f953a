package dev.stablestructures.codec;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.DecodeException;
import java.util.Optional;

/**
 * The crate's {@code Option<T>}: {@code Some} is T's bytes followed by {@code 01}; {@code None} is
 * the single byte {@code 00}. The bound is T's with one more byte and T's fixed flag, or unbounded
 * if T is. {@code None} sorts before every {@code Some}, as in Rust.
 *
 * <p><b>Pitfall (crate issue, kept on purpose):</b> for a fixed-size T the crate declares {@code
 * Bounded{T.max + 1, fixed}}, yet {@code None} takes one byte, so {@code None} can never be stored
 * (the crate panics). The bound is stored in structure headers and decides layouts, so this codec
 * declares exactly the crate's bound, and {@link #encodeChecked} refuses {@code Optional.empty()}
 * for a fixed-size T with a {@link BoundExceededException} explaining the alternative.
 *
 * @param <T> the type inside
 */
public final class OptionCodec<T> implements Codec<Optional<T>> {
  private static final byte[] NONE = {0};

  private final Codec<T> inner;
  private final Bound bound;

  private OptionCodec(Codec<T> inner) {
    this.inner = inner;
    Bound b = inner.bound();
    this.bound =
        b.isBounded() ? Bound.bounded(addOne(b.maxSize()), b.isFixedSize()) : Bound.unbounded();
  }

  private static int addOne(int maxSize) {
    if (maxSize == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Option of a type with max size " + maxSize);
    }
    return maxSize + 1;
  }

  /**
   * Returns the codec of {@code Option<T>}.
   *
   * @param inner T's codec
   * @param <T> the type inside
   * @return the codec
   */
  public static <T> OptionCodec<T> of(Codec<T> inner) {
    if (inner == null) {
      throw new NullPointerException("inner codec");
    }
    return new OptionCodec<>(inner);
  }

  /**
   * Returns T's codec.
   *
   * @return the codec inside
   */
  public Codec<T> inner() {
    return inner;
  }

  @Override
  public Bound bound() {
    return bound;
  }

  @Override
  public byte[] encode(Optional<T> value) {
    if (value.isEmpty()) {
      return NONE.clone();
    }
    byte[] bytes = inner.encodeChecked(value.get());
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = 1;
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * @throws BoundExceededException also for {@code Optional.empty()} when T is fixed-size (see the
   *     class comment)
   */
  @Override
  public byte[] encodeChecked(Optional<T> value) {
    if (value != null && value.isEmpty() && bound.isFixedSize()) {
      throw new BoundExceededException(
          "Option<"
              + inner
              + "> cannot store None: the crate declares it fixed-size with length "
              + bound.maxSize()
              + " bytes, but None encodes to 1 byte (a known crate pitfall, kept for"
              + " compatibility). Use a sentinel value of "
              + inner
              + ", or wrap a non-fixed-size codec (e.g. a blob) instead");
    }
    return Codec.super.encodeChecked(value);
  }

  @Override
  public Optional<T> decode(byte[] bytes, int offset, int length) {
    if (length < 1) {
      throw new DecodeException("invalid Option encoding: expected at least one byte");
    }
    byte marker = bytes[offset + length - 1];
    if (marker == 0) {
      if (length != 1) {
        throw new DecodeException(
            "invalid Option encoding: " + (length - 1) + " bytes before the None marker");
      }
      return Optional.empty();
    }
    if (marker != 1) {
      throw new DecodeException(
          "invalid Option encoding: unexpected variant marker " + Byte.toUnsignedInt(marker));
    }
    return Optional.of(inner.decode(bytes, offset, length - 1));
  }

  @Override
  public int compare(Optional<T> a, Optional<T> b) {
    if (a.isEmpty()) {
      return b.isEmpty() ? 0 : -1;
    }
    return b.isEmpty() ? 1 : inner.compare(a.get(), b.get());
  }

  /**
   * True when T is byte-ordered and all its encodings have one length (fixed-size, or at most 0
   * bytes): then the trailing marker cannot reorder values.
   */
  @Override
  public boolean isByteOrdered() {
    Bound b = inner.bound();
    return inner.isByteOrdered() && b.isBounded() && (b.isFixedSize() || b.maxSize() == 0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OptionCodec && ((OptionCodec<?>) other).inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return inner.hashCode() * 31 + 1;
  }

  @Override
  public String toString() {
    return "Option<" + inner + ">";
  }
}
