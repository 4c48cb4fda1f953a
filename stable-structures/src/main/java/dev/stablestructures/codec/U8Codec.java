package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code u8}: one byte, ordered as an unsigned number. A Java {@code byte} holds the
 * same 8 bits, as {@link U32Codec} does for {@code u32}: values above 127 appear negative in Java
 * but sort after every positive one, as in Rust. Use {@link Byte#toUnsignedInt} to read them.
 */
public final class U8Codec implements Codec<Byte> {
  /** The single instance. */
  public static final U8Codec INSTANCE = new U8Codec();

  private static final Bound BOUND = Bound.fixed(1);

  private U8Codec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Byte value) {
    return new byte[] {value};
  }

  @Override
  public Byte decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("u8", 1, length);
    return bytes[offset];
  }

  @Override
  public Byte read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("u8", 1, length);
    return memory.readByte(offset);
  }

  @Override
  public int compare(Byte a, Byte b) {
    return Byte.compareUnsigned(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "u8";
  }
}
