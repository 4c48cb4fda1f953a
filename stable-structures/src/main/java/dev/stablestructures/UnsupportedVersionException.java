package dev.stablestructures;

/**
 * The structure's magic matches but its layout version is one this library does not know. The image
 * was left untouched.
 */
public class UnsupportedVersionException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public UnsupportedVersionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public UnsupportedVersionException(String message, Throwable cause) {
    super(message, cause);
  }
}
