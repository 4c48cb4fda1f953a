package dev.stablestructures.codec;

import dev.stablestructures.BoundExceededException;

/**
 * How long a codec's encodings may be: the crate's {@code Bound}. Either {@linkplain #unbounded()
 * unbounded}, or bounded by a maximum size, which may also be the only size ({@linkplain
 * #isFixedSize() fixed}). Structures lay out their slots from this, so it is part of the stored
 * format and may never change for data already written.
 */
public final class Bound {
  private static final Bound UNBOUNDED = new Bound(false, 0, false);

  private final boolean bounded;
  private final int maxSize;
  private final boolean fixedSize;

  private Bound(boolean bounded, int maxSize, boolean fixedSize) {
    this.bounded = bounded;
    this.maxSize = maxSize;
    this.fixedSize = fixedSize;
  }

  /**
   * Returns the bound of types whose encodings may have any length.
   *
   * @return the unbounded bound
   */
  public static Bound unbounded() {
    return UNBOUNDED;
  }

  /**
   * Returns a bound of at most {@code maxSize} bytes.
   *
   * @param maxSize the largest encoding, in bytes (an unsigned u32 in the crate; at most {@code
   *     Integer.MAX_VALUE} here)
   * @param fixedSize whether every encoding is exactly {@code maxSize} bytes
   * @return the bound
   * @throws IllegalArgumentException if {@code maxSize} is negative
   */
  public static Bound bounded(int maxSize, boolean fixedSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize must not be negative: " + maxSize);
    }
    return new Bound(true, maxSize, fixedSize);
  }

  /**
   * Returns a bound where every encoding is exactly {@code size} bytes.
   *
   * @param size the size in bytes
   * @return the bound
   */
  public static Bound fixed(int size) {
    return bounded(size, true);
  }

  /**
   * Tells whether encodings have a maximum size.
   *
   * @return true if bounded
   */
  public boolean isBounded() {
    return bounded;
  }

  /**
   * Returns the maximum size of an encoding.
   *
   * @return the maximum, in bytes
   * @throws IllegalStateException if the bound is unbounded (the crate panics there too)
   */
  public int maxSize() {
    if (!bounded) {
      throw new IllegalStateException("an unbounded type has no maximum size");
    }
    return maxSize;
  }

  /**
   * Tells whether every encoding has exactly {@link #maxSize()} bytes. False for unbounded types.
   *
   * @return true if fixed-size
   */
  public boolean isFixedSize() {
    return fixedSize;
  }

  /**
   * Checks an encoding's length against this bound, as the crate's {@code check_bounds} does.
   *
   * @param length the encoding's length in bytes
   * @throws BoundExceededException if the length is over the maximum, or not the fixed size
   */
  public void check(int length) {
    if (!bounded) {
      return;
    }
    if (fixedSize) {
      if (length != maxSize) {
        throw new BoundExceededException(
            "expected a fixed-size element with length "
                + maxSize
                + " bytes, but found "
                + length
                + " bytes");
      }
    } else if (length > maxSize) {
      throw new BoundExceededException(
          "expected an element with length <= "
              + maxSize
              + " bytes, but found "
              + length
              + " bytes");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bound bound
        && bound.bounded == bounded
        && bound.maxSize == maxSize
        && bound.fixedSize == fixedSize;
  }

  @Override
  public int hashCode() {
    return bounded ? maxSize * 2 + (fixedSize ? 1 : 0) : -1;
  }

  @Override
  public String toString() {
    return bounded ? "Bounded{maxSize=" + maxSize + ", fixedSize=" + fixedSize + "}" : "Unbounded";
  }
}
