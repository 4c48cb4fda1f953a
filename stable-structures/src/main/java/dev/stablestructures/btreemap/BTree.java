package dev.stablestructures.btreemap;

import static dev.stablestructures.btreemap.NodeLayout.checkDepth;
import static dev.stablestructures.memory.ByteArrays.getLongBE;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;
import java.util.AbstractMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stored B-tree of the crate's {@code BTreeMap}: the algorithm of its {@code btreemap.rs}, and
 * only that, byte-identical to ic-stable-structures at b5d1650. Every operation makes the crate's
 * sequence of allocations, frees and writes, so that replaying the same operations yields the same
 * image. The bytes themselves are drawn where they are made: {@link BTreeHeader} (the map's header,
 * and where everything lies), {@link Allocator}, {@link NodeLayout}.
 *
 * <p>Nodes hold 1 to 11 entries (minimum degree B = 6). Insert is the crate's single-pass top-down
 * insert: a full node met on the way down is split into 5 + median + 5, unless the key is in it (so
 * an overwrite can split nodes; it never changes the set of keys). Remove, {@code popFirst} and
 * {@code popLast} are the crate's single-pass deletes: before stepping into a child at the minimum,
 * rotate an entry in from the left sibling, else the right, else merge with the left, else the
 * right.
 *
 * <p><b>In place where nothing changes.</b> The crate loads every node on the path. Here a {@link
 * Cursor} reads nodes in place, and a node is loaded (decoded into a {@link Node}) only when it is
 * written; a leaf that gains or loses one entry, and a parent that takes a split's median, are
 * rewritten by {@link LeafSplice} without being loaded. Keys of {@link KeyOrder.Kind#LONG} trees
 * are searched as primitives, and their internal nodes are served from an {@link
 * InternalNodeCache}. The bytes written are the crate's.
 *
 * <p><b>Atomic mutations.</b> Every mutation runs in one {@link Mutation} bracket, a step of the
 * memory's journal: if it throws, the image and this object are as they were. Reads go straight to
 * the user's memory, writes to it too (through a journaled wrapper if it has none). After any
 * rollback on the journal the tree reloads from the image, and open iterators fail fast.
 *
 * <p><b>Reads and threads.</b> Reads ({@code get}, {@code containsKey}, first and last entries,
 * iteration, {@code count}, {@code stats}) write no state shared between threads: each thread has
 * its own cursor, loaded nodes belong to their reader, and the node cache is filled under its own
 * per-slot protocol. With no writer running, any number of threads may read at once. Writes are not
 * thread-safe, and must not run beside reads.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BTree<K, V> implements Mutation.Tree {
  /**
   * Internal nodes a long-keyed tree caches by default: 208 bytes each, one per 64 entries, so at
   * most 3.25 MiB of heap, reached at a million entries.
   */
  static final int DEFAULT_CACHED_NODES = 16384;

  /** The user's memory; in-place reads go straight to it. */
  private final Memory memory;

  /** Where every write goes: the user's memory, or a journaled wrapper of one without a journal. */
  private final Memory writes;

  private final byte[] headerBytes = new byte[BTreeHeader.PACKED_SIZE]; // a write's, never a read's

  /** The bracket every mutation runs in. */
  private final Mutation mutation;

  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;
  private final KeyOrder<K> order;
  private final BTreeHeader header;
  private final Allocator allocator;
  private final NodeLayout layout;
  private final InternalNodeCache cache;
  private final NodeStore store;
  private final LeafSplice splice;

  /** Each thread's cursor: reads share no scratch state. */
  private final ThreadLocal<Cursor> cursors;

  private long root;
  private long length;

  /** Moves on every mutation: node copies and iterators read before it are stale. */
  private long writeEpoch;

  /** The write epoch at which the set of keys last changed (a new key, a removal, a clear). */
  private long keySetEpoch;

  BTree(
      Memory memory,
      Memory writes,
      Codec<K> keyCodec,
      Codec<V> valueCodec,
      BTreeHeader header,
      Allocator allocator,
      long root,
      long length) {
    this.memory = memory;
    this.writes = writes;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    this.order = KeyOrder.of(keyCodec);
    this.header = header;
    this.allocator = allocator;
    this.root = root;
    this.length = length;
    int fixedKeySize = keyCodec.bound().isFixedSize() ? keyCodec.bound().maxSize() : -1;
    boolean v1 = header.holdsV1Nodes();
    this.layout =
        new NodeLayout(
            allocator,
            (int) header.pageSize,
            fixedKeySize,
            v1 ? header.maxKeySize : -1,
            v1 ? header.maxValueSize : -1);
    this.cache = new InternalNodeCache(order.searchesLongs() ? DEFAULT_CACHED_NODES : 0);
    cache.fit(length);
    this.store = new NodeStore(writes, allocator, layout, cache);
    this.splice = new LeafSplice(store, layout);
    this.cursors = ThreadLocal.withInitial(() -> new Cursor(memory, layout));
    this.mutation = new Mutation(this, writes.journal(), allocator, cache);
  }

  // ================================================================ accessors

  Codec<K> keyCodec() {
    return keyCodec;
  }

  Codec<V> valueCodec() {
    return valueCodec;
  }

  KeyOrder<K> keyOrder() {
    return order;
  }

  Memory memory() {
    return memory;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public long rootAddress() {
    return root;
  }

  /** The page size nodes are written with (the V1 node size for a migrated V1 map). */
  int pageSize() {
    return layout.pageSize();
  }

  /** Moves on every mutation, failed ones included; see {@link EntryIterator}. */
  long writeEpoch() {
    return writeEpoch;
  }

  /** The write epoch at which the set of keys last changed; see {@link EntryIterator}. */
  @Override
  public long keySetEpoch() {
    return keySetEpoch;
  }

  /** Checks that an address is a node chunk's inside the memory. */
  void checkNodeAddress(long address, String what) {
    layout.checkAddress(memory, address, what);
  }

  /**
   * Sets how many internal nodes lookups may cache (see {@link InternalNodeCache}); 0 turns the
   * cache off. Only trees whose keys are searched as longs have one.
   */
  void setCachedNodes(int nodes) {
    cache.setCapacity(nodes, order.searchesLongs(), length);
  }

  /** The most internal nodes lookups cache; 0 when there is no cache. */
  int cachedNodes() {
    return cache.maxSlots();
  }

  /** The cache, for tests. */
  InternalNodeCache nodeCache() {
    return cache;
  }

  /**
   * This thread's cursor, attached to this tree. The operation that first asks for it (a get, an
   * insert, an iterator's descent) detaches it when done, also when it throws.
   */
  Cursor cursor() {
    return cursors.get().attach(memory, layout);
  }

  // ================================================================ get (Traverse.locate)

  V get(K key) {
    Cursor cursor = cursor();
    try {
      int index = Traverse.locate(this, cursor, key);
      return index < 0 ? null : cursor.value(index, valueCodec);
    } finally {
      cursor.detach();
    }
  }

  boolean containsKey(K key) {
    Cursor cursor = cursor();
    try {
      return Traverse.locate(this, cursor, key) >= 0;
    } finally {
      cursor.detach();
    }
  }

  // ================================================================ the mutation bracket

  /** Runs a mutation in its bracket, with this thread's cursor attached until it ends. */
  private <R> R mutate(Supplier<R> body) {
    Cursor cursor = cursor();
    try {
      return mutation.run(body);
    } finally {
      cursor.detach();
    }
  }

  @Override
  public void startMutation() {
    writeEpoch++;
  }

  @Override
  public void restore(long root, long length, long keySetEpoch) {
    this.root = root;
    this.length = length;
    this.keySetEpoch = keySetEpoch;
  }

  @Override
  public void reloadFromImage() {
    keySetEpoch = ++writeEpoch;
    BTreeHeader.Stored stored = BTreeHeader.read(memory);
    if (!stored.header().sameNodesAs(header)) {
      throw new CorruptedStructureException("the B-tree header now describes other nodes");
    }
    root = stored.root();
    length = stored.length();
  }

  /** Turns journaling off or on; only for measuring its cost (a failed call may then corrupt). */
  void setAtomic(boolean atomic) {
    mutation.setJournaled(atomic);
  }

  // ================================================================ insert

  V insert(K key, V value) {
    byte[] k = keyCodec.encodeChecked(key);
    byte[] v = valueCodec.encodeChecked(value);
    return mutate(() -> decodeOrNull(insert(key, k, v)));
  }

  /** The crate's insert: returns the old value's bytes, or null for a new key. */
  private byte[] insert(K key, byte[] k, byte[] v) {
    cache.fit(length + 1);
    if (root == 0) {
      Node node = store.allocate(true, header.newNodeVersion());
      root = node.address;
      saveHeader();
      return insertNonFull(node, key, k, v, 0);
    }
    Cursor cursor = cursor();
    cursor.open(root);
    int index = order.search(cursor, key, k);
    if (index >= 0) {
      return store.replaceValue(loadNode(root), index, v);
    }
    if (!cursor.isFull()) {
      return insertInPlace(root, key, k, v, 0);
    }
    Node oldRoot = loadNode(root);
    Node newRoot = store.allocate(false, header.newNodeVersion());
    newRoot.pushChild(root);
    root = newRoot.address;
    saveHeader();
    splitChild(newRoot, 0, oldRoot, false);
    return insertNonFull(newRoot, key, k, v, 0);
  }

  /**
   * Descends in place from a node that is not full, through nodes that will not change. A child is
   * not peeked at before stepping into it (that read and the child's own would be two dependent
   * misses per level); if it turns out full, the step is redone from its parent, which splits it
   * ({@link #splitBelow} for a leaf, {@link #insertNonFull} for an internal node).
   */
  private byte[] insertInPlace(long address, K key, byte[] k, byte[] v, int depth) {
    Cursor cursor = cursor();
    boolean longs = order.searchesLongs() && k.length == 8;
    long probe = longs ? getLongBE(k, 0) : 0;
    long parent = 0;
    for (; ; depth++) {
      checkDepth(depth);
      long cached = longs ? cache.descend(address, probe, true) : InternalNodeCache.MISS;
      if (cached == InternalNodeCache.FULL && parent != 0) {
        return insertNonFull(loadNode(parent), key, k, v, depth - 1); // a full internal node
      }
      if (cached > 0) {
        parent = address;
        address = cached;
        continue;
      }
      cursor.open(address);
      if (cursor.isFull() && parent != 0) {
        return splitBelow(parent, key, k, v, depth - 1);
      }
      int index = order.search(cursor, key, k);
      if (index >= 0) {
        return store.replaceValue(loadNode(address), index, v);
      }
      if (cursor.isLeaf()) {
        if (splice.insert(cursor, -index - 1, k, v)) {
          length++;
          keySetEpoch = writeEpoch;
          saveHeader();
          return null;
        }
        return insertNonFull(loadNode(address), key, k, v, depth);
      }
      if (longs) {
        cache.offer(cursor, depth);
      }
      parent = address;
      address = cursor.child(-index - 1);
    }
  }

  /**
   * {@link #insertNonFull} at {@code parent} for its full leaf child, the cursor's node, decoded
   * from the cursor's window; a V2 leaf that splits fused gives the parent the median and sibling
   * by a splice ({@link LeafSplice#insertInternal}), not a load and a save. The same writes in the
   * same order, and no page read twice; anything else takes the general path, before any change.
   */
  private byte[] splitBelow(long parent, K key, byte[] k, byte[] v, int depth) {
    Cursor cursor = cursor(); // on the full child
    if (!cursor.isLeaf() || cursor.window().length < layout.pageSize()) {
      return insertNonFull(loadNode(parent), key, k, v, depth); // the window is not the page
    }
    Node child = store.load(cursor.address(), cursor.window(), writeEpoch);
    cursor.open(parent);
    int index = -order.search(cursor, key, k) - 1;
    if (index < 0 || cursor.isLeaf() || cursor.child(index) != child.address) {
      throw new CorruptedStructureException("node " + parent + " changed while read");
    }
    if (order.search(child, key, k) >= 0 || !store.fusesLeafSplit(child, header.newNodeVersion())) {
      Node node = store.load(parent, cursor.window(), writeEpoch);
      return splitAndInsert(node, index, child, key, k, v, depth);
    }
    Node sibling = store.allocate(true, header.newNodeVersion());
    store.materialize(child);
    byte[][] median = child.split(sibling);
    if (!splice.insertInternal(cursor, index, median[0], median[1], sibling.address)) {
      Node node = store.load(parent, cursor.window(), writeEpoch); // the page read above
      store.save(node.insertSplit(index, median, sibling.address));
    }
    return insertIntoHalf(child, sibling, median[0], key, k, v, depth + 1, true);
  }

  /** The crate's insert_nonfull, on a loaded node that is not full. */
  private byte[] insertNonFull(Node node, K key, byte[] k, byte[] v, int depth) {
    checkDepth(depth);
    int index = order.search(node, key, k);
    if (index >= 0) {
      return store.replaceValue(node, index, v);
    }
    index = -index - 1;
    if (node.leaf) {
      node.insertEntry(index, k, v);
      store.save(node);
      length++;
      keySetEpoch = writeEpoch;
      saveHeader();
      return null;
    }
    long childAddress = node.child(index);
    if (peekCount(childAddress) < Node.CAPACITY) {
      return insertInPlace(childAddress, key, k, v, depth + 1); // this node stays as it is
    }
    Node child = loadNode(childAddress);
    if (!child.isFull()) {
      throw new CorruptedStructureException("node " + childAddress + " changed while read");
    }
    return splitAndInsert(node, index, child, key, k, v, depth);
  }

  /** Splits {@code child}, the full child {@code index} of {@code node}, and inserts below it. */
  private byte[] splitAndInsert(
      Node node, int index, Node child, K key, byte[] k, byte[] v, int depth) {
    int found = order.search(child, key, k);
    if (found >= 0) {
      return store.replaceValue(child, found, v);
    }
    boolean fused = store.fusesLeafSplit(child, header.newNodeVersion());
    Node sibling = splitChild(node, index, child, fused);
    return insertIntoHalf(child, sibling, node.keys[index], key, k, v, depth + 1, fused);
  }

  /** Inserts into the half of a split the key belongs to; a fused split then saves the other. */
  private byte[] insertIntoHalf(
      Node left, Node right, byte[] median, K key, byte[] k, byte[] v, int depth, boolean fused) {
    Node next = order.compare(median, key, k) > 0 ? left : right;
    byte[] old = insertNonFull(next, key, k, v, depth);
    if (fused) {
      store.save(next == left ? right : left); // the half the new key did not go to
    }
    return old;
  }

  /**
   * The crate's split_child: entries 6..10 move to a new right sibling, returned; if {@code fused}
   * ({@link NodeStore#fusesLeafSplit}), the caller saves the halves after the insert.
   */
  private Node splitChild(Node node, int fullChildIndex, Node fullChild, boolean fused) {
    Node sibling = store.allocate(fullChild.leaf, header.newNodeVersion());
    store.materialize(fullChild);
    node.insertSplit(fullChildIndex, fullChild.split(sibling), sibling.address);
    if (fused) {
      store.save(node);
    } else {
      store.saveAll(sibling, fullChild, node);
    }
    return sibling;
  }

  // ================================================================ remove

  V remove(K key) {
    if (root == 0) {
      return null;
    }
    byte[] k = keyCodec.encode(key);
    return mutate(() -> decodeOrNull(removeInPlace(root, key, k, 0)));
  }

  Map.Entry<K, V> popFirst() {
    return pop(false);
  }

  Map.Entry<K, V> popLast() {
    return pop(true);
  }

  private Map.Entry<K, V> pop(boolean last) {
    if (root == 0) {
      return null;
    }
    return mutate(
        () -> {
          byte[][] entry = removeEdgeInPlace(root, last, 0);
          return entry == null
              ? null
              : new AbstractMap.SimpleImmutableEntry<>(
                  keyCodec.decode(entry[0]), decodeOrNull(entry[1]));
        });
  }

  /**
   * Descends in place while every child on the path can lose an entry (the crate then returns the
   * nodes it loaded unchanged), removing from a leaf by splicing; then continues on loaded nodes.
   */
  private byte[] removeInPlace(long address, K key, byte[] k, int depth) {
    Cursor cursor = cursor();
    for (; ; depth++) {
      checkDepth(depth);
      cursor.open(address);
      int index = order.search(cursor, key, k);
      if (cursor.isLeaf()) {
        if (index < 0) {
          return null;
        }
        byte[] value = splice.remove(cursor, index);
        if (value != null) {
          length--;
          keySetEpoch = writeEpoch;
          saveHeader();
          return value;
        }
        break;
      }
      long child = index < 0 ? cursor.child(-index - 1) : 0;
      if (index >= 0 || peekCount(child) < Node.B) {
        break;
      }
      address = child;
    }
    return removeHelper(loadNode(address), key, k, depth);
  }

  /** The crate's remove_helper, on a loaded node that can lose an entry (or the root). */
  private byte[] removeHelper(Node node, K key, byte[] k, int depth) {
    checkDepth(depth);
    int index = order.search(node, key, k);
    if (node.leaf) {
      return index < 0 ? null : takeFromLeaf(node, index)[1];
    }
    if (index < 0) {
      // Case 3: the key is below child `index`, which must be able to lose an entry first.
      index = -index - 1;
      long childAddress = node.child(index);
      if (peekCount(childAddress) >= Node.B) {
        return removeInPlace(childAddress, key, k, depth + 1);
      }
      return removeHelper(rebalance(node, index, loadNode(childAddress)), key, k, depth + 1);
    }
    // Case 2: the key is in this node. 2a: take its predecessor from the left child.
    long leftAddress = node.child(index);
    if (peekCount(leftAddress) >= Node.B) {
      return replaceEntry(node, index, removeEdgeInPlace(leftAddress, true, depth + 1));
    }
    // 2b: take its successor from the right child.
    long rightAddress = node.child(index + 1);
    if (peekCount(rightAddress) >= Node.B) {
      return replaceEntry(node, index, removeEdgeInPlace(rightAddress, false, depth + 1));
    }
    // 2c: merge the key and the right child into the left child, and remove it from there.
    Node left = loadNode(leftAddress);
    Node merged = store.merge(loadNode(rightAddress), left, store.take(node, index), order);
    node.removeChild(index + 1);
    if (node.count == 0) {
      root = merged.address;
      store.free(node);
      saveHeader();
    } else {
      store.save(node);
    }
    store.save(merged);
    return removeHelper(merged, key, k, depth + 1);
  }

  /** Puts {@code entry} (a predecessor or successor) in place of entry {@code index}. */
  private byte[] replaceEntry(Node node, int index, byte[][] entry) {
    if (entry == null) {
      return null;
    }
    byte[][] old = store.swap(node, index, entry);
    store.save(node);
    return old[1];
  }

  /** The crate's remove_leftmost and remove_rightmost, in place while nothing changes. */
  private byte[][] removeEdgeInPlace(long address, boolean last, int depth) {
    Cursor cursor = cursor();
    for (; ; depth++) {
      checkDepth(depth);
      cursor.open(address);
      if (cursor.isLeaf()) {
        break;
      }
      long child = cursor.child(last ? cursor.count() : 0);
      if (peekCount(child) < Node.B) {
        break;
      }
      address = child;
    }
    return removeEdge(loadNode(address), last, depth);
  }

  /** Removes the first or last entry below a loaded node that can lose one (or the root). */
  private byte[][] removeEdge(Node node, boolean last, int depth) {
    checkDepth(depth);
    if (node.leaf) {
      return node.count == 0 ? null : takeFromLeaf(node, last ? node.count - 1 : 0);
    }
    int index = last ? node.childCount - 1 : 0;
    long childAddress = node.child(index);
    if (peekCount(childAddress) >= Node.B) {
      return removeEdgeInPlace(childAddress, last, depth + 1);
    }
    return removeEdge(rebalance(node, index, loadNode(childAddress)), last, depth + 1);
  }

  /** Takes an entry out of a leaf; a root leaf left empty is freed and the tree becomes empty. */
  private byte[][] takeFromLeaf(Node leaf, int index) {
    byte[][] entry = store.take(leaf, index);
    length--;
    keySetEpoch = writeEpoch;
    if (leaf.count == 0) {
      store.free(leaf);
      root = 0;
    } else {
      store.save(leaf);
    }
    saveHeader();
    return entry;
  }

  /**
   * The crate's case 3: child {@code index} of {@code node} is at the minimum. Rotates an entry in
   * from the left sibling if it can spare one (3a), else from the right; else merges the child into
   * the left sibling, else into the right (3b). Returns the node to descend into.
   */
  private Node rebalance(Node node, int index, Node child) {
    Node left = index > 0 ? loadNode(node.child(index - 1)) : null;
    Node right = index + 1 < node.childCount ? loadNode(node.child(index + 1)) : null;
    if (SiblingRebalance.rotate(store, node, index, child, left, right)) {
      return child;
    }
    Node merged = SiblingRebalance.merge(store, order, node, index, child, left, right);
    if (node.count == 0) {
      long nodeAddress = node.address;
      store.free(node);
      if (nodeAddress == root) {
        root = merged.address;
        saveHeader();
      }
    } else {
      store.save(node);
    }
    return merged;
  }

  // ================================================================ clear

  /** O(1) reset to empty, as the crate's {@code clear_new}: memory is kept, not zeroed. */
  void clearNew() {
    mutation.run(
        () -> {
          root = 0;
          length = 0;
          keySetEpoch = writeEpoch;
          allocator.clear();
          cache.clear();
          saveHeader();
          return null;
        });
  }

  // ================================================================ first, last, iteration, stats

  Map.Entry<K, V> firstEntry() {
    return edgeEntry(false);
  }

  Map.Entry<K, V> lastEntry() {
    return edgeEntry(true);
  }

  /** The crate's first/last_key_value: down the edge of the tree, as an iterator's start. */
  private Map.Entry<K, V> edgeEntry(boolean last) {
    EntryIterator<K, V> edge = iterator(null, false, null, false, last);
    return edge.hasNext() ? StableBTreeMap.snapshot(edge.next()) : null;
  }

  /** Iterates a key range (null bounds are open); entries are read-only. */
  EntryIterator<K, V> iterator(
      K from, boolean fromInclusive, K to, boolean toInclusive, boolean descending) {
    return new EntryIterator<>(this, from, fromInclusive, to, toInclusive, descending, false);
  }

  /** Counts the entries in a range without decoding any (the crate's specialized count). */
  long count(K from, boolean fromInclusive, K to, boolean toInclusive) {
    return iterator(from, fromInclusive, to, toInclusive, false).countRemaining();
  }

  /** Walks the whole tree and the allocator's free list; see {@link BTreeStats}. */
  BTreeStats stats() {
    return BTreeStats.measure(root, length, store, allocator);
  }

  // ================================================================ helpers

  /** Loads a node, stamped with the current write epoch. */
  Node loadNode(long address) {
    return store.load(address, writeEpoch);
  }

  /** A new node copy for walks, over the user's memory as the cursors read it. */
  ScanNode scanNode() {
    return new ScanNode(memory, layout);
  }

  private V decodeOrNull(byte[] bytes) {
    return bytes == null ? null : valueCodec.decode(bytes, 0, bytes.length);
  }

  private void saveHeader() {
    BTreeHeader.write(writes, header, root, length, headerBytes);
  }

  /**
   * The number of entries a node's header claims, read without loading the node; enough to decide
   * whether a descent passes through it untouched. Loading it later validates it fully.
   */
  private int peekCount(long address) {
    return layout.peekCount(memory, address);
  }
}
