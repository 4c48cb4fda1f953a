package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;

/**
 * Builds a u64 → u64 tree image node by node, children first, in any shape (damaged ones included):
 * each node is written through the node store as the tree writes it, each key's value is the key,
 * and {@link #finish} points the header at the root and counts the entries.
 */
final class NodeImageBuilder {
  private static final Codec<Long> U64 = Codecs.u64();
  private static final int V2 = 2;
  private final HeapMemory memory = new HeapMemory();
  private final NodeStore store;
  private long entries;

  NodeImageBuilder() {
    BTreeFactory.create(memory, U64, U64);
    store = TestTrees.parts(memory, U64, U64).store();
  }

  /** A leaf of {@code keys} consecutive keys from {@code firstKey}; returns its address. */
  long leaf(long firstKey, int keys) {
    Node node = store.allocate(true, V2);
    for (int i = 0; i < keys; i++) {
      node.insertEntry(i, U64.encode(firstKey + i), U64.encode(firstKey + i));
    }
    return save(node, keys);
  }

  /** An internal node of these keys over these children (any number); returns its address. */
  long internal(long[] keys, long... children) {
    Node node = store.allocate(false, V2);
    for (int i = 0; i < keys.length; i++) {
      node.insertEntry(i, U64.encode(keys[i]), U64.encode(keys[i]));
    }
    for (long child : children) {
      node.pushChild(child);
    }
    return save(node, keys.length);
  }

  private long save(Node node, int keys) {
    store.save(node);
    entries += keys;
    return node.address;
  }

  /** One path of internal nodes of one key each down to a leaf at {@code levels}: the image. */
  static HeapMemory path(int levels) {
    NodeImageBuilder b = new NodeImageBuilder();
    long node = b.leaf(0, 1);
    for (int height = 1; height < levels; height++) {
      node = b.internal(new long[] {10L * height}, node, b.leaf(10L * height + 1, 1));
    }
    return b.finish(node);
  }

  /** Points the tree's header (root at byte 12, length at 20) at {@code root}; the image. */
  HeapMemory finish(long root) {
    memory.writeLongLE(12, root);
    memory.writeLongLE(20, entries);
    return memory;
  }
}
