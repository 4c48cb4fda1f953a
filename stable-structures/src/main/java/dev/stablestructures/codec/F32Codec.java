package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code f32}: the 4 big-endian bytes of the IEEE 754 bits, kept exactly (NaN payloads
 * and {@code -0.0} survive a round trip). Rust floats are not {@code Ord}, so the crate cannot key
 * a map by them; this codec orders by {@link Float#compare} (a total order: {@code -0.0 < 0.0},
 * every NaN above {@code +Infinity} and equal to each other). That is not the order of the bytes.
 */
public final class F32Codec implements Codec<Float> {
  /** The single instance. */
  public static final F32Codec INSTANCE = new F32Codec();

  private static final Bound BOUND = Bound.fixed(4);

  private F32Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Float value) {
    byte[] bytes = new byte[4];
    FixedBytes.writeBE(bytes, 0, Float.floatToRawIntBits(value), 4);
    return bytes;
  }

  @Override
  public Float decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("f32", 4, length);
    return Float.intBitsToFloat((int) FixedBytes.readBE(bytes, offset, 4));
  }

  @Override
  public Float read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("f32", 4, length);
    return Float.intBitsToFloat(memory.readIntBE(offset));
  }

  @Override
  public int compare(Float a, Float b) {
    return Float.compare(a, b);
  }

  @Override
  public String toString() {
    return "f32";
  }
}
