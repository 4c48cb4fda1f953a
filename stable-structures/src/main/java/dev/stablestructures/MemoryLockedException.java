package dev.stablestructures;

/** A memory file is already open, with an exclusive lock, in this or another process. */
public class MemoryLockedException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public MemoryLockedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public MemoryLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
