package dev.stablestructures.codec;

/**
 * The crate's {@code f64}: the 8 big-endian bytes of the IEEE 754 bits, kept exactly (NaN payloads
 * and {@code -0.0} survive a round trip). Rust floats are not {@code Ord}, so the crate cannot key
 * a map by them; this codec orders by {@link Double#compare} (a total order: {@code -0.0 < 0.0},
 * every NaN above {@code +Infinity} and equal to each other). That is not the order of the bytes.
 */
public final class F64Codec extends FloatCodec<Double> {
  /** The single instance. */
  public static final F64Codec INSTANCE = new F64Codec();

  private F64Codec() {
    super("f64", Long.BYTES);
  }
}
