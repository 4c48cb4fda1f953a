package dev.stablestructures.btreemap;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.OrderedLongCodec;
import dev.stablestructures.internal.ToolHooks;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The stored B-tree of the crate's {@code BTreeMap}, byte-identical to ic-stable-structures at
 * b5d1650: the same header, allocator, node layouts, and the same sequence of allocations, frees
 * and writes for every operation, so that replaying the same operations yields the same image.
 *
 * <pre>
 * Memory layout:
 * +--------+------+--------------------------------------------------------------+
 * | offset | size | content                                                      |
 * +--------+------+--------------------------------------------------------------+
 * |   0    |  28  | map header "BTR" (see {@link BTreeHeader})                   |
 * |  28    |  24  | reserved                                                     |
 * |  52    |  48  | allocator header "BTA" (see {@link Allocator})               |
 * | 100    |  ..  | chunks: 16-byte "CHK" header + node or overflow page         |
 * +--------+------+--------------------------------------------------------------+
 * </pre>
 *
 * Nodes hold 1 to 11 entries (minimum degree B = 6; see {@link NodeStore} for the node bytes).
 * Insert is the crate's single-pass top-down insert (a full node is split into 5 + median + 5, the
 * new right sibling is allocated, then saved before the left half and the parent). Remove, {@code
 * popFirst} and {@code popLast} are the crate's single-pass deletes: rotate from the left sibling,
 * else from the right, else merge with the left, else with the right.
 *
 * <p><b>Migrated V1 maps.</b> {@link #load} migrates a V1 map in memory, as the crate: new nodes
 * are V2 with the V1 node size as page size, old V1 nodes stay V1 when rewritten, and the header
 * keeps version byte 1. The crate corrupts a V1 node when a key or value longer than its slot is
 * stored in it (opened with unbounded codecs). This class never does: a V1 node whose entries no
 * longer fit its slots is rewritten as a V2 node at the same address. That is always possible,
 * because the chunk of a V1 node is exactly one V2 page of the migrated map, and the crate reads
 * such a node back correctly. For maps whose entries fit the slots the bytes equal the crate's.
 *
 * <p><b>Compatibility checks on load.</b> A V1 (or legacy V2-derived) header is rejected with
 * {@link IncompatibleLayoutException} if a bounded codec declares a larger maximum than the stored
 * slot (the crate's documented rule: bounds may not grow); unbounded codecs are accepted (the
 * crate's bounded-to-unbounded migration). A V2 page size below 128 bytes is rejected. V2 nodes
 * work with any page size, so no other check applies; whether keys are fixed-size is not recorded
 * in the format and cannot be checked.
 *
 * <p><b>Atomic mutations.</b> Memory grows lazily, exactly when the crate grows it (that decides
 * the image size), so a grow can be refused in the middle of an insert, remove or pop, after part
 * of it is written. Every write therefore goes through a {@link JournaledMemory} around the user's
 * memory; each mutation runs in one journal transaction and, if it throws (GrowFailedException, a
 * damaged node found half-way, a codec failure), the memory is rolled back and the cached root,
 * length, allocator fields and modCount are restored before the exception is rethrown. A failed
 * call thus leaves the image as it was, apart from zero-filled pages a successful grow added. Reads
 * go to the user's memory directly.
 *
 * <p><b>Reads.</b> A search copies the first bytes of each node on its path into one heap buffer
 * with a single bulk read (all of a small node: header, children and keys), so the loads of a level
 * overlap instead of waiting on each other, and then compares in the buffer. Keys of an {@link
 * OrderedLongCodec} (u64, i64) are searched as primitives with a branch-free linear scan of the
 * node and the probe key is never encoded; other byte-ordered keys compare on the stored bytes.
 * Nothing is allocated per tree level. For such keys an {@link InternalNodeCache} of decoded
 * internal nodes serves the upper levels of lookups and of the insert descent.
 *
 * <p><b>Writes.</b> An insert descends in place and loads (decodes) only the nodes it changes. A
 * new entry going into a non-full V2 leaf that keeps fitting its page is spliced into the leaf's
 * copied bytes and written once, without decoding the node; the bytes are those the load-insert-
 * save path writes. A removal from a leaf that keeps an entry is spliced out the same way. Not
 * thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BTree<K, V> implements TreeOps<K, V> {
  private static final int DEFAULT_PAGE_SIZE = 1024;
  private static final int MINIMUM_PAGE_SIZE = 128;
  private static final long FIRST_NODE = BTreeHeader.ALLOCATOR_OFFSET + 64;

  /**
   * Internal nodes a long-keyed tree caches by default: 208 bytes each, one per 64 entries, so at
   * most 3.25 MiB of heap, reached at a million entries.
   */
  static final int DEFAULT_CACHED_NODES = 16384;

  /** The most bytes of a node a search copies at once (all of a u64-to-u64 node). */
  private static final int MAX_WINDOW = 1024;

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** The user's memory; in-place reads go straight to it. */
  private final Memory memory;

  /** The same memory through the undo journal: every write goes here (see {@link #begin}). */
  private final JournaledMemory journal;

  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;
  private final BTreeHeader header;
  private final Allocator allocator;
  private final NodeStore store;
  private final boolean byteOrdered;
  private final int fixedKeySize;
  private final boolean longKeys;

  /** The key codec when it is an {@link OrderedLongCodec}, else null. */
  private final OrderedLongCodec<K> longKeyCodec;

  /** Decoded internal nodes for searches of long keys; null when off or keys are not longs. */
  private InternalNodeCache nodeCache;

  /**
   * The node cache's epoch: its entries are valid only while this is unchanged. Node writes remove
   * their own entry ({@link #forgetCached}); a rollback or a clear moves the epoch.
   */
  private long cacheEpoch;

  private final int newNodeVersion;
  private final int pageSize;

  private long root;
  private long length;
  private int modCount;
  private long writeCount;

  /** Whether mutations are journaled and rolled back on failure (off only to measure the cost). */
  private boolean atomic = !ToolHooks.undoJournalDisabled();

  // In-heap state at the start of the running mutation, restored if it fails.
  private long savedRoot;
  private long savedLength;
  private int savedModCount;
  private long savedAllocatedChunks;
  private long savedFreeListHead;

  // Scratch state of the in-place search (the tree is single-threaded).
  private long cursorAddress;
  private int cursorVersion;
  private int cursorCount;
  private boolean cursorLeaf;
  private long cursorKeysEnd;

  /**
   * Where the cursor node's keys start when they are fixed-size and V2 (then {@link #keyOffsets} is
   * not filled), else -1.
   */
  private int cursorFixedKeysStart;

  private long cursorFirstOverflow;
  private boolean cursorChainRead;
  private long[] cursorOverflows = new long[8];
  private int cursorOverflowCount;
  private final long[] keyOffsets = new long[Node.CAPACITY];
  private final int[] keyLengths = new int[Node.CAPACITY];
  private byte[] scratch = new byte[64];

  /** The first {@link #window} bytes of the cursor node, copied by {@link #openCursor}. */
  private final byte[] window;

  /** Where {@link #spliceIntoCursorLeaf} builds a leaf's new bytes. */
  private final byte[] splice;

  private BTree(
      JournaledMemory journal,
      Codec<K> keyCodec,
      Codec<V> valueCodec,
      BTreeHeader header,
      Allocator allocator,
      long root,
      long length) {
    this.journal = journal;
    this.memory = journal.delegate();
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    this.header = header;
    this.allocator = allocator;
    this.root = root;
    this.length = length;
    Bound keyBound = keyCodec.bound();
    this.fixedKeySize = keyBound.isFixedSize() ? keyBound.maxSize() : -1;
    this.byteOrdered = keyCodec.isByteOrdered();
    this.longKeys = byteOrdered && fixedKeySize == 8;
    this.longKeyCodec =
        keyCodec instanceof OrderedLongCodec ? (OrderedLongCodec<K>) keyCodec : null;
    long page = header.pageSize();
    this.pageSize = (int) page;
    this.window = new byte[Math.min(pageSize, MAX_WINDOW)];
    this.splice = new byte[window.length];
    this.nodeCache = longKeys ? new InternalNodeCache(DEFAULT_CACHED_NODES) : null;
    boolean derived = header.layout != BTreeHeader.Layout.V2_PAGE_SIZE;
    this.store =
        new NodeStore(
            journal,
            allocator,
            pageSize,
            derived ? header.a : -1,
            derived ? header.b : -1,
            fixedKeySize);
    this.newNodeVersion = header.layout == BTreeHeader.Layout.V1 ? 1 : 2;
  }

  // ================================================================ factories

  /**
   * Opens the map in {@code memory}, or creates a new (V2) one if the memory is empty.
   *
   * @throws BadMagicException if the memory holds something other than a B-tree map; it is left
   *     untouched
   */
  static <K, V> BTree<K, V> init(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    if (memory.size() == 0) {
      return create(memory, keyCodec, valueCodec);
    }
    return load(memory, keyCodec, valueCodec);
  }

  /**
   * Creates a new, empty V2 map, overwriting whatever the memory held (the crate's {@code new}).
   * The page size is ¾ of the largest V1 node when both codecs are bounded, else 1024.
   */
  static <K, V> BTree<K, V> create(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    if (ToolHooks.v1LayoutRequested()) {
      return createV1(memory, keyCodec, valueCodec);
    }
    long pageSize = DEFAULT_PAGE_SIZE;
    if (keyCodec.bound().isBounded() && valueCodec.bound().isBounded()) {
      long v1 = Node.v1Size(keyCodec.bound().maxSize(), valueCodec.bound().maxSize());
      pageSize = (v1 * 3 / 4) & 0xFFFFFFFFL;
    }
    if (pageSize > Integer.MAX_VALUE / 2 || pageSize < MINIMUM_PAGE_SIZE) {
      throw new IncompatibleLayoutException(
          "the codecs' bounds give a page size of " + pageSize + " bytes, outside [128, 2^30)");
    }
    BTreeHeader header = BTreeHeader.pageSize(pageSize);
    JournaledMemory journal = new JournaledMemory(memory);
    Allocator allocator = Allocator.create(journal, BTreeHeader.ALLOCATOR_OFFSET, pageSize);
    BTree<K, V> tree = new BTree<>(journal, keyCodec, valueCodec, header, allocator, 0, 0);
    tree.saveHeader();
    return tree;
  }

  /**
   * Creates a new V1 map (fixed-size nodes), as the crate's test-only {@code new_v1}. Only for
   * tests and compatibility vectors: new maps are V2.
   */
  static <K, V> BTree<K, V> createV1(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    if (!keyCodec.bound().isBounded() || !valueCodec.bound().isBounded()) {
      throw new IllegalArgumentException("the V1 layout needs bounded key and value codecs");
    }
    long maxKey = keyCodec.bound().maxSize();
    long maxValue = valueCodec.bound().maxSize();
    BTreeHeader header = new BTreeHeader(BTreeHeader.Layout.V1, maxKey, maxValue);
    JournaledMemory journal = new JournaledMemory(memory);
    Allocator allocator =
        Allocator.create(journal, BTreeHeader.ALLOCATOR_OFFSET, Node.v1Size(maxKey, maxValue));
    BTree<K, V> tree = new BTree<>(journal, keyCodec, valueCodec, header, allocator, 0, 0);
    tree.saveHeader();
    return tree;
  }

  /**
   * Opens an existing map, migrating a V1 map to V2 in memory as the crate's {@code load}.
   *
   * @throws BadMagicException if the memory holds no B-tree map
   * @throws dev.stablestructures.UnsupportedVersionException if the layout version is unknown
   * @throws IncompatibleLayoutException if the stored layout cannot hold the codecs' encodings
   * @throws CorruptedStructureException if the allocator header or root is damaged
   */
  static <K, V> BTree<K, V> load(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    if (memory.sizeInBytes() < FIRST_NODE) {
      if (memory.size() == 0) {
        throw new BadMagicException("found an empty memory, not a B-tree map ('BTR')");
      }
      throw new CorruptedStructureException("the memory is too small for a B-tree map");
    }
    BTreeHeader.Stored stored = BTreeHeader.read(memory);
    BTreeHeader header = stored.header;
    if (header.layout == BTreeHeader.Layout.V2_PAGE_SIZE) {
      if (header.a < MINIMUM_PAGE_SIZE) {
        throw new IncompatibleLayoutException(
            "stored page size " + header.a + " is below the minimum of " + MINIMUM_PAGE_SIZE);
      }
    } else {
      checkSlot("key", keyCodec.bound(), header.a);
      checkSlot("value", valueCodec.bound(), header.b);
      header = new BTreeHeader(BTreeHeader.Layout.V2_DERIVED, header.a, header.b);
    }
    long pageSize = header.pageSize();
    if (pageSize > Integer.MAX_VALUE / 2) {
      throw new CorruptedStructureException("stored page size " + pageSize + " is implausible");
    }
    JournaledMemory journal = new JournaledMemory(memory);
    Allocator allocator = Allocator.load(journal, BTreeHeader.ALLOCATOR_OFFSET, pageSize);
    BTree<K, V> tree =
        new BTree<>(journal, keyCodec, valueCodec, header, allocator, stored.root, stored.length);
    if (stored.root != 0) {
      tree.store.checkNodeAddress(stored.root, "root");
    }
    if ((stored.root == 0) != (stored.length == 0) || stored.length < 0) {
      throw new CorruptedStructureException(
          "root " + stored.root + " does not match length " + stored.length);
    }
    return tree;
  }

  private static void checkSlot(String what, Bound bound, long stored) {
    if (bound.isBounded() && bound.maxSize() > stored) {
      throw new IncompatibleLayoutException(
          "the stored V1 map has "
              + what
              + " slots of "
              + stored
              + " bytes, but the "
              + what
              + " codec allows "
              + bound.maxSize()
              + "; a bounded type may not grow (use an unbounded codec to migrate)");
    }
  }

  // ================================================================ simple accessors

  @Override
  public Codec<K> keyCodec() {
    return keyCodec;
  }

  @Override
  public Codec<V> valueCodec() {
    return valueCodec;
  }

  @Override
  public Memory memory() {
    return memory;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public int modCount() {
    return modCount;
  }

  /** The page size nodes are written with (the V1 node size for a migrated V1 map). */
  int pageSize() {
    return pageSize;
  }

  long rootAddress() {
    return root;
  }

  // ================================================================ reads (in place)

  @Override
  public V get(K key) {
    if (!locate(key)) {
      return null;
    }
    return readFoundValue();
  }

  @Override
  public boolean containsKey(K key) {
    return locate(key);
  }

  /**
   * Sets how many internal nodes lookups may cache (see {@link InternalNodeCache}); 0 turns the
   * cache off. Only trees whose keys are 8-byte ordered longs have one.
   */
  void setCachedNodes(int nodes) {
    if (nodes < 0) {
      throw new IllegalArgumentException("a node count cannot be negative: " + nodes);
    }
    if (nodes == 0 || !longKeys) {
      nodeCache = null;
      return;
    }
    nodeCache = new InternalNodeCache(Math.max(16, Integer.highestOneBit(nodes)));
  }

  /** The most internal nodes lookups cache; 0 when there is no cache. */
  int cachedNodes() {
    return nodeCache == null ? 0 : nodeCache.maxSlots();
  }

  /** Searches for a key, as a primitive when the codec allows; leaves the cursor on success. */
  private boolean locate(K key) {
    if (longKeyCodec != null) {
      long search = longKeyCodec.orderedLong(key);
      return root != 0 && locateLong(search);
    }
    byte[] encoded = keyCodec.encode(key);
    return root != 0 && locate(key, encoded);
  }

  private int foundIndex;

  /** Searches the tree in place; on success the cursor is left on the node and foundIndex set. */
  private boolean locate(K key, byte[] encoded) {
    long address = root;
    for (int depth = 0; ; depth++) {
      checkDepth(depth);
      openCursor(address);
      int idx = cursorSearch(key, encoded);
      if (idx >= 0) {
        foundIndex = idx;
        return true;
      }
      if (cursorLeaf) {
        return false;
      }
      address = cursorChild(-idx - 1);
    }
  }

  /**
   * {@link #locate(Object, byte[])} for a long key, through the node cache when there is one (see
   * {@link InternalNodeCache} for why its entries are always true to memory).
   */
  private boolean locateLong(long search) {
    InternalNodeCache cache = nodeCache;
    if (cache != null) {
      cache.fit(length);
    }
    long address = root;
    for (int depth = 0; ; depth++) {
      checkDepth(depth);
      if (cache != null) {
        int slot = cache.slot(address);
        if (cache.holds(slot, address, cacheEpoch)) {
          int idx = cache.search(slot, search);
          if (idx < 0) {
            address = cache.child(slot, -idx - 1);
            continue;
          }
          openCursor(address); // the value is read from the node itself
        } else {
          openCursor(address);
          if (!cursorLeaf && cache.mayTake(slot, depth, cacheEpoch)) {
            fillCache(cache, slot, address, depth);
          }
        }
      } else {
        openCursor(address);
      }
      int idx = cursorSearchLong(search);
      if (idx >= 0) {
        foundIndex = idx;
        return true;
      }
      if (cursorLeaf) {
        return false;
      }
      address = cursorChild(-idx - 1);
    }
  }

  /** Copies the internal cursor node's keys and children into a cache slot. */
  private void fillCache(InternalNodeCache cache, int slot, long address, int depth) {
    cache.clear(slot);
    for (int i = 0; i < cursorCount; i++) {
      cache.setKey(slot, i, storedLong(i));
    }
    for (int i = 0; i <= cursorCount; i++) {
      cache.setChild(slot, i, cursorChild(i));
    }
    cache.publish(slot, address, cacheEpoch, cursorCount, depth);
  }

  /**
   * Search of the cursor node in place: index if found, else -(insertion point) - 1. Keys that are
   * longs are scanned linearly, other keys by binary search.
   */
  private int cursorSearch(K key, byte[] encoded) {
    if (longKeys && encoded.length == 8) {
      return cursorSearchLong(toLong(encoded));
    }
    int low = 0;
    int high = cursorCount - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = compareAt(mid, key, encoded);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /**
   * Linear search of the cursor node for a key stored as 8 big-endian bytes. At most 11 keys, so a
   * branch-free count of the smaller keys beats a binary search, whose unpredictable branches make
   * each key load wait for the previous comparison. Result as {@link #cursorSearch}.
   */
  private int cursorSearchLong(long search) {
    int below = 0;
    int found = -1;
    int start = cursorFixedKeysStart;
    if (start >= 0 && fixedKeySize == 8 && start + 8 * cursorCount <= window.length) {
      // The common case: every key in the copied window, 8 bytes apart.
      for (int i = 0; i < cursorCount; i++) {
        long stored = (long) LONG_BE.get(window, start + 8 * i);
        below += Long.compareUnsigned(stored, search) < 0 ? 1 : 0;
        found = stored == search ? i : found;
      }
      return found >= 0 ? found : -(below + 1);
    }
    for (int i = 0; i < cursorCount; i++) {
      long stored = storedLong(i);
      below += Long.compareUnsigned(stored, search) < 0 ? 1 : 0;
      found = stored == search ? i : found;
    }
    return found >= 0 ? found : -(below + 1);
  }

  private long keyOffset(int index) {
    return cursorFixedKeysStart >= 0
        ? cursorFixedKeysStart + (long) fixedKeySize * index
        : keyOffsets[index];
  }

  private int keyLength(int index) {
    return cursorFixedKeysStart >= 0 ? fixedKeySize : keyLengths[index];
  }

  /** Key {@code index} of the cursor node as a big-endian long; the key must be 8 bytes long. */
  private long storedLong(int index) {
    long offset = keyOffset(index);
    if (keyLength(index) != 8) {
      throw new CorruptedStructureException(
          "node at " + cursorAddress + " holds a key of " + keyLength(index) + " bytes, not 8");
    }
    if (offset + 8 <= window.length) {
      return (long) LONG_BE.get(window, (int) offset);
    }
    cursorRead(offset, 8);
    return toLong(scratch);
  }

  /**
   * The number of entries a node's header claims, read without loading the node; enough to decide
   * whether the descent passes through it untouched. Loading it later validates it fully.
   */
  private int peekCount(long address) {
    store.checkNodeAddress(address, "child");
    return memory.readShortLE(address + 5);
  }

  private static long toLong(byte[] b) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (b[i] & 0xFF);
    }
    return v;
  }

  private void openCursor(long address) {
    store.checkNodeAddress(address, "node");
    // In bounds: a chunk's data address leaves at least one allocation, of at least a page.
    memory.read(address, window, 0, window.length);
    int header =
        NodeStore.checkHeader(
            address,
            (int) INT_LE.get(window, 0),
            window[4],
            (short) SHORT_LE.get(window, 5) & 0xFFFF);
    int version = header >>> 16;
    int type = (header >>> 8) & 0xFF;
    int count = header & 0xFF;
    cursorAddress = address;
    cursorVersion = version;
    cursorCount = count;
    cursorLeaf = type == 0;
    cursorChainRead = false;
    cursorOverflowCount = 0;
    if (version == 1) {
      if (!store.v1Allowed()) {
        throw new CorruptedStructureException("V1 node at " + address + " in a V2 map");
      }
      cursorFixedKeysStart = -1;
      long entry = store.v1EntrySize();
      long max = store.maxKeySize();
      for (int i = 0; i < count; i++) {
        long at = 7 + i * entry;
        long len = memory.readIntLE(address + at) & 0xFFFFFFFFL;
        if (len > max) {
          throw new CorruptedStructureException(
              "V1 node at " + address + ": key of " + len + " bytes in a " + max + " slot");
        }
        keyOffsets[i] = at + 4;
        keyLengths[i] = (int) len;
      }
    } else if (version == 2) {
      cursorFirstOverflow = cursorLong(7);
      long offset = cursorLeaf ? 15 : 15 + 8L * (count + 1);
      if (fixedKeySize >= 0) {
        cursorFixedKeysStart = (int) offset;
        offset += (long) fixedKeySize * count;
      } else {
        cursorFixedKeysStart = -1;
        for (int i = 0; i < count; i++) {
          long len = cursorInt(offset) & 0xFFFFFFFFL;
          offset += 4;
          cursorCheck(offset, len);
          keyOffsets[i] = offset;
          keyLengths[i] = (int) len;
          offset += len;
        }
      }
      cursorKeysEnd = offset;
    } else {
      throw new CorruptedStructureException("unknown node version " + version + " at " + address);
    }
  }

  private long cursorChild(int index) {
    if (cursorVersion == 1) {
      return memory.readLongLE(cursorAddress + 7 + cursorCount * store.v1EntrySize() + 8L * index);
    }
    return cursorLong(15 + 8L * index);
  }

  private int compareAt(int index, K key, byte[] encoded) {
    long offset = keyOffset(index);
    int len = keyLength(index);
    if (byteOrdered && offset + len <= window.length) {
      int from = (int) offset;
      return Arrays.compareUnsigned(window, from, from + len, encoded, 0, encoded.length);
    }
    cursorRead(offset, len);
    if (byteOrdered) {
      return Arrays.compareUnsigned(scratch, 0, len, encoded, 0, encoded.length);
    }
    return keyCodec.compare(keyCodec.decode(scratch, 0, len), key);
  }

  private V readFoundValue() {
    long offset;
    long len;
    if (cursorVersion == 1) {
      offset = 7 + foundIndex * store.v1EntrySize() + 4 + store.maxKeySize();
      len = memory.readIntLE(cursorAddress + offset) & 0xFFFFFFFFL;
      if (len > store.maxValueSize()) {
        throw new CorruptedStructureException("V1 value longer than its slot");
      }
      offset += 4;
    } else {
      offset = cursorKeysEnd;
      for (int i = 0; ; i++) {
        len = cursorInt(offset) & 0xFFFFFFFFL;
        offset += 4;
        cursorCheck(offset, len);
        if (i == foundIndex) {
          break;
        }
        offset += len;
      }
    }
    if (offset + len <= window.length) {
      return valueCodec.decode(window, (int) offset, (int) len);
    }
    if (offset + len <= pageSize) {
      return valueCodec.read(memory, cursorAddress + offset, (int) len);
    }
    byte[] bytes = new byte[(int) len];
    readCursorInto(offset, bytes, (int) len);
    return valueCodec.decode(bytes, 0, bytes.length);
  }

  private int cursorInt(long offset) {
    if (offset + 4 <= window.length) {
      return (int) INT_LE.get(window, (int) offset);
    }
    if (offset + 4 <= pageSize) {
      return memory.readIntLE(cursorAddress + offset);
    }
    cursorRead(offset, 4);
    return (scratch[0] & 0xFF)
        | (scratch[1] & 0xFF) << 8
        | (scratch[2] & 0xFF) << 16
        | scratch[3] << 24;
  }

  private long cursorLong(long offset) {
    if (offset + 8 <= window.length) {
      return (long) LONG_LE.get(window, (int) offset);
    }
    if (offset + 8 <= pageSize) {
      return memory.readLongLE(cursorAddress + offset);
    }
    cursorRead(offset, 8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (scratch[i] & 0xFF);
    }
    return v;
  }

  /** Reads a range of the cursor node into {@link #scratch}. */
  private void cursorRead(long offset, int len) {
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    readCursorInto(offset, scratch, len);
  }

  private void readCursorInto(long offset, byte[] dst, int len) {
    if (offset + len <= pageSize) {
      memory.read(cursorAddress + offset, dst, 0, len);
      return;
    }
    cursorCheck(offset, len);
    store.readVirtual(cursorAddress, cursorOverflows, offset, dst, 0, len);
  }

  /** Checks that a range lies in the cursor node's pages, reading its overflow chain if needed. */
  private void cursorCheck(long offset, long len) {
    if (offset + len <= pageSize) {
      return;
    }
    if (cursorVersion == 1) {
      throw new CorruptedStructureException("V1 node at " + cursorAddress + " overruns its chunk");
    }
    if (!cursorChainRead) {
      long next = cursorFirstOverflow;
      long limit = memory.sizeInBytes() / allocator.chunkStride() + 1;
      int n = 0;
      while (next != 0) {
        if (n >= limit) {
          throw new CorruptedStructureException("overflow chain of " + cursorAddress + " loops");
        }
        store.checkNodeAddress(next, "overflow page");
        if (memory.readByte(next) != 'N'
            || memory.readByte(next + 1) != 'O'
            || memory.readByte(next + 2) != 'F') {
          throw new CorruptedStructureException("bad overflow page magic at " + next);
        }
        if (n == cursorOverflows.length) {
          cursorOverflows = Arrays.copyOf(cursorOverflows, n * 2);
        }
        cursorOverflows[n++] = next;
        next = memory.readLongLE(next + 3);
      }
      cursorOverflowCount = n;
      cursorChainRead = true;
    }
    long capacity = pageSize + (long) cursorOverflowCount * (pageSize - 11);
    if (offset + len > capacity) {
      throw new CorruptedStructureException(
          "node at " + cursorAddress + " stores " + len + " bytes past its pages");
    }
  }

  // ================================================================ node helpers

  private Node loadNode(long address) {
    return store.load(address, writeCount);
  }

  private void saveNode(Node node) {
    forgetCached(node.address);
    store.save(node);
  }

  /** Keeps the node cache true to memory: called before any write of a node's bytes. */
  private void forgetCached(long address) {
    if (nodeCache != null) {
      nodeCache.forget(address);
    }
  }

  private void saveHeader() {
    BTreeHeader.write(journal, header, root, length);
  }

  private Node allocateNode(boolean leaf) {
    return store.allocate(leaf, newNodeVersion);
  }

  private void deallocateNode(Node node) {
    store.deallocate(node);
  }

  /** Binary search of a materialized node: index if found, else -(insertion point) - 1. */
  private int search(Node node, K key, byte[] encoded) {
    int low = 0;
    int high = node.count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = compareStored(node.keys[mid], key, encoded);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private int compareStored(byte[] stored, K key, byte[] encoded) {
    if (byteOrdered) {
      return Arrays.compareUnsigned(stored, encoded);
    }
    return keyCodec.compare(keyCodec.decode(stored), key);
  }

  private int compareEncoded(byte[] a, byte[] b) {
    if (byteOrdered) {
      return Arrays.compareUnsigned(a, b);
    }
    return keyCodec.compare(keyCodec.decode(a), keyCodec.decode(b));
  }

  private static void checkDepth(int depth) {
    if (depth > NodeStore.MAX_DEPTH) {
      throw new CorruptedStructureException("the tree is deeper than " + NodeStore.MAX_DEPTH);
    }
  }

  // ================================================================ atomic mutations

  /**
   * Starts a mutation: opens a journal transaction and remembers the in-heap state. Every mutation
   * is {@code begin(); try { ...; commit(); } catch (Throwable t) { abort(t); throw t; }}, so that
   * a call that fails half-way (the memory refused to grow, a damaged node was found, a codec
   * threw) leaves the image, and this object, as they were. Memory is still grown lazily, exactly
   * when the crate grows it, so successful calls write the crate's bytes.
   */
  private void begin() {
    if (!atomic) {
      return;
    }
    journal.begin();
    savedRoot = root;
    savedLength = length;
    savedModCount = modCount;
    savedAllocatedChunks = allocator.allocatedChunks();
    savedFreeListHead = allocator.freeListHead();
  }

  private void commit() {
    if (atomic) {
      journal.commit();
    }
  }

  /**
   * Undoes the running mutation: restores every byte it wrote (pages it grew stay, zero-filled) and
   * the cached root, length and allocator fields. {@code modCount} is restored too, since the tree
   * is unchanged and open iterators stay valid; {@code writeCount} is not, so lazily read values of
   * earlier iterator entries are looked up again (always correct).
   */
  private void abort(Throwable failure) {
    if (!atomic) {
      return;
    }
    try {
      journal.rollback();
    } catch (Throwable undo) {
      failure.addSuppressed(undo);
    }
    cacheEpoch++; // the rollback rewrote nodes without saveNode
    root = savedRoot;
    length = savedLength;
    modCount = savedModCount;
    allocator.restore(savedAllocatedChunks, savedFreeListHead);
  }

  /** Turns journaling off or on; only for measuring its cost (a failed call may then corrupt). */
  void setAtomic(boolean atomic) {
    if (journal.isRecording()) {
      throw new IllegalStateException("a mutation is running");
    }
    this.atomic = atomic;
  }

  // ================================================================ insert

  @Override
  public V insert(K key, V value) {
    byte[] k = keyCodec.encodeChecked(key);
    byte[] v = valueCodec.encodeChecked(value);
    begin();
    try {
      V old = insertEncoded(key, k, v);
      commit();
      return old;
    } catch (Throwable t) {
      abort(t);
      throw t;
    }
  }

  private V insertEncoded(K key, byte[] k, byte[] v) {
    writeCount++;
    if (root == 0) {
      Node node = allocateNode(true);
      root = node.address;
      saveHeader();
      byte[] old = insertNonFull(node, 0, key, k, v);
      return old == null ? null : decodeValue(old);
    }
    openCursor(root);
    int idx = cursorSearch(key, k);
    Node node = null;
    if (idx >= 0) {
      Node rootNode = loadNode(root);
      return decodeValue(updateValue(rootNode, idx, v));
    }
    if (cursorCount >= Node.CAPACITY) {
      Node rootNode = loadNode(root);
      Node newRoot = allocateNode(false);
      newRoot.pushChild(root);
      root = newRoot.address;
      saveHeader();
      splitChild(newRoot, 0, rootNode);
      node = newRoot;
    }
    byte[] old = insertNonFull(node, root, key, k, v);
    return old == null ? null : decodeValue(old);
  }

  private V decodeValue(byte[] bytes) {
    return valueCodec.decode(bytes, 0, bytes.length);
  }

  /**
   * The crate's insert_nonfull, iteratively. {@code node} is null while descending in place through
   * nodes that will not change (then {@code address} names the node); a node is loaded only when it
   * is written.
   */
  private byte[] insertNonFull(Node node, long address, K key, byte[] k, byte[] v) {
    // The in-place parent of the node at `address`, 0 at the start (the caller made that node
    // non-full). A child is not peeked at before stepping into it: that read and the node's own
    // read would be two dependent cache misses per level. If it turns out full, the parent is
    // loaded and the step is redone the crate's way, which splits it.
    long parent = 0;
    for (int depth = 0; ; depth++) {
      checkDepth(depth);
      if (node == null && nodeCache != null && longKeys) {
        InternalNodeCache cache = nodeCache;
        cache.fit(length);
        int slot = cache.slot(address);
        if (cache.holds(slot, address, cacheEpoch)) {
          if (cache.count(slot) >= Node.CAPACITY && parent != 0) {
            node = loadNode(parent);
            parent = 0;
            continue;
          }
          int idx = cache.search(slot, toLong(k));
          if (idx < 0) {
            parent = address;
            address = cache.child(slot, -idx - 1);
            continue;
          }
          node = loadNode(address); // the key is here: update below
        }
      }
      if (node == null) {
        openCursor(address);
        if (cursorCount >= Node.CAPACITY && parent != 0) {
          node = loadNode(parent);
          parent = 0;
          continue;
        }
        int idx = cursorSearch(key, k);
        if (idx < 0 && !cursorLeaf) {
          if (nodeCache != null && longKeys) {
            int slot = nodeCache.slot(address);
            if (nodeCache.mayTake(slot, depth, cacheEpoch)) {
              fillCache(nodeCache, slot, address, depth);
            }
          }
          parent = address;
          address = cursorChild(-idx - 1);
          continue;
        }
        if (idx < 0 && cursorLeaf && spliceIntoCursorLeaf(-idx - 1, k, v)) {
          length++;
          modCount++;
          saveHeader();
          return null;
        }
        node = loadNode(address);
      }
      parent = 0;
      int idx = search(node, key, k);
      if (idx >= 0) {
        return updateValue(node, idx, v);
      }
      idx = -idx - 1;
      if (node.leaf) {
        node.insertEntry(idx, k, v);
        saveNode(node);
        length++;
        modCount++;
        saveHeader();
        return null;
      }
      long childAddress = node.child(idx);
      if (peekCount(childAddress) < Node.CAPACITY) {
        node = null;
        address = childAddress;
        continue;
      }
      Node child = loadNode(childAddress);
      if (!child.isFull()) {
        throw new CorruptedStructureException("node " + childAddress + " changed while read");
      }
      int found = search(child, key, k);
      if (found >= 0) {
        return updateValue(child, found, v);
      }
      Node sibling = splitChild(node, idx, child);
      int again = search(node, key, k);
      int childIdx = again >= 0 ? again : -again - 1;
      node = childIdx == idx ? child : sibling;
    }
  }

  /**
   * Inserts a new entry at {@code index} into the cursor node, a non-full leaf, by splicing its
   * bytes in the copied window, when the leaf is V2, has no overflow page and still fits in the
   * window afterwards (always, for u64 keys and values). It writes exactly what loading the node,
   * inserting the entry and saving it would write (the same header, keys and values from offset 0;
   * bytes past the node stay as they were), without decoding a node.
   *
   * @return false, having written nothing, when the leaf does not qualify
   */
  private boolean spliceIntoCursorLeaf(int index, byte[] k, byte[] v) {
    if (cursorVersion != 2
        || !cursorLeaf
        || cursorFirstOverflow != 0
        || cursorCount >= Node.CAPACITY
        || cursorKeysEnd > window.length
        || (fixedKeySize >= 0 && k.length != fixedKeySize)) {
      return false;
    }
    int count = cursorCount;
    int keyPrefix = fixedKeySize >= 0 ? 0 : 4;
    int keysEnd = (int) cursorKeysEnd;
    int valueAt = -1;
    int end = keysEnd;
    for (int i = 0; i < count; i++) {
      if (i == index) {
        valueAt = end;
      }
      if (end + 4 > window.length) {
        return false;
      }
      long length = (int) INT_LE.get(window, end) & 0xFFFFFFFFL;
      end += 4;
      if (length > window.length - end) {
        return false;
      }
      end += (int) length;
    }
    if (valueAt < 0) {
      valueAt = end;
    }
    long newSize = (long) end + keyPrefix + k.length + 4 + v.length;
    if (newSize > window.length) {
      return false;
    }
    int keyAt = index < count ? (int) keyOffset(index) - keyPrefix : keysEnd;
    byte[] out = splice;
    System.arraycopy(window, 0, out, 0, keyAt);
    out[5] = (byte) (count + 1);
    out[6] = (byte) ((count + 1) >>> 8);
    int o = keyAt;
    if (keyPrefix == 4) {
      INT_LE.set(out, o, k.length);
      o += 4;
    }
    System.arraycopy(k, 0, out, o, k.length);
    o += k.length;
    System.arraycopy(window, keyAt, out, o, valueAt - keyAt);
    o += valueAt - keyAt;
    INT_LE.set(out, o, v.length);
    o += 4;
    System.arraycopy(v, 0, out, o, v.length);
    o += v.length;
    System.arraycopy(window, valueAt, out, o, end - valueAt);
    o += end - valueAt;
    forgetCached(cursorAddress);
    journal.write(cursorAddress, out, 0, o);
    return true;
  }

  /**
   * Removes entry {@code index} from the cursor node, a leaf that keeps at least one entry, by
   * splicing it out of the copied window, when the leaf is V2, has no overflow page and lies in the
   * window. It writes exactly what loading the node, removing the entry and saving it would write
   * (the shorter node from offset 0; the bytes past it stay as they were).
   *
   * @return the removed entry's value bytes, or null, having written nothing, when the leaf does
   *     not qualify
   */
  private byte[] spliceOutOfCursorLeaf(int index) {
    if (cursorVersion != 2
        || !cursorLeaf
        || cursorFirstOverflow != 0
        || cursorCount < 2
        || cursorKeysEnd > window.length) {
      return null;
    }
    int count = cursorCount;
    int keyPrefix = fixedKeySize >= 0 ? 0 : 4;
    int keysEnd = (int) cursorKeysEnd;
    int valueAt = -1;
    int valueEnd = -1;
    int end = keysEnd;
    for (int i = 0; i < count; i++) {
      if (end + 4 > window.length) {
        return null;
      }
      long length = (int) INT_LE.get(window, end) & 0xFFFFFFFFL;
      if (length > window.length - end - 4) {
        return null;
      }
      if (i == index) {
        valueAt = end;
        valueEnd = end + 4 + (int) length;
      }
      end += 4 + (int) length;
    }
    int keyAt = (int) keyOffset(index) - keyPrefix;
    int keyEnd = keyAt + keyPrefix + keyLength(index);
    byte[] value = Arrays.copyOfRange(window, valueAt + 4, valueEnd);
    byte[] out = splice;
    System.arraycopy(window, 0, out, 0, keyAt);
    out[5] = (byte) (count - 1);
    out[6] = (byte) ((count - 1) >>> 8);
    int o = keyAt;
    System.arraycopy(window, keyEnd, out, o, valueAt - keyEnd);
    o += valueAt - keyEnd;
    System.arraycopy(window, valueEnd, out, o, end - valueEnd);
    o += end - valueEnd;
    forgetCached(cursorAddress);
    journal.write(cursorAddress, out, 0, o);
    return value;
  }

  /** The crate's split_child; returns the new right sibling. */
  private Node splitChild(Node node, int fullChildIdx, Node fullChild) {
    modCount++;
    Node sibling = allocateNode(fullChild.leaf);
    node.insertChild(fullChildIdx + 1, sibling.address);
    store.materialize(fullChild);
    for (int i = Node.B; i < fullChild.count; i++) {
      sibling.insertEntry(sibling.count, fullChild.keys[i], fullChild.values[i]);
    }
    while (fullChild.count > Node.B) {
      fullChild.popEntry();
    }
    if (!fullChild.leaf) {
      for (int i = Node.B; i < fullChild.childCount; i++) {
        sibling.pushChild(fullChild.children[i]);
      }
      fullChild.childCount = Node.B;
    }
    byte[][] median = fullChild.popEntry();
    node.insertEntry(fullChildIdx, median[0], median[1]);
    saveNode(sibling);
    saveNode(fullChild);
    saveNode(node);
    return sibling;
  }

  private byte[] updateValue(Node node, int idx, byte[] value) {
    byte[] old = store.value(node, idx);
    node.values[idx] = value;
    saveNode(node);
    return old;
  }

  // ================================================================ remove

  @Override
  public V remove(K key) {
    if (root == 0) {
      return null;
    }
    byte[] k = keyCodec.encode(key);
    begin();
    try {
      writeCount++;
      byte[] old = removeHelper(null, root, key, k, 0);
      V result = old == null ? null : decodeValue(old);
      commit();
      return result;
    } catch (Throwable t) {
      abort(t);
      throw t;
    }
  }

  @Override
  public Map.Entry<K, V> popFirst() {
    return pop(false);
  }

  @Override
  public Map.Entry<K, V> popLast() {
    return pop(true);
  }

  private Map.Entry<K, V> pop(boolean last) {
    if (root == 0) {
      return null;
    }
    begin();
    try {
      writeCount++;
      byte[][] entry = last ? removeRightmost(null, root, 0) : removeLeftmost(null, root, 0);
      Map.Entry<K, V> result = entry == null ? null : toEntry(entry);
      commit();
      return result;
    } catch (Throwable t) {
      abort(t);
      throw t;
    }
  }

  private Map.Entry<K, V> toEntry(byte[][] entry) {
    return new AbstractMap.SimpleImmutableEntry<>(keyCodec.decode(entry[0]), decodeValue(entry[1]));
  }

  /** Takes entry {@code idx} out of a node with its value read. */
  private byte[][] takeEntry(Node node, int idx) {
    modCount++;
    store.value(node, idx);
    return node.removeEntry(idx);
  }

  private byte[][] swapEntry(Node node, int idx, byte[][] entry) {
    modCount++;
    store.value(node, idx);
    return node.swapEntry(idx, entry);
  }

  /**
   * The crate's remove_helper. {@code node} is null while descending in place through nodes that
   * can lose an entry and are not written (then {@code address} names the node).
   */
  private byte[] removeHelper(Node node, long address, K key, byte[] k, int depth) {
    while (node == null) {
      checkDepth(depth);
      openCursor(address);
      int idx = cursorSearch(key, k);
      if (cursorLeaf) {
        if (idx < 0) {
          return null;
        }
        byte[] value = spliceOutOfCursorLeaf(idx);
        if (value != null) {
          modCount++;
          length--;
          saveHeader();
          return value;
        }
      } else if (idx < 0) {
        long childAddress = cursorChild(-idx - 1);
        if (peekCount(childAddress) >= Node.B) {
          address = childAddress;
          depth++;
          continue;
        }
      }
      node = loadNode(address);
    }
    checkDepth(depth);
    int idx = search(node, key, k);
    if (node.leaf) {
      if (idx < 0) {
        return null;
      }
      byte[] value = takeEntry(node, idx)[1];
      length--;
      if (node.count == 0) {
        deallocateNode(node);
        root = 0;
      } else {
        saveNode(node);
      }
      saveHeader();
      return value;
    }
    if (idx >= 0) {
      long leftAddress = node.child(idx);
      if (peekCount(leftAddress) >= Node.B) {
        byte[][] predecessor = removeRightmost(null, leftAddress, depth + 1);
        if (predecessor == null) {
          return null;
        }
        byte[][] old = swapEntry(node, idx, predecessor);
        saveNode(node);
        return old[1];
      }
      long rightAddress = node.child(idx + 1);
      if (peekCount(rightAddress) >= Node.B) {
        byte[][] successor = removeLeftmost(null, rightAddress, depth + 1);
        if (successor == null) {
          return null;
        }
        byte[][] old = swapEntry(node, idx, successor);
        saveNode(node);
        return old[1];
      }
      Node left = loadNode(leftAddress);
      Node right = loadNode(rightAddress);
      Node merged = merge(right, left, takeEntry(node, idx));
      node.removeChild(idx + 1);
      if (node.count == 0) {
        root = merged.address;
        deallocateNode(node);
        saveHeader();
      } else {
        saveNode(node);
      }
      saveNode(merged);
      return removeHelper(merged, 0, key, k, depth + 1);
    }
    idx = -idx - 1;
    long childAddress = node.child(idx);
    if (peekCount(childAddress) >= Node.B) {
      return removeHelper(null, childAddress, key, k, depth + 1);
    }
    Node child = loadNode(childAddress);
    Node left = idx > 0 ? loadNode(node.child(idx - 1)) : null;
    Node right = idx + 1 < node.childCount ? loadNode(node.child(idx + 1)) : null;
    if (left != null && left.canRemoveEntryWithoutMerging()) {
      rotateFromLeft(node, idx, left, child);
      return removeHelper(child, 0, key, k, depth + 1);
    }
    if (right != null && right.canRemoveEntryWithoutMerging()) {
      rotateFromRight(node, idx, right, child);
      return removeHelper(child, 0, key, k, depth + 1);
    }
    Node merged;
    if (left != null) {
      merged = merge(child, left, takeEntry(node, idx - 1));
    } else if (right != null) {
      merged = merge(child, right, takeEntry(node, idx));
    } else {
      throw new CorruptedStructureException("internal node " + node.address + " has one child");
    }
    node.removeChild(idx);
    if (node.count == 0) {
      long nodeAddress = node.address;
      deallocateNode(node);
      if (nodeAddress == root) {
        root = merged.address;
        saveHeader();
      }
    } else {
      saveNode(node);
    }
    return removeHelper(merged, 0, key, k, depth + 1);
  }

  /** Case 3a (left): the parent's separator moves down into child, left's last entry moves up. */
  private void rotateFromLeft(Node node, int idx, Node left, Node child) {
    checkSameType(left, child);
    byte[][] fromLeft = takeEntry(left, left.count - 1);
    byte[][] parent = swapEntry(node, idx - 1, fromLeft);
    child.insertEntry(0, parent[0], parent[1]);
    if (left.childCount > 0) {
      child.insertChild(0, left.popChild());
    }
    saveNode(left);
    saveNode(child);
    saveNode(node);
  }

  /** Case 3a (right): the parent's separator moves down into child, right's first moves up. */
  private void rotateFromRight(Node node, int idx, Node right, Node child) {
    checkSameType(right, child);
    byte[][] fromRight = takeEntry(right, 0);
    byte[][] parent = swapEntry(node, idx, fromRight);
    child.pushEntry(parent);
    if (!right.leaf) {
      child.pushChild(right.removeChild(0));
    }
    saveNode(right);
    saveNode(child);
    saveNode(node);
  }

  private byte[][] removeRightmost(Node node, long address, int depth) {
    checkDepth(depth);
    if (node == null) {
      openCursor(address);
      if (!cursorLeaf) {
        long childAddress = cursorChild(cursorCount);
        if (peekCount(childAddress) >= Node.B) {
          return removeRightmost(null, childAddress, depth + 1);
        }
      }
      node = loadNode(address);
    }
    if (node.leaf) {
      if (node.count == 0) {
        return null;
      }
      byte[][] entry = takeEntry(node, node.count - 1);
      length--;
      if (node.count == 0) {
        deallocateNode(node);
        root = 0;
      } else {
        saveNode(node);
      }
      saveHeader();
      return entry;
    }
    int last = node.childCount - 1;
    long childAddress = node.child(last);
    if (peekCount(childAddress) >= Node.B) {
      return removeRightmost(null, childAddress, depth + 1);
    }
    Node child = loadNode(childAddress);
    Node left = loadNode(node.child(last - 1));
    if (left.canRemoveEntryWithoutMerging()) {
      rotateFromLeft(node, last, left, child);
      return removeRightmost(child, 0, depth + 1);
    }
    Node merged = merge(child, left, takeEntry(node, last - 1));
    node.removeChild(last);
    if (node.count == 0) {
      root = merged.address;
      deallocateNode(node);
      saveHeader();
    } else {
      saveNode(node);
    }
    return removeRightmost(merged, 0, depth + 1);
  }

  private byte[][] removeLeftmost(Node node, long address, int depth) {
    checkDepth(depth);
    if (node == null) {
      openCursor(address);
      if (!cursorLeaf) {
        long childAddress = cursorChild(0);
        if (peekCount(childAddress) >= Node.B) {
          return removeLeftmost(null, childAddress, depth + 1);
        }
      }
      node = loadNode(address);
    }
    if (node.leaf) {
      if (node.count == 0) {
        return null;
      }
      byte[][] entry = takeEntry(node, 0);
      length--;
      if (node.count == 0) {
        deallocateNode(node);
        root = 0;
      } else {
        saveNode(node);
      }
      saveHeader();
      return entry;
    }
    long childAddress = node.child(0);
    if (peekCount(childAddress) >= Node.B) {
      return removeLeftmost(null, childAddress, depth + 1);
    }
    Node child = loadNode(childAddress);
    Node right = loadNode(node.child(1));
    if (right.canRemoveEntryWithoutMerging()) {
      rotateFromRight(node, 0, right, child);
      return removeLeftmost(child, 0, depth + 1);
    }
    Node merged = merge(child, right, takeEntry(node, 0));
    node.removeChild(0);
    if (node.count == 0) {
      root = merged.address;
      deallocateNode(node);
      saveHeader();
    } else {
      saveNode(node);
    }
    return removeLeftmost(merged, 0, depth + 1);
  }

  private static void checkSameType(Node a, Node b) {
    if (a.leaf != b.leaf) {
      throw new CorruptedStructureException(
          "sibling nodes " + a.address + " and " + b.address + " are of different types");
    }
  }

  /** The crate's merge: the result lives at {@code into}'s address and source is freed. */
  private Node merge(Node source, Node into, byte[][] median) {
    checkSameType(source, into);
    store.materialize(source);
    store.materialize(into);
    if (compareEncoded(source.keys[0], into.keys[0]) > 0) {
      Node.append(into, source, median);
    } else {
      Node.append(source, into, median);
      into.takeContents(source);
    }
    saveNode(into);
    deallocateNode(source);
    return into;
  }

  // ================================================================ clear

  @Override
  public void clearNew() {
    begin();
    try {
      writeCount++;
      cacheEpoch++;
      modCount++;
      root = 0;
      length = 0;
      allocator.clear();
      saveHeader();
      commit();
    } catch (Throwable t) {
      abort(t);
      throw t;
    }
  }

  // ================================================================ first / last

  @Override
  public Map.Entry<K, V> firstEntry() {
    return edgeEntry(false);
  }

  @Override
  public Map.Entry<K, V> lastEntry() {
    return edgeEntry(true);
  }

  private Map.Entry<K, V> edgeEntry(boolean last) {
    if (root == 0) {
      return null;
    }
    Node node = loadNode(root);
    for (int depth = 0; !node.leaf; depth++) {
      checkDepth(depth);
      node = loadNode(node.child(last ? node.childCount - 1 : 0));
    }
    int idx = last ? node.count - 1 : 0;
    return new AbstractMap.SimpleImmutableEntry<>(
        keyCodec.decode(node.keys[idx]), decodeValue(store.value(node, idx)));
  }

  // ================================================================ iteration

  @Override
  public Iterator<Map.Entry<K, V>> iterator(
      K from, boolean fromInclusive, K to, boolean toInclusive, boolean descending) {
    return new EntryIterator(from, fromInclusive, to, toInclusive, descending);
  }

  @Override
  public long count(K from, boolean fromInclusive, K to, boolean toInclusive) {
    EntryIterator it = new EntryIterator(from, fromInclusive, to, toInclusive, false);
    long n = 0;
    while (it.advance()) {
      n++;
    }
    return n;
  }

  /**
   * A stack of (node, position) frames over heap copies of the nodes on the current path. Keys are
   * compared as bytes; keys and values are decoded only when the entry's getters are called.
   */
  private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
    private final Node[] nodes = new Node[NodeStore.MAX_DEPTH + 1];
    private final int[] positions = new int[NodeStore.MAX_DEPTH + 1];
    private int depth;
    private final boolean descending;
    private final K endKey;
    private final byte[] end;
    private final boolean endInclusive;
    private final int expectedModCount;
    private long yielded;
    private Node currentNode;
    private int currentIndex;
    private boolean ready;
    private boolean done;

    EntryIterator(K from, boolean fromInclusive, K to, boolean toInclusive, boolean descending) {
      this.descending = descending;
      this.expectedModCount = modCount;
      this.endKey = descending ? from : to;
      this.end = endKey == null ? null : keyCodec.encode(endKey);
      this.endInclusive = descending ? fromInclusive : toInclusive;
      if (root == 0) {
        done = true;
        return;
      }
      K startKey = descending ? to : from;
      boolean startInclusive = descending ? toInclusive : fromInclusive;
      byte[] start = startKey == null ? null : keyCodec.encode(startKey);
      Node node = loadNode(root);
      while (true) {
        int pos;
        if (start == null) {
          pos = descending ? node.count : 0;
        } else {
          int found = search(node, startKey, start);
          if (found >= 0) {
            // Ascending: next entry to yield is found (or found+1 if exclusive).
            // Descending: entries below position pos remain (found+1 if inclusive).
            if (descending) {
              pos = startInclusive ? found + 1 : found;
            } else {
              pos = startInclusive ? found : found + 1;
            }
            push(node, pos);
            if (!node.leaf) {
              // Exact match: the subtree between pos-1 and pos lies entirely on the wrong side
              // of the bound except the child adjacent to the excluded key.
              if (!startInclusive) {
                descendEdge(loadNode(node.child(descending ? found : found + 1)));
              }
            }
            return;
          }
          pos = -found - 1;
        }
        push(node, pos);
        if (node.leaf) {
          return;
        }
        node = loadNode(node.child(pos));
      }
    }

    private void push(Node node, int position) {
      if (depth > NodeStore.MAX_DEPTH) {
        throw new CorruptedStructureException("the tree is deeper than " + NodeStore.MAX_DEPTH);
      }
      nodes[depth] = node;
      positions[depth] = position;
      depth++;
    }

    /** Pushes the path to the first (ascending) or last (descending) entry of a subtree. */
    private void descendEdge(Node node) {
      while (true) {
        push(node, descending ? node.count : 0);
        if (node.leaf) {
          return;
        }
        node = loadNode(node.child(descending ? node.childCount - 1 : 0));
      }
    }

    /** Moves to the next entry in range; false at the end. */
    boolean advance() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException("the B-tree changed during iteration");
      }
      while (depth > 0) {
        int top = depth - 1;
        Node node = nodes[top];
        int pos = positions[top];
        if (descending ? pos == 0 : pos >= node.count) {
          nodes[top] = null;
          depth--;
          continue;
        }
        int index = descending ? pos - 1 : pos;
        byte[] key = node.keys[index];
        if (end != null) {
          int c = compareStored(key, endKey, end);
          boolean outside =
              descending ? (endInclusive ? c < 0 : c <= 0) : (endInclusive ? c > 0 : c >= 0);
          if (outside) {
            finish();
            return false;
          }
        }
        if (++yielded > length) {
          throw new CorruptedStructureException("the tree holds more entries than its length");
        }
        positions[top] = descending ? pos - 1 : pos + 1;
        if (!node.leaf) {
          descendEdge(loadNode(node.child(descending ? index : index + 1)));
        }
        currentNode = node;
        currentIndex = index;
        return true;
      }
      finish();
      return false;
    }

    private void finish() {
      done = true;
      depth = 0;
      Arrays.fill(nodes, null);
    }

    @Override
    public boolean hasNext() {
      if (!ready && !done) {
        ready = advance();
      }
      return ready;
    }

    @Override
    public Map.Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = false;
      return new LazyEntry(currentNode, currentIndex);
    }
  }

  /**
   * An iterator's entry: the key is decoded on first use and the value on every {@link #getValue()}
   * call, from the node copy read by the iterator. If the tree was written since, the value is
   * looked up again by key.
   */
  private final class LazyEntry implements Map.Entry<K, V> {
    private final Node node;
    private final int index;
    private K key;

    LazyEntry(Node node, int index) {
      this.node = node;
      this.index = index;
    }

    @Override
    public K getKey() {
      if (key == null) {
        key = keyCodec.decode(node.keys[index]);
      }
      return key;
    }

    @Override
    public V getValue() {
      if (node.readStamp == writeCount || node.values[index] != null) {
        return decodeValue(store.value(node, index));
      }
      V current = get(getKey());
      if (current == null) {
        throw new ConcurrentModificationException(
            "the entry's key was removed after the iterator returned it");
      }
      return current;
    }

    @Override
    public V setValue(V value) {
      throw new UnsupportedOperationException("entries of the stored B-tree are read-only");
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
      return getKey().equals(e.getKey()) && java.util.Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return getKey().hashCode() ^ java.util.Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return getKey() + "=" + getValue();
    }
  }

  // ================================================================ stats

  /** Walks the whole tree and the allocator's free list; see {@link BTreeStats}. */
  BTreeStats stats() {
    long leaves = 0;
    long internals = 0;
    long overflowPages = 0;
    int depth = 0;
    if (root != 0) {
      long[] stack = new long[NodeStore.MAX_DEPTH * Node.CAPACITY + 16];
      int[] depths = new int[stack.length];
      int sp = 0;
      stack[sp] = root;
      depths[sp++] = 1;
      long limit = memory.sizeInBytes() / allocator.chunkStride() + 1;
      while (sp > 0) {
        sp--;
        long address = stack[sp];
        int d = depths[sp];
        checkDepth(d);
        Node node = loadNode(address);
        depth = Math.max(depth, d);
        overflowPages += node.overflowCount;
        if (node.leaf) {
          leaves++;
        } else {
          internals++;
          for (int i = node.childCount - 1; i >= 0; i--) {
            stack[sp] = node.children[i];
            depths[sp++] = d + 1;
          }
        }
        if (leaves + internals > limit) {
          throw new CorruptedStructureException("the tree has more nodes than the memory holds");
        }
      }
    }
    long[] free = allocator.walkFreeList();
    return new BTreeStats(
        length,
        depth,
        leaves,
        internals,
        overflowPages,
        allocator.allocatedChunks(),
        free[0],
        allocator.allocationSize(),
        free[1] + Allocator.CHUNK_HEADER_SIZE);
  }
}
