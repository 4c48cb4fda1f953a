package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The crate's {@code bool}: one byte, 0 for false and 1 for true; any other byte is a {@link
 * DecodeException} (the crate panics). {@code false < true}, as in Rust, which is also the order of
 * the bytes.
 */
public final class BoolCodec extends NumberCodec<Boolean> {
  /** The single instance. */
  public static final BoolCodec INSTANCE = new BoolCodec();

  private BoolCodec() {
    super("bool", Byte.BYTES, true);
  }

  @Override
  long bits(Boolean value) {
    return value ? 1 : 0;
  }

  @Override
  Boolean value(long bits) {
    if (bits == 0) {
      return Boolean.FALSE;
    }
    if (bits == 1) {
      return Boolean.TRUE;
    }
    throw new DecodeException("invalid bool encoding: expected 0 or 1, found " + bits);
  }

  @Override
  public int compare(Boolean a, Boolean b) {
    return Boolean.compare(a, b);
  }
}
