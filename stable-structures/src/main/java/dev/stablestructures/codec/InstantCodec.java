package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
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
public final class InstantCodec extends TwoWordCodec<Instant> {
  /** The single instance. */
  public static final InstantCodec INSTANCE = new InstantCodec();

  private InstantCodec() {
    super("Instant", Integer.BYTES);
  }

  @Override
  long high(Instant value) {
    return value.getEpochSecond() ^ Long.MIN_VALUE;
  }

  @Override
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the seconds are the high word, just above
  long low(Instant value) {
    return value.getNano();
  }

  @Override
  Instant join(long flippedSeconds, long nanos) {
    if (nanos > 999_999_999) {
      throw new DecodeException("invalid Instant encoding: nanoseconds " + nanos);
    }
    long seconds = flippedSeconds ^ Long.MIN_VALUE;
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new DecodeException("invalid Instant encoding: epoch seconds " + seconds, e);
    }
  }
}
