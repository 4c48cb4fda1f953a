package dev.stablestructures.codec;

/**
 * What a codec of one fixed type declares, written once: its name, its bound and whether its bytes
 * sort like its values.
 *
 * @param <T> the type of values
 */
abstract class BasicCodec<T> implements Codec<T> {
  private final String name;
  private final Bound bound;
  private final boolean byteOrdered;

  BasicCodec(String name, Bound bound, boolean byteOrdered) {
    this.name = name;
    this.bound = bound;
    this.byteOrdered = byteOrdered;
  }

  @Override
  public final Bound bound() {
    return bound;
  }

  @Override
  public final boolean isByteOrdered() {
    return byteOrdered;
  }

  @Override
  public final String toString() {
    return name;
  }
}
