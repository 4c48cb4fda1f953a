package dev.stablestructures;

/**
 * A memory opened read-only was asked to change: a write, a grow, or (when it is opened) the
 * recovery of an unfinished transaction its journal holds, which would rewrite the image. Nothing
 * was written; open the file read-write to change it.
 */
public class ReadOnlyMemoryException extends StableStructureException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, for a person to read
   */
  public ReadOnlyMemoryException(String message) {
    super(message);
  }
}
