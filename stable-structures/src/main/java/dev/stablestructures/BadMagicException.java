package dev.stablestructures;

/**
 * The memory starts with another structure's magic bytes (or garbage): it is not the structure
 * being opened, and it was left untouched.
 */
public class BadMagicException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public BadMagicException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public BadMagicException(String message, Throwable cause) {
    super(message, cause);
  }
}
