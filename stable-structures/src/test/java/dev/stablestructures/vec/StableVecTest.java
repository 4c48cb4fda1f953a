package dev.stablestructures.vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StableVecTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  @Test
  void layoutMatchesTheCrateExample() {
    HeapMemory memory = new HeapMemory();
    StableVec<Long> vec = StableVec.init(memory, Codecs.u64());
    vec.push(0x0102030405060708L);
    vec.pushLong(42);
    byte[] image = memory.toByteArray();
    assertEquals(Memory.PAGE_SIZE, image.length);
    assertArrayEquals(
        new byte[] {'S', 'V', 'C', 1, 2, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 1},
        java.util.Arrays.copyOf(image, 17));
    for (int i = 17; i < 64; i++) {
      assertEquals(0, image[i], "reserved byte " + i);
    }
    assertArrayEquals(
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 42},
        java.util.Arrays.copyOfRange(image, 64, 80));
  }

  @Test
  void variableSlotsHaveLittleEndianPrefixes() {
    HeapMemory memory = new HeapMemory();
    StableVec<byte[]> small = StableVec.init(memory, Codecs.blob(3));
    small.push(new byte[] {9});
    small.push(new byte[] {7, 8});
    byte[] image = memory.toByteArray();
    assertEquals(3, image[12]);
    assertEquals(0, image[16]);
    // slot = 3 + 1: [len][3 bytes]
    assertArrayEquals(
        new byte[] {1, 9, 0, 0, 2, 7, 8}, java.util.Arrays.copyOfRange(image, 64, 71));

    HeapMemory memory2 = new HeapMemory();
    StableVec<byte[]> medium = StableVec.init(memory2, Codecs.blob(300));
    medium.push(new byte[] {5, 6});
    assertEquals(2, memory2.readShortLE(64));
    assertEquals(
        302, medium.codec().bound().maxSize() + BaseVec.prefixSize(Codecs.blob(300).bound()));

    HeapMemory memory3 = new HeapMemory();
    StableVec<byte[]> large = StableVec.init(memory3, Codecs.blob(70_000));
    large.push(new byte[] {5, 6, 7});
    assertEquals(3, memory3.readIntLE(64));
    assertArrayEquals(new byte[] {5, 6, 7}, large.get(0));
    assertEquals(4, BaseVec.prefixSize(Codecs.blob(70_000).bound()));
  }

  @Test
  void growsOnlyToTheLastByteWritten() {
    HeapMemory memory = new HeapMemory();
    StableVec<byte[]> vec = StableVec.init(memory, Codecs.blob(100_000));
    assertEquals(1, memory.size());
    vec.push(new byte[10]); // slot 0 spans 100004 bytes, but only 14 are written
    assertEquals(1, memory.size());
    vec.push(new byte[0]); // slot 1 starts at 100068: prefix needs page 2
    assertEquals(2, memory.size());
    vec.set(1, new byte[40_000]);
    assertEquals(3, memory.size());
  }

  @Test
  void listOperations() {
    StableVec<Long> vec = StableVec.init(new HeapMemory(), Codecs.u64());
    assertTrue(vec.isEmpty());
    assertNull(vec.pop());
    assertThrows(NoSuchElementException.class, vec::removeLast);
    vec.add(1L);
    vec.add(1, 2L);
    vec.add(3L);
    assertEquals(List.of(1L, 2L, 3L), vec);
    assertEquals(3, vec.len());
    assertEquals(3, vec.longSize());
    assertEquals(2L, vec.set(1, 20L));
    assertEquals(20L, vec.get(1L));
    assertEquals(20L, vec.set(1L, 21L));
    assertThrows(UnsupportedOperationException.class, () -> vec.add(0, 9L));
    assertThrows(IndexOutOfBoundsException.class, () -> vec.add(4, 9L));
    assertThrows(UnsupportedOperationException.class, () -> vec.remove(0));
    assertThrows(UnsupportedOperationException.class, () -> vec.remove(Long.valueOf(1L)));
    assertThrows(IndexOutOfBoundsException.class, () -> vec.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> vec.get(-1L));
    assertThrows(IndexOutOfBoundsException.class, () -> vec.set(3, 0L));
    assertEquals(List.of(1L, 21L, 3L), vec);
    assertEquals(3L, vec.remove(2));
    assertEquals(21L, vec.removeLast());
    vec.addAll(List.of(5L, 6L, 7L));
    vec.subList(2, 4).clear();
    assertEquals(List.of(1L, 5L), vec);
    assertThrows(UnsupportedOperationException.class, () -> vec.subList(0, 1).clear());
    vec.clear();
    assertEquals(0, vec.size());
    assertEquals(List.of(), vec);
  }

  @Test
  void iteratorsFailFast() {
    StableVec<Long> vec = StableVec.init(new HeapMemory(), Codecs.u64());
    vec.pushLong(1);
    vec.pushLong(2);
    Iterator<Long> it = vec.iterator();
    it.next();
    vec.pushLong(3);
    assertThrows(ConcurrentModificationException.class, it::next);
    Iterator<Long> it2 = vec.iterator();
    it2.next();
    vec.popLong();
    assertThrows(ConcurrentModificationException.class, it2::next);
  }

  @Test
  void primitivePathsNeedTheRightCodec() {
    StableVec<Long> longs = StableVec.init(new HeapMemory(), Codecs.u64());
    longs.pushLong(-1);
    longs.pushLong(7);
    assertEquals(-1L, longs.getLong(0));
    assertEquals(-1L, longs.get(0));
    longs.setLong(1, 8);
    assertEquals(8L, longs.get(1));
    assertEquals(8, longs.popLong());
    assertThrows(IndexOutOfBoundsException.class, () -> longs.getLong(1));
    assertThrows(IllegalStateException.class, () -> longs.getInt(0));
    assertThrows(IllegalStateException.class, () -> longs.pushInt(0));

    StableVec<Integer> ints = StableVec.init(new HeapMemory(), Codecs.u32());
    ints.pushInt(0x80000001);
    ints.push(5);
    assertEquals(0x80000001, ints.getInt(0));
    ints.setInt(1, 6);
    assertEquals(6, ints.get(1));
    assertEquals(6, ints.popInt());
    assertEquals(0x80000001, ints.popInt());
    assertThrows(NoSuchElementException.class, ints::popInt);
    assertThrows(IllegalStateException.class, () -> ints.pushLong(0));

    StableVec<byte[]> blobs = StableVec.init(new HeapMemory(), Codecs.blob(8));
    assertThrows(IllegalStateException.class, () -> blobs.pushLong(0));
  }

  @Test
  void unboundedCodecIsRefused() {
    HeapMemory memory = new HeapMemory();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StableVec.init(memory, Codecs.string()));
    assertTrue(e.getMessage().contains("bounded"), e.getMessage());
    assertEquals(0, memory.size(), "nothing written");
  }

  @Test
  void foreignMagicIsNamedAndUntouched() {
    HeapMemory memory = new HeapMemory();
    memory.grow(1);
    memory.write(0, new byte[] {'B', 'T', 'R', 2, 9, 9});
    byte[] before = Memories.toByteArray(memory);
    BadMagicException e =
        assertThrows(BadMagicException.class, () -> StableVec.init(memory, Codecs.u64()));
    assertTrue(e.getMessage().contains("'BTR'"), e.getMessage());
    assertTrue(e.getMessage().contains("BTreeMap"), e.getMessage());
    assertArrayEquals(before, Memories.toByteArray(memory));

    HeapMemory heap = new HeapMemory();
    dev.stablestructures.cell.StableCell.init(heap, Codecs.string(), "x");
    BadMagicException e2 =
        assertThrows(BadMagicException.class, () -> StableVec.init(heap, Codecs.u64()));
    assertTrue(e2.getMessage().contains("'SCL' (a Cell)"), e2.getMessage());

    HeapMemory zeros = new HeapMemory();
    zeros.grow(1);
    BadMagicException e3 =
        assertThrows(BadMagicException.class, () -> StableVec.init(zeros, Codecs.u64()));
    assertTrue(e3.getMessage().contains("00 00 00 00"), e3.getMessage());
    assertThrows(BadMagicException.class, () -> StableVec.load(new HeapMemory(), Codecs.u64()));
  }

  @Test
  void wrongVersionIsRefused() {
    HeapMemory memory = new HeapMemory();
    StableVec.init(memory, Codecs.u64()).pushLong(5);
    memory.writeByte(3, (byte) 2);
    byte[] before = Memories.toByteArray(memory);
    UnsupportedVersionException e =
        assertThrows(UnsupportedVersionException.class, () -> StableVec.init(memory, Codecs.u64()));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertArrayEquals(before, Memories.toByteArray(memory));
  }

  @Test
  void incompatibleBoundIsRefused() {
    HeapMemory memory = new HeapMemory();
    StableVec.init(memory, Codecs.blob(10)).push(new byte[] {1});
    byte[] before = Memories.toByteArray(memory);
    IncompatibleLayoutException e =
        assertThrows(
            IncompatibleLayoutException.class, () -> StableVec.init(memory, Codecs.blob(11)));
    assertTrue(e.getMessage().contains("10") && e.getMessage().contains("11"), e.getMessage());
    assertThrows(IncompatibleLayoutException.class, () -> StableVec.init(memory, Codecs.u64()));
    assertArrayEquals(before, Memories.toByteArray(memory));
    assertArrayEquals(new byte[] {1}, StableVec.load(memory, Codecs.blob(10)).get(0));
  }

  @Test
  void corruptLengthIsRefused() {
    HeapMemory memory = new HeapMemory();
    StableVec.init(memory, Codecs.u64()).pushLong(5);
    memory.writeLongLE(4, 1L << 40);
    assertThrows(CorruptedStructureException.class, () -> StableVec.load(memory, Codecs.u64()));
    memory.writeLongLE(4, -1L);
    assertThrows(CorruptedStructureException.class, () -> StableVec.load(memory, Codecs.u64()));
    memory.writeLongLE(4, (Memory.PAGE_SIZE - 64) / 8);
    assertEquals((Memory.PAGE_SIZE - 64) / 8, StableVec.load(memory, Codecs.u64()).len());
    memory.writeLongLE(4, (Memory.PAGE_SIZE - 64) / 8 + 1);
    assertThrows(CorruptedStructureException.class, () -> StableVec.load(memory, Codecs.u64()));

    HeapMemory blobs = new HeapMemory();
    StableVec.init(blobs, Codecs.blob(4)).push(new byte[] {1, 2});
    blobs.writeByte(64, (byte) 5);
    StableVec<byte[]> damaged = StableVec.load(blobs, Codecs.blob(4));
    assertThrows(CorruptedStructureException.class, () -> damaged.get(0));
  }

  @Test
  void zeroSizeElements() {
    HeapMemory memory = new HeapMemory();
    StableVec<dev.stablestructures.codec.Unit> units = StableVec.init(memory, Codecs.unit());
    units.push(dev.stablestructures.codec.Unit.INSTANCE);
    assertEquals(0, memory.readByte(64), "a () element is a 1-byte prefix holding 0");
    assertEquals(1, StableVec.load(memory, Codecs.unit()).len());

    // A fixed-size codec of 0 bytes has 0-byte slots: any stored length is valid.
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
    HeapMemory zeros = new HeapMemory();
    StableVec.init(zeros, empty).push("");
    zeros.writeLongLE(4, 1L << 40);
    StableVec<String> huge = StableVec.load(zeros, empty);
    assertEquals(1L << 40, huge.len());
    assertEquals(Integer.MAX_VALUE, huge.size());
    assertEquals("", huge.get((1L << 40) - 1));
  }

  @Test
  void overBoundValueLeavesTheImageUnchanged() {
    HeapMemory memory = new HeapMemory();
    StableVec<byte[]> vec = StableVec.init(memory, Codecs.blob(4));
    vec.push(new byte[] {1, 2});
    byte[] before = Memories.toByteArray(memory);
    assertThrows(BoundExceededException.class, () -> vec.push(new byte[5]));
    assertThrows(BoundExceededException.class, () -> vec.set(0, new byte[5]));
    assertArrayEquals(before, Memories.toByteArray(memory));
    assertEquals(1, vec.len());
    assertThrows(NullPointerException.class, () -> vec.push(null));
  }

  @Test
  void refusedGrowLeavesLengthAndImageUnchanged() {
    HeapMemory memory = new HeapMemory(1);
    StableVec<Long> vec = StableVec.init(memory, Codecs.u64());
    int fits = (Memory.PAGE_SIZE - 64) / 8;
    for (int i = 0; i < fits; i++) {
      vec.pushLong(i);
    }
    byte[] before = Memories.toByteArray(memory);
    assertThrows(GrowFailedException.class, () -> vec.pushLong(1));
    assertThrows(GrowFailedException.class, () -> vec.push(1L));
    assertEquals(fits, vec.len());
    assertArrayEquals(before, Memories.toByteArray(memory));
    assertEquals(fits, StableVec.load(memory, Codecs.u64()).len());

    HeapMemory none = new HeapMemory(0);
    assertThrows(GrowFailedException.class, () -> StableVec.init(none, Codecs.u64()));
    assertEquals(0, none.size());
  }

  @Test
  void createOverwritesOnPurpose() {
    HeapMemory memory = new HeapMemory();
    dev.stablestructures.cell.StableCell.init(memory, Codecs.string(), "hello");
    StableVec<Long> vec = StableVec.create(memory, Codecs.u64());
    assertEquals(0, vec.len());
    vec.pushLong(3);
    assertEquals(List.of(3L), StableVec.load(memory, Codecs.u64()));
  }

  /** Seeded random operations against an ArrayList, reopening from memory every few steps. */
  @Test
  void behavesLikeArrayList() {
    int seeds = FULL ? 200 : 20;
    int steps = FULL ? 20_000 : 2_000;
    for (long seed = 0; seed < seeds; seed++) {
      runAgainstModel(seed, steps);
    }
  }

  private static void runAgainstModel(long seed, int steps) {
    Random random = new Random(seed);
    HeapMemory memory = new HeapMemory();
    BoundedStringCodec codec = new BoundedStringCodec(20);
    StableVec<String> vec = StableVec.init(memory, codec);
    List<String> model = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      String where = "seed " + seed + " step " + step;
      int op = random.nextInt(100);
      if (op < 40) {
        String s = randomString(random);
        vec.push(s);
        model.add(s);
      } else if (op < 55) {
        assertEquals(model.isEmpty() ? null : model.remove(model.size() - 1), vec.pop(), where);
      } else if (op < 75 && !model.isEmpty()) {
        int i = random.nextInt(model.size());
        String s = randomString(random);
        assertEquals(model.set(i, s), vec.set(i, s), where);
      } else if (op < 95 && !model.isEmpty()) {
        int i = random.nextInt(model.size());
        assertEquals(model.get(i), vec.get(i), where);
      } else if (op < 96) {
        vec.clear();
        model.clear();
      } else {
        vec = StableVec.init(memory, codec);
      }
      assertEquals(model.size(), vec.len(), where);
      if (step % 50 == 0) {
        assertEquals(model, StableVec.load(memory, codec), where);
      }
    }
    assertEquals(model, vec);
  }

  private static String randomString(Random random) {
    int length = random.nextInt(21);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
