package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The {@link Memory} contract, run against each implementation by a subclass: growth, zero fill,
 * refused growth, every accessor's byte layout and round trip, and typed out-of-bounds failures
 * that leave the image unchanged. The primitives written once (the interface's defaults, {@link
 * ForwardingMemory}'s forwarding) are tested here, through every memory that uses them.
 */
abstract class MemoryContractTest {
  static final int PAGE = Memory.PAGE_SIZE;

  /**
   * Returns a new, empty memory that may grow to {@code maxPages} pages. Subclasses release it
   * after the test.
   */
  abstract Memory create(long maxPages);

  static byte[] image(Memory memory) {
    return Memories.toByteArray(memory);
  }

  static void fill(Memory memory, long seed) {
    byte[] bytes = new byte[(int) memory.sizeInBytes()];
    new Random(seed).nextBytes(bytes);
    memory.write(0, bytes);
  }

  @Test
  void growReturnsThePreviousSize() {
    Memory memory = create(10);
    assertEquals(0, memory.size());
    assertEquals(0, memory.sizeInBytes());
    assertEquals(0, memory.grow(0));
    assertEquals(0, memory.grow(1));
    assertEquals(1, memory.grow(2));
    assertEquals(3, memory.grow(0));
    assertEquals(3, memory.size());
    assertEquals(3L * PAGE, memory.sizeInBytes());
    assertEquals(3, memory.grow(7));
    assertEquals(10, memory.size());
    assertEquals(-1, memory.grow(1));
    assertEquals(10, memory.grow(0));
    assertEquals(10, memory.size());
  }

  @Test
  void growRejectsNegativeDeltas() {
    Memory memory = create(10);
    memory.grow(1);
    assertThrows(IllegalArgumentException.class, () -> memory.grow(-1));
    assertThrows(IllegalArgumentException.class, () -> memory.grow(Long.MIN_VALUE));
    assertEquals(1, memory.size());
  }

  @Test
  void newPagesAreZeroFilledAndOldOnesKept() {
    Memory memory = create(10);
    memory.grow(2);
    byte[] ones = new byte[2 * PAGE];
    Arrays.fill(ones, (byte) 0xA5);
    memory.write(0, ones);
    assertEquals(2, memory.grow(3));
    byte[] all = image(memory);
    assertArrayEquals(ones, Arrays.copyOfRange(all, 0, 2 * PAGE));
    assertArrayEquals(new byte[3 * PAGE], Arrays.copyOfRange(all, 2 * PAGE, 5 * PAGE));
  }

  @Test
  void refusedGrowChangesNothing() {
    Memory memory = create(4);
    memory.grow(3);
    fill(memory, 1);
    byte[] before = image(memory);
    assertEquals(-1, memory.grow(2));
    assertEquals(-1, memory.grow(Long.MAX_VALUE));
    assertEquals(3, memory.size());
    assertArrayEquals(before, image(memory));
    assertEquals(3, memory.grow(1));
    assertEquals(-1, memory.grow(1));
    assertEquals(4, memory.size());
  }

  @Test
  void zeroMaxPagesNeverGrows() {
    Memory memory = create(0);
    assertEquals(0, memory.grow(0));
    assertEquals(-1, memory.grow(1));
    assertEquals(0, memory.size());
  }

  @Test
  void primitivesHaveTheExactByteLayout() {
    Memory memory = create(2);
    memory.grow(1);
    memory.writeLongLE(16, 0x0102030405060708L);
    assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, memory.readBytes(16, 8));
    memory.writeLongBE(16, 0x0102030405060708L);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, memory.readBytes(16, 8));
    memory.writeIntLE(40, 0x01020304);
    assertArrayEquals(new byte[] {4, 3, 2, 1}, memory.readBytes(40, 4));
    memory.writeIntBE(40, 0x01020304);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, memory.readBytes(40, 4));
    memory.writeShortLE(50, 0xABCD0102); // only the low 16 bits are stored
    assertArrayEquals(new byte[] {2, 1, 0}, memory.readBytes(50, 3));
    memory.writeByte(60, (byte) 0xFE);
    assertArrayEquals(new byte[] {0, (byte) 0xFE, 0}, memory.readBytes(59, 3));

    memory.write(100, new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0x88});
    assertEquals(0x8807060504030201L, memory.readLongLE(100));
    assertEquals(0x0102030405060788L, memory.readLongBE(100));
    assertEquals(0x04030201, memory.readIntLE(100));
    assertEquals(0x01020304, memory.readIntBE(100));
    assertEquals(0x0201, memory.readShortLE(100));
    assertEquals((byte) 0x88, memory.readByte(107));
    memory.write(200, new byte[] {(byte) 0xFF, (byte) 0xFF});
    assertEquals(0xFFFF, memory.readShortLE(200), "shorts read unsigned");
  }

  @Test
  void theTwoPrimitiveHooksZeroExtendAndRefuseOtherWidths() {
    Memory memory = create(2);
    memory.grow(1);
    memory.write(8, new byte[] {(byte) 0xF1, (byte) 0xF2, (byte) 0xF3, (byte) 0xF4, 5, 6, 7, 8});
    assertEquals(0xF1L, memory.readLittleEndian(8, 1));
    assertEquals(0xF2F1L, memory.readLittleEndian(8, 2));
    assertEquals(0xF4F3F2F1L, memory.readLittleEndian(8, 4));
    assertEquals(0x08070605F4F3F2F1L, memory.readLittleEndian(8, 8));
    memory.writeLittleEndian(32, 2, 0x1122334455667788L);
    assertArrayEquals(new byte[] {(byte) 0x88, 0x77, 0}, memory.readBytes(32, 3));
    byte[] before = memory.readBytes(0, 64);
    for (int width : new int[] {0, 3, 5, 7, 9, -1}) {
      assertThrows(IllegalArgumentException.class, () -> memory.readLittleEndian(8, width));
      assertThrows(IllegalArgumentException.class, () -> memory.writeLittleEndian(8, width, -1L));
    }
    assertArrayEquals(before, memory.readBytes(0, 64), "a refused width writes nothing");
  }

  @Test
  void primitivesRoundTripAtEveryAlignmentAndEdge() {
    Memory memory = create(3);
    memory.grow(3);
    long size = memory.sizeInBytes();
    Random random = new Random(7);
    long[] offsets = {0, 1, 3, 5, 7, PAGE - 9, PAGE - 7, PAGE - 3, PAGE - 1, PAGE, 2L * PAGE - 5};
    for (long base : offsets) {
      long value = random.nextLong();
      memory.writeLongLE(base, value);
      assertEquals(value, memory.readLongLE(base), "longLE at " + base);
      assertEquals(Long.reverseBytes(value), memory.readLongBE(base), "longBE view at " + base);
      memory.writeLongBE(base, value);
      assertEquals(value, memory.readLongBE(base), "longBE at " + base);
      int intValue = random.nextInt();
      memory.writeIntLE(base, intValue);
      assertEquals(intValue, memory.readIntLE(base), "intLE at " + base);
      memory.writeIntBE(base, intValue);
      assertEquals(intValue, memory.readIntBE(base), "intBE at " + base);
      assertEquals(Integer.reverseBytes(intValue), memory.readIntLE(base));
      int shortValue = random.nextInt(1 << 16);
      memory.writeShortLE(base, shortValue);
      assertEquals(shortValue, memory.readShortLE(base), "shortLE at " + base);
      memory.writeByte(base, (byte) intValue);
      assertEquals((byte) intValue, memory.readByte(base), "byte at " + base);
    }
    // The last bytes of the memory are reachable by every width.
    memory.writeLongLE(size - 8, -2);
    assertEquals(-2, memory.readLongLE(size - 8));
    memory.writeLongBE(size - 8, 42);
    assertEquals(42, memory.readLongBE(size - 8));
    memory.writeIntLE(size - 4, -3);
    assertEquals(-3, memory.readIntLE(size - 4));
    memory.writeIntBE(size - 4, 43);
    assertEquals(43, memory.readIntBE(size - 4));
    memory.writeShortLE(size - 2, 0xBEEF);
    assertEquals(0xBEEF, memory.readShortLE(size - 2));
    memory.writeByte(size - 1, (byte) 9);
    assertEquals(9, memory.readByte(size - 1));
  }

  @Test
  void bulkReadAndWriteRoundTripAcrossPages() {
    Memory memory = create(4);
    memory.grow(4);
    byte[] data = new byte[2 * PAGE + 1000];
    new Random(3).nextBytes(data);
    memory.write(PAGE - 500, data);
    assertArrayEquals(data, memory.readBytes(PAGE - 500, data.length));
    byte[] dst = new byte[data.length + 20];
    memory.read(PAGE - 500, dst, 10, data.length);
    assertArrayEquals(data, Arrays.copyOfRange(dst, 10, 10 + data.length));
    memory.write(5, data, 100, 50);
    assertArrayEquals(Arrays.copyOfRange(data, 100, 150), memory.readBytes(5, 50));
    memory.write(memory.sizeInBytes(), data, 0, 0); // an empty write at the end is fine
    assertEquals(0, memory.readBytes(memory.sizeInBytes(), 0).length);
  }

  /** An accessor applied at an offset, for the out-of-bounds sweep. */
  interface Access {
    void apply(Memory memory, long offset);
  }

  record Accessor(String name, int width, Access access) {}

  static List<Accessor> accessors() {
    List<Accessor> list = new ArrayList<>();
    list.add(new Accessor("readByte", 1, (m, o) -> m.readByte(o)));
    list.add(new Accessor("writeByte", 1, (m, o) -> m.writeByte(o, (byte) 0x77)));
    list.add(new Accessor("readShortLE", 2, (m, o) -> m.readShortLE(o)));
    list.add(new Accessor("writeShortLE", 2, (m, o) -> m.writeShortLE(o, 0x7777)));
    list.add(new Accessor("readIntLE", 4, (m, o) -> m.readIntLE(o)));
    list.add(new Accessor("writeIntLE", 4, (m, o) -> m.writeIntLE(o, 0x77777777)));
    list.add(new Accessor("readIntBE", 4, (m, o) -> m.readIntBE(o)));
    list.add(new Accessor("writeIntBE", 4, (m, o) -> m.writeIntBE(o, 0x77777777)));
    list.add(new Accessor("readLongLE", 8, (m, o) -> m.readLongLE(o)));
    list.add(new Accessor("writeLongLE", 8, (m, o) -> m.writeLongLE(o, 0x7777777777777777L)));
    list.add(new Accessor("readLongBE", 8, (m, o) -> m.readLongBE(o)));
    list.add(new Accessor("writeLongBE", 8, (m, o) -> m.writeLongBE(o, 0x7777777777777777L)));
    list.add(new Accessor("read[16]", 16, (m, o) -> m.read(o, new byte[16])));
    list.add(new Accessor("readBytes(16)", 16, (m, o) -> m.readBytes(o, 16)));
    list.add(new Accessor("write[16]", 16, (m, o) -> m.write(o, new byte[16])));
    return list;
  }

  private static void assertOutOfBounds(Memory memory, byte[] before, String what, Executable e) {
    assertThrows(MemoryOutOfBoundsException.class, e, what);
    assertArrayEquals(before, image(memory), what + " changed the image");
  }

  @Test
  void everyAccessorRejectsEveryOutOfBoundsOffsetAndChangesNothing() {
    Memory memory = create(2);
    memory.grow(2);
    fill(memory, 11);
    long size = memory.sizeInBytes();
    byte[] before = image(memory);
    for (Accessor a : accessors()) {
      long[] bad = {
        -1,
        -a.width(),
        Long.MIN_VALUE,
        size - a.width() + 1,
        size,
        size + 1,
        Long.MAX_VALUE,
        Long.MAX_VALUE - a.width() + 2
      };
      for (long offset : bad) {
        assertOutOfBounds(
            memory, before, a.name() + " at " + offset, () -> a.access().apply(memory, offset));
      }
    }
    // And each one works at the last position that fits.
    for (Accessor a : accessors()) {
      a.access().apply(memory, size - a.width());
      a.access().apply(memory, 0);
    }
  }

  @Test
  void anEmptyMemoryRejectsEveryAccess() {
    Memory memory = create(1);
    byte[] empty = new byte[0];
    for (Accessor a : accessors()) {
      assertOutOfBounds(memory, empty, a.name(), () -> a.access().apply(memory, 0));
    }
    memory.read(0, empty); // zero bytes at offset 0 lie inside an empty memory
  }

  @Test
  void bulkAccessRejectsBadLengthsAndOverflowingRanges() {
    Memory memory = create(1);
    memory.grow(1);
    fill(memory, 5);
    byte[] before = image(memory);
    byte[] buffer = new byte[64];
    long[][] bad = {
      {PAGE - 9, 10},
      {-1, 1},
      {-1, 0},
      {PAGE + 1, 0},
      {Long.MAX_VALUE, 1},
      {Long.MAX_VALUE - 5, 10},
      {Long.MIN_VALUE, 10},
      {0, -1},
      {10, Integer.MIN_VALUE}
    };
    for (long[] range : bad) {
      long offset = range[0];
      int length = (int) range[1];
      String what = "[" + offset + ", +" + length + ")";
      if (length >= 0) {
        byte[] exact = new byte[length];
        assertOutOfBounds(memory, before, "read " + what, () -> memory.read(offset, exact));
        assertOutOfBounds(memory, before, "write " + what, () -> memory.write(offset, exact));
      }
      assertOutOfBounds(
          memory, before, "read' " + what, () -> memory.read(offset, buffer, 0, length));
      assertOutOfBounds(
          memory, before, "write' " + what, () -> memory.write(offset, buffer, 0, length));
      assertOutOfBounds(
          memory, before, "readBytes " + what, () -> memory.readBytes(offset, length));
    }
  }

  @Test
  void aBadArrayRangeWritesNothing() {
    Memory memory = create(2);
    memory.grow(2);
    fill(memory, 9);
    byte[] before = image(memory);
    byte[] src = new byte[100];
    Arrays.fill(src, (byte) 1);
    assertThrows(IndexOutOfBoundsException.class, () -> memory.write(PAGE - 50, src, 50, 60));
    assertThrows(IndexOutOfBoundsException.class, () -> memory.write(PAGE - 50, src, -1, 60));
    assertArrayEquals(before, image(memory));
    byte[] dst = new byte[100];
    assertThrows(IndexOutOfBoundsException.class, () -> memory.read(PAGE - 50, dst, 50, 60));
    assertArrayEquals(before, image(memory));
  }

  @Test
  void memoriesWriteGrowsByWholePagesAndValidatesFirst() {
    Memory memory = create(3);
    byte[] data = {1, 2, 3};
    Memories.write(memory, PAGE - 1, data);
    assertEquals(2, memory.size());
    assertArrayEquals(data, memory.readBytes(PAGE - 1, 3));
    assertThrows(GrowFailedException.class, () -> Memories.write(memory, 3L * PAGE, data));
    assertEquals(2, memory.size());
    assertThrows(MemoryOutOfBoundsException.class, () -> Memories.write(memory, -1_000_000, data));
    assertThrows(
        MemoryOutOfBoundsException.class, () -> Memories.write(memory, Long.MAX_VALUE - 1, data));
    assertThrows(IndexOutOfBoundsException.class, () -> Memories.write(memory, 0, data, 2, 5));
    assertEquals(2, memory.size());
    memory.ensureCapacity(3L * PAGE);
    assertEquals(3, memory.size());
    memory.ensureCapacity(-5);
    assertEquals(3, memory.size());
  }
}
