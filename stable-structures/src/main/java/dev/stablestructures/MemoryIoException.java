package dev.stablestructures;

/** The operating system failed an I/O operation on a memory file (open, map, flush, close). */
public class MemoryIoException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public MemoryIoException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public MemoryIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
