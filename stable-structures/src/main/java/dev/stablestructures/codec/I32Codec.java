package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * A signed 32-bit integer, which the crate lacks: 4 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 4 bytes. (For the
 * crate's {@code u32} use {@link U32Codec}.)
 */
public final class I32Codec implements Codec<Integer> {
  /** The single instance. */
  public static final I32Codec INSTANCE = new I32Codec();

  private static final Bound BOUND = Bound.fixed(4);

  private I32Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Integer value) {
    byte[] bytes = new byte[4];
    FixedBytes.writeBE(bytes, 0, value ^ Integer.MIN_VALUE, 4);
    return bytes;
  }

  @Override
  public Integer decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("i32", 4, length);
    return (int) FixedBytes.readBE(bytes, offset, 4) ^ Integer.MIN_VALUE;
  }

  @Override
  public Integer read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("i32", 4, length);
    return memory.readIntBE(offset) ^ Integer.MIN_VALUE;
  }

  @Override
  public int compare(Integer a, Integer b) {
    return Integer.compare(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "i32";
  }
}
