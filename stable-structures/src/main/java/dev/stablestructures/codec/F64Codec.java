package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code f64}: the 8 big-endian bytes of the IEEE 754 bits, kept exactly (NaN payloads
 * and {@code -0.0} survive a round trip). Rust floats are not {@code Ord}, so the crate cannot key
 * a map by them; this codec orders by {@link Double#compare} (a total order: {@code -0.0 < 0.0},
 * every NaN above {@code +Infinity} and equal to each other). That is not the order of the bytes.
 */
public final class F64Codec implements Codec<Double> {
  /** The single instance. */
  public static final F64Codec INSTANCE = new F64Codec();

  private static final Bound BOUND = Bound.fixed(8);

  private F64Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Double value) {
    return U64Codec.INSTANCE.encodeLong(Double.doubleToRawLongBits(value));
  }

  @Override
  public Double decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("f64", 8, length);
    return Double.longBitsToDouble(FixedBytes.readBE(bytes, offset, 8));
  }

  @Override
  public Double read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("f64", 8, length);
    return Double.longBitsToDouble(memory.readLongBE(offset));
  }

  @Override
  public int compare(Double a, Double b) {
    return Double.compare(a, b);
  }

  @Override
  public String toString() {
    return "f64";
  }
}
