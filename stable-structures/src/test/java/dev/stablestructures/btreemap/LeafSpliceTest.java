package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.testing.TestRandom;
import org.junit.jupiter.api.Test;

/**
 * A splice writes exactly the image that loading the leaf, editing it and saving it writes, at
 * every position, for fixed-size keys and for keys with a length; and it declines what it cannot
 * do.
 */
class LeafSpliceTest {
  private static final long LEAF = BTreeFactory.FIRST_NODE;

  @Test
  void insertsAndRemovesAtEveryPositionAsLoadEditSave() {
    spliceEverywhere(Codecs.u64(), Codecs.u64(), i -> (long) i * 10, i -> (long) i * 7);
    spliceEverywhere(
        Codecs.string(),
        Codecs.bytes(),
        i -> "key" + (char) ('a' + i),
        i -> TestRandom.bytes(i * 3, i));
  }

  private interface Gen<T> {
    T at(int i);
  }

  private static <K, V> void spliceEverywhere(
      Codec<K> keys, Codec<V> values, Gen<K> key, Gen<V> value) {
    for (int count = 1; count < Node.CAPACITY; count++) {
      HeapMemory memory = new HeapMemory();
      BTree<K, V> tree = BTreeFactory.create(memory, keys, values);
      for (int i = 0; i < count; i++) {
        tree.insert(key.at(2 * i + 1), value.at(i)); // odd slots: room between every two keys
      }
      byte[] image = Memories.toByteArray(memory);
      for (int index = 0; index <= count; index++) {
        byte[] k = keys.encode(key.at(2 * index));
        byte[] v = values.encode(value.at(index + 20));
        HeapMemory spliced = HeapMemory.of(image);
        TestTrees.Parts parts = TestTrees.parts(spliced, keys, values);
        parts.cursor().open(LEAF);
        assertTrue(parts.splice().insert(parts.cursor(), index, k, v));
        HeapMemory saved = HeapMemory.of(image);
        TestTrees.Parts general = TestTrees.parts(saved, keys, values);
        Node node = general.store().load(LEAF, 0);
        node.insertEntry(index, k, v);
        general.store().save(node);
        assertArrayEquals(saved.toByteArray(), spliced.toByteArray(), "insert at " + index);
      }
      if (count < 2) {
        continue;
      }
      for (int index = 0; index < count; index++) {
        HeapMemory spliced = HeapMemory.of(image);
        TestTrees.Parts parts = TestTrees.parts(spliced, keys, values);
        parts.cursor().open(LEAF);
        byte[] removed = parts.splice().remove(parts.cursor(), index);
        HeapMemory saved = HeapMemory.of(image);
        TestTrees.Parts general = TestTrees.parts(saved, keys, values);
        Node node = general.store().load(LEAF, 0);
        byte[] expected = general.store().take(node, index)[1];
        general.store().save(node);
        assertArrayEquals(expected, removed, "value removed at " + index);
        assertArrayEquals(saved.toByteArray(), spliced.toByteArray(), "remove at " + index);
      }
    }
  }

  @Test
  void declinesFullLeavesLastEntriesAndNodesWithOverflowPages() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    tree.insert(1L, 1L);
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    parts.cursor().open(LEAF);
    assertNull(parts.splice().remove(parts.cursor(), 0), "the last entry frees the leaf");
    for (long i = 2; i <= Node.CAPACITY; i++) {
      tree.insert(i, i);
    }
    parts.cursor().open(LEAF);
    assertFalse(parts.splice().insert(parts.cursor(), 0, new byte[8], new byte[8]), "full");

    HeapMemory big = new HeapMemory();
    BTree<String, byte[]> strings = BTreeFactory.create(big, Codecs.string(), Codecs.bytes());
    strings.insert("a", new byte[2000]);
    strings.insert("b", new byte[1]);
    TestTrees.Parts bigParts = TestTrees.parts(big, Codecs.string(), Codecs.bytes());
    byte[] before = big.toByteArray();
    bigParts.cursor().open(LEAF);
    assertFalse(bigParts.splice().insert(bigParts.cursor(), 2, new byte[] {'c'}, new byte[1]));
    assertNull(bigParts.splice().remove(bigParts.cursor(), 1));
    assertArrayEquals(before, big.toByteArray(), "nothing written");
  }
}
