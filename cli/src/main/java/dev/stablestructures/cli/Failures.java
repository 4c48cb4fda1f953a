package dev.stablestructures.cli;

import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.runtime.CanisterStateException;
import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.UpgradeIncompatibleException;
import dev.stablestructures.runtime.meter.LimitExceededException;

/**
 * Turns what a command threw into one line for the user and an exit code: no stack trace, since the
 * message of every typed exception already says what was found and what was expected.
 */
final class Failures {
  /** Exit code for a failure nobody foresaw (sysexits' EX_SOFTWARE). */
  static final int INTERNAL = 70;

  private Failures() {}

  /**
   * Returns the exit code for a failure.
   *
   * @param e what the command threw
   * @return the exit code
   */
  static int exitCode(Exception e) {
    if (e instanceof Main.CliException cli) {
      return cli.exitCode;
    }
    if (e instanceof CanisterTrapException || e instanceof LimitExceededException) {
      return CanisterCommand.TRAPPED;
    }
    if (e instanceof MemoryLockedException) {
      return CanisterCommand.IN_USE;
    }
    if (e instanceof CanisterStateException || e instanceof UpgradeIncompatibleException) {
      return CanisterCommand.STATE;
    }
    if (e instanceof StableStructureException) {
      return Main.IO_ERROR;
    }
    return INTERNAL;
  }

  /**
   * Returns the line to print for a failure.
   *
   * @param e what the command threw
   * @return {@code "error: ..."}, or {@code "trap: ...; the canister is as before"} for a trap
   */
  static String message(Exception e) {
    if (e instanceof CanisterTrapException || e instanceof LimitExceededException) {
      return "trap: " + e.getMessage() + " (rolled back: the canister is as before the command)";
    }
    if (e instanceof Main.CliException || e instanceof StableStructureException) {
      return "error: " + e.getMessage();
    }
    return "error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
