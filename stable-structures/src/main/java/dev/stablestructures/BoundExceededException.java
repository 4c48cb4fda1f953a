package dev.stablestructures;

/**
 * A value's encoding breaks its codec's bound (too long, or not the fixed size). Raised before
 * anything is written.
 */
public class BoundExceededException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public BoundExceededException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public BoundExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
