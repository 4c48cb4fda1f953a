package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import org.junit.jupiter.api.Test;

/** Which keys are searched as longs, and that the three orders agree on a node. */
class KeyOrderTest {
  @Test
  void onlyFixedEightByteKeysInTheirLongOrderAreSearchedAsLongs() {
    assertEquals(KeyOrder.Kind.LONG, KeyOrder.of(Codecs.u64()).kind());
    assertNotNull(KeyOrder.of(Codecs.u64()).longCodec(), "u64 gives its long without encoding");
    assertEquals(KeyOrder.Kind.LONG, KeyOrder.of(Codecs.i64()).kind());
    assertEquals(KeyOrder.Kind.LONG, KeyOrder.of(Codecs.byteArray(8)).kind());
    assertNull(KeyOrder.of(Codecs.byteArray(8)).longCodec(), "[u8; 8] is encoded, then read");
    assertEquals(KeyOrder.Kind.BYTES, KeyOrder.of(Codecs.blob(8)).kind(), "not fixed-size");
    assertEquals(KeyOrder.Kind.BYTES, KeyOrder.of(new BTreeTest.WideLongCodec()).kind());
    assertEquals(KeyOrder.Kind.BYTES, KeyOrder.of(Codecs.string()).kind());
    assertEquals(KeyOrder.Kind.CODEC, KeyOrder.of(BTreePropertyTest.REVERSED_U64).kind());
  }

  @Test
  void eightByteArrayKeysUseTheLongPathAndItsCache() {
    BTree<byte[], Long> tree =
        BTreeFactory.create(new HeapMemory(), Codecs.byteArray(8), Codecs.u64());
    for (long i = 0; i < 2000; i++) {
      tree.insert(Codecs.u64().encode(i * 2), i);
    }
    assertTrue(tree.cachedNodes() > 0);
    for (long i = 0; i < 2000; i++) {
      assertEquals(i, tree.get(Codecs.u64().encode(i * 2)));
      assertNull(tree.get(Codecs.u64().encode(i * 2 + 1)));
    }
    assertNull(tree.get(new byte[3]), "a probe that cannot be stored is absent");
    assertNull(tree.remove(new byte[3]));
  }

  @Test
  void theOrdersAgreeOnALoadedNode() {
    KeyOrder<Long> longs = KeyOrder.of(Codecs.u64());
    KeyOrder<Long> decoded = KeyOrder.of(BTreePropertyTest.REVERSED_U64);
    Node node = new Node(0, true, 2);
    for (long k : new long[] {3, 5, 9}) {
      node.insertEntry(node.count, Codecs.u64().encode(k), new byte[0]);
    }
    assertEquals(1, longs.search(node, 5L, Codecs.u64().encode(5L)));
    assertEquals(-3, longs.search(node, 6L, Codecs.u64().encode(6L)));
    Node reversed = new Node(0, true, 2);
    for (long k : new long[] {9, 5, 3}) {
      reversed.insertEntry(reversed.count, Codecs.u64().encode(k), new byte[0]);
    }
    assertEquals(-2, decoded.search(reversed, 6L, null), "in reversed order, 9 6 5 3");
    assertEquals(2, decoded.search(reversed, 3L, null));
  }
}
