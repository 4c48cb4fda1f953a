package dev.stablestructures.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.DecodeException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vec.StableVec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StableCellTest {
  @Test
  void layoutMatchesTheCrateExample() {
    HeapMemory memory = new HeapMemory();
    StableCell<String> cell = StableCell.init(memory, Codecs.string(), "hello");
    assertEquals("hello", cell.set("world!"));
    assertArrayEquals(
        new byte[] {0x53, 0x43, 0x4c, 1, 6, 0, 0, 0, 'w', 'o', 'r', 'l', 'd', '!'},
        Arrays.copyOf(memory.toByteArray(), 14));
    assertEquals(1, memory.size());
  }

  @Test
  void getReturnsTheCachedValueAndReopeningDecodes() {
    HeapMemory memory = new HeapMemory();
    StableCell<String> cell = StableCell.init(memory, Codecs.string(), "");
    String value = "pi is 3.14";
    cell.set(value);
    assertSame(value, cell.get());
    assertEquals(value, StableCell.init(memory, Codecs.string(), "ignored").get());
    assertEquals(value, StableCell.load(memory, Codecs.string()).get());
  }

  @Test
  void growsForLongValuesAndNeverShrinks() {
    HeapMemory memory = new HeapMemory();
    StableCell<byte[]> cell = StableCell.init(memory, Codecs.bytes(), new byte[0]);
    assertEquals(1, memory.size());
    cell.set(new byte[Memory.PAGE_SIZE - 8]);
    assertEquals(1, memory.size());
    cell.set(new byte[Memory.PAGE_SIZE - 7]);
    assertEquals(2, memory.size());
    cell.set(new byte[] {1});
    assertEquals(2, memory.size());
    assertArrayEquals(new byte[] {1}, StableCell.load(memory, Codecs.bytes()).get());
  }

  @Test
  void randomValuesRoundTrip() {
    Random random = new Random(3);
    HeapMemory memory = new HeapMemory();
    StableCell<byte[]> cell = StableCell.init(memory, Codecs.bytes(), new byte[0]);
    byte[] last = new byte[0];
    for (int i = 0; i < 200; i++) {
      byte[] value = new byte[random.nextInt(100_000)];
      random.nextBytes(value);
      assertArrayEquals(last, cell.set(value));
      last = value;
      assertArrayEquals(value, StableCell.load(memory, Codecs.bytes()).get());
    }
  }

  @Test
  void foreignMagicIsNamedAndUntouched() {
    HeapMemory memory = new HeapMemory();
    StableVec.init(memory, Codecs.u64()).pushLong(9);
    byte[] before = Memories.toByteArray(memory);
    BadMagicException e =
        assertThrows(
            BadMagicException.class, () -> StableCell.init(memory, Codecs.string(), "default"));
    assertTrue(e.getMessage().contains("'SVC' (a StableVec)"), e.getMessage());
    assertArrayEquals(before, Memories.toByteArray(memory));

    for (String magic : new String[] {"BTR", "SMH", "MGR", "GLI", "GLD"}) {
      HeapMemory other = new HeapMemory();
      other.grow(1);
      other.write(0, magic.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      BadMagicException m =
          assertThrows(BadMagicException.class, () -> StableCell.init(other, Codecs.string(), ""));
      assertTrue(m.getMessage().contains("'" + magic + "'"), m.getMessage());
    }

    HeapMemory garbage = new HeapMemory();
    garbage.grow(1);
    garbage.write(0, new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF});
    BadMagicException g =
        assertThrows(BadMagicException.class, () -> StableCell.init(garbage, Codecs.string(), ""));
    assertTrue(g.getMessage().contains("DE AD BE EF"), g.getMessage());
    assertThrows(BadMagicException.class, () -> StableCell.load(new HeapMemory(), Codecs.string()));
  }

  @Test
  void createOverwritesOnPurpose() {
    HeapMemory memory = new HeapMemory();
    StableVec.init(memory, Codecs.u64()).pushLong(9);
    StableCell<String> cell = StableCell.create(memory, Codecs.string(), "mine");
    assertEquals("mine", cell.get());
    assertEquals("mine", StableCell.load(memory, Codecs.string()).get());
  }

  @Test
  void wrongVersionIsRefused() {
    HeapMemory memory = new HeapMemory();
    StableCell.init(memory, Codecs.string(), "x");
    memory.writeByte(3, (byte) 7);
    byte[] before = Memories.toByteArray(memory);
    UnsupportedVersionException e =
        assertThrows(
            UnsupportedVersionException.class, () -> StableCell.init(memory, Codecs.string(), "y"));
    assertTrue(e.getMessage().contains("version 7"), e.getMessage());
    assertArrayEquals(before, Memories.toByteArray(memory));
  }

  @Test
  void damagedImagesGiveTypedErrors() {
    HeapMemory memory = new HeapMemory();
    StableCell.init(memory, Codecs.string(), "x");
    memory.writeIntLE(4, Memory.PAGE_SIZE);
    assertThrows(CorruptedStructureException.class, () -> StableCell.load(memory, Codecs.string()));
    memory.writeIntLE(4, -1);
    assertThrows(CorruptedStructureException.class, () -> StableCell.load(memory, Codecs.string()));
    memory.writeIntLE(4, 1);
    memory.writeByte(8, (byte) 0xFF);
    assertThrows(DecodeException.class, () -> StableCell.load(memory, Codecs.string()));
  }

  @Test
  void overBoundValueLeavesTheImageUnchanged() {
    HeapMemory memory = new HeapMemory();
    StableCell<byte[]> cell = StableCell.init(memory, Codecs.blob(4), new byte[] {1});
    byte[] before = Memories.toByteArray(memory);
    assertThrows(BoundExceededException.class, () -> cell.set(new byte[5]));
    assertArrayEquals(new byte[] {1}, cell.get());
    assertArrayEquals(before, Memories.toByteArray(memory));
    assertThrows(NullPointerException.class, () -> cell.set(null));
    assertArrayEquals(before, Memories.toByteArray(memory));
  }

  @Test
  void refusedGrowLeavesTheImageUnchanged() {
    HeapMemory memory = new HeapMemory(1);
    StableCell<byte[]> cell = StableCell.init(memory, Codecs.bytes(), new byte[] {1, 2});
    byte[] before = Memories.toByteArray(memory);
    assertThrows(GrowFailedException.class, () -> cell.set(new byte[Memory.PAGE_SIZE]));
    assertArrayEquals(new byte[] {1, 2}, cell.get());
    assertArrayEquals(before, Memories.toByteArray(memory));

    HeapMemory none = new HeapMemory(0);
    assertThrows(GrowFailedException.class, () -> StableCell.init(none, Codecs.string(), ""));
    assertEquals(0, none.size());
  }
}
