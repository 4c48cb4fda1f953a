package dev.stablestructures.runtime.meter;

import java.util.Locale;
import java.util.Objects;

/**
 * What one message cost, as a {@link Meter} counted it, beside the caps it ran under: an immutable
 * snapshot, taken by {@link Meter#report()} when the message ends (or carried by a {@link
 * LimitExceededException} when it went over).
 *
 * <p>{@link #summary()} is the line an author reads to see how close a message came to its cap, for
 * example {@code "1,234,567 instructions (0.0004% of 300,000,000,000)"}.
 *
 * @param kind the kind of message metered
 * @param instructions every instruction charged: 20 per call, 1 per byte, 1,000 per newly dirtied
 *     page, plus whatever was charged with {@link Meter#charge(long)}
 * @param calls the read and write calls on stable memory
 * @param bytesRead the bytes those calls read
 * @param bytesWritten the bytes those calls wrote
 * @param dirtyPages the distinct 4 KiB pages the message wrote to
 * @param instructionLimit the message's instruction cap ({@link MeterLimits#UNLIMITED} for none)
 * @param bytesReadLimit the message's cap on bytes read
 * @param bytesWrittenLimit the message's cap on bytes written
 */
public record CostReport(
    MessageKind kind,
    long instructions,
    long calls,
    long bytesRead,
    long bytesWritten,
    long dirtyPages,
    long instructionLimit,
    long bytesReadLimit,
    long bytesWrittenLimit) {
  /**
   * Checks the report.
   *
   * @param kind the kind of message
   * @param instructions the count or cap of that name, 0 or more
   * @param calls the count or cap of that name, 0 or more
   * @param bytesRead the count or cap of that name, 0 or more
   * @param bytesWritten the count or cap of that name, 0 or more
   * @param dirtyPages the count or cap of that name, 0 or more
   * @param instructionLimit the count or cap of that name, 0 or more
   * @param bytesReadLimit the count or cap of that name, 0 or more
   * @param bytesWrittenLimit the count or cap of that name, 0 or more
   * @throws NullPointerException if {@code kind} is null
   * @throws IllegalArgumentException if a count or a cap is negative
   */
  public CostReport {
    Objects.requireNonNull(kind, "kind");
    long[] all = {
      instructions,
      calls,
      bytesRead,
      bytesWritten,
      dirtyPages,
      instructionLimit,
      bytesReadLimit,
      bytesWrittenLimit
    };
    for (long n : all) {
      if (n < 0) {
        throw new IllegalArgumentException("a cost report holds no negative numbers, found " + n);
      }
    }
  }

  /**
   * Returns a report of nothing done yet under one kind's caps.
   *
   * @param kind the message kind
   * @param limits the caps to take the kind's from
   * @return a report of zeros
   */
  public static CostReport empty(MessageKind kind, MeterLimits limits) {
    return new CostReport(
        kind,
        0,
        0,
        0,
        0,
        0,
        limits.instructions(kind),
        limits.bytesRead(kind),
        limits.bytesWritten(kind));
  }

  /**
   * Returns the share of the instruction cap used, 0 to 1 (more only if the cap was lowered
   * afterwards, which a report never sees).
   *
   * @return {@code instructions / instructionLimit}, or 0 when the cap is {@link
   *     MeterLimits#UNLIMITED}
   */
  public double fractionOfInstructionLimit() {
    if (instructionLimit == MeterLimits.UNLIMITED) {
      return 0;
    }
    return instructionLimit == 0
        ? (instructions == 0 ? 0 : 1)
        : (double) instructions / instructionLimit;
  }

  /**
   * Returns the instructions against their cap, for a person to read.
   *
   * @return for example {@code "1,234,567 instructions (0.0004% of 300,000,000,000)"}, or {@code
   *     "1,234,567 instructions (no limit)"}
   */
  public String summary() {
    return amount(instructions)
        + " instructions ("
        + share(instructions, instructionLimit, false)
        + ")";
  }

  /**
   * Returns every count against its cap, on one line.
   *
   * @return for example {@code "UPDATE: 5,140 instructions (0.0000% of 40,000,000,000); 2 calls;
   *     read 4 B (0.0000% of 2 GiB); wrote 4,096 B (0.0002% of 2 GiB); 1 dirty page"}
   */
  @Override
  public String toString() {
    return kind
        + ": "
        + summary()
        + "; "
        + amount(calls)
        + (calls == 1 ? " call" : " calls")
        + "; read "
        + bytes(bytesRead)
        + " ("
        + share(bytesRead, bytesReadLimit, true)
        + "); wrote "
        + bytes(bytesWritten)
        + " ("
        + share(bytesWritten, bytesWrittenLimit, true)
        + "); "
        + amount(dirtyPages)
        + (dirtyPages == 1 ? " dirty page" : " dirty pages");
  }

  /** A count with thousands separators, or "unlimited" for {@link MeterLimits#UNLIMITED}. */
  static String amount(long n) {
    return n == MeterLimits.UNLIMITED ? "unlimited" : String.format(Locale.ROOT, "%,d", n);
  }

  /** Bytes as a person reads them: whole GiB as such, anything else with separators. */
  static String bytes(long n) {
    if (n == MeterLimits.UNLIMITED) {
      return "unlimited";
    }
    if (n > 0 && n % MeterLimits.GIB == 0) {
      return amount(n / MeterLimits.GIB) + " GiB";
    }
    return amount(n) + " B";
  }

  /** "0.0004% of 300,000,000,000" (or "of 2 GiB" for bytes), or "no limit". */
  private static String share(long used, long limit, boolean inBytes) {
    if (limit == MeterLimits.UNLIMITED) {
      return "no limit";
    }
    double percent = limit == 0 ? (used == 0 ? 0 : 100) : 100.0 * used / limit;
    return String.format(Locale.ROOT, "%.4f%% of ", percent)
        + (inBytes ? bytes(limit) : amount(limit));
  }
}
