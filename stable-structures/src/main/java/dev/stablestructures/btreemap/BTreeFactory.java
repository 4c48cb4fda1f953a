package dev.stablestructures.btreemap;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.internal.ToolHooks;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memory;

/**
 * Creates and opens stored B-trees: the crate's {@code new}, {@code new_v1}, {@code init} and
 * {@code load}, with the checks a stored map must pass before a tree is built over it. The header
 * rules themselves (page sizes, slot checks) are {@link BTreeHeader}'s; the allocator's are {@link
 * Allocator}'s.
 *
 * <pre>
 * +-----------+-------------------------------------------------------------+
 * | call      | does                                                        |
 * +-----------+-------------------------------------------------------------+
 * | init      | load if the memory holds anything, else create              |
 * | create    | write a new V2 header and allocator (V1 inside withV1Layout) |
 * | createV1  | the crate's test-only new_v1: fixed-size V1 nodes            |
 * | load      | read and check header, allocator, root; migrate V1 to V2    |
 * +-----------+-------------------------------------------------------------+
 * </pre>
 *
 * <p>Every write goes to a memory with a journal: the user's memory itself when it has one (then
 * the tree's steps are part of the user's transactions), else a {@link JournaledMemory} over it,
 * private to the tree, so that a failed mutation still rolls back. A creation is one step.
 */
final class BTreeFactory {
  /** The first node's address: after the map header, allocator header and one chunk header. */
  static final long FIRST_NODE =
      BTreeHeader.ALLOCATOR_OFFSET + Allocator.HEADER_SIZE + Allocator.CHUNK_HEADER_SIZE;

  private BTreeFactory() {}

  /**
   * Opens the map in {@code memory}, or creates a new (V2) one if the memory is empty.
   *
   * @throws BadMagicException if the memory holds something other than a B-tree map; it is left
   *     untouched
   */
  static <K, V> BTree<K, V> init(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    return memory.size() == 0
        ? create(memory, keyCodec, valueCodec)
        : load(memory, keyCodec, valueCodec);
  }

  /**
   * Creates a new, empty V2 map, overwriting whatever the memory held (the crate's {@code new}), or
   * a V1 map inside {@link ToolHooks#withV1Layout}.
   *
   * @throws IncompatibleLayoutException if the codecs' bounds give an impossible page size
   */
  static <K, V> BTree<K, V> create(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    BTreeHeader header =
        ToolHooks.v1LayoutRequested()
            ? BTreeHeader.forNewV1Map(keyCodec.bound(), valueCodec.bound())
            : BTreeHeader.forNewMap(keyCodec.bound(), valueCodec.bound());
    return create(memory, keyCodec, valueCodec, header);
  }

  /** Creates a new V1 map (fixed-size nodes), as the crate's test-only {@code new_v1}. */
  static <K, V> BTree<K, V> createV1(Memory memory, Codec<K> keyCodec, Codec<V> valueCodec) {
    return create(
        memory,
        keyCodec,
        valueCodec,
        BTreeHeader.forNewV1Map(keyCodec.bound(), valueCodec.bound()));
  }

  private static <K, V> BTree<K, V> create(
      Memory memory, Codec<K> keyCodec, Codec<V> valueCodec, BTreeHeader header) {
    Memory writes = journaled(memory);
    Journal journal = writes.journal();
    long step = journal.beginStep();
    try {
      Allocator allocator = Allocator.create(writes, BTreeHeader.ALLOCATOR_OFFSET, header.pageSize);
      BTreeHeader.write(writes, header, 0, 0);
      journal.commitStep(step);
      return new BTree<>(memory, writes, keyCodec, valueCodec, header, allocator, 0, 0);
    } finally {
      journal.endStep(step);
    }
  }

  /** The memory itself if it has a journal, else a journaled wrapper of it. */
  private static Memory journaled(Memory memory) {
    return memory.journal() != null ? memory : new JournaledMemory(memory);
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
    BTreeHeader header = stored.header().openedWith(keyCodec.bound(), valueCodec.bound());
    Memory writes = journaled(memory);
    Allocator allocator = Allocator.load(writes, BTreeHeader.ALLOCATOR_OFFSET, header.pageSize);
    long root = stored.root();
    long length = stored.length();
    if ((root == 0) != (length == 0) || length < 0) {
      throw new CorruptedStructureException("root " + root + " does not match length " + length);
    }
    BTree<K, V> tree =
        new BTree<>(memory, writes, keyCodec, valueCodec, header, allocator, root, length);
    if (root != 0) {
      tree.checkNodeAddress(root, "root");
    }
    return tree;
  }
}
