package dev.stablestructures.btreemap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Decoded internal nodes of a tree whose keys are 8-byte ordered longs, for searches. The upper
 * levels of a tree are on every search path; reading one from the cache costs a hash, two
 * comparisons and a scan of a {@code long[]}, where reading it from memory costs a bounds-checked
 * bulk copy and a header validation. Leaves are never cached: a lookup touches one random leaf, so
 * caching them would only evict internal nodes. (The crate's {@code node_cache.rs} caches whole
 * nodes of any key type, 16 slots by default.)
 *
 * <p>Direct-mapped: a node goes to the one slot a hash of its address picks; a slot only takes a
 * node no deeper than the one it holds, so the cache settles on the upper levels. The invariant is
 * that a valid entry equals the node's current bytes: the tree's node store drops a node's entry
 * before it writes or frees that chunk ({@link #forget}), and a rollback or a clear drops them all
 * ({@link #clear}).
 *
 * <p><b>Concurrent readers.</b> Lookups fill the cache, and several threads may look up at once
 * (with no writer running). Each slot is a sequence lock: its first word is a version, even when
 * the slot is stable. A filler claims the slot by moving the version from even to odd with a
 * compare-and-set (a filler that loses simply does not fill), writes the record, and publishes it
 * with a release store of the next even version. A reader reads the version (acquire), the record,
 * then the version again, and uses what it read only if the version did not move; otherwise it
 * reads the node from memory. Writes ({@link #forget}, {@link #fit}, {@link #clear}) happen only on
 * the mutation path, which never runs beside readers.
 *
 * <p>Each slot is one record of 26 longs in a single array, so a hit reads four adjacent cache
 * lines rather than one line in each of several arrays:
 *
 * <pre>
 * +--------+--------+---------------------------------------------+
 * | word   | count  | content                                     |
 * +--------+--------+---------------------------------------------+
 * |  0     |  1     | version: even = stable, odd = being filled  |
 * |  1     |  1     | address of the node (0 = empty)             |
 * |  2     |  1     | depth &lt;&lt; 32 | entry count                   |
 * |  3     | 11     | keys (big-endian longs, unsigned order)     |
 * | 14     | 12     | children                                    |
 * +--------+--------+---------------------------------------------+
 * </pre>
 *
 * <p>The cache grows with the tree, up to a maximum number of slots, so a small map does not pay
 * for a large cache: a tree of n entries has about n / 65 internal nodes, and the cache takes one
 * slot per 64 entries (208 bytes each) until the maximum.
 */
final class InternalNodeCache {
  /** {@link #descend}: the node is not cached (or was being refilled); read it from memory. */
  static final long MISS = 0;

  /** {@link #descend}: the key is in the cached node; read the node from memory for its value. */
  static final long FOUND = -1;

  /** {@link #descend}: the cached node is full and the caller asked to stop at full nodes. */
  static final long FULL = -2;

  private static final int MIN_SLOTS = 16;
  private static final int RECORD = 26;
  private static final int ADDRESS = 1;
  private static final int SHAPE = 2;
  private static final int KEYS = 3;
  private static final int CHILDREN = KEYS + Node.CAPACITY;
  private static final long[] EMPTY = new long[0];

  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  private int maxSlots;
  private int mask = -1;
  private long[] records = EMPTY;

  /**
   * Creates an empty cache.
   *
   * @param maxSlots the most nodes held at once: 0 (no cache) or a power of two of at least 16
   */
  InternalNodeCache(int maxSlots) {
    resize(maxSlots);
  }

  /** The most nodes held at once; 0 when the cache is off. */
  int maxSlots() {
    return maxSlots;
  }

  /**
   * Changes the most nodes held at once (0 turns the cache off), emptying the cache.
   *
   * @param maxSlots 0, or a power of two of at least 16
   */
  void resize(int maxSlots) {
    if (maxSlots != 0 && (maxSlots < MIN_SLOTS || Integer.bitCount(maxSlots) != 1)) {
      throw new IllegalArgumentException("slots must be 0 or a power of two >= 16: " + maxSlots);
    }
    this.maxSlots = maxSlots;
    mask = -1;
    records = EMPTY;
  }

  /**
   * Sets the most nodes held at once from a user's count (rounded down to a power of two, at least
   * 16; 0 turns the cache off), emptying the cache and sizing it for {@code entries}. A tree whose
   * keys are not searched as longs ({@code allowed} false) keeps no cache.
   *
   * @throws IllegalArgumentException if {@code nodes} is negative
   */
  void setCapacity(int nodes, boolean allowed, long entries) {
    if (nodes < 0) {
      throw new IllegalArgumentException("a node count cannot be negative: " + nodes);
    }
    resize(nodes == 0 || !allowed ? 0 : Math.max(MIN_SLOTS, Integer.highestOneBit(nodes)));
    fit(entries);
  }

  /** Drops every entry, keeping the cache's size (write path). */
  void clear() {
    if (records.length > 0) {
      records = new long[records.length];
    }
  }

  /**
   * Sizes the cache for a tree of {@code entries} entries (write path). It only grows (a resize
   * empties it), so a map that shrinks and grows around a boundary does not reallocate each time.
   */
  void fit(long entries) {
    if (maxSlots == 0) {
      return;
    }
    long wanted = Math.min(maxSlots, Math.max(MIN_SLOTS, Long.highestOneBit(entries / 64 + 1)));
    if (wanted > mask + 1) {
      mask = (int) wanted - 1;
      records = new long[(int) wanted * RECORD];
    }
  }

  private static int slot(long address, int mask) {
    return ((int) ((address * 0x9E3779B97F4A7C15L) >>> 32) & mask) * RECORD;
  }

  /** Drops the entry of the chunk at {@code address}, if cached: its bytes are about to change. */
  void forget(long address) {
    long[] r = records;
    if (r.length == 0) {
      return;
    }
    int slot = slot(address, mask);
    if (r[slot + ADDRESS] == address) {
      r[slot + ADDRESS] = 0;
    }
  }

  /**
   * Searches the cached node at {@code address} for {@code key} and returns the child to descend
   * into, or {@link #MISS}, {@link #FOUND}, or (with {@code stopAtFull}) {@link #FULL}. Safe beside
   * concurrent fillers: an answer is returned only if the slot did not change while read.
   */
  long descend(long address, long key, boolean stopAtFull) {
    long[] r = records;
    if (r.length == 0) {
      return MISS;
    }
    int slot = slot(address, mask);
    long version = (long) WORDS.getAcquire(r, slot);
    if ((version & 1) != 0 || r[slot + ADDRESS] != address) {
      return MISS;
    }
    int count = (int) r[slot + SHAPE];
    if (count < 1 || count > Node.CAPACITY) {
      return MISS; // torn by a concurrent fill; the version check below would fail too
    }
    int below = 0;
    int found = -1;
    for (int i = 0; i < count; i++) {
      long stored = r[slot + KEYS + i];
      below += Long.compareUnsigned(stored, key) < 0 ? 1 : 0;
      found = stored == key ? i : found;
    }
    long result =
        stopAtFull && count == Node.CAPACITY
            ? FULL
            : found >= 0 ? FOUND : r[slot + CHILDREN + below];
    VarHandle.acquireFence();
    return (long) WORDS.getAcquire(r, slot) == version ? result : MISS;
  }

  /**
   * Offers the internal node the cursor is on, at {@code depth}, to its slot. It is taken when the
   * slot holds nothing or a node no shallower, and no other thread is filling the slot.
   */
  void offer(Cursor cursor, int depth) {
    long[] r = records;
    if (r.length == 0) {
      return;
    }
    int slot = slot(cursor.address(), mask);
    long version = (long) WORDS.getAcquire(r, slot);
    if ((version & 1) != 0
        || (r[slot + ADDRESS] != 0 && (int) (r[slot + SHAPE] >>> 32) < depth)
        || !WORDS.compareAndSet(r, slot, version, version + 1)) {
      return;
    }
    r[slot + ADDRESS] = 0; // until filled: a fill that fails half-way leaves no entry
    try {
      int count = cursor.count();
      for (int i = 0; i < count; i++) {
        r[slot + KEYS + i] = cursor.storedLong(i);
      }
      for (int i = 0; i <= count; i++) {
        r[slot + CHILDREN + i] = cursor.child(i);
      }
      r[slot + SHAPE] = (long) depth << 32 | count;
      r[slot + ADDRESS] = cursor.address();
    } finally {
      WORDS.setRelease(r, slot, version + 2);
    }
  }

  /** The addresses of every cached node (for tests). */
  long[] addresses() {
    long[] r = records;
    return java.util.stream.IntStream.range(0, r.length / RECORD)
        .mapToLong(i -> r[i * RECORD + ADDRESS])
        .filter(a -> a != 0)
        .toArray();
  }
}
