package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Journal;
import org.junit.jupiter.api.Test;

/** The header's rules: page sizes of new maps, migration on open, and its 28 bytes. */
class BTreeHeaderTest {
  @Test
  void newMapsGetThreeQuartersOfTheV1NodeOr1024() {
    assertEquals(275, BTreeHeader.forNewMap(Bound.fixed(8), Bound.fixed(8)).pageSize);
    assertEquals(
        308, BTreeHeader.forNewMap(Bound.bounded(10, false), Bound.bounded(10, false)).pageSize);
    assertEquals(1024, BTreeHeader.forNewMap(Bound.fixed(8), Bound.unbounded()).pageSize);
    assertThrows(
        IncompatibleLayoutException.class,
        () -> BTreeHeader.forNewMap(Bound.bounded(1 << 26, false), Bound.bounded(1 << 26, false)),
        "a page of 2^30 bytes or more");
  }

  @Test
  void aV1MapOpensAsV2DerivedAndWritesVersionByteOneAgain() {
    BTreeHeader v1 = BTreeHeader.forNewV1Map(Bound.bounded(10, false), Bound.bounded(10, false));
    assertEquals(411, v1.pageSize);
    assertEquals(1, v1.newNodeVersion());
    BTreeHeader opened = v1.openedWith(Bound.unbounded(), Bound.bounded(5, false));
    assertEquals(BTreeHeader.Layout.V2_DERIVED, opened.layout);
    assertEquals(2, opened.newNodeVersion());
    assertEquals(411, opened.pageSize);
    assertThrows(
        IncompatibleLayoutException.class,
        () -> v1.openedWith(Bound.bounded(11, false), Bound.unbounded()),
        "a bounded type may not grow");
    HeapMemory memory = new HeapMemory();
    BTreeHeader.write(memory, opened, 116, 1);
    assertArrayEquals(
        BTreeTest.hex("425452 01 0a000000 0a000000 7400000000000000 0100000000000000"),
        memory.readBytes(0, 28));
    BTreeHeader.Stored stored = BTreeHeader.read(memory);
    assertEquals(BTreeHeader.Layout.V1, stored.header().layout);
    assertEquals(116, stored.root());
    assertEquals(1, stored.length());
  }

  @Test
  void v2HeadersCarryThePageSizeAndTheMarker() {
    HeapMemory memory = new HeapMemory();
    BTreeHeader.write(memory, BTreeHeader.forNewMap(Bound.fixed(8), Bound.fixed(8)), 0, 0);
    assertArrayEquals(
        BTreeTest.hex("425452 02 13010000 ffffffff 0000000000000000 0000000000000000"),
        memory.readBytes(0, 28));
    memory.writeIntLE(4, 100);
    BTreeHeader small = BTreeHeader.read(memory).header();
    assertThrows(
        IncompatibleLayoutException.class, () -> small.openedWith(Bound.fixed(8), Bound.fixed(8)));
    memory.writeIntLE(8, 7); // version 2 without the marker: the crate's legacy derived layout
    assertEquals(BTreeHeader.Layout.V2_DERIVED, BTreeHeader.read(memory).header().layout);
  }

  /** A V2 header whose stored page size is {@code pageSize}, as read back from memory. */
  private static BTreeHeader storedV2(long pageSize) {
    HeapMemory memory = new HeapMemory();
    BTreeHeader.write(memory, BTreeHeader.forNewMap(Bound.fixed(8), Bound.fixed(8)), 0, 0);
    memory.writeIntLE(4, (int) pageSize);
    return BTreeHeader.read(memory).header();
  }

  @Test
  void storedPageSizesFrom128BelowTwoToThe30Open() {
    Bound u64 = Bound.fixed(8);
    assertEquals(128, storedV2(128).openedWith(u64, u64).pageSize, "the minimum itself opens");
    assertThrows(IncompatibleLayoutException.class, () -> storedV2(127).openedWith(u64, u64));
    long largest = Integer.MAX_VALUE / 2; // 2^30 - 1
    assertEquals(largest, storedV2(largest).openedWith(u64, u64).pageSize);
    assertThrows(
        CorruptedStructureException.class, () -> storedV2(largest + 1).openedWith(u64, u64));
  }

  @Test
  void aV1MapOpensWithBoundsUpToItsSlotsForKeysAndValuesAlike() {
    BTreeHeader v1 = BTreeHeader.forNewV1Map(Bound.bounded(10, false), Bound.bounded(20, false));
    BTreeHeader opened = v1.openedWith(Bound.bounded(10, false), Bound.bounded(20, false));
    assertEquals(v1.pageSize, opened.pageSize, "bounds equal to the slots fit");
    IncompatibleLayoutException value =
        assertThrows(
            IncompatibleLayoutException.class,
            () -> v1.openedWith(Bound.unbounded(), Bound.bounded(21, false)));
    assertTrue(value.getMessage().contains("value slots of 20 bytes"), value.getMessage());
  }

  @Test
  void anUnknownVersionByteIsNamedUnsigned() {
    HeapMemory memory = new HeapMemory();
    BTreeHeader.write(memory, BTreeHeader.forNewMap(Bound.fixed(8), Bound.fixed(8)), 0, 0);
    memory.writeByte(3, (byte) 0x81);
    UnsupportedVersionException e =
        assertThrows(UnsupportedVersionException.class, () -> BTreeHeader.read(memory));
    assertTrue(e.getMessage().contains("version 129 "), e.getMessage());
  }

  /**
   * A rollback reloads each open map's header: one whose header is restored as it was goes on, one
   * whose memory now holds a map of other nodes (another page size) refuses writes.
   */
  @Test
  void aRollbackToAHeaderOfOtherNodesMakesTheMapUnusableAndOneAsItWasGoesOn() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<byte[], byte[]> kept =
        StableBTreeMap.init(memory, Codecs.blob(20), Codecs.blob(20));
    kept.put(new byte[] {1}, new byte[] {2});
    StableBTreeMap<Long, Long> replaced;
    try (Journal.Step step = memory.journal().step()) {
      assertTrue(step.isTopLevel());
      replaced = StableBTreeMap.create(memory, Codecs.u64(), Codecs.u64());
      replaced.put(1L, 1L);
    } // not committed: the blob map's header is back
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> replaced.put(2L, 2L));
    assertTrue(refused.getMessage().contains("describes other nodes"), refused.getMessage());
    kept.put(new byte[] {3}, new byte[] {4});
    assertEquals(2, kept.size());
    assertArrayEquals(new byte[] {4}, kept.get(new byte[] {3}));
    assertTrue(kept.verify().isOk(), () -> kept.verify().toString());
    assertEquals(2, TestTrees.reopen(kept).longSize(), "the write went to the image");
  }
}
