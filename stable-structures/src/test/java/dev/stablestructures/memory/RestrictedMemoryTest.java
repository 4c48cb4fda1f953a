package dev.stablestructures.memory;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link RestrictedMemory}: the crate's size and grow rules, and our checked window end. */
class RestrictedMemoryTest {
  static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void growsLikeTheCrate() {
    HeapMemory base = new HeapMemory();
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(0, base.size());
    assertEquals(0, window.size());

    assertEquals(0, window.grow(1)); // the base grows up to start + 1
    assertEquals(1, window.size());
    assertEquals(4, base.size());

    assertEquals(4, base.grow(1)); // growing the base grows the window
    assertEquals(5, base.size());
    assertEquals(2, window.size());

    assertEquals(2, window.grow(5));
    assertEquals(7, window.size());
    assertEquals(-1, window.grow(1));
    assertEquals(10, base.size());
    assertEquals(7, window.grow(0));

    assertEquals(10, base.grow(5)); // past the end the window stays full size
    assertEquals(7, window.size());
    assertEquals(7, window.grow(0));
    assertEquals(-1, window.grow(1));
  }

  @Test
  void growZeroBelowStartStillGrowsTheBaseToStart() {
    HeapMemory base = new HeapMemory();
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(0, window.grow(0));
    assertEquals(3, base.size());
    assertEquals(0, window.size());
  }

  @Test
  void growInsideTheWindowIsBoundedByItsEnd() {
    HeapMemory base = new HeapMemory();
    base.grow(5);
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(2, window.size());
    assertEquals(-1, window.grow(6));
    assertEquals(5, base.size());
    assertEquals(2, window.grow(5));
    assertEquals(10, base.size());
  }

  @Test
  void aFirstGrowLargerThanTheWindowIsRefused() {
    // The crate would grow the base to start + delta, past the window's end, and answer 0.
    HeapMemory base = new HeapMemory();
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(-1, window.grow(8));
    assertEquals(0, base.size());
    assertEquals(0, window.grow(7));
    assertEquals(10, base.size());
  }

  @Test
  void aRefusingBaseRefusesAndNothingChanges() {
    HeapMemory base = new HeapMemory(5);
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(-1, window.grow(3));
    assertEquals(0, base.size());
    assertEquals(0, window.grow(1));
    assertEquals(-1, window.grow(2));
    assertEquals(4, base.size());
    assertEquals(1, window.size());
  }

  @Test
  void readsAndWritesLandAtTheStartOffset() {
    HeapMemory base = new HeapMemory();
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(0, window.grow(1));
    byte[] deadbeef = "DEADBEEF".getBytes(US_ASCII);
    window.write(10, deadbeef);
    assertArrayEquals(deadbeef, base.readBytes(3L * PAGE + 10, 8));
    byte[] buffer = new byte[10];
    window.read(10, buffer, 2, 8);
    assertArrayEquals(deadbeef, Arrays.copyOfRange(buffer, 2, 10));
    window.writeLongBE(100, 0x0102030405060708L);
    assertEquals(0x0807060504030201L, base.readLongLE(3L * PAGE + 100));
    window.writeIntLE(200, 7);
    assertEquals(7, base.readIntLE(3L * PAGE + 200));
    base.writeShortLE(3L * PAGE + 300, 0xCAFE);
    assertEquals(0xCAFE, window.readShortLE(300));
  }

  @Test
  void accessesPastTheWindowEndAreRefusedEvenWhenTheBaseIsLarger() {
    HeapMemory base = new HeapMemory();
    base.grow(12);
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertEquals(7, window.size());
    long end = 7L * PAGE;
    byte[] before = base.toByteArray();
    assertThrows(MemoryOutOfBoundsException.class, () -> window.writeLongLE(end - 4, -1));
    assertThrows(MemoryOutOfBoundsException.class, () -> window.writeByte(end, (byte) 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> window.write(end - 1, new byte[2]));
    assertThrows(MemoryOutOfBoundsException.class, () -> window.readIntBE(end - 3));
    assertThrows(MemoryOutOfBoundsException.class, () -> window.readByte(-1));
    assertArrayEquals(before, base.toByteArray());
    window.writeLongLE(end - 8, -1);
    assertEquals(-1, base.readLongLE(10L * PAGE - 8));
    assertEquals(0, base.readByte(10L * PAGE));
  }

  @Test
  void anEmptyWindowHoldsNothing() {
    HeapMemory base = new HeapMemory();
    RestrictedMemory window = new RestrictedMemory(base, 5, 5);
    assertEquals(0, window.grow(0));
    assertEquals(5, base.size());
    assertEquals(-1, window.grow(1));
    assertEquals(0, window.size());
    assertThrows(MemoryOutOfBoundsException.class, () -> window.readByte(0));
  }

  @Test
  void windowsNest() {
    HeapMemory base = new HeapMemory();
    RestrictedMemory outer = new RestrictedMemory(base, 2, 20);
    RestrictedMemory inner = new RestrictedMemory(outer, 3, 5);
    assertEquals(0, inner.grow(2));
    assertEquals(5, outer.size());
    assertEquals(7, base.size());
    inner.writeLongLE(8, 99);
    assertEquals(99, base.readLongLE(5L * PAGE + 8));
    assertEquals(-1, inner.grow(1));
  }

  @Test
  void constructorArgumentsAreValidated() {
    HeapMemory base = new HeapMemory();
    assertThrows(IllegalArgumentException.class, () -> new RestrictedMemory(base, -1, 3));
    assertThrows(IllegalArgumentException.class, () -> new RestrictedMemory(base, 4, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RestrictedMemory(base, 0, RestrictedMemory.MAX_PAGES + 1));
    assertThrows(NullPointerException.class, () -> new RestrictedMemory(null, 0, 1));
    RestrictedMemory widest = new RestrictedMemory(base, 0, RestrictedMemory.MAX_PAGES);
    assertEquals(0, widest.size());
    RestrictedMemory window = new RestrictedMemory(base, 3, 10);
    assertSame(base, window.base());
    assertEquals(3, window.startPage());
    assertEquals(10, window.endPage());
    assertEquals("RestrictedMemory[pages 3..10 of HeapMemory[0 pages]]", window.toString());
    assertThrows(IllegalArgumentException.class, () -> window.grow(-1));
  }
}
