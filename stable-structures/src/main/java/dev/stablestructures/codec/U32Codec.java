package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code u32}: 4 bytes, big-endian, ordered as an unsigned number. A Java {@code int}
 * holds the same 32 bits; values above {@code Integer.MAX_VALUE} appear negative in Java but sort
 * after every positive one, as in Rust.
 */
public final class U32Codec implements Codec<Integer> {
  /** The single instance. */
  public static final U32Codec INSTANCE = new U32Codec();

  private static final Bound BOUND = Bound.fixed(4);

  private U32Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Integer value) {
    int v = value;
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  @Override
  public Integer decode(byte[] bytes, int offset, int length) {
    if (length != 4) {
      throw new DecodeException("a u32 takes 4 bytes, found " + length);
    }
    return (bytes[offset] & 0xFF) << 24
        | (bytes[offset + 1] & 0xFF) << 16
        | (bytes[offset + 2] & 0xFF) << 8
        | (bytes[offset + 3] & 0xFF);
  }

  @Override
  public Integer read(Memory memory, long offset, int length) {
    if (length != 4) {
      throw new DecodeException("a u32 takes 4 bytes, found " + length);
    }
    return memory.readIntBE(offset);
  }

  @Override
  public int compare(Integer a, Integer b) {
    return Integer.compareUnsigned(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "u32";
  }
}
