package dev.stablestructures;

/**
 * Root of every error the library raises. Each subtype names one kind of failure, so callers can
 * react to "the memory is full" differently from "this image is corrupt". A method that throws one
 * of these leaves the stored image as it was before the call, unless its documentation says
 * otherwise.
 */
public class StableStructureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, for a person to read
   */
  public StableStructureException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public StableStructureException(String message, Throwable cause) {
    super(message, cause);
  }
}
