package dev.stablestructures.codec;

/**
 * The crate's {@code f32}: the 4 big-endian bytes of the IEEE 754 bits, kept exactly (NaN payloads
 * and {@code -0.0} survive a round trip). Rust floats are not {@code Ord}, so the crate cannot key
 * a map by them; this codec orders by {@link Float#compare} (a total order: {@code -0.0 < 0.0},
 * every NaN above {@code +Infinity} and equal to each other). That is not the order of the bytes.
 */
public final class F32Codec extends FloatCodec<Float> {
  /** The single instance. */
  public static final F32Codec INSTANCE = new F32Codec();

  private F32Codec() {
    super("f32", Integer.BYTES);
  }
}
