package dev.stablestructures.memory;

/**
 * The byte layout of an undo journal: the one place its offsets live. A {@link FileMemory} keeps
 * its journal in {@code <image>.journal} beside the image; a heap journal ({@link HeapMemory},
 * {@link JournaledMemory}) holds the same records in an array, without the header and without
 * checksums. Every number is little-endian.
 *
 * <h2>Header: the first 4 KiB of the file</h2>
 *
 * <pre>
 * +--------+------+---------------------------------------------------------------------+
 * | offset | size | field                                                               |
 * +--------+------+---------------------------------------------------------------------+
 * |      0 |    3 | magic "SSJ"; all zero in a journal that was never finished creating |
 * |      3 |    1 | version, 1                                                          |
 * |      4 |    4 | name checksum: CRC32C of bytes 0..4 and 56..58+n                    |
 * |      8 |    8 | record count, the state and the commit point: 0 = CLEAN (nothing to |
 * |        |      |   undo), n &gt; 0 = HOT (a transaction of n records is unfinished)   |
 * |     16 |    8 | durable count: records of this transaction that a completed sync    |
 * |        |      |   made durable; all ones when every counted record is complete      |
 * |     24 |    8 | transaction sequence number                                         |
 * |     32 |    8 | image size at the transaction's begin, in bytes                     |
 * |     40 |    4 | transaction checksum: CRC32C of bytes 24..40                        |
 * |     44 |   12 | zero                                                                |
 * |     56 |    2 | n: length of the image's file name in UTF-8 bytes, at most 1024     |
 * |     58 |    n | the image's file name (no directory)                                |
 * |   58+n |  ... | zero up to 4096                                                     |
 * +--------+------+---------------------------------------------------------------------+
 * </pre>
 *
 * <p>The count word is 8-byte aligned and written with one store, so a crash sees either the old or
 * the new count. Bytes 0..8 and 56.. are written once when the file is created (the magic last);
 * bytes 16..48 at a transaction's first record, while the count is still 0. The header keeps the
 * first 4 KiB page to itself so that no record write shares a page or a 512-byte sector with the
 * commit point.
 *
 * <h2>Records: from offset 4096 of the file (offset 0 of a heap journal), one after another</h2>
 *
 * <pre>
 * +--------+------+---------------------------------------------------------------------+
 * | offset | size | field                                                               |
 * +--------+------+---------------------------------------------------------------------+
 * |      0 |    8 | offset of the range in the image, bytes                             |
 * |      8 |    4 | length of the range, bytes, at most 2^30                            |
 * |     12 |    1 | kind: 1 OLD_BYTES, 2 ZERO_FILL, 3 GROW, 4 IMAGE_PAGE                 |
 * |     13 |    3 | zero                                                                |
 * |     16 |    4 | bytes back to the previous record's start, 0 for the first          |
 * |     20 |    4 | CRC32C of the transaction sequence (8 bytes), bytes 0..20 and the   |
 * |        |      |   data (0 in a heap journal)                                        |
 * |     24 |    m | data: the range's old bytes for OLD_BYTES and IMAGE_PAGE (m =      |
 * |        |      |   length), nothing for the others; zero-padded to a multiple of 8   |
 * +--------+------+---------------------------------------------------------------------+
 * </pre>
 *
 * <p>Kinds: OLD_BYTES holds the bytes a write overwrote, as the transaction saw them; ZERO_FILL
 * marks a range that lay in pages grown since the step began (its old bytes are zeros, so none are
 * copied); GROW marks a grow ({@code offset} = the size before it), so that a transaction that only
 * grew is still HOT; IMAGE_PAGE holds the bytes the image file itself held before a {@link
 * Durability#POWER_LOSS} commit copied a page over them, for recovery only. Undo applies records
 * newest first, so the oldest record of each byte wins: that is the byte at the transaction's
 * begin, and duplicate records are harmless.
 */
public final class JournalLayout {
  /** The magic's three bytes as a little-endian number: "SSJ". */
  static final int MAGIC = 'S' | 'S' << 8 | 'J' << 16;

  /** The only version this library writes and reads. */
  static final int VERSION = 1;

  /** Bytes 0..4: magic and version. */
  static final int MAGIC_VERSION = 0;

  static final int NAME_CHECKSUM = 4;
  static final int COUNT = 8;
  static final int DURABLE = 16;
  static final int TX_SEQUENCE = 24;
  static final int SIZE_AT_BEGIN = 32;
  static final int TX_CHECKSUM = 40;
  static final int NAME_LENGTH = 56;
  static final int NAME = 58;

  /** The longest image file name a journal holds, in UTF-8 bytes. */
  static final int MAX_NAME = 1024;

  /** Where the records start in the file: the header has the first 4 KiB page. */
  static final int HEADER_SIZE = 4096;

  /** The durable count that says every counted record is complete (process-death journals). */
  static final long ALL_DURABLE = -1L;

  // Record fields.
  static final int R_OFFSET = 0;
  static final int R_LENGTH = 8;
  static final int R_KIND = 12;
  static final int R_BACK = 16;
  static final int R_CRC = 20;
  static final int RECORD_HEADER = 24;

  /** The longest range one record covers; a longer one is split. */
  static final int MAX_RECORD = 1 << 30;

  static final int OLD_BYTES = 1;
  static final int ZERO_FILL = 2;
  static final int GROW = 3;
  static final int IMAGE_PAGE = 4;

  private JournalLayout() {}

  /** Tells whether a record of this kind carries data. */
  static boolean hasData(int kind) {
    return kind == OLD_BYTES || kind == IMAGE_PAGE;
  }

  /** Returns the record's size in the journal, header and padded data. */
  static long recordSize(int kind, int length) {
    return RECORD_HEADER + (hasData(kind) ? (length + 7L) & ~7L : 0);
  }
}
