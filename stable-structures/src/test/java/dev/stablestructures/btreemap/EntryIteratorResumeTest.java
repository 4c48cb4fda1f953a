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
import java.nio.charset.StandardCharsets;
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

  /**
   * Strings ordered as their UTF-8 bytes, except that the empty string sorts as "m": a codec's own
   * order in which the empty key lies between others, so it can be the last key of a leaf that is
   * not the last one.
   */
  static final Codec<String> EMPTY_AS_M =
      new Codec<>() {
        @Override
        public Bound bound() {
          return Bound.unbounded();
        }

        @Override
        public byte[] encode(String value) {
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
          return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }

        @Override
        public int compare(String a, String b) {
          return (a.isEmpty() ? "m" : a).compareTo(b.isEmpty() ? "m" : b);
        }
      };

  /**
   * As {@link #anOverwriteAfterALeafsLastEntryResumesRightAfterIt}, when the key kept is the empty
   * one (zero bytes kept: still a key to resume after, not "no key returned yet"). Ascending
   * inserts leave five keys in each leaf but the last, so with 0 to 11 keys before the empty one it
   * ends the first leaf once (and starts the second once, for the descending walk).
   */
  @Test
  void anOverwriteAfterAnEmptyKeyThatEndsALeafResumesRightAfterIt() {
    int edges = 0;
    for (int before = 0; before < 12; before++) {
      java.util.NavigableMap<String, Long> model = new java.util.TreeMap<>(EMPTY_AS_M);
      for (int i = 0; i < before; i++) {
        model.put(String.format("a%02d", i), (long) i);
      }
      model.put("", -1L);
      for (int i = 0; i < 40; i++) {
        model.put(String.format("z%02d", i), (long) i);
      }
      BTree<String, Long> tree = BTreeFactory.create(new HeapMemory(), EMPTY_AS_M, Codecs.u64());
      model.forEach(tree::insert); // ascending, in the codec's order
      edges += emptyKeyAtALeafEdge(tree, before) ? 1 : 0;
      for (boolean descending : new boolean[] {false, true}) {
        EntryIterator<String, Long> it = tree.iterator(null, true, null, true, descending);
        List<String> seen = new ArrayList<>();
        boolean more = it.hasNext();
        while (more && seen.size() <= model.size()) { // a walk that starts over stops too
          String key = it.nextKey();
          seen.add(key);
          more = it.hasNext(); // moves past the leaf's end, or not
          tree.insert(key, 7L); // an overwrite of the entry just returned
        }
        List<String> expected =
            new ArrayList<>(descending ? model.descendingKeySet() : model.keySet());
        assertEquals(
            expected, seen, before + " keys before the empty one, descending " + descending);
      }
    }
    assertTrue(edges >= 2, "the empty key ended or started a leaf: " + edges);
  }

  /**
   * Whether a leaf ends with the empty key (keys follow it in every tree here), or starts with it
   * after {@code before} keys: where a walk leaves the leaf right after it.
   */
  private static boolean emptyKeyAtALeafEdge(BTree<String, Long> tree, int before) {
    TestTrees.Parts parts = TestTrees.parts(tree.memory(), EMPTY_AS_M, Codecs.u64());
    for (long address : TestTrees.nodes(parts.store(), tree.rootAddress())) {
      Node node = parts.store().load(address, 0);
      boolean starts = before > 0 && node.keys[0].length == 0;
      if (node.leaf && (starts || node.keys[node.count - 1].length == 0)) {
        return true;
      }
    }
    return false;
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

  /** A tree of 50 entries whose header's length says 10. */
  private static BTree<Long, Long> fiftyEntriesStoredAsTen() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long k = 0; k < 50; k++) {
      tree.insert(k, k);
    }
    memory.writeLongLE(20, 10); // the header's length
    return BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
  }

  /**
   * As {@link #aWalkRefusesMoreEntriesThanTheStoredLength}, for the leaf runs of {@code forEach}
   * and {@code forEachLong}, which hand out a leaf's entries without going through {@code advance}:
   * each of them counts against the stored length too.
   */
  @Test
  void leafRunsRefuseMoreEntriesThanTheStoredLength() {
    BTree<Long, Long> loaded = fiftyEntriesStoredAsTen();
    for (boolean descending : new boolean[] {false, true}) {
      List<Long> handed = new ArrayList<>();
      CorruptedStructureException e =
          assertThrows(
              CorruptedStructureException.class,
              () ->
                  loaded
                      .iterator(null, true, null, true, descending)
                      .forEachRemaining(true, false, (k, v) -> handed.add(k)));
      assertTrue(e.getMessage().contains("more entries than its length"), e.getMessage());
      assertEquals(10, handed.size(), "forEach, descending " + descending);
      List<Long> longs = new ArrayList<>();
      e =
          assertThrows(
              CorruptedStructureException.class,
              () ->
                  loaded
                      .iterator(null, true, null, true, descending)
                      .forEachRemainingLong(0, 0, (k, v) -> longs.add(k)));
      assertTrue(e.getMessage().contains("more entries than its length"), e.getMessage());
      assertEquals(10, longs.size(), "forEachLong, descending " + descending);
    }
  }

  @Test
  void aWalkRefusesMoreEntriesThanTheStoredLength() {
    BTree<Long, Long> loaded = fiftyEntriesStoredAsTen();
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
