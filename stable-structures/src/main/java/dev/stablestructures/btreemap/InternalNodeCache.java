package dev.stablestructures.btreemap;

/**
 * Decoded internal nodes of a tree whose keys are 8-byte ordered longs, for searches. The upper
 * levels of a tree are on every search path; reading one from the cache costs a hash, two
 * comparisons and a scan of a {@code long[]}, where reading it from memory costs a bounds-checked
 * bulk copy and a header validation. Leaves are never cached: a lookup touches one random leaf, so
 * caching them would only evict internal nodes.
 *
 * <p>Direct-mapped: a node goes to one slot chosen by a hash of its address; a slot only takes a
 * node no deeper than the one it holds, so the cache settles on the upper levels. The invariant is
 * that a valid entry equals the node's current bytes: the tree removes a node's entry before it
 * writes the node ({@link #forget}), and moves the epoch (every entry carries the epoch it was read
 * at) when a rollback or a clear rewrites memory behind its back. Searches inside a mutation may
 * therefore use and fill the cache too.
 *
 * <p>Each slot is one record of 26 longs in a single array, so a hit reads four adjacent cache
 * lines rather than one line in each of six arrays:
 *
 * <pre>
 *   0      address of the node (0 = empty)
 *   1      epoch it was read at
 *   2      depth &lt;&lt; 32 | entry count
 *   3..13  keys (big-endian longs, unsigned order)
 *   14..25 children
 * </pre>
 *
 * <p>The cache grows with the tree, up to a maximum number of slots, so a small map does not pay
 * for a large cache: a tree of n entries has about n / 65 internal nodes, and the cache takes one
 * slot per 64 entries (208 bytes each) until the maximum.
 */
final class InternalNodeCache {
  private static final int MIN_SLOTS = 16;
  private static final int RECORD = 26;
  private static final int EPOCH = 1;
  private static final int SHAPE = 2;
  private static final int KEYS = 3;
  private static final int CHILDREN = KEYS + Node.CAPACITY;

  private final int maxSlots;
  private int mask = -1;
  private long[] records = new long[0];

  /**
   * Creates an empty cache.
   *
   * @param maxSlots the most nodes held at once, a power of two, at least 16
   */
  InternalNodeCache(int maxSlots) {
    if (maxSlots < MIN_SLOTS || Integer.bitCount(maxSlots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two >= 16: " + maxSlots);
    }
    this.maxSlots = maxSlots;
    fit(0);
  }

  /** The most nodes held at once. */
  int maxSlots() {
    return maxSlots;
  }

  /**
   * Sizes the cache for a tree of {@code entries} entries. It only grows (a resize empties it), so
   * a map that shrinks and grows around a boundary does not reallocate each time.
   */
  void fit(long entries) {
    long wanted = Math.min(maxSlots, Math.max(MIN_SLOTS, Long.highestOneBit(entries / 64 + 1)));
    if (wanted > mask + 1) {
      mask = (int) wanted - 1;
      records = new long[(int) wanted * RECORD];
    }
  }

  /** The record offset of the slot a node address maps to. */
  int slot(long address) {
    return ((int) ((address * 0x9E3779B97F4A7C15L) >>> 32) & mask) * RECORD;
  }

  /** Whether the slot holds the node at {@code address} as read at {@code epoch}. */
  boolean holds(int slot, long address, long epoch) {
    return records[slot] == address && records[slot + EPOCH] == epoch && address != 0;
  }

  /**
   * Whether a node at {@code depth} may take the slot: when it holds nothing valid at {@code
   * epoch}, or a node no shallower. Shallow nodes are on more search paths, so the cache settles on
   * the upper levels instead of churning through the many nodes just above the leaves.
   */
  boolean mayTake(int slot, int depth, long epoch) {
    return records[slot] == 0
        || records[slot + EPOCH] != epoch
        || (int) (records[slot + SHAPE] >>> 32) >= depth;
  }

  /** Drops the entry of the node at {@code address}, if cached: its bytes are about to change. */
  void forget(long address) {
    int slot = slot(address);
    if (records[slot] == address) {
      records[slot] = 0;
    }
  }

  /** Empties a slot before it is refilled, so a fill that fails half-way leaves no entry. */
  void clear(int slot) {
    records[slot] = 0;
  }

  /** Stores key {@code index} of the node being filled into {@code slot}. */
  void setKey(int slot, int index, long key) {
    records[slot + KEYS + index] = key;
  }

  /** Stores child {@code index} of the node being filled into {@code slot}. */
  void setChild(int slot, int index, long child) {
    records[slot + CHILDREN + index] = child;
  }

  /** Completes a fill: from now on the slot holds the node at {@code address}. */
  void publish(int slot, long address, long epoch, int count, int depth) {
    records[slot + SHAPE] = (long) depth << 32 | count;
    records[slot + EPOCH] = epoch;
    records[slot] = address;
  }

  /** The number of entries of the node in {@code slot}. */
  int count(int slot) {
    return (int) records[slot + SHAPE];
  }

  /**
   * Searches a cached node: index if found, else -(insertion point) - 1, as a node search.
   * Branch-free for the reason given in {@link BTree}'s linear search.
   */
  int search(int slot, long search) {
    long[] r = records;
    int base = slot + KEYS;
    int count = (int) r[slot + SHAPE];
    int below = 0;
    int found = -1;
    for (int i = 0; i < count; i++) {
      long stored = r[base + i];
      below += Long.compareUnsigned(stored, search) < 0 ? 1 : 0;
      found = stored == search ? i : found;
    }
    return found >= 0 ? found : -(below + 1);
  }

  /** Child {@code index} of the node in {@code slot}. */
  long child(int slot, int index) {
    return records[slot + CHILDREN + index];
  }
}
