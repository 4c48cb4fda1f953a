package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * A signed 16-bit integer, which the crate lacks: 2 bytes big-endian with the sign bit flipped, so
 * the unsigned order of the bytes is the signed order of the values. Fixed, 2 bytes.
 */
public final class I16Codec implements Codec<Short> {
  /** The single instance. */
  public static final I16Codec INSTANCE = new I16Codec();

  private static final Bound BOUND = Bound.fixed(2);

  private I16Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Short value) {
    int v = value ^ 0x8000;
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  @Override
  public Short decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("i16", 2, length);
    return (short) (((bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF)) ^ 0x8000);
  }

  @Override
  public Short read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("i16", 2, length);
    return (short)
        (((memory.readByte(offset) & 0xFF) << 8 | (memory.readByte(offset + 1) & 0xFF)) ^ 0x8000);
  }

  @Override
  public int compare(Short a, Short b) {
    return Short.compare(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "i16";
  }
}
