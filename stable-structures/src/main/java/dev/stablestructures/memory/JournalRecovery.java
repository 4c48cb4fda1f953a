package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.ALL_DURABLE;
import static dev.stablestructures.memory.JournalLayout.COUNT;
import static dev.stablestructures.memory.JournalLayout.DURABLE;
import static dev.stablestructures.memory.JournalLayout.GROW;
import static dev.stablestructures.memory.JournalLayout.HEADER_SIZE;
import static dev.stablestructures.memory.JournalLayout.IMAGE_PAGE;
import static dev.stablestructures.memory.JournalLayout.MAGIC;
import static dev.stablestructures.memory.JournalLayout.MAX_NAME;
import static dev.stablestructures.memory.JournalLayout.MAX_RECORD;
import static dev.stablestructures.memory.JournalLayout.NAME;
import static dev.stablestructures.memory.JournalLayout.NAME_CHECKSUM;
import static dev.stablestructures.memory.JournalLayout.NAME_LENGTH;
import static dev.stablestructures.memory.JournalLayout.OLD_BYTES;
import static dev.stablestructures.memory.JournalLayout.RECORD_HEADER;
import static dev.stablestructures.memory.JournalLayout.R_BACK;
import static dev.stablestructures.memory.JournalLayout.R_CRC;
import static dev.stablestructures.memory.JournalLayout.SIZE_AT_BEGIN;
import static dev.stablestructures.memory.JournalLayout.TX_CHECKSUM;
import static dev.stablestructures.memory.JournalLayout.TX_SEQUENCE;
import static dev.stablestructures.memory.JournalLayout.VERSION;
import static dev.stablestructures.memory.JournalLayout.ZERO_FILL;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.ForeignJournalException;
import dev.stablestructures.UnsupportedVersionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link FileMemory#open} does with the journal before anything can read the image: check that
 * the journal belongs to the image, and if it holds an unfinished transaction, put the image back
 * as it was at that transaction's begin.
 *
 * <ol>
 *   <li>An absent or empty journal, or one whose magic was never written (its creation was cut
 *       short), is new: a fresh header is written.
 *   <li>Another magic, a newer version, a damaged header, or another image's name is a typed error
 *       ({@link BadMagicException}, {@link UnsupportedVersionException}, {@link
 *       CorruptedStructureException}, {@link ForeignJournalException}) that names what was found
 *       and expected; neither file is changed.
 *   <li>Count 0: clean, nothing to do.
 *   <li>Otherwise every counted record is checked (bounds, back link, checksum) before any is
 *       applied. A bad record among the durable ones is damage: a typed error, nothing changed. A
 *       bad record after them (power-loss mode: written after the last completed sync, so no image
 *       write depended on it) ends the records.
 *   <li>The records are applied newest first, each clipped to the image's size at the transaction's
 *       begin (everything past it goes), the image is cut back to that size and synced, and only
 *       then is the journal marked clean and synced.
 * </ol>
 *
 * <p>Applying a record writes the same bytes however often it runs, and the journal stays
 * unfinished until the image is complete, so a recovery cut short by another crash simply runs
 * again.
 */
final class JournalRecovery {
  private JournalRecovery() {}

  /**
   * Checks the journal and recovers the image if needed.
   *
   * @param interruptAfter for tests: stop (throw) after applying this many records; -1 never
   * @return the last transaction sequence number the journal used
   */
  static long recover(
      FileJournalStorage journal,
      IoFile image,
      String imageName,
      int shift,
      FileIo io,
      long interruptAfter)
      throws IOException {
    String where = "journal file " + journal.path();
    long length = journal.fileLength();
    byte[] head = journal.headerBytes(HEADER_SIZE);
    if (length == 0 || isZero(head, 0, Math.min(4, head.length))) {
      if (head.length >= 16 && !isZero(head, COUNT, 8)) {
        throw new CorruptedStructureException(
            where + " has no magic but a record count: its header is damaged; nothing was changed");
      }
      journal.create(imageName, io);
      return 0;
    }
    int magic =
        head.length >= 3 ? (head[0] & 0xFF) | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16 : -1;
    if (magic != MAGIC) {
      throw new BadMagicException(
          where
              + " starts with "
              + hex(head, 0, Math.min(3, head.length))
              + ", not the magic \"SSJ\" (53 53 4A) of a stable-structures journal; nothing was"
              + " changed");
    }
    if (length < HEADER_SIZE) {
      throw new CorruptedStructureException(
          where + " is " + length + " bytes long, shorter than its 4096-byte header");
    }
    int version = head[3] & 0xFF;
    if (version > VERSION) {
      throw new UnsupportedVersionException(
          where + " has version " + version + "; this library reads version " + VERSION);
    }
    if (version < VERSION) {
      throw new CorruptedStructureException(where + " has version " + version + ", expected 1");
    }
    int nameLength = (head[NAME_LENGTH] & 0xFF) | (head[NAME_LENGTH + 1] & 0xFF) << 8;
    if (nameLength > MAX_NAME) {
      throw new CorruptedStructureException(
          where + " names an image of " + nameLength + " bytes, more than " + MAX_NAME);
    }
    byte[] name = Arrays.copyOfRange(head, NAME, NAME + nameLength);
    int stored = ByteArrays.getIntLE(head, NAME_CHECKSUM);
    int computed = FileJournalStorage.nameChecksum(name);
    if (stored != computed) {
      throw new CorruptedStructureException(
          where
              + " has header checksum "
              + Integer.toHexString(stored)
              + " but its bytes give "
              + Integer.toHexString(computed)
              + ": the header is damaged; nothing was changed");
    }
    String found = new String(name, StandardCharsets.UTF_8);
    if (!found.equals(imageName)) {
      throw new ForeignJournalException(
          where
              + " belongs to image file \""
              + found
              + "\", not to \""
              + imageName
              + "\"; nothing was changed");
    }
    long count = ByteArrays.getLongLE(head, COUNT);
    long sequence = ByteArrays.getLongLE(head, TX_SEQUENCE);
    if (count == 0) {
      return sequence;
    }
    long sizeAtBegin = ByteArrays.getLongLE(head, SIZE_AT_BEGIN);
    int txStored = ByteArrays.getIntLE(head, TX_CHECKSUM);
    int txComputed = journal.txChecksum(sequence, sizeAtBegin);
    if (txStored != txComputed || count < 0 || sizeAtBegin < 0) {
      throw new CorruptedStructureException(
          where
              + " holds an unfinished transaction whose header is damaged (count "
              + count
              + ", checksum "
              + Integer.toHexString(txStored)
              + ", computed "
              + Integer.toHexString(txComputed)
              + "); nothing was changed");
    }
    long durable = ByteArrays.getLongLE(head, DURABLE);
    long strict = durable == ALL_DURABLE ? count : durable;
    if (strict < 0 || strict > count) {
      throw new CorruptedStructureException(
          where + " says " + durable + " of its " + count + " records are durable");
    }
    long imageLength = image.length();
    if (imageLength < sizeAtBegin) {
      throw new ForeignJournalException(
          where
              + " says its image held "
              + sizeAtBegin
              + " bytes when its transaction began, but the image file holds "
              + imageLength
              + "; nothing was changed");
    }
    // Check every record before applying any.
    long position = HEADER_SIZE;
    long previous = -1;
    long valid = 0;
    while (valid < count) {
      String problem = check(journal, position, previous, length, sequence);
      if (problem != null) {
        if (valid < strict) {
          throw new CorruptedStructureException(
              where
                  + " record "
                  + valid
                  + " of "
                  + count
                  + " at byte "
                  + position
                  + ": "
                  + problem
                  + "; the journal is damaged, nothing was changed");
        }
        break; // a torn write after the last sync: no image write depended on it
      }
      previous = position;
      position += JournalLayout.recordSize(journal.kind(position), journal.length(position));
      valid++;
    }
    apply(journal, image, previous, valid, sizeAtBegin, shift, interruptAfter);
    if (imageLength > sizeAtBegin) {
      image.setLength(sizeAtBegin);
    }
    image.sync(true);
    journal.publish(0);
    journal.syncAll();
    return sequence;
  }

  /** Returns why the record at {@code start} is invalid, or null. */
  private static String check(
      FileJournalStorage journal, long start, long previous, long fileLength, long sequence) {
    if (start + RECORD_HEADER > fileLength) {
      return "its header runs past the end of the file (" + fileLength + " bytes)";
    }
    int kind = journal.getInt(start + JournalLayout.R_KIND);
    if (kind < OLD_BYTES || kind > IMAGE_PAGE) {
      return "kind " + kind + " is none of 1 to 4";
    }
    int length = journal.length(start);
    long offset = journal.offset(start);
    if (length < 0 || length > MAX_RECORD || offset < 0 || offset > Long.MAX_VALUE - length) {
      return "range [" + offset + ", +" + length + ") is impossible";
    }
    if (kind == GROW && length != 0) {
      return "a GROW record of length " + length;
    }
    long back = journal.getInt(start + R_BACK) & 0xFFFFFFFFL;
    long expected = previous < 0 ? 0 : start - previous;
    if (back != expected) {
      return "its back link is " + back + ", expected " + expected;
    }
    if (start + JournalLayout.recordSize(kind, length) > fileLength) {
      return "its data runs past the end of the file";
    }
    int stored = journal.getInt(start + R_CRC);
    int computed = journal.recordChecksum(start, sequence, kind, length);
    if (stored != computed) {
      return "checksum "
          + Integer.toHexString(stored)
          + " does not match its bytes ("
          + Integer.toHexString(computed)
          + ")";
    }
    return null;
  }

  /**
   * Applies the {@code count} records ending at {@code last}, newest first, below {@code limit}.
   */
  private static void apply(
      FileJournalStorage journal,
      IoFile image,
      long last,
      long count,
      long limit,
      int shift,
      long interruptAfter)
      throws IOException {
    ByteBuffer[] chunks = MappedChunks.map(image, new ByteBuffer[0], 0, limit, shift);
    boolean[] touched = new boolean[chunks.length];
    int mask = (1 << shift) - 1;
    byte[] zeros = new byte[4096];
    long at = last;
    for (long applied = 0; applied < count; applied++) {
      if (applied == interruptAfter) {
        throw new IllegalStateException(
            "recovery interrupted after " + applied + " records (a test's simulated crash)");
      }
      int kind = journal.kind(at);
      long offset = journal.offset(at);
      long end = Math.min(offset + journal.length(at), limit);
      long data = at + RECORD_HEADER;
      if (kind == OLD_BYTES || kind == IMAGE_PAGE || kind == ZERO_FILL) {
        while (offset < end) {
          int index = (int) (offset >>> shift);
          int in = (int) offset & mask;
          int piece = (int) Math.min(end - offset, mask + 1 - in);
          if (kind == ZERO_FILL) {
            piece = Math.min(piece, zeros.length);
            chunks[index].put(in, zeros, 0, piece);
          } else {
            journal.get(data, chunks[index], in, piece);
            data += piece;
          }
          touched[index] = true;
          offset += piece;
        }
      }
      at = journal.previous(at);
    }
    for (int i = 0; i < chunks.length; i++) {
      if (touched[i]) {
        image.force(chunks[i]);
      }
    }
  }

  private static boolean isZero(byte[] bytes, int from, int n) {
    for (int i = from; i < from + n && i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] bytes, int from, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(String.format("%02X", bytes[i] & 0xFF));
    }
    return s.length() == 0 ? "nothing" : s.toString();
  }
}
