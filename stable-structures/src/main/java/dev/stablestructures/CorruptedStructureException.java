package dev.stablestructures;

/**
 * The image is damaged: a node, link or count that no valid structure can hold. Every walk is
 * bounded, so this is raised instead of looping.
 */
public class CorruptedStructureException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public CorruptedStructureException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public CorruptedStructureException(String message, Throwable cause) {
    super(message, cause);
  }
}
