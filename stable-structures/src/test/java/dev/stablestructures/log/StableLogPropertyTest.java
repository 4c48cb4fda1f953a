package dev.stablestructures.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random appends (empty entries, small ones, and entries crossing or spanning 64 KiB pages),
 * clears, reads and reopenings of a {@code StableLog<Vec<u8>>}, in lockstep with an {@link
 * ArrayList} model. Every few hundred operations the log is compared in full, both ways, and both
 * memories must have exactly the pages the crate would have grown (the most bytes ever used,
 * rounded up to pages). {@code stable.test.scale=ci} runs 8 seeds of 3,000 operations, {@code full}
 * 40 seeds of 50,000.
 */
class StableLogPropertyTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  private static final int SEEDS = FULL ? 40 : 8;
  private static final int OPS = FULL ? 50_000 : 3_000;
  private static final int FULL_CHECK_EVERY = 400;

  @TestFactory
  Stream<DynamicTest> behavesLikeAnArrayList() {
    return LongStream.range(0, SEEDS)
        .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> new Run(seed).run()));
  }

  private static final class Run {
    private final long seed;
    private final TestRandom random;
    private final HeapMemory index = new HeapMemory();
    private final HeapMemory data = new HeapMemory();
    private final List<byte[]> model = new ArrayList<>();
    private StableLog<byte[]> log;
    private long modelBytes;
    private long mostIndexBytes = StableLog.INDEX_ENTRIES_OFFSET;
    private long mostDataBytes = StableLog.HEADER_SIZE;
    private String where = "";

    Run(long seed) {
      this.seed = seed;
      this.random = new TestRandom(seed);
      this.log = StableLog.init(index, data, Codecs.bytes());
    }

    private int randomLength() {
      long kind = random.nextBelow(100);
      if (kind < 15) {
        return 0;
      } else if (kind < 65) {
        return 1 + (int) random.nextBelow(64);
      } else if (kind < 90) {
        return 65 + (int) random.nextBelow(2000);
      } else if (kind < 98) {
        return 2001 + (int) random.nextBelow(20_000);
      }
      return 60_000 + (int) random.nextBelow(80_000); // crosses, or spans, a page boundary
    }

    void run() {
      for (int op = 0; op < OPS; op++) {
        where = "seed " + seed + " op " + op;
        long choice = random.nextBelow(1000);
        if (choice < 750) {
          append();
        } else if (choice < 755) {
          log.clear();
          model.clear();
          modelBytes = 0;
        } else if (choice < 785) {
          log =
              random.nextBelow(2) == 0
                  ? StableLog.init(index, data, Codecs.bytes())
                  : StableLog.load(index, data, Codecs.bytes());
        } else if (choice < 900) {
          readRandomEntry();
        } else if (choice < 960) {
          iterateSome();
        } else {
          assertFirstAndLast();
        }
        assertEquals(model.size(), log.longSize(), where);
        if (op % FULL_CHECK_EVERY == 0) {
          compareInFull(StableLog.load(index, data, Codecs.bytes()));
        }
      }
      compareInFull(log);
      compareInFull(StableLog.init(index, data, Codecs.bytes()));
    }

    private void append() {
      byte[] entry = TestRandom.bytes(randomLength(), random.next());
      assertEquals(model.size(), log.append(entry), where);
      model.add(entry);
      modelBytes += entry.length;
      mostIndexBytes = Math.max(mostIndexBytes, log.indexSizeBytes());
      mostDataBytes = Math.max(mostDataBytes, log.dataSizeBytes());
    }

    private void readRandomEntry() {
      if (model.isEmpty()) {
        assertNull(log.first(), where);
        return;
      }
      int i = (int) random.nextBelow(model.size());
      byte[] expected = model.get(i);
      assertArrayEquals(expected, log.get(i), where + " get " + i);
      assertEquals(expected.length, log.entryLength(i), where);
      int offset = (int) random.nextBelow(5);
      byte[] buffer = new byte[offset + expected.length + (int) random.nextBelow(3)];
      assertEquals(expected.length, log.readEntry(i, buffer, offset), where);
      for (int j = 0; j < expected.length; j++) {
        if (buffer[offset + j] != expected[j]) {
          assertEquals(expected[j], buffer[offset + j], where + " readEntry " + i + " byte " + j);
        }
      }
    }

    private void iterateSome() {
      int from = (int) random.nextBelow(model.size() + 1);
      int steps = (int) random.nextBelow(20);
      Iterator<byte[]> forward = log.iterator(from);
      for (int i = from; i < Math.min(model.size(), from + steps); i++) {
        assertArrayEquals(model.get(i), forward.next(), where + " forward " + i);
      }
      Iterator<byte[]> backward = log.descendingIterator();
      for (int i = model.size() - 1; i >= Math.max(0, model.size() - steps); i--) {
        assertArrayEquals(model.get(i), backward.next(), where + " backward " + i);
      }
    }

    private void assertFirstAndLast() {
      if (model.isEmpty()) {
        assertNull(log.first(), where);
        assertNull(log.last(), where);
      } else {
        assertArrayEquals(model.get(0), log.first(), where);
        assertArrayEquals(model.get(model.size() - 1), log.last(), where);
      }
    }

    private void compareInFull(StableLog<byte[]> opened) {
      assertEquals(model.size(), opened.longSize(), where);
      assertEquals(model.isEmpty(), opened.isEmpty(), where);
      assertEquals(modelBytes, opened.logSizeBytes(), where);
      assertEquals(StableLog.HEADER_SIZE + modelBytes, opened.dataSizeBytes(), where);
      assertEquals(StableLog.INDEX_ENTRIES_OFFSET + 8L * model.size(), opened.indexSizeBytes());
      assertEquals(Memories.pagesFor(mostIndexBytes), index.size(), where + " index pages");
      assertEquals(Memories.pagesFor(mostDataBytes), data.size(), where + " data pages");
      opened.validate();
      Iterator<byte[]> forward = opened.iterator();
      for (int i = 0; i < model.size(); i++) {
        assertArrayEquals(model.get(i), forward.next(), where + " entry " + i);
      }
      assertFalse(forward.hasNext(), where);
      Iterator<byte[]> backward = opened.descendingIterator();
      for (int i = model.size() - 1; i >= 0; i--) {
        assertArrayEquals(model.get(i), backward.next(), where + " entry " + i + " backward");
      }
      assertFalse(backward.hasNext(), where);
      List<byte[]> view = opened.asList();
      assertEquals(model.size(), view.size(), where);
      for (int i = 0; i < model.size(); i += 1 + model.size() / 50) {
        assertArrayEquals(model.get(i), view.get(i), where + " view " + i);
      }
      for (Memory memory : List.of(index, data)) {
        assertArrayEquals(new byte[28], memory.readBytes(4, 28), where + " reserved bytes");
      }
    }
  }
}
