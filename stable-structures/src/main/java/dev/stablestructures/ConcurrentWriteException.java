package dev.stablestructures;

/**
 * A thread wrote to a memory, or opened or ended a transaction step on it, while another thread
 * owns the memory's open transaction. Nothing was written: the check runs before the write. It is a
 * cheap guard against misuse, not a lock; share a memory between threads through one writer at a
 * time.
 */
public class ConcurrentWriteException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public ConcurrentWriteException(String message) {
    super(message);
  }
}
