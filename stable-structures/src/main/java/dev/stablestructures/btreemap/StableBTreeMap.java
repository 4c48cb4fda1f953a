package dev.stablestructures.btreemap;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;

/**
 * A sorted map stored in a {@link Memory}, byte-identical to the crate's {@code BTreeMap<K, V, M>}:
 * a B-tree of minimum degree 6 whose nodes live in the memory, so the map survives a restart (or a
 * canister upgrade) without serialization. Keys are ordered by the key codec, which is the crate's
 * {@code Ord} (u64 unsigned, strings by code point), and the map is a full {@link NavigableMap}:
 * every view is live and writable as the interface allows, iterators support {@code remove()} and
 * fail fast.
 *
 * <p>Layout at the start of the memory (little-endian; nodes and the allocator follow):
 *
 * <pre>
 * offset size  field
 * ------ ----  ---------------------------------------------------------------
 *      0    3  magic "BTR" (42 54 52)
 *      3    1  layout version: 1 (V1, or V2 migrated from V1) or 2 (V2)
 *      4    4  V1: max key size        | V2: page size        (u32 LE)
 *      8    4  V1: max value size      | V2: FF FF FF FF marker (u32 LE)
 *     12    8  root node address, 0 when the tree is empty  (u64 LE)
 *     20    8  number of entries                            (u64 LE)
 *     28   24  reserved, zero
 *     52   48  allocator header "BTA"; 16-byte "CHK" chunk headers follow,
 *              the first node at address 116
 * </pre>
 *
 * <p><b>No nulls.</b> Stable structures do not store null: a null key or value is a {@link
 * NullPointerException} (store an explicit "absent" value through the codec instead). Queries with
 * a null key throw too.
 *
 * <p><b>Bounds.</b> A key or value whose encoding breaks its codec's {@link
 * dev.stablestructures.codec.Bound} is a {@link BoundExceededException}, raised before anything is
 * written: the map is unchanged.
 *
 * <p><b>Transactions.</b> Every mutation is one step of the memory's journal: all or nothing on its
 * own, and inside a {@code dev.stablestructures.tx.Transaction} a savepoint that a failure rolls
 * back alone. After any rollback on the journal the map reloads from the image and its iterators
 * fail fast; a map whose creation was rolled back is empty and refuses writes.
 *
 * <p><b>Iteration.</b> Iterators walk the tree lazily; values are decoded only when asked for. A
 * structural change made other than through the iterator (a new key, a removal, a clear) makes it
 * throw {@link java.util.ConcurrentModificationException} on its next use. Overwriting the value of
 * an existing key, as in {@code TreeMap}, is not structural: iterators continue after it.
 *
 * <p><b>Entries.</b> Entries returned by navigation methods ({@code firstEntry}, {@code
 * ceilingEntry}, {@code pollFirstEntry}, ...) are immutable snapshots, as in {@code TreeMap}.
 * Entries of {@code entrySet()} iterators support {@code setValue}, which writes through.
 *
 * <p><b>Threads.</b> Any number of threads may read at once ({@code get}, navigation, iteration,
 * {@code count}, {@code stats}) while no thread writes: reads share no mutable state. A write must
 * not run beside any other call. Open one map per memory at a time: two instances over the same
 * memory do not see each other's changes in their caches or iterators.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StableBTreeMap<K, V> extends RangeMap<K, V> {
  /** The map is its own unbounded ascending range: navigation and views are the range's. */
  private StableBTreeMap(BTree<K, V> tree) {
    super(tree, null, false, null, false, false);
  }

  /**
   * Opens the map stored in {@code memory}, or creates an empty one if the memory is empty (the
   * crate's {@code init}). Unlike the crate, a memory holding something else is never overwritten.
   *
   * @param memory the memory
   * @param keyCodec encodes and orders the keys
   * @param valueCodec encodes the values
   * @param <K> key type
   * @param <V> value type
   * @return the map
   * @throws dev.stablestructures.BadMagicException if the memory holds something other than a map
   * @throws dev.stablestructures.FormatException if the stored map cannot be opened with these
   *     codecs, or is damaged
   */
  public static <K, V> StableBTreeMap<K, V> init(
      Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    return new StableBTreeMap<>(BTreeFactory.init(memory, keyCodec, valueCodec));
  }

  /**
   * Creates a new, empty map, overwriting whatever the memory held (the crate's {@code new}).
   *
   * @param memory the memory
   * @param keyCodec encodes and orders the keys
   * @param valueCodec encodes the values
   * @param <K> key type
   * @param <V> value type
   * @return the empty map
   */
  public static <K, V> StableBTreeMap<K, V> create(
      Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    return new StableBTreeMap<>(BTreeFactory.create(memory, keyCodec, valueCodec));
  }

  /**
   * Opens the map stored in {@code memory} (the crate's {@code load}); a V1 map is migrated to V2
   * in memory as the crate does.
   *
   * @param memory the memory
   * @param keyCodec encodes and orders the keys; must be the codec the map was written with
   * @param valueCodec encodes the values; likewise
   * @param <K> key type
   * @param <V> value type
   * @return the map
   * @throws dev.stablestructures.BadMagicException if the memory holds no map
   * @throws dev.stablestructures.UnsupportedVersionException if the layout version is unknown
   * @throws dev.stablestructures.IncompatibleLayoutException if the stored layout cannot hold the
   *     codecs' encodings
   * @throws dev.stablestructures.CorruptedStructureException if the stored map is damaged
   */
  public static <K, V> StableBTreeMap<K, V> load(
      Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    return new StableBTreeMap<>(BTreeFactory.load(memory, keyCodec, valueCodec));
  }

  static <K> void checkKey(K key) {
    Objects.requireNonNull(key, "stable structures do not store null keys");
  }

  static <V> void checkValue(V value) {
    Objects.requireNonNull(value, "stable structures do not store null values");
  }

  /** Copies a possibly lazy tree entry into an immutable one ({@code setValue} unsupported). */
  static <K, V> Map.Entry<K, V> snapshot(Map.Entry<K, V> e) {
    if (e == null || e instanceof AbstractMap.SimpleImmutableEntry) {
      return e;
    }
    return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue());
  }

  // ---- crate-native API ----

  /**
   * Returns the codec that orders and encodes the keys.
   *
   * @return the key codec
   */
  public Codec<K> keyCodec() {
    return tree.keyCodec();
  }

  /**
   * Returns the codec that encodes the values.
   *
   * @return the value codec
   */
  public Codec<V> valueCodec() {
    return tree.valueCodec();
  }

  /**
   * Sets how many internal nodes searches keep decoded on the heap; 0 turns the cache off. Only
   * maps whose keys are 8-byte ordered numbers ({@code u64}, {@code i64}) have this cache; for
   * other maps the call does nothing. Lookups ({@link #get}, {@link #containsKey}) and inserts
   * descend through it. The default is {@value BTree#DEFAULT_CACHED_NODES} nodes: the cache takes
   * one 208-byte slot per 64 entries as the map grows, so at most 3.25 MiB of heap, reached at a
   * million entries, where it holds the upper levels of a map of tens of millions. It is heap state
   * only: it never changes what is stored, a write drops the entries of the nodes it rewrites, and
   * a rolled-back write or a clear drops them all.
   *
   * @param nodes the most internal nodes to keep (rounded down to a power of two, at least 16)
   * @throws IllegalArgumentException if {@code nodes} is negative
   */
  public void setCachedNodes(int nodes) {
    tree.setCachedNodes(nodes);
  }

  /**
   * Returns how many internal nodes lookups may keep decoded (see {@link #setCachedNodes}).
   *
   * @return the cache's capacity in nodes, 0 when the map has no cache
   */
  public int cachedNodes() {
    return tree.cachedNodes();
  }

  /**
   * Measures the map: entries, depth, nodes, overflow pages, bytes used and fill factor. Walks
   * every node once (O(n) node reads), so it is for monitoring, not hot paths.
   *
   * @return a snapshot of the map's memory use
   */
  public BTreeStats stats() {
    return tree.stats();
  }

  /**
   * Walks the stored image and reports any damage; never writes, and touches no state other
   * threads' reads share, so it may run while other threads only read. It reads every node, key and
   * value once (O(n)), and every loop is bounded by the chunks the memory holds, so a damaged image
   * gives findings, never a hang or an {@code OutOfMemoryError}. It checks:
   *
   * <ul>
   *   <li>the header: magic, version, a layout the codecs can open, root 0 exactly when the length
   *       is 0, and the heap copy of root and length equal to the header's;
   *   <li>every node: its address a chunk's data address on the allocator's grid, below its
   *       frontier and inside the memory, reached once; magic, version (V1 only in a map from V1),
   *       type, 1 to 11 entries; its overflow chain well formed (pages inside the region, magic
   *       "NOF", no cycle, no page shared) and exactly as long as its image needs; every key and
   *       value within its codec's bound and decodable; keys strictly increasing across the whole
   *       tree by the codec's order; every leaf at the same depth;
   *   <li>the header's length equal to the entries counted;
   *   <li>the allocator: header magic, version and chunk size; every chunk header "CHK" with the
   *       right allocated flag; the free list ending (no cycle) and below its frontier; the
   *       allocated count equal to the chunks the tree reaches (nodes and overflow pages); free
   *       plus allocated equal to the chunks below the frontier; no chunk both free and in use, and
   *       none neither (leaked).
   * </ul>
   *
   * Findings about a node carry the node's address; about a header field, the field's. Counts:
   * {@code entries}, {@code nodes}, {@code leafNodes}, {@code internalNodes}, {@code depth}, {@code
   * overflowPages}, {@code chunkSize}, {@code freeChunks}, {@code allocatedChunks}, {@code
   * totalChunks} and {@code bytesUsed} (the last three once the free list is walked).
   *
   * @return the report; {@link dev.stablestructures.VerifyReport#assertOk()} throws if it has
   *     findings
   */
  public dev.stablestructures.VerifyReport verify() {
    return BTreeVerifier.verify(
        tree.memory(), tree.keyCodec(), tree.valueCodec(), tree.rootAddress(), tree.size());
  }

  /**
   * Returns the memory the map lives in (the crate's {@code into_memory}, without giving it up).
   *
   * @return the memory
   */
  public Memory memory() {
    return tree.memory();
  }

  /**
   * Stores a value, as the crate's {@code insert}; the same as {@link #put}.
   *
   * @param key the key, not null
   * @param value the value, not null
   * @return the previous value, or null if the key was new
   * @throws BoundExceededException if the key or value breaks its bound (nothing is written)
   */
  public V insert(K key, V value) {
    return put(key, value);
  }

  /**
   * Counts the entries, without the {@code int} limit of {@link #size()}.
   *
   * @return the number of entries
   */
  @Override
  public long longSize() {
    return tree.size();
  }

  /**
   * Removes the entry with the smallest key in one pass down the tree, as the crate's {@code
   * pop_first}.
   *
   * @return the removed entry (an immutable snapshot), or null when empty
   */
  public Map.Entry<K, V> popFirst() {
    return tree.popFirst();
  }

  /**
   * Removes the entry with the largest key in one pass down the tree, as the crate's {@code
   * pop_last}.
   *
   * @return the removed entry (an immutable snapshot), or null when empty
   */
  public Map.Entry<K, V> popLast() {
    return tree.popLast();
  }

  /**
   * Empties the map in O(1), as the crate's {@code clear_new}: the allocator is reset and memory is
   * kept (never shrunk or zeroed).
   */
  public void clearNew() {
    tree.clearNew();
  }

  /**
   * Iterates the entries of a key range in ascending order, as the crate's {@code range}. Values
   * are decoded only when {@code getValue()} is called. An inverted or empty range gives an empty
   * iterator, not an error (the crate's behaviour). The iterator supports {@code remove()} and
   * fails fast; its entries are read-only.
   *
   * @param from the lower bound, or null for none
   * @param fromInclusive whether {@code from} itself is included
   * @param to the upper bound, or null for none
   * @param toInclusive whether {@code to} itself is included
   * @return the iterator
   */
  public Iterator<Map.Entry<K, V>> range(K from, boolean fromInclusive, K to, boolean toInclusive) {
    if (isInverted(from, fromInclusive, to, toInclusive)) {
      return Collections.emptyIterator();
    }
    return ViewIterator.over(
        tree, from, fromInclusive, to, toInclusive, false, ViewIterator.Kind.READ_ONLY_ENTRIES);
  }

  /**
   * Hands every entry, in ascending key order, to {@code action} as primitive {@code long}s: the
   * fastest walk of a map whose keys and values are both {@code u64} or {@code i64} ({@link
   * dev.stablestructures.codec.Codecs#u64()}, {@link dev.stablestructures.codec.Codecs#i64()}). It
   * boxes nothing and makes no entry objects; otherwise it behaves as {@link Map#forEach}:
   * overwrites made by the action are seen as by an iterator, a key added or removed fails the walk
   * with {@link java.util.ConcurrentModificationException}, and a damaged node is a {@link
   * dev.stablestructures.CorruptedStructureException}.
   *
   * @param action what takes each key and value
   * @throws IllegalStateException if the key or the value codec is neither {@code u64} nor {@code
   *     i64}
   */
  public void forEachLong(LongEntryConsumer action) {
    forEachLong(null, false, null, false, action);
  }

  /**
   * Hands the entries of a key range, in ascending order, to {@code action} as primitive {@code
   * long}s, as {@link #forEachLong(LongEntryConsumer)} does for the whole map. Bounds as {@link
   * #range}: null for none; an inverted or empty range hands nothing.
   *
   * @param from the lower bound, or null for none
   * @param fromInclusive whether {@code from} itself is included
   * @param to the upper bound, or null for none
   * @param toInclusive whether {@code to} itself is included
   * @param action what takes each key and value
   * @throws IllegalStateException if the key or the value codec is neither {@code u64} nor {@code
   *     i64}
   */
  public void forEachLong(
      K from, boolean fromInclusive, K to, boolean toInclusive, LongEntryConsumer action) {
    Objects.requireNonNull(action, "action");
    long keyFlip = LongBits.signFlip(keyCodec(), "key");
    long valueFlip = LongBits.signFlip(valueCodec(), "value");
    if (isInverted(from, fromInclusive, to, toInclusive)) {
      return;
    }
    new EntryIterator<>(tree, from, fromInclusive, to, toInclusive, false, false)
        .forEachRemainingLong(keyFlip, valueFlip, action);
  }

  /**
   * Iterates from the largest key strictly below {@code bound} to the end of the map, as the
   * crate's {@code iter_from_prev_key}: with keys 0, 10, ..., 90, a bound of 35 or 40 starts at 30.
   * Empty if no key is below the bound, even when keys above it exist.
   *
   * @param bound the bound, not null
   * @return the iterator (lazy values, {@code remove()} supported, fails fast)
   */
  public Iterator<Map.Entry<K, V>> iterFromPrevKey(K bound) {
    checkKey(bound);
    K start = lowerKey(bound);
    if (start == null) {
      return Collections.emptyIterator();
    }
    return ViewIterator.over(
        tree, start, true, null, false, false, ViewIterator.Kind.READ_ONLY_ENTRIES);
  }

  /**
   * Counts the entries of a key range without decoding values (the crate's specialized {@code
   * count}). An inverted range counts 0.
   *
   * @param from the lower bound, or null for none
   * @param fromInclusive whether {@code from} itself is included
   * @param to the upper bound, or null for none
   * @param toInclusive whether {@code to} itself is included
   * @return the number of entries in the range
   */
  public long count(K from, boolean fromInclusive, K to, boolean toInclusive) {
    if (isInverted(from, fromInclusive, to, toInclusive)) {
      return 0;
    }
    return tree.count(from, fromInclusive, to, toInclusive);
  }

  private boolean isInverted(K from, boolean fromInclusive, K to, boolean toInclusive) {
    if (from == null || to == null) {
      return false;
    }
    int c = tree.keyCodec().compare(from, to);
    return c > 0 || (c == 0 && !(fromInclusive && toInclusive));
  }

  /**
   * A key set view whose {@code add(k)} stores {@code (k, mappedValue)}, like {@code
   * ConcurrentHashMap.keySet(V)}. Its sub-views inherit the value. A set is such a view over a map
   * to {@code ()}.
   *
   * @param mappedValue the value stored for added keys, not null
   * @return the live key set
   */
  public NavigableSet<K> navigableKeySet(V mappedValue) {
    checkValue(mappedValue);
    return keySetView(mappedValue);
  }

  // ---- Map: the hot lookups straight to the tree, past the range checks ----

  /**
   * Returns the number of entries, or {@code Integer.MAX_VALUE} if there are more; see {@link
   * #longSize()}.
   */
  @Override
  public int size() {
    return (int) Math.min(tree.size(), Integer.MAX_VALUE);
  }

  /**
   * Returns the value stored for a key, or null.
   *
   * @throws NullPointerException if the key is null
   * @throws ClassCastException if the key is not of the key type
   */
  @Override
  public V get(Object key) {
    return tree.get(key(key));
  }

  /**
   * Tells whether a key is stored, without decoding its value.
   *
   * @throws NullPointerException if the key is null
   */
  @Override
  public boolean containsKey(Object key) {
    return tree.containsKey(key(key));
  }

  /**
   * Stores a value under a key.
   *
   * @throws NullPointerException if the key or value is null
   * @throws BoundExceededException if the key or value breaks its bound (nothing is written)
   */
  @Override
  public V put(K key, V value) {
    checkKey(key);
    checkValue(value);
    return tree.insert(key, value);
  }

  /**
   * Removes a key.
   *
   * @throws NullPointerException if the key is null
   */
  @Override
  public V remove(Object key) {
    return tree.remove(key(key));
  }

  /** Empties the map in O(1); the same as {@link #clearNew()}. */
  @Override
  public void clear() {
    clearNew();
  }

  // ---- NavigableMap: the range's, but for what the crate names ----

  /** Returns the key codec: the map's order is the crate's order, not the keys' natural one. */
  @Override
  public Codec<K> comparator() {
    return tree.keyCodec();
  }

  /** Removes the first entry; the same as {@link #popFirst()}. */
  @Override
  public Map.Entry<K, V> pollFirstEntry() {
    return popFirst();
  }

  /** Removes the last entry; the same as {@link #popLast()}. */
  @Override
  public Map.Entry<K, V> pollLastEntry() {
    return popLast();
  }
}
