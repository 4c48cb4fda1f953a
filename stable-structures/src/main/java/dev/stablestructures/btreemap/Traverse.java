package dev.stablestructures.btreemap;

import static dev.stablestructures.btreemap.NodeLayout.checkDepth;
import static dev.stablestructures.memory.ByteArrays.getLongBE;

import dev.stablestructures.codec.OrderedLongCodec;

/**
 * The crate's {@code traverse}, in place: the descent of {@code get} and {@code containsKey},
 * through a {@link Cursor} that reads each node where it lies and decodes nothing. Long keys are
 * searched as primitives, their internal nodes served from the tree's {@link InternalNodeCache}. A
 * read: it writes nothing but the caller's own cursor (and the cache, under its own protocol).
 */
final class Traverse {
  private Traverse() {}

  /**
   * Finds {@code key}: on success the cursor is on the key's node and its index is returned, else
   * -1.
   */
  static <K> int locate(BTree<K, ?> tree, Cursor cursor, K key) {
    long address = tree.rootAddress();
    if (address == 0) {
      return -1;
    }
    KeyOrder<K> order = tree.keyOrder();
    InternalNodeCache cache = tree.nodeCache();
    OrderedLongCodec<K> longCodec = order.longCodec();
    byte[] encoded = longCodec == null ? tree.keyCodec().encode(key) : null;
    boolean longs = longCodec != null || (order.searchesLongs() && encoded.length == 8);
    long probe = longCodec != null ? longCodec.orderedLong(key) : longs ? getLongBE(encoded, 0) : 0;
    for (int depth = 0; ; depth++) {
      checkDepth(depth);
      long cached = longs ? cache.descend(address, probe, false) : InternalNodeCache.MISS;
      if (cached > 0) {
        address = cached;
        continue;
      }
      cursor.open(address); // not cached, or the key is in it: the value is read from the node
      int index = longs ? cursor.searchLong(probe) : order.search(cursor, key, encoded);
      if (index >= 0 || cursor.isLeaf()) {
        return Math.max(index, -1);
      }
      if (longs) {
        cache.offer(cursor, depth);
      }
      address = cursor.child(-index - 1);
    }
  }
}
