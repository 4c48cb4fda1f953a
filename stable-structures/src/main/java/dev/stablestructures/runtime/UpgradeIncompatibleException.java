package dev.stablestructures.runtime;

import dev.stablestructures.StableStructureException;

/**
 * The new code cannot take over the stored state: the image is at a newer stable-memory version
 * than the code knows, no migration leads from the stored version to the code's, or a named memory
 * is declared with another kind or other codecs than stored (or two names on one memory id) outside
 * a migration. The message says what was stored and what the code declared. The upgrade that raised
 * it was rolled back: the old code is still installed and the image is as before.
 */
public final class UpgradeIncompatibleException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was found and what was expected, for a person to read
   */
  public UpgradeIncompatibleException(String message) {
    super(message);
  }
}
