package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where an {@link EntryIterator} goes on after an overwrite (before its first entry, right after a
 * leaf's last entry, in a codec's own order), which entries decode their value at once, the length
 * bound on a walk, and what a {@link LazyEntry} hashes, prints and refuses.
 */
class EntryIteratorResumeTest {
  private static BTree<Long, Long> u64Tree(int entries) {
    BTree<Long, Long> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), Codecs.u64());
    for (long k = 0; k < entries; k++) {
      tree.insert(k, k);
    }
    return tree;
  }

  @Test
  void anOverwriteBeforeTheFirstEntryStartsTheWalkAtTheBeginning() {
    for (boolean descending : new boolean[] {false, true}) {
      BTree<Long, Long> tree = u64Tree(100);
      EntryIterator<Long, Long> it = tree.iterator(10L, true, 20L, false, descending);
      tree.insert(15L, 150L);
      List<Long> keys = new ArrayList<>();
      while (it.hasNext()) {
        Map.Entry<Long, Long> e = it.next();
        keys.add(e.getKey());
        assertEquals(e.getKey() == 15 ? 150L : e.getKey(), e.getValue());
      }
      assertEquals(10, keys.size(), "descending " + descending);
      assertEquals(descending ? 19L : 10L, keys.get(0));
    }
  }

  /**
   * After a leaf's last entry, {@code hasNext} loads the next leaf into the same frame; the last
   * key must be kept before, for an overwrite then resumes right after it.
   */
  @Test
  void anOverwriteAfterALeafsLastEntryResumesRightAfterIt() {
    for (boolean descending : new boolean[] {false, true}) {
      BTree<Long, Long> tree = u64Tree(300);
      EntryIterator<Long, Long> it = tree.iterator(null, true, null, true, descending);
      List<Long> seen = new ArrayList<>();
      int overwrites = 0;
      boolean more = it.hasNext();
      while (more) {
        long key = it.nextKey();
        seen.add(key);
        more = it.hasNext(); // moves past the leaf's end, or not
        tree.insert(key, -key); // an overwrite of the entry just returned
        overwrites++;
      }
      assertEquals(300, seen.size(), "descending " + descending + ": each key once");
      for (int i = 0; i < 300; i++) {
        assertEquals(descending ? 299 - i : i, (long) seen.get(i));
      }
      assertEquals(300, overwrites);
    }
  }

  @Test
  void aResumeInACodecsOwnOrderFindsItsPlace() {
    BTree<Long, Long> tree =
        BTreeFactory.create(new HeapMemory(), BTreePropertyTest.REVERSED_U64, Codecs.u64());
    for (long k = 0; k < 100; k++) {
      tree.insert(k, k);
    }
    EntryIterator<Long, Long> it = tree.iterator(null, true, null, true, false);
    for (long expected = 99; expected >= 0; expected--) {
      assertEquals(expected, it.nextKey());
      tree.insert(expected, 0L); // an overwrite: the walk re-descends in the codec's order
    }
    assertFalse(it.hasNext());
  }

  @Test
  void aWalkRefusesMoreEntriesThanTheStoredLength() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long k = 0; k < 50; k++) {
      tree.insert(k, k);
    }
    memory.writeLongLE(20, 10); // the header's length
    BTree<Long, Long> loaded = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    EntryIterator<Long, Long> it = loaded.iterator(null, true, null, true, false);
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, it::countRemaining);
    assertTrue(e.getMessage().contains("more entries than its length"), e.getMessage());
  }

  /** Byte-array values of a given bound that count their decodes. */
  static final class CountingValues implements Codec<byte[]> {
    private final Bound bound;
    int decodes;

    CountingValues(int maxSize) {
      this.bound = Bound.bounded(maxSize, false);
    }

    @Override
    public Bound bound() {
      return bound;
    }

    @Override
    public byte[] encode(byte[] value) {
      return value.clone();
    }

    @Override
    public byte[] decode(byte[] bytes, int offset, int length) {
      decodes++;
      return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public int compare(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }
  }

  @Test
  void entriesDecodeTheirValueAtOnceOnlyWhenTheBoundIsAtMostSixtyFourBytes() {
    for (int bound : new int[] {EntryIterator.DECODED_VALUE_BYTES, 65}) {
      CountingValues values = new CountingValues(bound);
      BTree<Long, byte[]> tree = BTreeFactory.create(new HeapMemory(), Codecs.u64(), values);
      for (long k = 0; k < 30; k++) {
        tree.insert(k, new byte[] {(byte) k});
      }
      values.decodes = 0;
      EntryIterator<Long, byte[]> it = tree.iterator(null, true, null, true, false);
      List<Long> keys = new ArrayList<>();
      while (it.hasNext()) {
        keys.add(it.next().getKey());
      }
      assertEquals(30, keys.size());
      assertEquals(bound <= 64 ? 30 : 0, values.decodes, "bound " + bound);
    }
  }

  @Test
  void entriesHashArraysByContentPrintThemselvesAndRefuseANullValueFirst() {
    Object[] nested = {new byte[] {1, 2}, "x"};
    assertEquals(Arrays.deepHashCode(nested), LazyEntry.hash(nested));
    assertNotEquals(0, LazyEntry.hash(nested));
    BTree<Long, Long> tree = u64Tree(5);
    LazyEntry<Long, Long> entry =
        new EntryIterator<>(tree, null, true, null, true, false, true).next();
    assertEquals("0=0", entry.toString());
    tree.remove(0L);
    // Null is refused before the entry finds out that its key was removed.
    assertThrows(NullPointerException.class, () -> entry.setValue(null));
  }
}
