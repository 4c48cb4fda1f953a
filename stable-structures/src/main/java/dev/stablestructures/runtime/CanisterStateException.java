package dev.stablestructures.runtime;

import dev.stablestructures.StableStructureException;

/**
 * A message the canister's lifecycle state does not allow: an install on a memory that is not
 * empty, a call before any install, an unknown method, a query call to an update method, a code
 * that is not the one installed, a memory id that is the runtime's own. Nothing was changed.
 */
public final class CanisterStateException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was found and what was expected, for a person to read
   */
  public CanisterStateException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was found and what was expected, for a person to read
   * @param cause the underlying failure
   */
  public CanisterStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
