package dev.stablestructures;

/**
 * Stored bytes are not a valid encoding of the codec's type (a bool byte of 7, bad UTF-8, a wrong
 * length).
 */
public class DecodeException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public DecodeException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
