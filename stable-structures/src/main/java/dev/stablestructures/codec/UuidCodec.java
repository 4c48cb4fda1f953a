package dev.stablestructures.codec;

import dev.stablestructures.memory.Memory;
import java.util.UUID;

/**
 * A {@link UUID}, which the crate lacks: 16 bytes, the most significant half then the least, both
 * big-endian (the RFC 4122 byte order). Ordered as those unsigned bytes, so the stored order is the
 * byte order; note that this differs from {@link UUID#compareTo}, which compares the halves as
 * signed longs. Fixed, 16 bytes.
 */
public final class UuidCodec implements Codec<UUID> {
  /** The single instance. */
  public static final UuidCodec INSTANCE = new UuidCodec();

  private static final Bound BOUND = Bound.fixed(16);

  private UuidCodec() {}

  @Override
  public Bound bound() {
    return BOUND;
  }

  @Override
  public byte[] encode(UUID value) {
    byte[] bytes = new byte[16];
    FixedBytes.writeBE(bytes, 0, value.getMostSignificantBits(), 8);
    FixedBytes.writeBE(bytes, 8, value.getLeastSignificantBits(), 8);
    return bytes;
  }

  @Override
  public UUID decode(byte[] bytes, int offset, int length) {
    FixedBytes.checkLength("UUID", 16, length);
    return new UUID(FixedBytes.readBE(bytes, offset, 8), FixedBytes.readBE(bytes, offset + 8, 8));
  }

  @Override
  public UUID read(Memory memory, long offset, int length) {
    FixedBytes.checkLength("UUID", 16, length);
    return new UUID(memory.readLongBE(offset), memory.readLongBE(offset + 8));
  }

  @Override
  public int compare(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0
        ? c
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  @Override
  public String toString() {
    return "UUID";
  }
}
