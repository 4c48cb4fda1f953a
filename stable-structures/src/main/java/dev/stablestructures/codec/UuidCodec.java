package dev.stablestructures.codec;

import java.util.UUID;

/**
 * A {@link UUID}, which the crate lacks: 16 bytes, the most significant half then the least, both
 * big-endian (the RFC 4122 byte order). Ordered as those unsigned bytes, so the stored order is the
 * byte order; note that this differs from {@link UUID#compareTo}, which compares the halves as
 * signed longs. Fixed, 16 bytes.
 */
public final class UuidCodec extends TwoWordCodec<UUID> {
  /** The single instance. */
  public static final UuidCodec INSTANCE = new UuidCodec();

  private UuidCodec() {
    super("UUID", Long.BYTES);
  }

  @Override
  long high(UUID value) {
    return value.getMostSignificantBits();
  }

  @Override
  long low(UUID value) {
    return value.getLeastSignificantBits();
  }

  @Override
  UUID join(long high, long low) {
    return new UUID(high, low);
  }
}
