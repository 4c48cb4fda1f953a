package dev.stablestructures.btreemap;

import java.util.Arrays;

/**
 * Decoded internal nodes of a tree whose keys are 8-byte ordered longs, for lookups. The upper
 * levels of a tree are on every search path; reading one from the cache costs a hash, two
 * comparisons and a scan of a {@code long[]}, where reading it from memory costs a bounds-checked
 * bulk copy and a header validation. Leaves are never cached: a lookup touches one random leaf, so
 * caching them would only evict internal nodes.
 *
 * <p>Direct-mapped: a node goes to one slot chosen by a hash of its address, replacing whatever was
 * there. Each entry carries the tree's write stamp at the time it was read, and is valid only while
 * the stamp is unchanged; every mutation moves the stamp, so a write, a rolled-back write, or a
 * clear invalidates the whole cache at once with no bookkeeping. Entries are filled only by
 * read-only searches, never in the middle of a mutation.
 *
 * <p>The cache grows with the tree, up to a maximum number of slots, so a small map does not pay
 * for a large cache: a tree of n entries has about n / 65 internal nodes.
 */
final class InternalNodeCache {
  private static final int MIN_SLOTS = 16;
  private static final int KEYS = Node.CAPACITY;
  private static final int CHILDREN = Node.CAPACITY + 1;

  private final int maxSlots;
  private int mask = -1;
  private long[] addresses = new long[0];
  private long[] stamps = new long[0];
  private int[] counts = new int[0];
  private int[] depths = new int[0];
  private long[] keys = new long[0];
  private long[] children = new long[0];

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

  /** Sizes the cache for a tree of {@code entries} entries; a resize empties it. */
  void fit(long entries) {
    long wanted = Math.min(maxSlots, Math.max(MIN_SLOTS, Long.highestOneBit(entries / 64 + 1) * 2));
    if (wanted
        > mask + 1) { // only grows: a map shrinking and growing must not reallocate each time
      int slots = (int) wanted;
      mask = slots - 1;
      addresses = new long[slots];
      stamps = new long[slots];
      counts = new int[slots];
      depths = new int[slots];
      keys = new long[slots * KEYS];
      children = new long[slots * CHILDREN];
    }
  }

  /** The slot a node address maps to. */
  int slot(long address) {
    return (int) ((address * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }

  /** Whether the slot holds the node at {@code address} as read at {@code stamp}. */
  boolean holds(int slot, long address, long stamp) {
    return addresses[slot] == address && stamps[slot] == stamp && address != 0;
  }

  /**
   * Whether a node at {@code depth} may take the slot: when it holds nothing valid at {@code
   * stamp}, or a node no shallower. Shallow nodes are on more search paths, so the cache settles on
   * the upper levels instead of churning through the many nodes just above the leaves.
   */
  boolean mayTake(int slot, int depth, long stamp) {
    return addresses[slot] == 0 || stamps[slot] != stamp || depths[slot] >= depth;
  }

  /** Drops the entry of the node at {@code address}, if cached: its bytes are about to change. */
  void forget(long address) {
    int slot = slot(address);
    if (addresses[slot] == address) {
      addresses[slot] = 0;
    }
  }

  /** Empties a slot before it is refilled, so a fill that fails half-way leaves no entry. */
  void clear(int slot) {
    addresses[slot] = 0;
  }

  /** Stores key {@code index} of the node being filled into {@code slot}. */
  void setKey(int slot, int index, long key) {
    keys[slot * KEYS + index] = key;
  }

  /** Stores child {@code index} of the node being filled into {@code slot}. */
  void setChild(int slot, int index, long child) {
    children[slot * CHILDREN + index] = child;
  }

  /** Completes a fill: from now on the slot holds the node at {@code address}. */
  void publish(int slot, long address, long stamp, int count, int depth) {
    counts[slot] = count;
    depths[slot] = depth;
    stamps[slot] = stamp;
    addresses[slot] = address;
  }

  /**
   * Searches a cached node: index if found, else -(insertion point) - 1, as a node search.
   * Branch-free for the reason given in {@link BTree}'s linear search.
   */
  int search(int slot, long search) {
    int base = slot * KEYS;
    int count = counts[slot];
    int below = 0;
    int found = -1;
    for (int i = 0; i < count; i++) {
      long stored = keys[base + i];
      below += Long.compareUnsigned(stored, search) < 0 ? 1 : 0;
      found = stored == search ? i : found;
    }
    return found >= 0 ? found : -(below + 1);
  }

  /** The number of entries of the node in {@code slot}. */
  int count(int slot) {
    return counts[slot];
  }

  /** Child {@code index} of the node in {@code slot}. */
  long child(int slot, int index) {
    return children[slot * CHILDREN + index];
  }

  /** Drops every entry. */
  void invalidateAll() {
    Arrays.fill(addresses, 0);
  }
}
