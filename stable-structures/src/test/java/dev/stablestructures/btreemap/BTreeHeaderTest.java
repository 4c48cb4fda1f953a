package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.memory.HeapMemory;
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
}
