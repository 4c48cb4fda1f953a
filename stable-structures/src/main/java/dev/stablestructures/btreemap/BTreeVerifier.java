package dev.stablestructures.btreemap;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.FormatException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;

/**
 * Walks a stored B-tree map from its header, checking what every sound image of the crate's format
 * holds, and reports what it finds (see {@link StableBTreeMap#verify()} for the list). The
 * allocator's checks are {@link ChunkAccounting}'s. Reads only, through the reads of {@link
 * NodeLayout} and {@link NodeStore} (a store of its own, with no cache, so no state a reader shares
 * is touched); every loop is bounded by the chunks the memory holds, every node is read once, and
 * every length is checked against the node's pages before anything is allocated for it.
 *
 * <p>Findings about a node carry the node's address; findings about the map header or the allocator
 * header carry the field's address. A node that cannot be read (bad magic, address or overflow
 * chain) is reported once and its subtree skipped; the entry count then differs from the header's
 * length, which is reported too.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BTreeVerifier<K, V> {
  /** The name findings carry. */
  static final String KIND = "StableBTreeMap";

  private static final long ROOT_AT = 12;
  private static final long LENGTH_AT = 20;

  private final Memory memory;
  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;
  private final KeyOrder<K> order;
  private final VerifyReport.Builder report = VerifyReport.builder(KIND);
  private NodeLayout layout;
  private NodeStore store;
  private ChunkAccounting chunks;

  private long entries;
  private long leaves;
  private long internals;
  private long overflowPages;
  private int depth;
  private int leafDepth = -1;

  /** The last key met in order, and the node it is in; null before the first. */
  private byte[] previousKey;

  private long previousNode;

  private BTreeVerifier(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    this.memory = memory;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    this.order = KeyOrder.of(keyCodec);
  }

  /**
   * Verifies the map stored in {@code memory}.
   *
   * @param memory the map's memory, read only
   * @param keyCodec the key codec the map is opened with
   * @param valueCodec the value codec
   * @param cachedRoot the root an open tree holds on the heap (checked against the header)
   * @param cachedLength the length an open tree holds on the heap, likewise
   * @return the report
   */
  static <K, V> VerifyReport verify(
      Memory memory, Codec<K> keyCodec, Codec<V> valueCodec, long cachedRoot, long cachedLength) {
    BTreeVerifier<K, V> verifier = new BTreeVerifier<>(memory, keyCodec, valueCodec);
    verifier.run(cachedRoot, cachedLength);
    return verifier.report.build();
  }

  private void run(long cachedRoot, long cachedLength) {
    long size = memory.sizeInBytes();
    if (size < BTreeFactory.FIRST_NODE) {
      report.finding(0, "memory size", "at least " + BTreeFactory.FIRST_NODE + " bytes", size);
      return;
    }
    BTreeHeader.Stored stored = readHeader();
    if (stored == null) {
      return;
    }
    BTreeHeader header;
    try {
      header = stored.header().openedWith(keyCodec.bound(), valueCodec.bound());
    } catch (FormatException e) {
      report.failed(KIND, 4, "layout", "a layout the codecs can open", e);
      return;
    }
    Allocator allocator =
        Allocator.unchecked(memory, BTreeHeader.ALLOCATOR_OFFSET, header.pageSize);
    boolean v1 = header.holdsV1Nodes();
    Bound keys = keyCodec.bound();
    layout =
        new NodeLayout(
            allocator,
            (int) header.pageSize,
            keys.isFixedSize() ? keys.maxSize() : -1,
            v1 ? header.maxKeySize : -1,
            v1 ? header.maxValueSize : -1);
    store = new NodeStore(memory, allocator, layout, new InternalNodeCache(0));
    chunks = new ChunkAccounting(memory, allocator, report);
    chunks.checkAllocator(BTreeHeader.ALLOCATOR_OFFSET);

    long root = stored.root();
    long length = stored.length();
    checkCached(root, length, cachedRoot, cachedLength);
    if ((root == 0) != (length == 0)) {
      report.finding(
          ROOT_AT,
          "root",
          "0 exactly when the length is 0",
          root + " with length " + Long.toUnsignedString(length));
    }
    if (root != 0) {
      walk(root, 1, ROOT_AT, "root");
    }
    report.expect(LENGTH_AT, "length", entries, "the entries counted in the nodes", length);
    report
        .count(VerifyReport.ENTRIES, entries)
        .count(VerifyReport.NODES, leaves + internals)
        .count("leafNodes", leaves)
        .count("internalNodes", internals)
        .count(VerifyReport.DEPTH, depth)
        .count(VerifyReport.OVERFLOW_PAGES, overflowPages)
        .count("chunkSize", allocator.allocationSize());
    chunks.finish(BTreeHeader.ALLOCATOR_OFFSET);
  }

  private BTreeHeader.Stored readHeader() {
    try {
      return BTreeHeader.read(memory);
    } catch (BadMagicException e) {
      report.finding(
          0,
          "magic",
          "'BTR'",
          StructureMagic.describe(memory.readBytes(0, StructureMagic.HEADER_SIZE)));
    } catch (UnsupportedVersionException e) {
      report.finding(3, "layout version", "1 or 2", memory.readByte(3) & 0xFF);
    }
    return null;
  }

  /** The heap copy of an open tree must be what the image holds. */
  private void checkCached(long root, long length, long cachedRoot, long cachedLength) {
    if (cachedRoot != root) {
      report.finding(ROOT_AT, "cached root", root + " (the header's)", cachedRoot);
    }
    if (cachedLength != length) {
      report.finding(
          LENGTH_AT,
          "cached length",
          Long.toUnsignedString(length) + " (the header's)",
          cachedLength);
    }
  }

  // ---------------------------------------------------------------- the walk

  /**
   * Checks the node at {@code address} and its subtree, in key order.
   *
   * @param level 1 for the root
   * @param referrer the address of the node (or header field) that points here
   * @param field the name of the pointing field
   */
  private void walk(long address, int level, long referrer, String field) {
    if (level > NodeLayout.MAX_DEPTH) {
      report.finding(
          referrer, field, "a tree at most " + NodeLayout.MAX_DEPTH + " levels deep", level);
      return;
    }
    if (!chunks.reach(address, referrer, field)) {
      return;
    }
    int version = checkHeader(address);
    if (version < 0) {
      return;
    }
    long[] overflows = version == 2 ? overflowChain(address) : Node.NO_PAGES;
    if (overflows == null || !childrenInside(address, version, overflows)) {
      return;
    }
    Node node;
    try {
      node = store.load(address, 0);
    } catch (RuntimeException e) {
      report.failed(KIND, address, "node contents", "entries inside the node's pages", e);
      return;
    }
    overflowPages += overflows.length;
    depth = Math.max(depth, level);
    if (version == 2) {
      checkOverflowLength(node);
    }
    if (node.leaf) {
      leaves++;
      if (leafDepth < 0) {
        leafDepth = level;
      } else if (level != leafDepth) {
        report.finding(address, "leaf depth", leafDepth + " (the first leaf's)", level);
      }
    } else {
      internals++;
    }
    for (int i = 0; i <= node.count; i++) {
      if (!node.leaf) {
        walk(node.children[i], level + 1, address, "child " + i);
      }
      if (i < node.count) {
        checkEntry(node, i);
      }
    }
  }

  /** Checks magic, version, type and entry count; returns the version, or -1 if unreadable. */
  private int checkHeader(long address) {
    int word = memory.readIntLE(address);
    int type = memory.readByte(address + 4);
    int count = memory.readShortLE(address + NodeLayout.COUNT_OFFSET);
    if ((word & 0xFFFFFF) != NodeLayout.NODE_MAGIC) {
      report.finding(
          address, "node magic", "'BTN'", ChunkAccounting.hex(memory.readBytes(address, 3), 0, 3));
      return -1;
    }
    int version = word >>> 24;
    if (version != 2 && (version != 1 || layout.maxKeySize() < 0)) {
      report.finding(
          address + 3,
          "node version",
          layout.maxKeySize() < 0 ? "2 (a V2 map)" : "1 or 2 (a map migrated from V1)",
          version);
      return -1;
    }
    if (type != NodeLayout.TYPE_LEAF && type != NodeLayout.TYPE_INTERNAL) {
      report.finding(address + 4, "node type", "0 (leaf) or 1 (internal)", type & 0xFF);
      return -1;
    }
    if (count < 1 || count > Node.CAPACITY) {
      report.finding(address, "entry count", "1 to " + Node.CAPACITY, count);
      return -1;
    }
    return version;
  }

  /** Follows a V2 node's overflow chain, checking every page; null if it is broken. */
  private long[] overflowChain(long node) {
    long[] pages = Node.NO_PAGES;
    int n = 0;
    long next = memory.readLongLE(node + NodeLayout.V2_OVERFLOW_OFFSET);
    while (next != 0) {
      // reach() marks every page, so a cycle ends the chain as "reached twice".
      if (!chunks.reach(next, node, "overflow page " + n)) {
        return null;
      }
      if ((memory.readIntLE(next) & 0xFFFFFF) != NodeLayout.OVERFLOW_MAGIC) {
        report.finding(
            next,
            "overflow page magic",
            "'NOF' (page " + n + " of node " + node + ")",
            ChunkAccounting.hex(memory.readBytes(next, 3), 0, 3));
        return null;
      }
      if (n == pages.length) {
        pages = java.util.Arrays.copyOf(pages, Math.max(4, n * 2));
      }
      pages[n++] = next;
      next = memory.readLongLE(next + NodeLayout.OVERFLOW_NEXT_OFFSET);
    }
    return java.util.Arrays.copyOf(pages, n);
  }

  /**
   * Checks that every child address of an internal node is a chunk inside the memory, which {@link
   * NodeStore#load} requires; the finding then names the child.
   */
  private boolean childrenInside(long address, int version, long[] overflows) {
    if (memory.readByte(address + 4) == NodeLayout.TYPE_LEAF) {
      return true;
    }
    int count = memory.readShortLE(address + NodeLayout.COUNT_OFFSET);
    long capacity = layout.capacity(version, overflows.length);
    for (int i = 0; i <= count; i++) {
      long at =
          version == 1
              ? layout.v1ChildrenAt(count) + 8L * i
              : NodeLayout.V2_CHILDREN_OFFSET + 8L * i;
      if (at + 8 > capacity) {
        report.finding(address, "child " + i, "inside the node's pages", "past them");
        return false;
      }
      long child =
          version == 1
              ? memory.readLongLE(address + at)
              : layout.readLE(memory, address, overflows, at, Long.BYTES);
      try {
        layout.checkAddress(memory, child, "child");
      } catch (RuntimeException e) {
        report.finding(address, "child " + i, "a chunk's data address inside the memory", child);
        return false;
      }
    }
    return true;
  }

  /** A V2 node has exactly the overflow pages its image needs: the writer frees the rest. */
  private void checkOverflowLength(Node node) {
    int last = node.count - 1;
    long size = (long) node.valueOffsets[last] + node.valueLengths[last];
    int needed = layout.overflowPagesNeeded(size);
    if (needed != node.overflowCount) {
      report.finding(
          node.address,
          "overflow pages",
          needed + " (for a node image of " + size + " bytes)",
          node.overflowCount);
    }
  }

  /** Checks entry {@code i}: bounds, decoding, and its key after the previous one in order. */
  private void checkEntry(Node node, int i) {
    entries++;
    byte[] key = node.keys[i];
    boolean keyOk = checkEncoding(node.address, "key " + i, key, keyCodec);
    byte[] value;
    try {
      value = store.value(node, i);
    } catch (RuntimeException e) {
      report.failed(KIND, node.address, "value " + i, "a value inside the node's pages", e);
      value = null;
    }
    if (value != null) {
      checkEncoding(node.address, "value " + i, value, valueCodec);
    }
    if (!keyOk) {
      return;
    }
    if (previousKey != null) {
      int c;
      try {
        c = order.compareStored(previousKey, key);
      } catch (RuntimeException e) {
        report.failed(KIND, node.address, "key " + i, "keys the codec can compare", e);
        return;
      }
      if (c >= 0) {
        report.finding(
            node.address,
            "key order (key " + i + ")",
            "a key greater than " + show(previousKey) + " (in node " + previousNode + ")",
            show(key));
      }
    }
    previousKey = key;
    previousNode = node.address;
  }

  private boolean checkEncoding(long node, String field, byte[] bytes, Codec<?> codec) {
    Bound bound = codec.bound();
    if (bound.isBounded()
        && (bytes.length > bound.maxSize()
            || (bound.isFixedSize() && bytes.length != bound.maxSize()))) {
      report.finding(node, field + " length", bound, bytes.length + " bytes");
      return false;
    }
    try {
      codec.decode(bytes);
      return true;
    } catch (RuntimeException e) {
      report.failed(KIND, node, field, "an encoding " + codec + " decodes", e);
      return false;
    }
  }

  /** A key for a finding: decoded if it can be. */
  private String show(byte[] key) {
    try {
      return VerifyReport.show(keyCodec.decode(key));
    } catch (RuntimeException e) {
      return VerifyReport.show(key);
    }
  }
}
