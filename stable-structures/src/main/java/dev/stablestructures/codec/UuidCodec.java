package dev.stablestructures.codec;

import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.util.UUID;

/**
 * A {@link UUID}, which the crate lacks: 16 bytes, the most significant half then the least, both
 * big-endian (the RFC 4122 byte order). Ordered as those unsigned bytes, so the stored order is the
 * byte order; note that this differs from {@link UUID#compareTo}, which compares the halves as
 * signed longs. Fixed, 16 bytes.
 */
public final class UuidCodec extends FixedSizeCodec<UUID> {
  /** The single instance. */
  public static final UuidCodec INSTANCE = new UuidCodec();

  private UuidCodec() {
    super("UUID", 16, true);
  }

  @Override
  public byte[] encode(UUID value) {
    byte[] bytes = new byte[16];
    ByteArrays.putLongBE(bytes, 0, value.getMostSignificantBits());
    ByteArrays.putLongBE(bytes, 8, value.getLeastSignificantBits());
    return bytes;
  }

  @Override
  UUID decodeFixed(byte[] bytes, int offset) {
    return new UUID(ByteArrays.getLongBE(bytes, offset), ByteArrays.getLongBE(bytes, offset + 8));
  }

  @Override
  UUID readFixed(Memory memory, long offset) {
    return new UUID(memory.readLongBE(offset), memory.readLongBE(offset + 8));
  }

  @Override
  public int compare(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0
        ? c
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
