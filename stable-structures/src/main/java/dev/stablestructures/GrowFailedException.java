package dev.stablestructures;

/**
 * A structure needed more pages and the memory refused to grow. Nothing was changed by the failed
 * operation.
 */
public class GrowFailedException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public GrowFailedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public GrowFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
