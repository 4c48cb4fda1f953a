package dev.stablestructures;

/**
 * A memory file's journal does not belong to it: it names another image file, or says the image was
 * larger than the file is. Neither the image nor the journal was changed; move the stray journal
 * away (or put the right image beside it) and open again.
 */
public class ForeignJournalException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was found and what was expected, for a person to read
   */
  public ForeignJournalException(String message) {
    super(message);
  }
}
