package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code u16}: 2 bytes, big-endian, ordered as an unsigned number. A Java {@code short}
 * holds the same 16 bits, as {@link U32Codec} does for {@code u32}: values above 32767 appear
 * negative in Java but sort after every positive one. Use {@link Short#toUnsignedInt} to read them.
 */
public final class U16Codec implements Codec<Short> {
  /** The single instance. */
  public static final U16Codec INSTANCE = new U16Codec();

  private static final Bound BOUND = Bound.fixed(2);

  private U16Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Short value) {
    short v = value;
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  @Override
  public Short decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("u16", 2, length);
    return (short) ((bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF));
  }

  @Override
  public Short read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("u16", 2, length);
    return (short) ((memory.readByte(offset) & 0xFF) << 8 | (memory.readByte(offset + 1) & 0xFF));
  }

  @Override
  public int compare(Short a, Short b) {
    return Short.compareUnsigned(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "u16";
  }
}
