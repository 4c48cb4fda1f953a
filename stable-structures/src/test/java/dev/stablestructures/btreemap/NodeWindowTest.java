package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The node window both node readers share: a {@link Cursor} and a {@link ScanNode}, each reused
 * across every node of a tree (large and small, with and without overflow pages, V1 and V2), find
 * the same key extents and the same search answers as a search of the loaded {@link Node}, for
 * stored keys and for probes between them, by bytes and by a codec's own order.
 */
class NodeWindowTest {
  private static <K> int assertWindowsSearchAsTheLoadedNode(
      HeapMemory memory, BTree<K, ?> tree, Codec<K> keys, Function<TestRandom, K> probe) {
    TestTrees.Parts parts = TestTrees.parts(memory, keys, Codecs.bytes());
    KeyOrder<K> order = KeyOrder.of(keys);
    Codec<K> searchCodec = order.kind() == KeyOrder.Kind.CODEC ? keys : null;
    Cursor cursor = parts.cursor();
    ScanNode scan = new ScanNode(memory, parts.layout());
    TestRandom rng = new TestRandom(41);
    List<Long> nodes = TestTrees.nodes(parts.store(), tree.rootAddress());
    for (long address : nodes) {
      Node node = parts.store().load(address, 0);
      cursor.open(address);
      scan.read(address, 0);
      for (NodeWindow window : new NodeWindow[] {cursor, scan}) {
        String at = window.getClass().getSimpleName() + " at node " + address;
        assertEquals(node.count, window.count(), at);
        for (int i = 0; i < node.count; i++) {
          assertEquals(node.keys[i].length, window.keyLength(i), at + " key " + i);
          K stored = keys.decode(node.keys[i]);
          assertEquals(i, window.search(searchCodec, stored, node.keys[i]), at + " key " + i);
        }
        for (int p = 0; p < 20; p++) {
          K key = probe.apply(rng);
          byte[] encoded = keys.encode(key);
          assertEquals(
              order.search(node, key, encoded),
              window.search(searchCodec, key, encoded),
              at + " probe " + p);
        }
      }
    }
    return nodes.size();
  }

  @Test
  void variableKeysWithOverflowPagesSearchAsLoadedInBothWindows() {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, Codecs.bytes(), Codecs.bytes());
    TestRandom rng = new TestRandom(3);
    for (int i = 0; i < 400; i++) {
      byte[] key = TestRandom.bytes((int) rng.nextBelow(i % 7 == 0 ? 3000 : 40), rng.next());
      tree.insert(key, TestRandom.bytes((int) rng.nextBelow(i % 11 == 0 ? 20_000 : 300), i));
    }
    assertTrue(tree.stats().overflowPages() > 0, "some nodes overflow");
    int nodes =
        assertWindowsSearchAsTheLoadedNode(
            memory,
            tree,
            Codecs.bytes(),
            r -> TestRandom.bytes((int) r.nextBelow(r.nextBelow(4) == 0 ? 3000 : 40), r.next()));
    assertTrue(nodes > 10, nodes + " nodes");
  }

  @Test
  void aCodecsOwnOrderSearchesAsLoadedInBothWindows() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, byte[]> tree =
        BTreeFactory.create(memory, BTreePropertyTest.REVERSED_U64, Codecs.bytes());
    for (long i = 0; i < 2000; i++) {
      tree.insert(i * 3, new byte[(int) (i % 5)]);
    }
    int nodes =
        assertWindowsSearchAsTheLoadedNode(
            memory, tree, BTreePropertyTest.REVERSED_U64, r -> r.nextBelow(6100));
    assertTrue(nodes > 100, nodes + " nodes");
  }

  @Test
  void v1SlotsSearchAsLoadedInBothWindows() {
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.createV1(memory, Codecs.blob(12), Codecs.blob(12));
    TestRandom rng = new TestRandom(9);
    for (int i = 0; i < 1000; i++) {
      tree.insert(
          TestRandom.bytes((int) rng.nextBelow(13), rng.next()),
          TestRandom.bytes((int) rng.nextBelow(13), i));
    }
    int nodes =
        assertWindowsSearchAsTheLoadedNode(
            memory, tree, Codecs.blob(12), r -> TestRandom.bytes((int) r.nextBelow(13), r.next()));
    assertTrue(nodes > 50, nodes + " nodes");
  }

  /**
   * Keys of a fixed 0 bytes ({@code [u8; 0]}) store no lengths: both windows find the one key and
   * read its value, which starts right after the header.
   */
  @Test
  void fixedKeysOfNoBytesAreFoundAndTheirValueReadByBothWindows() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> keys = Codecs.byteArray(0);
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, keys, Codecs.bytes());
    tree.insert(new byte[0], new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, tree.get(new byte[0]));
    Map.Entry<byte[], byte[]> only = tree.iterator(null, true, null, true, false).next();
    assertArrayEquals(new byte[0], only.getKey());
    assertArrayEquals(new byte[] {1, 2, 3}, only.getValue());
  }

  /**
   * A leaf of one entry whose bytes end exactly where its first overflow page ends (1,024 + 1,013
   * bytes) is read by both windows; one byte more takes a second overflow page.
   */
  @Test
  void aNodeThatFillsItsPagesExactlyIsReadByBothWindows() {
    byte[] key = new byte[10];
    for (int extra = -1; extra <= 1; extra++) {
      HeapMemory memory = new HeapMemory();
      BTree<byte[], byte[]> tree = BTreeFactory.create(memory, Codecs.bytes(), Codecs.bytes());
      NodeLayout layout = TestTrees.parts(memory, Codecs.bytes(), Codecs.bytes()).layout();
      long fill = layout.capacity(2, 1) - NodeLayout.v2KeysAt(true, 1) - 4 - key.length - 4;
      byte[] value = TestRandom.bytes((int) fill + extra, extra + 2);
      tree.insert(key, value);
      assertEquals(extra <= 0 ? 1 : 2, tree.stats().overflowPages(), "extra " + extra);
      assertArrayEquals(value, tree.get(key), "get, extra " + extra);
      assertArrayEquals(
          value, tree.iterator(null, true, null, true, false).next().getValue(), "walk " + extra);
    }
  }
}
