package dev.stablestructures.memory;

/**
 * Which 256-byte blocks a transaction's records have saved, and by which record: the journal's
 * dedup memory, so that repeated writes into one block cost one record.
 *
 * <p>A bounded, lossy map from block number to the sequence number of the newest record that saved
 * the block: a direct-mapped table of {@value #SLOTS} slots, each a pair of longs side by side, so
 * that a lookup touches one cache line (the tree walk of a large B-tree evicts the table between
 * two inserts, and two parallel arrays cost two misses). A block whose slot another block took is
 * forgotten and saved again, which is harmless: undo runs newest first, so the oldest record of a
 * byte wins.
 *
 * <pre>
 * table, in the heap (a long[] of 2 * 4096):
 * +--------------+------+---------------------------------------------------+
 * | index        | size | content                                           |
 * +--------------+------+---------------------------------------------------+
 * | 2 * slot     |    8 | block number (offset / 256), 0 in an unused slot  |
 * | 2 * slot + 1 |    8 | sequence number of its newest record, 0 = none    |
 * +--------------+------+---------------------------------------------------+
 * </pre>
 *
 * <p>Besides the table it remembers the block it answered last (with that block's newest sequence
 * number, which the table may since have forgotten): consecutive writes into one structure node
 * then skip the table altogether. The journal decides what a sequence number is worth: a record
 * counts only while its number is at or above the journal's floor.
 */
final class SavedBlocks {
  private static final int SLOTS = 4096;

  private long[] table;
  private long lastBlock = -1;
  private long lastSeq;

  /**
   * Returns the sequence number of the newest record known to have saved {@code block}, or 0 if
   * none is known (never saved, or forgotten).
   *
   * @param block the block number
   * @return the sequence number, 0 for none
   */
  long seqOf(long block) {
    if (block == lastBlock) {
      return lastSeq;
    }
    long[] t = table;
    if (t == null) {
      return 0;
    }
    int i = slot(block);
    if (t[i] != block) {
      return 0;
    }
    lastBlock = block;
    lastSeq = t[i + 1];
    return lastSeq;
  }

  /**
   * Remembers that the record numbered {@code seq} saved blocks {@code [from, to)}.
   *
   * @param from the first block
   * @param to the block after the last
   * @param seq the record's sequence number, above every earlier one
   */
  void mark(long from, long to, long seq) {
    long[] t = table;
    if (t == null) {
      t = table = new long[2 * SLOTS];
    }
    for (long b = from; b < to; b++) {
      int i = slot(b);
      t[i] = b;
      t[i + 1] = seq;
    }
    lastBlock = to - 1;
    lastSeq = seq;
  }

  private static int slot(long block) {
    return ((int) (block ^ (block >>> 12)) & (SLOTS - 1)) << 1;
  }
}
