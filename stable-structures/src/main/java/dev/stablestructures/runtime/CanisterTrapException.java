package dev.stablestructures.runtime;

import dev.stablestructures.StableStructureException;

/**
 * A trap: user code threw (or called {@link CanisterContext#trap}, or went over a metering limit)
 * during a message, so the message was rolled back: the stable memory holds exactly what it held
 * before, and after a failed upgrade or reinstall the old code is still installed. The host's
 * exception says which message trapped; its cause is what the user code threw.
 */
public final class CanisterTrapException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a trap raised by user code ({@link CanisterContext#trap}).
   *
   * @param message why, for the caller to read
   */
  public CanisterTrapException(String message) {
    super(message);
  }

  /**
   * Creates the host's trap: the message that trapped, and what user code threw.
   *
   * @param message which message trapped and why
   * @param cause what the user code threw
   */
  CanisterTrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
