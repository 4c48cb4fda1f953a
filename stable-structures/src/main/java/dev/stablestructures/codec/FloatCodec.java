package dev.stablestructures.codec;

/**
 * The crate's floats, {@code f32} and {@code f64}: a {@link Float} or {@link Double} by the size,
 * stored as its raw IEEE 754 bits, big-endian, so NaN payloads and {@code -0.0} survive a round
 * trip. Values order by {@link Float#compare} or {@link Double#compare}, a total order that is not
 * the order of the bytes. A subclass names only its name and size.
 *
 * @param <T> {@link Float} for 4 bytes, {@link Double} for 8
 */
abstract class FloatCodec<T extends Number> extends NumberCodec<T> {
  FloatCodec(String name, int size) {
    super(name, size, false);
  }

  private boolean isDouble() {
    return size == Long.BYTES;
  }

  @Override
  final long bits(T value) {
    if (isDouble()) {
      return Double.doubleToRawLongBits((Double) value);
    }
    return Float.floatToRawIntBits((Float) value) & 0xFFFF_FFFFL;
  }

  @Override
  @SuppressWarnings("unchecked") // T is the box type of the size, as the constructor fixed it
  final T value(long bits) {
    Number value;
    if (isDouble()) {
      value = Double.longBitsToDouble(bits);
    } else {
      value = Float.intBitsToFloat((int) bits);
    }
    return (T) value;
  }

  @Override
  public final int compare(T a, T b) {
    if (isDouble()) {
      return Double.compare((Double) a, (Double) b);
    }
    return Float.compare((Float) a, (Float) b);
  }
}
