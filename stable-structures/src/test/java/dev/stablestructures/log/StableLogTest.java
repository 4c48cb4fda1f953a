package dev.stablestructures.log;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import org.junit.jupiter.api.Test;

class StableLogTest {
  private static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }

  private static StableLog<byte[]> newBytesLog() {
    return StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.bytes());
  }

  @Test
  void layoutMatchesTheCrateExample() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    assertEquals(0, log.append(ascii("ab")));
    assertEquals(1, log.append(ascii("cde")));

    byte[] indexImage = index.toByteArray();
    assertEquals(Memory.PAGE_SIZE, indexImage.length);
    assertArrayEquals(new byte[] {'G', 'L', 'I', 1}, Arrays.copyOf(indexImage, 4));
    for (int i = 4; i < 32; i++) {
      assertEquals(0, indexImage[i], "reserved index byte " + i);
    }
    assertEquals(2, index.readLongLE(32), "count");
    assertEquals(2, index.readLongLE(40), "end offset of entry 0");
    assertEquals(5, index.readLongLE(48), "end offset of entry 1");
    for (int i = 56; i < indexImage.length; i++) {
      assertEquals(0, indexImage[i], "unused index byte " + i);
    }

    byte[] dataImage = data.toByteArray();
    assertEquals(Memory.PAGE_SIZE, dataImage.length);
    assertArrayEquals(new byte[] {'G', 'L', 'D', 1}, Arrays.copyOf(dataImage, 4));
    for (int i = 4; i < 32; i++) {
      assertEquals(0, dataImage[i], "reserved data byte " + i);
    }
    assertArrayEquals(ascii("abcde"), Arrays.copyOfRange(dataImage, 32, 37));
    for (int i = 37; i < dataImage.length; i++) {
      assertEquals(0, dataImage[i], "unused data byte " + i);
    }

    // The same bytes with the String codec (UTF-8, unbounded), as the crate's Log<String>.
    HeapMemory index2 = new HeapMemory();
    HeapMemory data2 = new HeapMemory();
    StableLog<String> strings = StableLog.init(index2, data2, Codecs.string());
    strings.append("ab");
    strings.append("cde");
    assertArrayEquals(indexImage, index2.toByteArray());
    assertArrayEquals(dataImage, data2.toByteArray());
    assertEquals(List.of("ab", "cde"), StableLog.load(index2, data2, Codecs.string()).asList());
  }

  @Test
  void newLogWritesBothHeadersOnOnePageEach() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    assertEquals(1, index.size());
    assertEquals(1, data.size());
    byte[] expectedIndex = new byte[Memory.PAGE_SIZE];
    expectedIndex[0] = 'G';
    expectedIndex[1] = 'L';
    expectedIndex[2] = 'I';
    expectedIndex[3] = 1;
    byte[] expectedData = expectedIndex.clone();
    expectedData[2] = 'D';
    assertArrayEquals(expectedIndex, index.toByteArray());
    assertArrayEquals(expectedData, data.toByteArray());
    // The crate's test_log_construct.
    assertEquals(0, log.len());
    assertEquals(0, log.logSizeBytes());
    assertEquals(40, log.indexSizeBytes());
    assertEquals(32, log.dataSizeBytes());
    StableLog<byte[]> reopened = StableLog.init(index, data, Codecs.bytes());
    assertEquals(0, reopened.len());
    assertEquals(40, reopened.indexSizeBytes());
    assertArrayEquals(expectedIndex, index.toByteArray(), "reopening writes nothing");
  }

  @Test
  void getFirstLastAndSizes() {
    StableLog<byte[]> log = newBytesLog();
    assertTrue(log.isEmpty());
    assertNull(log.first());
    assertNull(log.last());
    assertThrows(IndexOutOfBoundsException.class, () -> log.get(0));
    log.append(ascii("DEADBEEF"));
    log.append(new byte[0]);
    log.append(ascii("FEEDBAD"));
    assertFalse(log.isEmpty());
    assertEquals(3, log.len());
    assertEquals(3, log.longSize());
    assertArrayEquals(ascii("DEADBEEF"), log.first());
    assertArrayEquals(new byte[0], log.get(1));
    assertArrayEquals(ascii("FEEDBAD"), log.last());
    assertThrows(IndexOutOfBoundsException.class, () -> log.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> log.get(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> log.entryLength(3));
    assertEquals(15, log.logSizeBytes());
    assertEquals(32 + 15, log.dataSizeBytes());
    assertEquals(40 + 3 * 8, log.indexSizeBytes());
    assertEquals(8, log.entryLength(0));
    assertEquals(0, log.entryLength(1));
    assertEquals(7, log.entryLength(2));
    log.validate();
    assertTrue(log.toString().contains("3 entries"), log.toString());
  }

  @Test
  void readEntryCopiesIntoTheCallersArray() {
    StableLog<byte[]> log = newBytesLog();
    log.append(ascii("hello"));
    log.append(new byte[0]);
    log.append(ascii("xyz"));
    byte[] buffer = new byte[8];
    Arrays.fill(buffer, (byte) '.');
    assertEquals(5, log.readEntry(0, buffer, 2));
    assertArrayEquals(ascii("..hello."), buffer);
    assertEquals(0, log.readEntry(1, buffer, 8));
    assertEquals(3, log.readEntry(2, buffer, 5));
    assertArrayEquals(ascii("..helxyz"), buffer);

    byte[] before = buffer.clone();
    assertThrows(IndexOutOfBoundsException.class, () -> log.readEntry(0, buffer, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> log.readEntry(0, buffer, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> log.readEntry(0, buffer, 9));
    assertThrows(IndexOutOfBoundsException.class, () -> log.readEntry(3, buffer, 0));
    assertThrows(NullPointerException.class, () -> log.readEntry(0, null, 0));
    assertArrayEquals(before, buffer, "nothing copied by a refused read");
  }

  @Test
  void iteratorsBothWays() {
    StableLog<String> log = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.string());
    assertFalse(log.iterator().hasNext());
    assertFalse(log.descendingIterator().hasNext());
    assertThrows(NoSuchElementException.class, () -> log.iterator().next());
    assertThrows(NoSuchElementException.class, () -> log.descendingIterator().next());
    for (String s : List.of("a", "", "bc", "def")) {
      log.append(s);
    }
    List<String> forward = new ArrayList<>();
    log.forEach(forward::add);
    assertEquals(List.of("a", "", "bc", "def"), forward);
    List<String> backward = new ArrayList<>();
    log.descendingIterator().forEachRemaining(backward::add);
    assertEquals(List.of("def", "bc", "", "a"), backward);
    List<String> tail = new ArrayList<>();
    log.iterator(2).forEachRemaining(tail::add);
    assertEquals(List.of("bc", "def"), tail);
    assertFalse(log.iterator(4).hasNext());
    assertThrows(IndexOutOfBoundsException.class, () -> log.iterator(5));
    assertThrows(IndexOutOfBoundsException.class, () -> log.iterator(-1));
    Iterator<String> it = log.iterator();
    it.next();
    assertThrows(UnsupportedOperationException.class, it::remove);
  }

  @Test
  void iteratorsFailFastWhenTheLogChanges() {
    StableLog<String> log = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.string());
    log.append("a");
    log.append("b");
    Iterator<String> appended = log.iterator();
    appended.next();
    log.append("c");
    assertThrows(ConcurrentModificationException.class, appended::next);
    assertThrows(ConcurrentModificationException.class, appended::hasNext);

    Iterator<String> cleared = log.iterator();
    Iterator<String> clearedBackward = log.descendingIterator();
    Iterator<String> viewIterator = log.asList().iterator();
    cleared.next();
    clearedBackward.next();
    viewIterator.next();
    log.clear();
    // hasNext fails too: otherwise a clear would end the loop silently.
    assertThrows(ConcurrentModificationException.class, cleared::hasNext);
    assertThrows(ConcurrentModificationException.class, clearedBackward::hasNext);
    assertThrows(ConcurrentModificationException.class, clearedBackward::next);
    assertThrows(ConcurrentModificationException.class, viewIterator::next);
  }

  @Test
  void clearKeepsHeadersAndRewritesOnlyTheCount() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    log.append(ascii("old_entry"));
    log.append(ascii("second"));
    byte[] indexBefore = index.toByteArray();
    byte[] dataBefore = data.toByteArray();
    log.clear();
    assertEquals(0, log.len());
    assertTrue(log.isEmpty());
    assertEquals(0, log.logSizeBytes());
    assertEquals(40, log.indexSizeBytes());
    assertFalse(log.iterator().hasNext());
    assertThrows(IndexOutOfBoundsException.class, () -> log.get(0));
    indexBefore[32] = 0; // only the count changes (2 -> 0)
    assertArrayEquals(indexBefore, index.toByteArray());
    assertArrayEquals(dataBefore, data.toByteArray());
    assertEquals(0, StableLog.load(index, data, Codecs.bytes()).len());

    assertEquals(0, log.append(ascii("new")));
    assertArrayEquals(ascii("new"), log.get(0));
    assertEquals(3, index.readLongLE(40));
    assertArrayEquals(ascii("new_entry"), data.readBytes(32, 9), "old bytes overwritten in place");
    log.clear();
    log.clear();
    assertTrue(log.isEmpty());
  }

  @Test
  void reopensWithInitAndLoad() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<Long> log = StableLog.init(index, data, Codecs.u64());
    for (long i = 0; i < 1000; i++) {
      log.append(i * i);
    }
    byte[] indexBefore = index.toByteArray();
    byte[] dataBefore = data.toByteArray();
    for (StableLog<Long> reopened :
        List.of(
            StableLog.init(index, data, Codecs.u64()), StableLog.load(index, data, Codecs.u64()))) {
      assertEquals(1000, reopened.len());
      assertEquals(999L * 999, reopened.last());
      assertEquals(25L, reopened.get(5));
      assertEquals(8000, reopened.logSizeBytes());
      reopened.validate();
    }
    assertArrayEquals(indexBefore, index.toByteArray());
    assertArrayEquals(dataBefore, data.toByteArray());
  }

  @Test
  void listViewIsReadOnlyAndLive() {
    StableLog<String> log = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.string());
    List<String> view = log.asList();
    assertSame(view, log.asList());
    assertTrue(view instanceof RandomAccess);
    assertTrue(view.isEmpty());
    log.append("x");
    log.append("yz");
    assertEquals(List.of("x", "yz"), view);
    assertEquals(2, view.size());
    assertEquals("yz", view.get(1));
    assertEquals(1, view.indexOf("yz"));
    assertThrows(IndexOutOfBoundsException.class, () -> view.get(2));
    assertThrows(IndexOutOfBoundsException.class, () -> view.get(-1));
    List<Runnable> mutators =
        List.of(
            () -> view.add("a"),
            () -> view.add(0, "a"),
            () -> view.addAll(List.of("a")),
            () -> view.addAll(0, List.of()),
            () -> view.set(0, "a"),
            () -> view.remove(0),
            () -> view.remove("x"),
            () -> view.removeAll(List.of("x")),
            () -> view.retainAll(List.of()),
            () -> view.removeIf(s -> true),
            () -> view.replaceAll(s -> s),
            () -> view.sort(null),
            view::clear,
            () -> view.subList(0, 1).clear(),
            () -> {
              Iterator<String> it = view.iterator();
              it.next();
              it.remove();
            },
            () -> {
              ListIterator<String> it = view.listIterator();
              it.next();
              it.set("a");
            });
    for (Runnable mutator : mutators) {
      assertThrows(UnsupportedOperationException.class, mutator::run);
    }
    assertEquals(List.of("x", "yz"), view);
    log.clear();
    assertThrows(UnsupportedOperationException.class, view::clear, "even when empty");
  }

  @Test
  void viewSizeSaturatesPastIntegerMaxValue() {
    SparseMemory index = new SparseMemory();
    long entries = Integer.MAX_VALUE + 5L;
    index.grow(Memories.pagesFor(40 + 8 * entries));
    index.writeIntLE(0, 'G' | 'L' << 8 | 'I' << 16 | 1 << 24);
    index.writeLongLE(32, entries); // every end offset is 0: all entries are empty
    HeapMemory data = new HeapMemory();
    StableLog.create(new HeapMemory(), data, Codecs.bytes());
    StableLog<byte[]> log = StableLog.load(index, data, Codecs.bytes());
    assertEquals(entries, log.longSize());
    assertEquals(Integer.MAX_VALUE, log.asList().size());
    assertArrayEquals(new byte[0], log.get(entries - 1));
    assertArrayEquals(new byte[0], log.last());
    assertEquals(0, log.entryLength(Integer.MAX_VALUE + 1L));
    assertEquals(40 + 8 * entries, log.indexSizeBytes());
  }

  @Test
  void createOverwritesOnPurposeAndKeepsReservedBytes() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableCell.init(index, Codecs.string(), "an old cell");
    StableLog<byte[]> old = StableLog.create(new HeapMemory(), data, Codecs.bytes());
    old.append(ascii("kept"));
    data.writeByte(10, (byte) 7);
    StableLog<byte[]> log = StableLog.create(index, data, Codecs.bytes());
    assertEquals(0, log.len());
    assertEquals(1, index.size());
    assertEquals('I', index.readByte(2));
    assertEquals(7, data.readByte(10), "reserved bytes are never written");
    assertArrayEquals(ascii("kept"), data.readBytes(32, 4), "old entries stay, unreachable");
    log.append(ascii("new"));
    assertEquals(1, StableLog.load(index, data, Codecs.bytes()).len());
  }

  @Test
  void codecsOfEveryKind() {
    StableLog<Long> longs = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.u64());
    longs.append(-1L);
    longs.append(42L);
    assertEquals(List.of(-1L, 42L), longs.asList());
    assertEquals(16, longs.logSizeBytes());

    StableLog<byte[]> blobs = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.blob(4));
    blobs.append(new byte[] {1, 2, 3, 4});
    blobs.append(new byte[0]);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, blobs.get(0));
    assertEquals(Codecs.blob(4), blobs.codec());
  }

  @Test
  void worksOverVirtualMemoriesAcrossBuckets() {
    MemoryManager manager = MemoryManager.init(new HeapMemory());
    Memory index = manager.get(4);
    Memory data = manager.get(5);
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    List<byte[]> model = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] entry = new byte[(i * 7919) % 70_000];
      Arrays.fill(entry, (byte) i);
      log.append(entry);
      model.add(entry);
    }
    assertTrue(data.size() > 128, "the data memory spans several 128-page buckets");
    StableLog<byte[]> reopened = StableLog.load(manager.get(4), manager.get(5), Codecs.bytes());
    assertSame(index, log.indexMemory());
    assertSame(data, log.dataMemory());
    for (int i = 0; i < model.size(); i++) {
      assertArrayEquals(model.get(i), reopened.get(i), "entry " + i);
    }
  }

  @Test
  void argumentsAreChecked() {
    HeapMemory memory = new HeapMemory();
    assertThrows(
        IllegalArgumentException.class, () -> StableLog.init(memory, memory, Codecs.bytes()));
    assertThrows(
        IllegalArgumentException.class, () -> StableLog.create(memory, memory, Codecs.bytes()));
    assertThrows(
        IllegalArgumentException.class, () -> StableLog.load(memory, memory, Codecs.bytes()));
    assertThrows(
        NullPointerException.class, () -> StableLog.init(null, new HeapMemory(), Codecs.bytes()));
    assertThrows(NullPointerException.class, () -> StableLog.init(memory, new HeapMemory(), null));
    assertEquals(0, memory.size(), "nothing grown");
  }

  /** A memory that stores only the pages written to, so a huge index costs no heap. */
  static final class SparseMemory implements Memory {
    private final Map<Long, byte[]> pages = new HashMap<>();
    private long size;

    @Override
    public long size() {
      return size;
    }

    @Override
    public long grow(long delta) {
      long previous = size;
      size += delta;
      return previous;
    }

    private byte[] page(long offset, boolean create) {
      Memories.checkBounds(this, offset, 1);
      long number = offset >>> PAGE_SHIFT;
      byte[] page = pages.get(number);
      if (page == null && create) {
        page = new byte[PAGE_SIZE];
        pages.put(number, page);
      }
      return page;
    }

    @Override
    public byte readByte(long offset) {
      byte[] page = page(offset, false);
      return page == null ? 0 : page[(int) (offset & (PAGE_SIZE - 1))];
    }

    @Override
    public void writeByte(long offset, byte value) {
      page(offset, true)[(int) (offset & (PAGE_SIZE - 1))] = value;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      Memories.checkBounds(this, offset, length);
      for (int i = 0; i < length; i++) {
        dst[dstOffset + i] = readByte(offset + i);
      }
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      Memories.checkBounds(this, offset, length);
      for (int i = 0; i < length; i++) {
        writeByte(offset + i, src[srcOffset + i]);
      }
    }

    @Override
    public int readIntLE(long offset) {
      int value = 0;
      for (int i = 3; i >= 0; i--) {
        value = value << 8 | (readByte(offset + i) & 0xFF);
      }
      return value;
    }

    @Override
    public void writeIntLE(long offset, int value) {
      for (int i = 0; i < 4; i++) {
        writeByte(offset + i, (byte) (value >>> (8 * i)));
      }
    }

    @Override
    public long readLongLE(long offset) {
      return (readIntLE(offset) & 0xFFFF_FFFFL) | (long) readIntLE(offset + 4) << 32;
    }

    @Override
    public void writeLongLE(long offset, long value) {
      writeIntLE(offset, (int) value);
      writeIntLE(offset + 4, (int) (value >>> 32));
    }
  }
}
