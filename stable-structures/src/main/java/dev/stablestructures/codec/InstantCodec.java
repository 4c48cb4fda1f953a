package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * An {@link Instant}, which the crate lacks. Fixed, 12 bytes:
 *
 * <pre>
 * offset size field
 * 0      8    epoch seconds, i64 with the sign bit flipped, big-endian
 * 8      4    nanoseconds within the second, 0..999_999_999, big-endian
 * </pre>
 *
 * The unsigned order of the bytes is chronological order. Nanoseconds out of range, or seconds
 * outside {@link Instant#MIN}..{@link Instant#MAX}, are a {@link DecodeException}.
 */
public final class InstantCodec extends FixedSizeCodec<Instant> {
  /** The single instance. */
  public static final InstantCodec INSTANCE = new InstantCodec();

  private InstantCodec() {
    super("Instant", 12, true);
  }

  @Override
  public byte[] encode(Instant value) {
    byte[] bytes = new byte[12];
    ByteArrays.putLongBE(bytes, 0, value.getEpochSecond() ^ Long.MIN_VALUE);
    ByteArrays.putIntBE(bytes, 8, value.getNano());
    return bytes;
  }

  @Override
  Instant decodeFixed(byte[] bytes, int offset) {
    return of(ByteArrays.getLongBE(bytes, offset), ByteArrays.getIntBE(bytes, offset + 8));
  }

  @Override
  Instant readFixed(Memory memory, long offset) {
    return of(memory.readLongBE(offset), memory.readIntBE(offset + 8));
  }

  private static Instant of(long flippedSeconds, int nanos) {
    if (nanos < 0 || nanos > 999_999_999) {
      throw new DecodeException(
          "invalid Instant encoding: nanoseconds " + Integer.toUnsignedString(nanos));
    }
    long seconds = flippedSeconds ^ Long.MIN_VALUE;
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new DecodeException("invalid Instant encoding: epoch seconds " + seconds, e);
    }
  }

  @Override
  public int compare(Instant a, Instant b) {
    return a.compareTo(b);
  }
}
