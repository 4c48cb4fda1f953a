package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeStore#load} decodes a node from one copy of its page when the page is small (at most
 * {@value NodeStore#COPIED_PAGE} bytes) and the node has no overflow pages, else field by field:
 * both give the same node, values included, and both call a field past the page corruption.
 */
class NodeStoreLoadTest {
  /**
   * Values of 1 KiB pages (copied whole: an unbounded codec) and of 8 KiB pages (read by field: a
   * bounded blob, with the bounded keys of {@link #KEYS}).
   */
  private static final List<Codec<byte[]>> VALUES = List.of(Codecs.bytes(), Codecs.blob(1000));

  /** Bounded keys with a length prefix. */
  private static final Codec<byte[]> KEYS = Codecs.blob(16);

  @Test
  void pageSizesOfTheTwoPaths() {
    assertTrue(pageSize(Codecs.bytes()) <= NodeStore.COPIED_PAGE);
    assertTrue(pageSize(Codecs.blob(1000)) > NodeStore.COPIED_PAGE);
  }

  private static int pageSize(Codec<byte[]> values) {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, KEYS, values).insert(new byte[1], new byte[1]);
    return TestTrees.parts(memory, KEYS, values).layout().pageSize();
  }

  /**
   * Nodes of both page sizes, without overflow pages, with a few (copied with the page) and with
   * more than {@value NodeStore#COPIED_NODE} bytes of them (read field by field), load with every
   * key, value, child and overflow page.
   */
  @Test
  void everyPathLoadsWhatWasInserted() {
    for (Codec<byte[]> values : VALUES) {
      int max = values.bound().isBounded() ? values.bound().maxSize() : 20_000;
      HeapMemory memory = new HeapMemory();
      BTree<byte[], byte[]> tree = BTreeFactory.create(memory, KEYS, values);
      for (int i = 0; i < 300; i++) {
        tree.insert(key(i), value(i, max));
      }
      TestTrees.Parts parts = TestTrees.parts(memory, KEYS, values);
      NodeStore store = parts.store();
      int entries = 0;
      int copied = 0;
      int walked = 0;
      for (long address : TestTrees.nodes(store, tree.rootAddress())) {
        Node node = store.load(address, 7);
        assertEquals(7, node.epoch);
        long first = memory.readLongLE(address + NodeLayout.V2_OVERFLOW_OFFSET);
        long[] chain = parts.layout().overflowChain(memory, address, first);
        assertEquals(chain.length, node.overflowCount);
        assertArrayEquals(chain, java.util.Arrays.copyOf(node.overflows, node.overflowCount));
        int pageSize = parts.layout().pageSize();
        long size = pageSize + (long) chain.length * (pageSize - NodeLayout.OVERFLOW_DATA_OFFSET);
        copied += chain.length > 0 && size <= NodeStore.COPIED_NODE ? 1 : 0;
        walked += size > NodeStore.COPIED_NODE ? 1 : 0;
        for (int i = 0; i < node.count; i++) {
          byte[] key = node.keys[i];
          int number = Integer.parseInt(new String(key, StandardCharsets.UTF_8).substring(3));
          assertArrayEquals(key(number), key);
          assertArrayEquals(value(number, max), store.value(node, i), "value of key " + number);
          entries++;
        }
        assertEquals(node.leaf ? 0 : node.count + 1, node.childCount);
        for (int c = 0; c < node.childCount; c++) {
          assertTrue(TestTrees.nodes(store, tree.rootAddress()).contains(node.children[c]));
        }
      }
      assertEquals(300, entries);
      if (!values.bound().isBounded()) {
        assertTrue(copied > 0, "nodes with overflow pages copied: " + copied);
        assertTrue(walked > 0, "nodes with overflow pages read by field: " + walked);
      }
      for (int i = 0; i < 300; i++) {
        assertArrayEquals(value(i, max), tree.get(key(i)));
      }
    }
  }

  private static byte[] key(int i) {
    return String.format("key%04d", i).getBytes(StandardCharsets.UTF_8);
  }

  /** Mostly small values, some of a few hundred bytes, and every 50th as large as allowed. */
  private static byte[] value(int i, int max) {
    int length = i % 50 == 0 ? max : i % 3 == 0 ? 300 + i % 300 : i % 40;
    byte[] b = new byte[Math.min(length, max)];
    for (int j = 0; j < b.length; j++) {
      b[j] = (byte) (i + j);
    }
    return b;
  }

  @Test
  void aValueLengthPastThePageIsCorruptionOnBothPaths() {
    for (Codec<byte[]> values : VALUES) {
      HeapMemory memory = new HeapMemory();
      BTree<Long, byte[]> tree = BTreeFactory.create(memory, Codecs.u64(), values);
      tree.insert(1L, new byte[] {1, 2, 3});
      tree.insert(2L, new byte[] {4});
      long leaf = tree.rootAddress();
      // V2 leaf of fixed-size keys: 7 header + 8 overflow link + 2 keys of 8; then value 0's length
      memory.writeIntLE(leaf + 31, 1 << 20);
      NodeStore store = TestTrees.parts(memory, Codecs.u64(), values).store();
      CorruptedStructureException e =
          assertThrows(CorruptedStructureException.class, () -> store.load(leaf, 0));
      assertTrue(e.getMessage().contains("past its pages"), e.getMessage());
    }
  }

  @Test
  void aKeyLengthPastThePageIsCorruptionOnBothPaths() {
    for (Codec<byte[]> values : VALUES) {
      HeapMemory memory = new HeapMemory();
      BTree<byte[], byte[]> tree = BTreeFactory.create(memory, KEYS, values);
      tree.insert(new byte[] {'a'}, new byte[] {1});
      long leaf = tree.rootAddress();
      memory.writeIntLE(leaf + 15, 1 << 20); // key 0's length
      NodeStore store = TestTrees.parts(memory, KEYS, values).store();
      CorruptedStructureException e =
          assertThrows(CorruptedStructureException.class, () -> store.load(leaf, 0));
      assertTrue(e.getMessage().contains("past its pages"), e.getMessage());
    }
  }

  @Test
  void aDamagedHeaderIsCorruptionOnBothPaths() {
    for (Codec<byte[]> values : VALUES) {
      HeapMemory memory = new HeapMemory();
      BTree<Long, byte[]> tree = BTreeFactory.create(memory, Codecs.u64(), values);
      tree.insert(1L, new byte[] {1});
      long leaf = tree.rootAddress();
      memory.writeShortLE(leaf + NodeLayout.COUNT_OFFSET, 12);
      NodeStore store = TestTrees.parts(memory, Codecs.u64(), values).store();
      CorruptedStructureException e =
          assertThrows(CorruptedStructureException.class, () -> store.load(leaf, 0));
      assertTrue(e.getMessage().contains("holds 12 entries"), e.getMessage());
    }
  }

  /**
   * A node decoded from a copy of its page already in hand (a cursor's window) is the node read
   * from memory, for leaves and internal nodes, with overflow pages or without; a copy that is not
   * a whole page is refused.
   */
  @Test
  void aPageInHandDecodesAsTheMemorysPage() {
    Codec<byte[]> values = Codecs.bytes();
    HeapMemory memory = new HeapMemory();
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, KEYS, values);
    for (int i = 0; i < 300; i++) {
      tree.insert(key(i), value(i, 3000));
    }
    NodeStore store = TestTrees.parts(memory, KEYS, values).store();
    int pageSize = TestTrees.parts(memory, KEYS, values).layout().pageSize();
    int overflowing = 0;
    for (long address : TestTrees.nodes(store, tree.rootAddress())) {
      byte[] page = new byte[pageSize];
      memory.read(address, page, 0, pageSize);
      Node read = store.load(address, 0);
      Node copied = store.load(address, page, 0);
      assertEquals(read.leaf, copied.leaf);
      assertEquals(read.count, copied.count);
      assertEquals(read.childCount, copied.childCount);
      assertEquals(read.overflowCount, copied.overflowCount);
      overflowing += read.overflowCount > 0 ? 1 : 0;
      for (int i = 0; i < read.count; i++) {
        assertArrayEquals(read.keys[i], copied.keys[i]);
        assertArrayEquals(store.value(read, i), store.value(copied, i));
      }
      for (int i = 0; i < read.childCount; i++) {
        assertEquals(read.children[i], copied.children[i]);
      }
    }
    assertTrue(overflowing > 0, "some nodes have overflow pages");
    long root = tree.rootAddress();
    assertThrows(IllegalArgumentException.class, () -> store.load(root, new byte[pageSize - 1], 0));
  }
}
