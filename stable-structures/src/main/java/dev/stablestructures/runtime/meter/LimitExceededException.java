package dev.stablestructures.runtime.meter;

import dev.stablestructures.StableStructureException;
import java.util.Locale;
import java.util.Objects;

/**
 * A message went over one of its caps: on the IC this is a trap, so the host rolls the message
 * back. Thrown by the {@link Meter} at the call that would cross the cap, before that call reads or
 * writes anything, so nothing is ever written past a cap.
 *
 * <p>It says which cap ({@link #limit()}), the cap's value ({@link #cap()}), the amount the call
 * would have brought the message to ({@link #reached()}), and carries the {@link CostReport} of
 * everything the message did before the refused call ({@link #report()}).
 */
public final class LimitExceededException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /** The caps a message can go over. */
  public enum Limit {
    /** The instructions a message may use. */
    INSTRUCTIONS,
    /** The bytes a message may read from stable memory. */
    BYTES_READ,
    /** The bytes a message may write to stable memory. */
    BYTES_WRITTEN;

    /**
     * Returns the cap's name in words: the constant's name, lower case, with spaces.
     *
     * @return for example {@code "bytes written"}
     */
    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** Which cap was crossed. */
  private final Limit limit;

  /** The cap's value. */
  private final long cap;

  /** What the refused call would have brought the count to. */
  private final long reached;

  // Not serialized (a report is a plain record): a deserialized exception keeps its message only.
  private final transient CostReport report;

  /**
   * Creates the exception.
   *
   * @param limit which cap was crossed
   * @param cap the cap's value
   * @param reached what the refused call would have brought the count to, more than {@code cap}
   * @param what the refused call, in words (for example {@code "a write of 8 bytes at 4,096"})
   * @param report the message's cost before the refused call
   */
  public LimitExceededException(
      Limit limit, long cap, long reached, String what, CostReport report) {
    super(message(limit, cap, reached, what, report));
    this.limit = Objects.requireNonNull(limit, "limit");
    this.cap = cap;
    this.reached = reached;
    this.report = Objects.requireNonNull(report, "report");
  }

  private static String message(
      Limit limit, long cap, long reached, String what, CostReport report) {
    return report.kind().name().toLowerCase(Locale.ROOT)
        + " message over its cap on "
        + limit.text()
        + ": "
        + what
        + " would reach "
        + CostReport.amount(reached)
        + ", the cap is "
        + CostReport.amount(cap)
        + " (so far: "
        + report
        + ")";
  }

  /**
   * Returns which cap was crossed.
   *
   * @return the cap
   */
  public Limit limit() {
    return limit;
  }

  /**
   * Returns the value of the cap that was crossed.
   *
   * @return the most the message was allowed
   */
  public long cap() {
    return cap;
  }

  /**
   * Returns what the refused call would have brought the count to.
   *
   * @return an amount above {@link #cap()}
   */
  public long reached() {
    return reached;
  }

  /**
   * Returns what the message had cost before the refused call.
   *
   * @return the cost report so far (null only on an exception that was serialized and read back)
   */
  public CostReport report() {
    return report;
  }
}
