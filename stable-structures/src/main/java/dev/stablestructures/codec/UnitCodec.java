package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;

/**
 * The crate's {@code ()}: no bytes. Its bound is {@code Bounded{0, fixed: false}}, not fixed,
 * exactly as the crate declares it (a historical quirk kept for compatibility: it decides node
 * layouts). Sets are maps to this codec's single value, {@link Unit#INSTANCE}.
 */
public final class UnitCodec extends BasicCodec<Unit> {
  /** The single instance. */
  public static final UnitCodec INSTANCE = new UnitCodec();

  private static final byte[] EMPTY = new byte[0];

  private UnitCodec() {
    super("()", Bound.bounded(0, false), true);
  }

  @Override
  public byte[] encode(Unit value) {
    return EMPTY;
  }

  @Override
  public Unit decode(byte[] bytes, int offset, int length) {
    if (length != 0) {
      throw new DecodeException("() takes 0 bytes, found " + length);
    }
    return Unit.INSTANCE;
  }

  @Override
  @SuppressWarnings("UnusedVariable") // Comparator's signature: every () equals every other
  public int compare(Unit a, Unit b) {
    return 0;
  }
}
