package dev.stablestructures.log;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.DecodeException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RestrictedMemory;
import dev.stablestructures.vec.StableVec;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Damaged or foreign memories and refused writes: each is a typed exception naming what is wrong,
 * and leaves both memories' bytes (and sizes) as they were.
 */
class StableLogBadInputTest {
  /** A pair of memories and a snapshot of their bytes. */
  private static final class Pair {
    final HeapMemory index;
    final HeapMemory data;
    byte[] indexBytes;
    byte[] dataBytes;

    Pair(HeapMemory index, HeapMemory data) {
      this.index = index;
      this.data = data;
      snapshot();
    }

    void snapshot() {
      indexBytes = index.toByteArray();
      dataBytes = data.toByteArray();
    }

    void assertUnchanged() {
      assertArrayEquals(indexBytes, index.toByteArray(), "index memory unchanged");
      assertArrayEquals(dataBytes, data.toByteArray(), "data memory unchanged");
    }
  }

  /** A log of three entries "ab", "", "cdef": end offsets 2, 2, 6. */
  private static Pair threeEntries() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    log.append("ab".getBytes(US_ASCII));
    log.append(new byte[0]);
    log.append("cdef".getBytes(US_ASCII));
    return new Pair(index, data);
  }

  private static <E extends StableStructureException> E refused(
      Class<E> type, Pair pair, Executable open, String... mustContain) {
    E e = assertThrows(type, open);
    for (String part : mustContain) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
    pair.assertUnchanged();
    return e;
  }

  private static void bothOpeners(
      Class<? extends StableStructureException> type, Pair pair, String... mustContain) {
    refused(type, pair, () -> StableLog.init(pair.index, pair.data, Codecs.bytes()), mustContain);
    refused(type, pair, () -> StableLog.load(pair.index, pair.data, Codecs.bytes()), mustContain);
  }

  @Test
  void foreignDataMemoryIsNamedNotOverwritten() {
    Pair pair = threeEntries();
    StableCell.create(pair.data, Codecs.string(), "a cell");
    pair.snapshot();
    bothOpeners(BadMagicException.class, pair, "data memory", "'SCL' (a Cell)");

    Pair zeros = new Pair(new HeapMemory(), new HeapMemory());
    zeros.data.grow(1);
    zeros.snapshot();
    bothOpeners(BadMagicException.class, zeros, "data memory", "00 00 00 00");
  }

  @Test
  void foreignIndexMemoryIsNamedNotOverwritten() {
    Pair pair = threeEntries();
    StableVec.create(pair.index, Codecs.u64());
    pair.snapshot();
    bothOpeners(BadMagicException.class, pair, "index memory", "'SVC' (a StableVec)");

    // The two memories swapped: the data memory holds an index.
    Pair swapped = threeEntries();
    Pair reversed = new Pair(/* index= */ swapped.data, /* data= */ swapped.index);
    bothOpeners(BadMagicException.class, reversed, "data memory", "'GLI' (a Log's index memory)");
  }

  @Test
  void wrongVersionsAreNamed() {
    Pair dataVersion = threeEntries();
    dataVersion.data.writeByte(3, (byte) 2);
    dataVersion.snapshot();
    bothOpeners(UnsupportedVersionException.class, dataVersion, "data memory", "version 2");

    Pair indexVersion = threeEntries();
    indexVersion.index.writeByte(3, (byte) 0);
    indexVersion.snapshot();
    bothOpeners(UnsupportedVersionException.class, indexVersion, "index memory", "version 0");
  }

  @Test
  void emptyMemoriesAgainstAFullOne() {
    // Data present, index empty.
    Pair noIndex = new Pair(new HeapMemory(), threeEntries().data);
    bothOpeners(BadMagicException.class, noIndex, "index memory is empty");

    // Index with entries, data empty: the crate would create a new log over the index.
    Pair noData = new Pair(threeEntries().index, new HeapMemory());
    refused(
        CorruptedStructureException.class,
        noData,
        () -> StableLog.init(noData.index, noData.data, Codecs.bytes()),
        "entry count of 3",
        "data memory is empty");
    refused(
        BadMagicException.class,
        noData,
        () -> StableLog.load(noData.index, noData.data, Codecs.bytes()),
        "data memory is empty");

    // Something else in the index, data empty.
    HeapMemory cell = new HeapMemory();
    StableCell.init(cell, Codecs.string(), "x");
    Pair foreign = new Pair(cell, new HeapMemory());
    refused(
        BadMagicException.class,
        foreign,
        () -> StableLog.init(foreign.index, foreign.data, Codecs.bytes()),
        "index memory holds magic 'SCL'");

    Pair badVersion = new Pair(threeEntries().index, new HeapMemory());
    badVersion.index.writeLongLE(32, 0);
    badVersion.index.writeByte(3, (byte) 9);
    badVersion.snapshot();
    refused(
        UnsupportedVersionException.class,
        badVersion,
        () -> StableLog.init(badVersion.index, badVersion.data, Codecs.bytes()),
        "index memory",
        "version 9");

    Pair neither = new Pair(new HeapMemory(), new HeapMemory());
    refused(
        BadMagicException.class,
        neither,
        () -> StableLog.load(neither.index, neither.data, Codecs.bytes()),
        "data memory is empty");
    assertEquals(0, StableLog.init(neither.index, neither.data, Codecs.bytes()).len());
  }

  @Test
  void countPastTheIndexMemoryIsNamed() {
    long capacity = (Memory.PAGE_SIZE - 40) / 8;
    for (long count : new long[] {1L << 40, -1L, capacity + 1}) {
      Pair pair = threeEntries();
      pair.index.writeLongLE(32, count);
      pair.snapshot();
      bothOpeners(
          CorruptedStructureException.class,
          pair,
          "entry count " + Long.toUnsignedString(count),
          "index memory of 65536 bytes");
    }
    // A count that just fits (every later end offset 0 would be decreasing, but the last is 0).
    Pair full = threeEntries();
    full.index.writeLongLE(32, capacity);
    assertEquals(capacity, StableLog.load(full.index, full.data, Codecs.bytes()).len());
  }

  @Test
  void lastEndOffsetPastTheDataMemoryIsNamed() {
    for (long end : new long[] {Memory.PAGE_SIZE - 31, 1L << 50, -8L}) {
      Pair pair = threeEntries();
      pair.index.writeLongLE(56, end);
      pair.snapshot();
      bothOpeners(
          CorruptedStructureException.class,
          pair,
          "end offset of entry 2",
          Long.toUnsignedString(end),
          "data memory of 65536 bytes");
    }
    Pair fits = threeEntries();
    fits.index.writeLongLE(56, Memory.PAGE_SIZE - 32);
    StableLog<byte[]> log = StableLog.load(fits.index, fits.data, Codecs.bytes());
    assertEquals(Memory.PAGE_SIZE - 32 - 2, log.get(2).length);
  }

  @Test
  void decreasingEndOffsetIsFoundWhenRead() {
    Pair pair = threeEntries();
    pair.index.writeLongLE(48, 1); // entry 1 ends at 1, before entry 0's end 2
    pair.snapshot();
    StableLog<byte[]> log = StableLog.load(pair.index, pair.data, Codecs.bytes()); // O(1) checks
    assertArrayEquals("ab".getBytes(US_ASCII), log.get(0));
    String[] named = {"end offset of entry 1", "at index offset 48", "is 1", "below"};
    refused(CorruptedStructureException.class, pair, () -> log.get(1), named);
    refused(CorruptedStructureException.class, pair, () -> log.entryLength(1), named);
    refused(CorruptedStructureException.class, pair, () -> log.readEntry(1, new byte[8], 0), named);
    refused(CorruptedStructureException.class, pair, log::validate, named);
    refused(
        CorruptedStructureException.class,
        pair,
        () -> log.forEach(e -> {}),
        "end offset of entry 1");
    // Backward, entry 2 is read first and its start (entry 1's end, 1) is fine: 1 <= 6.
    refused(
        CorruptedStructureException.class,
        pair,
        () -> log.descendingIterator().forEachRemaining(e -> {}),
        "end offset of entry 1");
    refused(
        CorruptedStructureException.class,
        pair,
        () -> log.asList().toArray(),
        "end offset of entry 1");
    assertArrayEquals("bcdef".getBytes(US_ASCII), log.get(2), "entry 2 spans [1, 6)");
  }

  @Test
  void middleEndOffsetPastTheLastIsFoundWhenRead() {
    Pair pair = threeEntries();
    pair.index.writeLongLE(40, 1000); // entry 0 ends past the log's last end offset 6
    pair.snapshot();
    StableLog<byte[]> log = StableLog.load(pair.index, pair.data, Codecs.bytes());
    String[] named = {"end offset of entry 0", "is 1000", "past the last entry's end offset 6"};
    refused(CorruptedStructureException.class, pair, () -> log.get(0), named);
    refused(CorruptedStructureException.class, pair, log::first, named);
    refused(CorruptedStructureException.class, pair, log::validate, named);
    // Entry 1 starts at 1000 and ends at 2: its own end offset is below its start.
    refused(CorruptedStructureException.class, pair, () -> log.get(1), "end offset of entry 1");
  }

  @Test
  void entryLongerThanTheCodecsBoundIsADecodeError() {
    Pair pair = threeEntries();
    StableLog<byte[]> log = StableLog.load(pair.index, pair.data, Codecs.blob(3));
    assertArrayEquals("ab".getBytes(US_ASCII), log.get(0));
    refused(DecodeException.class, pair, () -> log.get(2), "entry 2 has 4 bytes", "Blob<3>");
    StableLog<Long> longs = StableLog.load(pair.index, pair.data, Codecs.u64());
    refused(DecodeException.class, pair, () -> longs.get(0));
    assertEquals(4, longs.entryLength(2), "raw access still works");
  }

  @Test
  void valueOverTheBoundIsRefusedBeforeWriting() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.blob(4));
    log.append(new byte[] {1, 2});
    Pair pair = new Pair(index, data);
    refused(BoundExceededException.class, pair, () -> log.append(new byte[5]), "<= 4 bytes");
    assertThrows(NullPointerException.class, () -> log.append(null));
    pair.assertUnchanged();
    assertEquals(1, log.len());
    assertEquals(1, log.append(new byte[4]));
  }

  @Test
  void refusedDataGrowChangesNothing() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory(1);
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    log.append(new byte[Memory.PAGE_SIZE - 32 - 10]);
    Pair pair = new Pair(index, data);
    refused(GrowFailedException.class, pair, () -> log.append(new byte[11]), "1 pages");
    assertEquals(1, log.len());
    assertEquals(1, log.append(new byte[10]), "what fits still fits");
    assertEquals(2, StableLog.load(index, data, Codecs.bytes()).len());

    // The same through a RestrictedMemory window of one page.
    HeapMemory base = new HeapMemory();
    RestrictedMemory window = new RestrictedMemory(base, 3, 4);
    StableLog<byte[]> windowed = StableLog.init(new HeapMemory(), window, Codecs.bytes());
    windowed.append(new byte[100]);
    byte[] before = base.toByteArray();
    assertThrows(GrowFailedException.class, () -> windowed.append(new byte[Memory.PAGE_SIZE]));
    assertArrayEquals(before, base.toByteArray());
    assertEquals(1, windowed.len());
  }

  /** The data memory grows, then the index memory refuses: the data pages stay, zero-filled. */
  @Test
  void growRefusedHalfWayChangesNoContent() {
    HeapMemory index = new HeapMemory(1);
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    int capacity = (Memory.PAGE_SIZE - 40) / 8;
    byte[] entry = new byte[8];
    Arrays.fill(entry, (byte) 0x5A);
    for (int i = 0; i < capacity; i++) {
      log.append(entry);
    }
    Pair pair = new Pair(index, data);
    long dataPages = data.size();
    byte[] big = new byte[3 * Memory.PAGE_SIZE];
    Arrays.fill(big, (byte) 0x77);
    assertThrows(GrowFailedException.class, () -> log.append(big));
    assertEquals(capacity, log.len());
    assertArrayEquals(pair.indexBytes, index.toByteArray(), "index memory unchanged");
    byte[] after = data.toByteArray();
    assertTrue(data.size() > dataPages, "the data memory grew before the index refused");
    assertArrayEquals(pair.dataBytes, Arrays.copyOf(after, pair.dataBytes.length));
    for (int i = pair.dataBytes.length; i < after.length; i++) {
      assertEquals(0, after[i], "grown data byte " + i + " is still zero");
    }
    StableLog<byte[]> reopened = StableLog.load(index, data, Codecs.bytes());
    assertEquals(capacity, reopened.len());
    assertArrayEquals(entry, reopened.last());
    assertEquals(8L * capacity, reopened.logSizeBytes());
  }

  @Test
  void createRefusedHalfWayCanBeRetriedWithInit() {
    HeapMemory index = new HeapMemory();
    assertThrows(
        GrowFailedException.class, () -> StableLog.init(index, new HeapMemory(0), Codecs.bytes()));
    assertEquals(1, index.size(), "the index page grown before the data memory refused remains");
    assertArrayEquals(new byte[Memory.PAGE_SIZE], index.toByteArray(), "and holds zeros only");
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    log.append(new byte[] {1});
    assertEquals(1, StableLog.load(index, data, Codecs.bytes()).len());

    // The crate's new writes the index header before growing the data memory: an index with no
    // entries and an empty data memory is taken as new too.
    HeapMemory crateIndex = new HeapMemory();
    StableLog.create(crateIndex, new HeapMemory(), Codecs.bytes());
    Supplier<StableLog<byte[]>> retry =
        () -> StableLog.init(crateIndex, new HeapMemory(), Codecs.bytes());
    assertEquals(0, retry.get().len());

    HeapMemory none = new HeapMemory(0);
    assertThrows(
        GrowFailedException.class, () -> StableLog.create(none, new HeapMemory(), Codecs.bytes()));
    assertEquals(0, none.size());
  }
}
