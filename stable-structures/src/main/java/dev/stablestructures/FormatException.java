package dev.stablestructures;

/** A memory image does not hold what the caller asked to open. Subtypes say how it differs. */
public class FormatException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public FormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public FormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
