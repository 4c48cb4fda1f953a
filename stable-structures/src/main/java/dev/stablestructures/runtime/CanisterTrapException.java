package dev.stablestructures.runtime;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.runtime.meter.CostReport;
import dev.stablestructures.runtime.meter.LimitExceededException;

/**
 * A trap: user code threw (or called {@link CanisterContext#trap}, or went over a metering limit)
 * during a message, so the message was rolled back: the stable memory holds exactly what it held
 * before, and after a failed upgrade or reinstall the old code is still installed. The host's
 * exception says which message trapped, its cause is what the user code threw (a {@link
 * LimitExceededException} for a message that went over a limit), and {@link #report()} what the
 * message cost up to the trap.
 */
public final class CanisterTrapException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /** Null for a trap raised by user code, which the host then reports with its own exception. */
  private final CostReport report;

  /**
   * Creates a trap raised by user code ({@link CanisterContext#trap}).
   *
   * @param message why, for the caller to read
   */
  public CanisterTrapException(String message) {
    super(message);
    this.report = null;
  }

  /**
   * Creates the host's trap: the message that trapped, and what user code threw.
   *
   * @param message which message trapped and why
   * @param cause what the user code threw
   * @param report what the message cost up to the trap
   */
  CanisterTrapException(String message, Throwable cause, CostReport report) {
    super(message, cause);
    this.report = report;
  }

  /**
   * Returns what the trapped message cost up to the trap (its writes were rolled back, but its
   * instructions were spent, as on the IC).
   *
   * @return the cost report; null only on the exception user code raises with {@link
   *     CanisterContext#trap}, before the host reports it
   */
  public CostReport report() {
    return report;
  }
}
