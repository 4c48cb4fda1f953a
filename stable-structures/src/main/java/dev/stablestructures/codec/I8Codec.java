package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * A signed 8-bit integer, which the crate lacks (it has no signed integers): one byte with the sign
 * bit flipped, so the unsigned order of the bytes is the signed order of the values ({@code -128}
 * is {@code 00}, {@code 0} is {@code 80}, {@code 127} is {@code ff}). Fixed, 1 byte.
 */
public final class I8Codec implements Codec<Byte> {
  /** The single instance. */
  public static final I8Codec INSTANCE = new I8Codec();

  private static final Bound BOUND = Bound.fixed(1);

  private I8Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Byte value) {
    return new byte[] {(byte) (value ^ 0x80)};
  }

  @Override
  public Byte decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("i8", 1, length);
    return (byte) (bytes[offset] ^ 0x80);
  }

  @Override
  public Byte read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("i8", 1, length);
    return (byte) (memory.readByte(offset) ^ 0x80);
  }

  @Override
  public int compare(Byte a, Byte b) {
    return Byte.compare(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "i8";
  }
}
