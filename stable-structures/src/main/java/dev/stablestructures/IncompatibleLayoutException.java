package dev.stablestructures;

/**
 * The structure is of the right kind and version but was created with parameters that do not match
 * (element bound, bucket size, page size).
 */
public class IncompatibleLayoutException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public IncompatibleLayoutException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public IncompatibleLayoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
