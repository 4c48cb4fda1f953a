package dev.stablestructures.minheap;

import static dev.stablestructures.minheap.TestHeaps.array;
import static dev.stablestructures.minheap.TestHeaps.assertInvariant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.DecodeException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vec.StableVec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class StableMinHeapTest {
  private static byte[] image(Memory memory) {
    return Memories.toByteArray(memory);
  }

  private static byte[] range(Memory memory, int from, int to) {
    return Arrays.copyOfRange(image(memory), from, to);
  }

  private static byte[] u64(long... values) {
    byte[] out = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(Codecs.u64().encodeLong(values[i]), 0, out, i * 8, 8);
    }
    return out;
  }

  @Test
  void u64PushesAndPopHaveTheCratesBytes() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
    for (long v : new long[] {5, 3, 8, 1}) {
      heap.push(v);
    }
    // push 5: [5]; push 3: 3 < 5, parent copied down: [3, 5]; push 8: [3, 5, 8];
    // push 1: 1 < 5 then 1 < 3: [1, 3, 8, 5].
    assertArrayEquals(u64(1, 3, 8, 5), range(memory, 64, 96));
    assertEquals(1L, heap.pop());
    // pop: len 3, entry 0 = 5; children 3 and 8: 3 is less and less than 5, so [3, 5, 8].
    // Slot 3 keeps its old 5 past the length.
    byte[] image = image(memory);
    assertEquals(Memory.PAGE_SIZE, image.length);
    assertArrayEquals(
        new byte[] {'S', 'M', 'H', 1, 3, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 1},
        Arrays.copyOf(image, 17));
    for (int i = 17; i < 64; i++) {
      assertEquals(0, image[i], "reserved byte " + i);
    }
    assertArrayEquals(u64(3, 5, 8, 5), Arrays.copyOfRange(image, 64, 96));
    for (int i = 96; i < image.length; i++) {
      assertEquals(0, image[i], "byte " + i);
    }
    assertEquals(List.of(3L, 5L, 8L), array(heap));
  }

  @Test
  void staleBytesOfVariableSlotsAreTheCrates() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<byte[]> heap = StableMinHeap.init(memory, Codecs.blob(3)); // slot = 1 + 3
    heap.push(new byte[] {9, 9, 9});
    // [1] < [9,9,9]: the parent is copied to slot 1, then [1] written over slot 0's prefix and
    // first byte; slot 0 keeps 09 09 past its length.
    heap.push(new byte[] {1});
    assertArrayEquals(new byte[] {1, 1, 9, 9, 3, 9, 9, 9}, range(memory, 64, 72));
    assertEquals(3, image(memory)[12], "max size 3 stored");
    assertEquals(0, image(memory)[16], "not fixed-size");

    HeapMemory memory2 = new HeapMemory();
    StableMinHeap<byte[]> heap2 = StableMinHeap.init(memory2, Codecs.blob(3));
    heap2.push(new byte[] {2, 2, 2});
    heap2.push(new byte[] {5}); // not less than its parent: stays
    heap2.push(new byte[] {3}); // [3] > [2,2,2] (first byte): stays
    assertArrayEquals(new byte[] {3, 2, 2, 2, 1, 5, 0, 0, 1, 3}, range(memory2, 64, 74));
    assertArrayEquals(new byte[] {2, 2, 2}, heap2.pop());
    // len 2; entry 0 = [3] over [2,2,2]: 01 03 02 02. Only a left child [5], not less: stop.
    assertArrayEquals(new byte[] {1, 3, 2, 2, 1, 5, 0, 0, 1, 3}, range(memory2, 64, 74));
    assertEquals(2, memory2.readLongLE(4));
    assertArrayEquals(new byte[] {3}, heap2.peek());
  }

  @Test
  void leftChildWinsOnlyWhenStrictlyLess() {
    // Two equal children: the crate takes the right one (is_less(left, right) is false).
    Codec<String> byFirst = byFirstLetter();
    HeapMemory memory = new HeapMemory();
    StableMinHeap<String> heap = StableMinHeap.init(memory, byFirst);
    heap.push("a");
    heap.push("bL");
    heap.push("bR");
    heap.push("c");
    assertEquals(List.of("a", "bL", "bR", "c"), array(heap));
    assertEquals("a", heap.pop());
    // len 3, entry 0 = "c"; children "bL" and "bR" compare equal: the right one moves up.
    assertEquals(List.of("bR", "bL", "c"), array(heap));
    // And an item equal to its parent does not move up.
    heap.push("bX");
    assertEquals(List.of("bR", "bL", "c", "bX"), array(heap));
  }

  /** Strings compared by their first letter only, so distinct items can compare equal. */
  private static Codec<String> byFirstLetter() {
    Codec<String> strings = TestHeaps.boundedString(8);
    return new Codec<>() {
      @Override
      public Bound bound() {
        return strings.bound();
      }

      @Override
      public byte[] encode(String value) {
        return strings.encode(value);
      }

      @Override
      public String decode(byte[] bytes, int offset, int length) {
        return strings.decode(bytes, offset, length);
      }

      @Override
      public int compare(String a, String b) {
        return Character.compare(a.charAt(0), b.charAt(0));
      }
    };
  }

  @Test
  void queueOperations() {
    StableMinHeap<Long> heap = StableMinHeap.init(new HeapMemory(), Codecs.u64());
    assertTrue(heap.isEmpty());
    assertEquals(0, heap.size());
    assertEquals(0, heap.longSize());
    assertNull(heap.pop());
    assertNull(heap.poll());
    assertNull(heap.peek());
    assertThrows(NoSuchElementException.class, heap::remove);
    assertThrows(NoSuchElementException.class, heap::element);
    assertTrue(heap.offer(7L));
    assertTrue(heap.add(-1L)); // 2^64 - 1, the largest u64
    heap.push(2L);
    heap.addAll(List.of(9L, 0L));
    assertFalse(heap.isEmpty());
    assertEquals(5, heap.size());
    assertEquals(5, heap.len());
    assertEquals(5, heap.longSize());
    assertEquals(0L, heap.peek());
    assertEquals(0L, heap.element());
    assertTrue(heap.contains(9L));
    assertFalse(heap.contains(10L));
    assertEquals(0L, heap.remove());
    assertEquals(2L, heap.poll());
    assertEquals(7L, heap.pop());
    assertEquals(9L, heap.pop());
    assertEquals(-1L, heap.pop(), "unsigned: 2^64 - 1 comes last");
    assertNull(heap.pop());
    @SuppressWarnings("ModifyingCollectionWithItself") // the point: AbstractQueue refuses it
    Runnable addToItself = () -> heap.addAll(heap);
    assertThrows(IllegalArgumentException.class, addToItself::run);
    heap.push(4L);
    heap.push(3L);
    heap.clear();
    assertTrue(heap.isEmpty());
    assertNull(heap.peek());
    assertEquals("[]", heap.toString());
    assertEquals(Codecs.u64(), heap.codec());
  }

  @Test
  void clearRewritesOnlyTheLength() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
    heap.pushLong(4);
    heap.pushLong(2);
    byte[] before = image(memory);
    heap.clear();
    byte[] after = image(memory);
    assertEquals(0, memory.readLongLE(4));
    before[4] = 0; // the length was 2
    assertArrayEquals(before, after);
    assertEquals(0, StableMinHeap.load(memory, Codecs.u64()).len());
    assertSame(memory, heap.memory());
  }

  @Test
  void nullIsRefusedAndNothingWritten() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
    heap.push(1L);
    byte[] before = image(memory);
    assertThrows(NullPointerException.class, () -> heap.push(null));
    assertThrows(NullPointerException.class, () -> heap.offer(null));
    assertThrows(NullPointerException.class, () -> heap.add(null));
    assertArrayEquals(before, image(memory));
    assertEquals(1, heap.len());
  }

  @Test
  void iterationIsInArrayOrderAndFailsFast() {
    StableMinHeap<Long> heap = StableMinHeap.init(new HeapMemory(), Codecs.u64());
    for (long v : new long[] {5, 3, 8, 1}) {
      heap.pushLong(v);
    }
    assertEquals(List.of(1L, 3L, 8L, 5L), array(heap));
    Iterator<Long> it = heap.iterator();
    assertEquals(1L, it.next());
    heap.pushLong(2);
    assertThrows(ConcurrentModificationException.class, it::next);
    assertThrows(ConcurrentModificationException.class, it::remove);
    Iterator<Long> it2 = heap.iterator();
    it2.next();
    heap.pop();
    assertThrows(ConcurrentModificationException.class, it2::next);
    Iterator<Long> it3 = heap.iterator();
    heap.clear();
    assertFalse(it3.hasNext());
    assertThrows(ConcurrentModificationException.class, it3::next);
    Iterator<Long> empty = heap.iterator();
    assertFalse(empty.hasNext());
    assertThrows(NoSuchElementException.class, empty::next);
    assertThrows(IllegalStateException.class, empty::remove);
  }

  @Test
  void iteratorRemoveKeepsTheInvariantAndVisitsEveryItemOnce() {
    StableMinHeap<Long> heap = StableMinHeap.init(new HeapMemory(), Codecs.u64());
    // [0, 10, 1, 11, 12, 2, 3]: removing 11 (index 3) moves the last item, 3, up above the cursor.
    for (long v : new long[] {0, 10, 1, 11, 12, 2, 3}) {
      heap.pushLong(v);
    }
    assertEquals(List.of(0L, 10L, 1L, 11L, 12L, 2L, 3L), array(heap));
    List<Long> seen = new ArrayList<>();
    for (Iterator<Long> it = heap.iterator(); it.hasNext(); ) {
      long v = it.next();
      seen.add(v);
      if (v == 11) {
        it.remove(); // the last item, 3, moves up to entry 1, above the cursor
        assertInvariant(heap, "after removing 11");
        assertEquals(List.of(0L, 3L, 1L, 10L, 12L, 2L), array(heap));
      } else if (v == 3) {
        it.remove(); // 3 comes last, from the moved items, and is found by its bytes
        assertInvariant(heap, "after removing 3");
      }
    }
    assertEquals(List.of(0L, 10L, 1L, 11L, 12L, 2L, 3L), seen);
    assertEquals(List.of(0L, 2L, 1L, 10L, 12L), array(heap));
    // Removals that keep the cursor on the entry that replaced the removed one.
    seen.clear();
    for (Iterator<Long> it = heap.iterator(); it.hasNext(); ) {
      long v = it.next();
      seen.add(v);
      if (v == 10 || v == 2 || v == 0) {
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
        assertInvariant(heap, "after removing " + v);
      }
    }
    assertEquals(List.of(0L, 1L, 2L, 10L, 12L), sorted(seen));
    assertEquals(List.of(1L, 12L), array(heap));
    assertTrue(heap.remove(12L));
    assertFalse(heap.remove(12L));
    heap.pushLong(3);
    assertTrue(heap.removeIf(v -> v == 1));
    assertEquals(List.of(3L), array(heap));
  }

  private static List<Long> sorted(List<Long> list) {
    list.sort(null);
    return list;
  }

  @Test
  void primitivePathsForU64AndI64() {
    StableMinHeap<Long> u = StableMinHeap.init(new HeapMemory(), Codecs.u64());
    assertThrows(NoSuchElementException.class, u::popLong);
    assertThrows(NoSuchElementException.class, u::peekLong);
    u.pushLong(-1); // 2^64 - 1
    u.pushLong(1);
    u.pushLong(Long.MIN_VALUE); // 2^63
    assertEquals(1, u.peekLong());
    assertEquals(1, u.popLong());
    assertEquals(Long.MIN_VALUE, u.popLong());
    assertEquals(-1, u.popLong());
    assertTrue(u.isEmpty());

    HeapMemory memory = new HeapMemory();
    StableMinHeap<Long> s = StableMinHeap.init(memory, Codecs.i64());
    s.pushLong(3);
    s.pushLong(-5);
    s.push(Long.MIN_VALUE);
    s.pushLong(Long.MAX_VALUE);
    assertEquals(Long.MIN_VALUE, s.peekLong());
    assertEquals(Long.MIN_VALUE, s.peek());
    // Stored with the sign bit flipped: MIN is 00..00 at entry 0.
    assertArrayEquals(new byte[8], range(memory, 64, 72));
    assertEquals(Long.MIN_VALUE, s.popLong());
    assertEquals(-5L, s.pop());
    assertEquals(3, s.popLong());
    assertEquals(Long.MAX_VALUE, s.popLong());
    assertThrows(NoSuchElementException.class, s::popLong);

    StableMinHeap<byte[]> blobs = StableMinHeap.init(new HeapMemory(), Codecs.blob(8));
    assertThrows(IllegalStateException.class, () -> blobs.pushLong(0));
    IllegalStateException e = assertThrows(IllegalStateException.class, blobs::popLong);
    assertTrue(e.getMessage().contains("StableMinHeap"), e.getMessage());
    assertThrows(IllegalStateException.class, blobs::peekLong);
    assertEquals(0, blobs.len(), "the refused pushLong wrote nothing");
    StableMinHeap<Double> doubles = StableMinHeap.init(new HeapMemory(), Codecs.f64());
    assertThrows(IllegalStateException.class, () -> doubles.pushLong(0));
  }

  @Test
  void primitiveAndBoxedPathsWriteTheSameBytes() {
    HeapMemory boxed = new HeapMemory();
    HeapMemory primitive = new HeapMemory();
    StableMinHeap<Long> a = StableMinHeap.init(boxed, Codecs.u64());
    StableMinHeap<Long> b = StableMinHeap.init(primitive, Codecs.u64());
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 3000; i++) {
      if (random.nextInt(3) == 0) {
        assertEquals(a.pop(), b.isEmpty() ? null : b.popLong());
      } else {
        long v = random.nextLong() >>> random.nextInt(64);
        a.push(v);
        b.pushLong(v);
      }
    }
    assertArrayEquals(image(boxed), image(primitive));
  }

  @Test
  void zeroSizeItemsSaturateSize() {
    Codec<String> empty =
        new Codec<>() {
          @Override
          public Bound bound() {
            return Bound.fixed(0);
          }

          @Override
          public byte[] encode(String value) {
            return new byte[0];
          }

          @Override
          public String decode(byte[] bytes, int offset, int length) {
            return "";
          }

          @Override
          @SuppressWarnings("UnusedVariable") // Comparator's signature: a one-value codec
          public int compare(String a, String b) {
            return 0;
          }
        };
    HeapMemory memory = new HeapMemory();
    StableMinHeap<String> heap = StableMinHeap.init(memory, empty);
    heap.push("");
    heap.push("");
    assertEquals("", heap.pop());
    memory.writeLongLE(4, 1L << 40);
    StableMinHeap<String> huge = StableMinHeap.load(memory, empty);
    assertEquals(1L << 40, huge.longSize());
    assertEquals(Integer.MAX_VALUE, huge.size());
    assertEquals("", huge.peek());
  }

  @Test
  void unboundedCodecIsRefused() {
    HeapMemory memory = new HeapMemory();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StableMinHeap.init(memory, Codecs.string()));
    assertTrue(e.getMessage().contains("bounded"), e.getMessage());
    assertEquals(0, memory.size(), "nothing written");
  }

  @Test
  void otherStructuresAreNamedAndUntouched() {
    HeapMemory vecMemory = new HeapMemory();
    StableVec.init(vecMemory, Codecs.u64()).pushLong(5);
    byte[] before = image(vecMemory);
    BadMagicException e =
        assertThrows(BadMagicException.class, () -> StableMinHeap.init(vecMemory, Codecs.u64()));
    assertTrue(e.getMessage().contains("'SVC' (a StableVec)"), e.getMessage());
    assertTrue(e.getMessage().contains("StableMinHeap"), e.getMessage());
    assertThrows(BadMagicException.class, () -> StableMinHeap.load(vecMemory, Codecs.u64()));
    assertArrayEquals(before, image(vecMemory));

    HeapMemory cell = new HeapMemory();
    StableCell.init(cell, Codecs.string(), "x");
    BadMagicException e2 =
        assertThrows(BadMagicException.class, () -> StableMinHeap.init(cell, Codecs.u64()));
    assertTrue(e2.getMessage().contains("'SCL' (a Cell)"), e2.getMessage());

    HeapMemory zeros = new HeapMemory();
    zeros.grow(1);
    BadMagicException e3 =
        assertThrows(BadMagicException.class, () -> StableMinHeap.init(zeros, Codecs.u64()));
    assertTrue(e3.getMessage().contains("00 00 00 00"), e3.getMessage());
    assertThrows(BadMagicException.class, () -> StableMinHeap.load(new HeapMemory(), Codecs.u64()));

    // And the other way round: a StableVec refuses a heap.
    HeapMemory heapMemory = new HeapMemory();
    StableMinHeap.init(heapMemory, Codecs.u64()).pushLong(1);
    BadMagicException e4 =
        assertThrows(BadMagicException.class, () -> StableVec.init(heapMemory, Codecs.u64()));
    assertTrue(e4.getMessage().contains("'SMH' (a MinHeap)"), e4.getMessage());
  }

  @Test
  void wrongVersionIsRefused() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap.init(memory, Codecs.u64()).pushLong(5);
    memory.writeByte(3, (byte) 2);
    byte[] before = image(memory);
    UnsupportedVersionException e =
        assertThrows(
            UnsupportedVersionException.class, () -> StableMinHeap.init(memory, Codecs.u64()));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertArrayEquals(before, image(memory));
  }

  @Test
  void storedBoundMustMatchTheCodec() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap.init(memory, Codecs.blob(10)).push(new byte[] {1});
    byte[] before = image(memory);
    IncompatibleLayoutException e =
        assertThrows(
            IncompatibleLayoutException.class, () -> StableMinHeap.init(memory, Codecs.blob(11)));
    assertTrue(e.getMessage().contains("10") && e.getMessage().contains("11"), e.getMessage());
    assertThrows(
        IncompatibleLayoutException.class, () -> StableMinHeap.load(memory, Codecs.byteArray(10)));
    assertThrows(IncompatibleLayoutException.class, () -> StableMinHeap.init(memory, Codecs.u64()));
    assertArrayEquals(before, image(memory));
    assertArrayEquals(new byte[] {1}, StableMinHeap.load(memory, Codecs.blob(10)).peek());
  }

  @Test
  void corruptLengthIsRefused() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap.init(memory, Codecs.u64()).pushLong(5);
    memory.writeLongLE(4, 1L << 40);
    assertThrows(CorruptedStructureException.class, () -> StableMinHeap.load(memory, Codecs.u64()));
  }

  @Test
  void overBoundValueIsRefusedBeforeWriting() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<byte[]> heap = StableMinHeap.init(memory, Codecs.blob(4));
    heap.push(new byte[] {5, 5});
    heap.push(new byte[] {6});
    byte[] before = image(memory);
    assertThrows(BoundExceededException.class, () -> heap.push(new byte[5]));
    assertThrows(BoundExceededException.class, () -> heap.offer(new byte[] {0, 0, 0, 0, 0}));
    assertArrayEquals(before, image(memory));
    assertEquals(2, heap.len());
  }

  @Test
  void refusedGrowChangesNothing() {
    HeapMemory memory = new HeapMemory(1);
    StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
    int fits = (Memory.PAGE_SIZE - 64) / 8;
    for (int i = 0; i < fits; i++) {
      heap.pushLong(fits - i);
    }
    byte[] before = image(memory);
    assertThrows(GrowFailedException.class, () -> heap.pushLong(0));
    assertThrows(GrowFailedException.class, () -> heap.push(0L));
    assertEquals(fits, heap.len());
    assertArrayEquals(before, image(memory));
    assertEquals(fits, StableMinHeap.load(memory, Codecs.u64()).len());
    assertEquals(1L, heap.popLong());

    HeapMemory none = new HeapMemory(0);
    assertThrows(GrowFailedException.class, () -> StableMinHeap.init(none, Codecs.u64()));
    assertEquals(0, none.size());
  }

  /**
   * The new item fits in the last page, but it moves up, and the parent copied into its slot does
   * not: the crate would grow then (or panic half-way through the push); we grow to the same size
   * before the first write, or refuse with nothing written.
   */
  @Test
  void growForTheParentCopiedIntoTheNewSlotIsCheckedFirst() {
    // slot = 1 + 100; slot 648 starts at 64 + 648 * 101 = 65512, so its prefix fits in page 1 but
    // a 100-byte parent copied into it reaches 65613.
    byte[] big = new byte[100];
    Arrays.fill(big, (byte) 0x10);
    for (int limit : new int[] {1, 2}) {
      HeapMemory memory = new HeapMemory(limit);
      StableMinHeap<byte[]> heap = StableMinHeap.init(memory, Codecs.blob(100));
      for (int i = 0; i < 648; i++) {
        heap.push(big);
      }
      assertEquals(1, memory.size());
      byte[] before = image(memory);
      if (limit == 1) {
        assertThrows(GrowFailedException.class, () -> heap.push(new byte[0]));
        assertArrayEquals(before, image(memory));
        assertEquals(648, heap.len());
        heap.push(new byte[] {0x20}); // larger than the parents: stays in slot 648, fits
        assertEquals(649, heap.len());
        assertEquals(1, memory.size());
      } else {
        heap.push(new byte[0]);
        assertEquals(2, memory.size(), "grown as far as the parent's copy reaches");
        assertArrayEquals(new byte[0], heap.peek());
        assertEquals(100, memory.readByte(65512), "slot 648 holds a copied parent");
        assertInvariant(heap, "after the growing push");
      }
    }
  }

  @Test
  void damagedItemOnThePopPathLeavesTheImageUnchanged() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<byte[]> heap = StableMinHeap.init(memory, Codecs.blob(4)); // slot 5
    for (int v : new int[] {1, 2, 3, 4, 5, 6, 7}) {
      heap.push(new byte[] {(byte) v});
    }
    assertEquals(7, heap.len());
    // Damage entry 3 (a grandchild on the way down from the root): its prefix claims 9 bytes.
    memory.writeByte(64 + 3 * 5, (byte) 9);
    byte[] before = image(memory);
    assertThrows(CorruptedStructureException.class, heap::pop);
    assertArrayEquals(before, image(memory));
    assertEquals(7, heap.len());
    memory.writeByte(64 + 3 * 5, (byte) 1);
    assertArrayEquals(new byte[] {1}, heap.pop());
    assertInvariant(heap, "after the repaired pop");
  }

  @Test
  void undecodableItemOnThePushPathLeavesTheImageUnchanged() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<Boolean> heap = StableMinHeap.init(memory, Codecs.bool());
    heap.push(true);
    heap.push(true);
    heap.push(true);
    memory.writeByte(64, (byte) 7); // the root is no bool
    byte[] before = image(memory);
    assertThrows(DecodeException.class, () -> heap.push(false)); // false < parent: reads the root
    assertThrows(DecodeException.class, heap::pop);
    assertArrayEquals(before, image(memory));
    assertEquals(3, heap.len());
    memory.writeByte(64, (byte) 1);
    heap.push(false);
    assertEquals(false, heap.pop());
  }

  @Test
  void createOverwritesOnPurpose() {
    HeapMemory memory = new HeapMemory();
    StableVec.init(memory, Codecs.u64()).pushLong(9);
    StableMinHeap<Long> heap = StableMinHeap.create(memory, Codecs.u64());
    assertEquals(0, heap.len());
    heap.pushLong(3);
    assertEquals(List.of(3L), array(StableMinHeap.load(memory, Codecs.u64())));
  }

  @Test
  void readsDoNotWrite() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<byte[]> heap = StableMinHeap.init(memory, Codecs.blob(6));
    for (int i = 0; i < 50; i++) {
      heap.push(new byte[] {(byte) (i * 37), (byte) i});
    }
    byte[] before = image(memory);
    assertNotNull(heap.peek());
    assertEquals(50, heap.size());
    assertEquals(50, array(heap).size());
    assertFalse(heap.contains(new byte[] {1}), "byte[] items are compared by identity");
    assertFalse(heap.toString().isEmpty());
    StableMinHeap.load(memory, Codecs.blob(6));
    assertArrayEquals(before, image(memory));
  }
}
