package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * A parent taking a split's median and new child by a splice ({@link LeafSplice#insertInternal})
 * writes exactly the image that loading it, editing it and saving it writes: for every entry count
 * of an internal root, at every position, for fixed-size keys and for keys with a length; and the
 * splicer declines, writing nothing, what it cannot do (a node that would need an overflow page, as
 * a u64 node of 10 entries does: its page is 275 bytes).
 */
class InternalSpliceTest {
  private static final long NEW_CHILD = 0x1234_5678_9ABCL;

  @Test
  void insertsAtEveryPositionAsLoadEditSave() {
    spliceEverywhere(Codecs.u64(), Codecs.u64(), n -> n, n -> n * 7);
    spliceEverywhere(
        Codecs.string(),
        Codecs.bytes(),
        n -> String.format("k%08d", n),
        n -> new byte[(int) n % 9]);
  }

  @Test
  void declinesALeafAFullNodeAndAnEntryPastTheWindow() {
    HeapMemory memory = new HeapMemory();
    Codec<byte[]> keys = Codecs.blob(16);
    Codec<byte[]> values = Codecs.blob(2000); // pages of about 16 KiB: the window is 1 KiB
    BTree<byte[], byte[]> tree = BTreeFactory.create(memory, keys, values);
    for (int i = 0; tree.size() < 12; i++) {
      tree.insert(new byte[] {(byte) (2 * i + 1)}, new byte[60]);
    }
    byte[] image = Memories.toByteArray(memory);
    HeapMemory copy = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(copy, keys, values);
    Node root = parts.store().load(tree.rootAddress(), 0);
    assertFalse(root.leaf, "a split made an internal root");
    Cursor cursor = parts.cursor();
    cursor.open(root.child(0));
    assertFalse(
        parts.splice().insertInternal(cursor, 0, new byte[] {0}, new byte[1], NEW_CHILD), "leaf");
    cursor.open(tree.rootAddress());
    byte[] large = new byte[1024];
    assertFalse(
        parts.splice().insertInternal(cursor, 0, new byte[] {0}, large, NEW_CHILD), "too long");
    assertArrayEquals(image, Memories.toByteArray(copy), "nothing written");
    assertTrue(
        parts.splice().insertInternal(cursor, 0, new byte[] {0}, new byte[1], NEW_CHILD), "fits");
  }

  @Test
  void declinesAFullInternalNode() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    long n = 0;
    while (rootEntries(memory, Codecs.u64(), Codecs.u64(), tree) < Node.CAPACITY) {
      tree.insert(n, n);
      n += 2;
    }
    byte[] image = Memories.toByteArray(memory);
    HeapMemory copy = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(copy, Codecs.u64(), Codecs.u64());
    parts.cursor().open(tree.rootAddress());
    byte[] k = Codecs.u64().encode(1L);
    assertFalse(parts.splice().insertInternal(parts.cursor(), 0, k, k, NEW_CHILD), "full");
    assertArrayEquals(image, Memories.toByteArray(copy), "nothing written");
  }

  private static <K, V> void spliceEverywhere(
      Codec<K> keys, Codec<V> values, LongFunction<K> key, LongFunction<V> value) {
    HeapMemory memory = new HeapMemory();
    BTree<K, V> tree = BTreeFactory.create(memory, keys, values);
    long n = 0;
    int spliced = 0;
    for (int count = 1; count < Node.CAPACITY; count++) {
      while (rootEntries(memory, keys, values, tree) < count) {
        tree.insert(key.apply(2 * n + 1), value.apply(n)); // odd numbers: room between any two
        n++;
      }
      byte[] image = Memories.toByteArray(memory);
      for (int index = 0; index <= count; index++) {
        byte[] k = keys.encode(key.apply(2 * n + 2L * index));
        byte[] v = values.encode(value.apply(index + 20));
        spliced +=
            assertInsertIsLoadEditSave(image, keys, values, tree.rootAddress(), index, k, v)
                ? 1
                : 0;
      }
    }
    assertTrue(spliced >= 30, "most inserts fit their page: " + spliced);
  }

  /**
   * Splices into {@code node} of {@code image} and compares with load-edit-save; an insert whose
   * save needs an overflow page must be declined, writing nothing. Returns whether it fitted.
   */
  private static boolean assertInsertIsLoadEditSave(
      byte[] image, Codec<?> keys, Codec<?> values, long node, int index, byte[] k, byte[] v) {
    HeapMemory saved = HeapMemory.of(image);
    NodeStore store = TestTrees.parts(saved, keys, values).store();
    Node edited = store.load(node, 0).insertSplit(index, new byte[][] {k, v}, NEW_CHILD);
    store.save(edited);
    boolean fits = edited.overflowCount == 0;
    String where =
        "insert at " + index + " of " + (edited.count - 1) + (fits ? "" : ", overflowing");
    HeapMemory spliced = HeapMemory.of(image);
    TestTrees.Parts parts = TestTrees.parts(spliced, keys, values);
    parts.cursor().open(node);
    assertEquals(
        fits, parts.splice().insertInternal(parts.cursor(), index, k, v, NEW_CHILD), where);
    byte[] expected = fits ? Memories.toByteArray(saved) : image;
    assertArrayEquals(expected, Memories.toByteArray(spliced), where);
    return fits;
  }

  private static int rootEntries(HeapMemory memory, Codec<?> keys, Codec<?> values, BTree<?, ?> t) {
    if (t.rootAddress() == 0) {
      return 0;
    }
    Node root = TestTrees.parts(memory, keys, values).store().load(t.rootAddress(), 0);
    return root.leaf ? 0 : root.count;
  }
}
