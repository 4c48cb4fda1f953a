package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.Memory;

/**
 * The crate's {@code bool}: one byte, 0 for false and 1 for true; any other byte is a {@link
 * DecodeException} (the crate panics). {@code false < true}, as in Rust, which is also the order of
 * the bytes.
 */
public final class BoolCodec implements Codec<Boolean> {
  /** The single instance. */
  public static final BoolCodec INSTANCE = new BoolCodec();

  private static final Bound BOUND = Bound.fixed(1);

  private BoolCodec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(Boolean value) {
    return new byte[] {(byte) (value ? 1 : 0)};
  }

  @Override
  public Boolean decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("bool", 1, length);
    return of(bytes[offset]);
  }

  @Override
  public Boolean read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("bool", 1, length);
    return of(memory.readByte(offset));
  }

  private static Boolean of(byte b) {
    return switch (b) {
      case 0 -> Boolean.FALSE;
      case 1 -> Boolean.TRUE;
      default ->
          throw new DecodeException(
              "invalid bool encoding: expected 0 or 1, found " + Byte.toUnsignedInt(b));
    };
  }

  @Override
  public int compare(Boolean a, Boolean b) {
    return Boolean.compare(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "bool";
  }
}
