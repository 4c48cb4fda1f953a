package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The crate's {@code ic_principal::Principal}: its raw bytes, {@code Bounded{29, not fixed}}.
 * Ordered as {@link Principal#compareTo} (length first), which is not the byte order. More than 29
 * bytes is a {@link DecodeException} (the crate panics).
 */
public final class PrincipalCodec extends BasicCodec<Principal> {
  /** The single instance. */
  public static final PrincipalCodec INSTANCE = new PrincipalCodec();

  private PrincipalCodec() {
    super("Principal", Bound.bounded(Principal.MAX_LENGTH_IN_BYTES, false), false);
  }

  @Override
  public byte[] encode(Principal value) {
    return value.toBytes();
  }

  @Override
  public Principal decode(byte[] bytes, int offset, int length) {
    if (length > Principal.MAX_LENGTH_IN_BYTES) {
      throw new DecodeException(
          "a principal has at most " + Principal.MAX_LENGTH_IN_BYTES + " bytes, found " + length);
    }
    byte[] copy = new byte[length];
    System.arraycopy(bytes, offset, copy, 0, length);
    return Principal.of(copy);
  }

  @Override
  public int compare(Principal a, Principal b) {
    return a.compareTo(b);
  }
}
