package dev.stablestructures;

/**
 * A read or write touched bytes past the end of a memory (or before its start). Nothing was read or
 * written.
 */
public class MemoryOutOfBoundsException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public MemoryOutOfBoundsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public MemoryOutOfBoundsException(String message, Throwable cause) {
    super(message, cause);
  }
}
