package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.Arrays;

/**
 * Loads, saves, allocates and frees heap {@link Node}s in the layouts {@link NodeLayout} draws: the
 * crate's {@code Node::load}, {@code Node::save} and the node I/O of {@code node/io.rs}. Every read
 * is checked, so that a damaged image gives {@link CorruptedStructureException}, never an endless
 * walk or a huge allocation.
 *
 * <p><b>The one place node bytes change.</b> Every write of a node's or overflow page's bytes, the
 * leaf splicer's included, goes through {@link #write}, and every free through {@link #freeChunk};
 * both first drop the chunk from the {@link InternalNodeCache}, which thus never holds a node whose
 * bytes have changed.
 */
final class NodeStore {
  private final Memory memory;
  private final Allocator allocator;
  private final NodeLayout layout;
  private final InternalNodeCache cache;
  private final PageRunWriter writer;
  private final byte[] lengthBytes = new byte[4];

  /** The largest page {@link #load} copies whole; larger pages are read field by field. */
  static final int COPIED_PAGE = 4096;

  /** The largest node, page and overflow pages, {@link #load} copies whole. */
  static final int COPIED_NODE = 8192;

  /** Where {@link #saveV2} builds a node's head (header, children, keys); the write path's own. */
  private byte[] headScratch = new byte[256];

  /**
   * @param memory where nodes are read and written (a memory with a journal)
   * @param allocator the chunks nodes and overflow pages live in
   * @param layout the tree's node layout
   * @param cache the cache to keep true to memory
   */
  NodeStore(Memory memory, Allocator allocator, NodeLayout layout, InternalNodeCache cache) {
    this.memory = memory;
    this.allocator = allocator;
    this.layout = layout;
    this.cache = cache;
    this.writer = new PageRunWriter(memory, cache, layout.pageSize());
  }

  // ---------------------------------------------------------------- load

  /**
   * Loads a node: keys eagerly, values as lazy references; {@code epoch} stamps the copy. A V2 node
   * without overflow pages in a tree whose pages are at most {@value #COPIED_PAGE} bytes is copied
   * in one read and decoded from the copy, values included (see {@link #decodePage}); every other
   * node is read field by field.
   */
  Node load(long address, long epoch) {
    int pageSize = layout.pageSize();
    if (pageSize <= COPIED_PAGE) {
      layout.checkAddress(memory, address, "node");
      byte[] page = new byte[pageSize]; // per load: loads run on many threads
      memory.read(address, page, 0, pageSize);
      return decode(address, page, layout.checkHeader(address, page), epoch);
    }
    return decode(address, null, layout.readHeader(memory, address), epoch);
  }

  /**
   * Loads a node as {@link #load(long, long)} does from a copy of its page already in hand (a
   * cursor's window that holds the whole page), without reading the page again; {@code page} is not
   * kept.
   *
   * @throws IllegalArgumentException if {@code page} is not a whole page of a tree whose pages are
   *     copied
   */
  Node load(long address, byte[] page, long epoch) {
    if (page.length != layout.pageSize() || page.length > COPIED_PAGE) {
      throw new IllegalArgumentException(
          "a copy of " + page.length + " bytes is not a whole page of " + layout.pageSize());
    }
    layout.checkAddress(memory, address, "node");
    return decode(address, page, layout.checkHeader(address, page), epoch);
  }

  /** Decodes the node whose header is {@code header}, from {@code page} if copied (else null). */
  private Node decode(long address, byte[] page, int header, long epoch) {
    Node node = new Node(address, NodeLayout.isLeaf(header), NodeLayout.version(header));
    node.count = NodeLayout.count(header);
    node.epoch = epoch;
    if (node.version == 1) {
      loadV1(node);
    } else if (page == null) {
      loadV2(node, null);
    } else {
      decodeCopy(node, page);
    }
    for (int i = 0; i < node.childCount; i++) {
      layout.checkAddress(memory, node.children[i], "child");
    }
    return node;
  }

  private void loadV1(Node node) {
    long base = node.address;
    for (int i = 0; i < node.count; i++) {
      long keyAt = layout.v1KeyAt(i);
      long keyLength = checkSlot(node, memory.readIntLE(base + keyAt), layout.maxKeySize());
      node.keys[i] = memory.readBytes(base + keyAt + 4, (int) keyLength);
      long valueAt = layout.v1ValueAt(i);
      long valueLength = checkSlot(node, memory.readIntLE(base + valueAt), layout.maxValueSize());
      node.valueOffsets[i] = (int) (valueAt + 4);
      node.valueLengths[i] = (int) valueLength;
    }
    if (!node.leaf) {
      node.childCount = node.count + 1;
      long childrenAt = base + layout.v1ChildrenAt(node.count);
      for (int i = 0; i < node.childCount; i++) {
        node.children[i] = memory.readLongLE(childrenAt + 8L * i);
      }
    }
  }

  private static long checkSlot(Node node, int storedLength, long slot) {
    long length = storedLength & 0xFFFFFFFFL;
    if (length > slot) {
      throw new CorruptedStructureException(
          "V1 node at " + node.address + ": " + length + " bytes in a " + slot + " slot");
    }
    return length;
  }

  /**
   * Decodes a V2 node from the copy of its page and, when the whole node is at most {@value
   * #COPIED_NODE} bytes, a copy of its overflow pages; else, or when a field lies outside, reads it
   * field by field ({@link #loadV2}, which then reports the damage).
   */
  private void decodeCopy(Node node, byte[] page) {
    long first = ByteArrays.getLongLE(page, NodeLayout.V2_OVERFLOW_OFFSET);
    if (first == 0) {
      if (!decodePage(node, page)) {
        loadV2(node, Node.NO_PAGES);
      }
      return;
    }
    long[] chain = layout.overflowChain(memory, node.address, first);
    int perPage = page.length - NodeLayout.OVERFLOW_DATA_OFFSET;
    long capacity = page.length + (long) chain.length * perPage;
    if (capacity <= COPIED_NODE) {
      byte[] all = Arrays.copyOf(page, (int) capacity);
      for (int i = 0; i < chain.length; i++) {
        long data = chain[i] + NodeLayout.OVERFLOW_DATA_OFFSET;
        memory.read(data, all, page.length + i * perPage, perPage);
      }
      if (decodePage(node, all)) {
        node.overflows = chain;
        node.overflowCount = chain.length;
        return;
      }
    }
    loadV2(node, chain);
  }

  /** Reads a V2 node field by field; {@code chain} is its overflow chain, or null if not walked. */
  private void loadV2(Node node, long[] chain) {
    if (chain == null) {
      long first = memory.readLongLE(node.address + NodeLayout.V2_OVERFLOW_OFFSET);
      chain = layout.overflowChain(memory, node.address, first);
    }
    node.overflows = chain;
    node.overflowCount = node.overflows.length;
    long offset = NodeLayout.V2_CHILDREN_OFFSET;
    if (!node.leaf) {
      node.childCount = node.count + 1;
      for (int i = 0; i < node.childCount; i++) {
        checkExtent(node, offset, 8);
        node.children[i] = layout.readLE(memory, node.address, node.overflows, offset, Long.BYTES);
        offset += 8;
      }
    }
    for (int i = 0; i < node.count; i++) {
      long keyLength = layout.fixedKeySize();
      if (keyLength < 0) {
        keyLength = readLength(node, offset);
        offset += 4;
      }
      checkExtent(node, offset, keyLength);
      byte[] key = new byte[(int) keyLength];
      layout.readVirtual(memory, node.address, node.overflows, offset, key, 0, key.length);
      node.keys[i] = key;
      offset += keyLength;
    }
    for (int i = 0; i < node.count; i++) {
      long valueLength = readLength(node, offset);
      offset += 4;
      checkExtent(node, offset, valueLength);
      node.valueOffsets[i] = (int) offset;
      node.valueLengths[i] = (int) valueLength;
      offset += valueLength;
    }
  }

  /**
   * Decodes a V2 node from a copy of its virtual byte string (its page, then the data of each
   * overflow page), with the checks of {@link #loadV2}: every field must lie inside the copy.
   * Values are copied out at once (the page is in hand; a lazy reference would read it again).
   *
   * @return false when a field does not lie inside the page, having set nothing that {@link
   *     #loadV2} does not set again (it then reports the damage)
   */
  private boolean decodePage(Node node, byte[] page) {
    int end = page.length;
    int offset = NodeLayout.V2_CHILDREN_OFFSET;
    if (!node.leaf) {
      node.childCount = node.count + 1;
      if (offset + 8 * node.childCount > end) {
        return false;
      }
      for (int i = 0; i < node.childCount; i++) {
        node.children[i] = ByteArrays.getLongLE(page, offset);
        offset += 8;
      }
    }
    int fixed = layout.fixedKeySize();
    for (int i = 0; i < node.count; i++) {
      long keyLength = fixed;
      if (fixed < 0) {
        if (offset + 4 > end) {
          return false;
        }
        keyLength = ByteArrays.getIntLE(page, offset) & 0xFFFF_FFFFL;
        offset += 4;
      }
      if (keyLength > end - offset) {
        return false;
      }
      node.keys[i] = Arrays.copyOfRange(page, offset, offset + (int) keyLength);
      offset += (int) keyLength;
    }
    for (int i = 0; i < node.count; i++) {
      if (offset + 4 > end) {
        return false;
      }
      long valueLength = ByteArrays.getIntLE(page, offset) & 0xFFFF_FFFFL;
      offset += 4;
      if (valueLength > end - offset) {
        return false;
      }
      node.valueOffsets[i] = offset;
      node.valueLengths[i] = (int) valueLength;
      node.values[i] = Arrays.copyOfRange(page, offset, offset + (int) valueLength);
      offset += (int) valueLength;
    }
    return true;
  }

  private long readLength(Node node, long offset) {
    checkExtent(node, offset, 4);
    return layout.readLE(memory, node.address, node.overflows, offset, Integer.BYTES);
  }

  private void checkExtent(Node node, long offset, long length) {
    if (offset + length > layout.capacity(node.version, node.overflowCount)) {
      throw new CorruptedStructureException(
          "node at " + node.address + " stores " + length + " bytes past its pages");
    }
  }

  /** The encoded value of entry {@code index}, read from memory if it is still a reference. */
  byte[] value(Node node, int index) {
    byte[] value = node.values[index];
    if (value == null) {
      value = new byte[node.valueLengths[index]];
      layout.readVirtual(
          memory, node.address, node.overflows, node.valueOffsets[index], value, 0, value.length);
      node.values[index] = value;
    }
    return value;
  }

  /** Reads every lazy value, so the node can be rewritten or its entries moved. */
  void materialize(Node node) {
    for (int i = 0; i < node.count; i++) {
      value(node, i);
    }
  }

  // ---------------------------------------------------------------- allocate and free

  Node allocate(boolean leaf, int version) {
    return new Node(allocator.allocate(), leaf, version);
  }

  /**
   * The crate's {@code Node::merge}: {@code median} and the entries of both nodes end up in {@code
   * into}, at its address, in key order; {@code into} is saved and {@code source} freed.
   */
  Node merge(Node source, Node into, byte[][] median, KeyOrder<?> order) {
    Node.checkSameType(source, into);
    materialize(source);
    materialize(into);
    if (order.compareStored(source.keys[0], into.keys[0]) > 0) {
      Node.append(into, source, median);
    } else {
      Node.append(source, into, median);
      into.takeContents(source);
    }
    save(into);
    free(source);
    return into;
  }

  /** Takes entry {@code index} out of a node, with its value read. */
  byte[][] take(Node node, int index) {
    value(node, index);
    return node.removeEntry(index);
  }

  /** Puts {@code entry} in place of entry {@code index}, and returns the old one, value read. */
  byte[][] swap(Node node, int index, byte[][] entry) {
    value(node, index);
    return node.swapEntry(index, entry);
  }

  /** Frees a node's overflow pages (in chain order) and then the node, as the crate. */
  void free(Node node) {
    for (int i = 0; i < node.overflowCount; i++) {
      freeChunk(node.overflows[i]);
    }
    freeChunk(node.address);
  }

  private void freeChunk(long chunk) {
    cache.forget(chunk);
    allocator.deallocate(chunk);
  }

  /** Writes bytes into the chunk at {@code chunk}: the one write of node and overflow bytes. */
  private void write(long chunk, long offset, byte[] bytes, int from, int length) {
    cache.forget(chunk);
    Memories.write(memory, chunk + offset, bytes, from, length);
  }

  /** Writes a spliced leaf image (see {@link LeafSplice}) from offset 0 of its page. */
  void writeSpliced(long node, byte[] image, int length) {
    write(node, 0, image, 0, length);
  }

  // ---------------------------------------------------------------- save

  /** Replaces value {@code index} of {@code node} and saves it; returns the old value's bytes. */
  byte[] replaceValue(Node node, int index, byte[] value) {
    byte[] old = value(node, index);
    node.values[index] = value;
    save(node);
    return old;
  }

  /** Saves three nodes, in this order. */
  void saveAll(Node first, Node second, Node third) {
    save(first);
    save(second);
    save(third);
  }

  /**
   * Whether a split of {@code fullChild} into a new node of {@code siblingVersion} may save each
   * half once, after the new entry went into one of them, instead of the crate's twice (both halves
   * and the parent, then the half that took the entry). The image is the same when the full child
   * is a V2 leaf without overflow pages and the sibling V2 too: each half then fits its page, so
   * neither of its saves allocates or frees a chunk (the parent's and the final half's allocations
   * keep their order), and a V2 save writes the node from offset 0 to its end, so the longer, final
   * save covers every byte the crate's first one wrote. (A V1 node keeps each entry in its slot: an
   * entry shifted by the insert would leave bytes of the first save past its new key.)
   */
  boolean fusesLeafSplit(Node fullChild, int siblingVersion) {
    return fullChild.leaf
        && fullChild.version == 2
        && fullChild.overflowCount == 0
        && siblingVersion == 2;
  }

  /**
   * Writes a node back. A V1 node whose entries no longer fit its fixed slots (possible after a V1
   * map is reopened with wider or unbounded codecs) is written as a V2 node at the same address
   * instead: its chunk is exactly one V2 page there, so nothing else moves.
   */
  void save(Node node) {
    materialize(node);
    if (node.version == 1) {
      if (fitsV1(node)) {
        saveV1(node);
        return;
      }
      node.version = 2;
      node.overflows = Node.NO_PAGES;
      node.overflowCount = 0;
    }
    saveV2(node);
  }

  private boolean fitsV1(Node node) {
    for (int i = 0; i < node.count; i++) {
      if (node.keys[i].length > layout.maxKeySize()
          || node.values[i].length > layout.maxValueSize()) {
        return false;
      }
    }
    return true;
  }

  /** Writes exactly what the crate writes: slot padding keeps its old bytes. */
  private void saveV1(Node node) {
    byte[] header = new byte[NodeLayout.HEADER_SIZE];
    NodeLayout.writeHeader(header, 1, node.leaf, node.count);
    write(node.address, 0, header, 0, header.length);
    for (int i = 0; i < node.count; i++) {
      writeSized(node.address, layout.v1KeyAt(i), node.keys[i]);
      writeSized(node.address, layout.v1ValueAt(i), node.values[i]);
    }
    if (node.childCount > 0) {
      byte[] children = new byte[8 * node.childCount];
      for (int i = 0; i < node.childCount; i++) {
        ByteArrays.putLongLE(children, 8 * i, node.children[i]);
      }
      write(node.address, layout.v1ChildrenAt(node.count), children, 0, children.length);
    }
  }

  private void writeSized(long node, long at, byte[] bytes) {
    byte[] length = new byte[4];
    ByteArrays.putIntLE(length, 0, bytes.length);
    write(node, at, length, 0, 4);
    write(node, at + 4, bytes, 0, bytes.length);
  }

  /**
   * Writes a V2 node: its header, children and keys are built in one small array, and that and the
   * values are streamed through the {@link PageRunWriter} into the node's pages, so no array of the
   * whole node (11 MiB for eleven 1 MiB values) is built and copied.
   */
  private void saveV2(Node node) {
    int prefix = layout.keyPrefix();
    int head = NodeLayout.V2_CHILDREN_OFFSET + 8 * node.childCount;
    for (int i = 0; i < node.count; i++) {
      head += prefix + node.keys[i].length;
    }
    long size = head;
    for (int i = 0; i < node.count; i++) {
      size += 4 + node.values[i].length;
    }
    if (headScratch.length < head) {
      headScratch = new byte[Math.max(head, 2 * headScratch.length)];
    }
    byte[] image = headScratch;
    NodeLayout.writeHeader(image, 2, node.leaf, node.count);
    int offset = NodeLayout.V2_CHILDREN_OFFSET;
    for (int i = 0; i < node.childCount; i++) {
      ByteArrays.putLongLE(image, offset, node.children[i]);
      offset += 8;
    }
    for (int i = 0; i < node.count; i++) {
      offset = put(image, offset, node.keys[i], prefix == 4);
    }

    // The crate's NodeWriter allocates pages as writes pass the end of the chain and frees the
    // unused tail at the end; no page is freed in between, so allocating first is equivalent. Every
    // link is then final but the last, so the writer may copy the headers between pages as they
    // are.
    int needed = layout.overflowPagesNeeded(size);
    while (node.overflowCount < needed) {
      allocateOverflowPage(node);
    }
    long first = node.overflowCount > 0 ? node.overflows[0] : 0;
    ByteArrays.putLongLE(image, NodeLayout.V2_OVERFLOW_OFFSET, first);
    PageRunWriter w = writer;
    w.begin(node.address, node.overflows);
    w.put(image, 0, head);
    byte[] length = lengthBytes;
    for (int i = 0; i < node.count; i++) {
      byte[] value = node.values[i];
      ByteArrays.putIntLE(length, 0, value.length);
      w.put(length, 0, 4);
      w.put(value, 0, value.length);
    }
    w.finish();
    while (node.overflowCount > needed) {
      freeChunk(node.overflows[--node.overflowCount]);
    }
    if (first != 0) {
      writeLastLink(node, 0); // else the head just wrote this null link into the node's own field
    }
  }

  private static int put(byte[] image, int offset, byte[] bytes, boolean withLength) {
    if (withLength) {
      ByteArrays.putIntLE(image, offset, bytes.length);
      offset += 4;
    }
    System.arraycopy(bytes, 0, image, offset, bytes.length);
    return offset + bytes.length;
  }

  private void allocateOverflowPage(Node node) {
    long page = allocator.allocate();
    byte[] header = NodeLayout.overflowPageHeader();
    write(page, 0, header, 0, header.length);
    writeLastLink(node, page);
    if (node.overflowCount == node.overflows.length) {
      node.overflows = Arrays.copyOf(node.overflows, Math.max(4, node.overflowCount * 2));
    }
    node.overflows[node.overflowCount++] = page;
  }

  /** Points the last link of the chain (the node's own field if none) at {@code target}. */
  private void writeLastLink(Node node, long target) {
    boolean chained = node.overflowCount > 0;
    long chunk = chained ? node.overflows[node.overflowCount - 1] : node.address;
    long at = chained ? NodeLayout.OVERFLOW_NEXT_OFFSET : NodeLayout.V2_OVERFLOW_OFFSET;
    byte[] bytes = new byte[8];
    ByteArrays.putLongLE(bytes, 0, target);
    write(chunk, at, bytes, 0, 8);
  }
}
