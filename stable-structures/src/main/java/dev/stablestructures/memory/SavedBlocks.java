package dev.stablestructures.memory;

/**
 * Which blocks ({@value Journal#BLOCK_SIZE} bytes each) a transaction's records have saved, and by
 * which record: the journal's dedup memory, so that repeated writes into one block cost one record.
 *
 * <p>A bounded, lossy map from block number to the sequence number of the newest record that saved
 * the block, in two direct-mapped tables of pairs of longs side by side (a lookup touches one cache
 * line): a near table of {@value #NEAR_SLOTS} slots, and a far table of {@value #FAR_SLOTS} slots
 * that holds what the near one evicts. A small transaction (one structure operation saves a node or
 * two and a header) stays in the near table, which stays in the CPU's cache between two operations,
 * and never reads the far one, which the tree walk of a large B-tree evicts from the cache between
 * two inserts. A block whose far slot another block took is forgotten and saved again, which is
 * harmless: undo runs newest first, so the oldest record of a byte wins.
 *
 * <pre>
 * near and far tables, in the heap (a long[] of 2 * slots each):
 * +--------------+------+--------------------------------------------------------+
 * | index        | size | content                                                |
 * +--------------+------+--------------------------------------------------------+
 * | 2 * slot     |    8 | block number (offset / block size), 0 in an unused slot |
 * | 2 * slot + 1 |    8 | sequence number of its newest record, 0 = none         |
 * +--------------+------+--------------------------------------------------------+
 * </pre>
 *
 * <p>A block is in the near table with its newest number, or else, if the far table took it, in the
 * far table: {@link #mark} always writes the near table and moves the entry it displaces to the far
 * one if that entry belongs to the open transaction. Entries of earlier transactions are left where
 * they are and are worth nothing (their numbers are below the journal's floors), so the far table
 * is consulted only once the open transaction has put something into it.
 *
 * <p>Besides the tables it remembers the block it answered last (with that block's newest sequence
 * number): consecutive writes into one structure node then skip the tables altogether. The journal
 * decides what a sequence number is worth: a record counts only while its number is at or above the
 * journal's floor.
 */
final class SavedBlocks {
  static final int NEAR_SLOTS = 32;
  static final int FAR_SLOTS = 4096;

  private final long[] near = new long[2 * NEAR_SLOTS];
  private long[] far;

  /** Whether the open transaction has put entries into the far table. */
  private boolean farInUse;

  /** The first sequence number of the open transaction: entries below it are worth nothing. */
  private long live;

  private long lastBlock = -1;
  private long lastSeq;

  /**
   * A transaction begins: records it numbers from {@code first} on; every earlier entry is stale.
   *
   * @param first the sequence number of the transaction's first record
   */
  void begin(long first) {
    live = first;
    farInUse = false;
  }

  /**
   * Returns the sequence number of the newest record known to have saved {@code block}, or a number
   * below the open transaction's first (0 when none is known: never saved, or forgotten).
   *
   * @param block the block number
   * @return the sequence number
   */
  long seqOf(long block) {
    if (block == lastBlock) {
      return lastSeq;
    }
    long seq;
    int i = nearSlot(block);
    if (near[i] == block) {
      seq = near[i + 1];
    } else if (farInUse) {
      int j = farSlot(block);
      if (far[j] != block) {
        return 0;
      }
      seq = far[j + 1];
    } else {
      return 0;
    }
    lastBlock = block;
    lastSeq = seq;
    return seq;
  }

  /**
   * Remembers that the record numbered {@code seq} saved blocks {@code [from, to)}.
   *
   * @param from the first block
   * @param to the block after the last
   * @param seq the record's sequence number, above every earlier one
   */
  void mark(long from, long to, long seq) {
    long[] n = near;
    for (long b = from; b < to; b++) {
      int i = nearSlot(b);
      long displaced = n[i];
      if (displaced != b && n[i + 1] >= live) {
        keepFar(displaced, n[i + 1]);
      }
      n[i] = b;
      n[i + 1] = seq;
    }
    lastBlock = to - 1;
    lastSeq = seq;
  }

  /** Puts an entry the near table displaced into the far table. */
  private void keepFar(long block, long seq) {
    long[] t = far;
    if (t == null) {
      t = far = new long[2 * FAR_SLOTS];
    }
    int j = farSlot(block);
    t[j] = block;
    t[j + 1] = seq;
    farInUse = true;
  }

  private static int nearSlot(long block) {
    return ((int) block & (NEAR_SLOTS - 1)) << 1;
  }

  private static int farSlot(long block) {
    return ((int) (block ^ (block >>> 12)) & (FAR_SLOTS - 1)) << 1;
  }
}
