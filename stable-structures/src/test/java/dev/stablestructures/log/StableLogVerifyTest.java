package dev.stablestructures.log;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import org.junit.jupiter.api.Test;

/**
 * {@link StableLog#verify()}: the published pair and random workloads verify clean; each damage
 * gives its finding in the right memory at the right offset, with both memories left as they were.
 */
class StableLogVerifyTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  @Test
  void publishedImagesVerifyClean() {
    HeapMemory index = HeapMemory.of(VectorFiles.published("log-bytes-index"));
    HeapMemory data = HeapMemory.of(VectorFiles.published("log-bytes-data"));
    StableLog<byte[]> log = StableLog.load(index, data, Codecs.bytes());
    VerifyReport report = clean(log::verify, index, data);
    assertEquals(log.len(), report.count(VerifyReport.ENTRIES));
    assertEquals(log.dataSizeBytes(), report.count("dataBytesUsed"));
    assertEquals(log.indexSizeBytes(), report.count("indexBytesUsed"));
  }

  @Test
  void randomWorkloadsVerifyCleanAfterEveryBatch() {
    TestRandom random = new TestRandom(5);
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<String> log = StableLog.init(index, data, Codecs.string());
    long expected = 0;
    for (int batch = 0; batch < (FULL ? 100 : 15); batch++) {
      for (int op = 0; op < 200; op++) {
        if (random.nextBelow(500) == 0) {
          log.clear();
          expected = 0;
        } else {
          log.append(TestRandom.letters((int) random.nextBelow(300), op));
          expected++;
        }
      }
      assertEquals(expected, clean(log::verify, index, data).count(VerifyReport.ENTRIES));
    }
  }

  private static StableLog<String> log(HeapMemory index, HeapMemory data) {
    StableLog<String> log = StableLog.init(index, data, Codecs.string());
    for (int i = 0; i < 10; i++) {
      log.append(TestRandom.letters(i + 1, i));
    }
    return log;
  }

  private static long endAt(long entry) {
    return StableLog.INDEX_ENTRIES_OFFSET + 8 * entry;
  }

  @Test
  void decreasingEndOffsetIsFound() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<String> log = log(index, data);
    index.writeLongLE(endAt(4), index.readLongLE(endAt(3)) - 1);
    VerifyReport.Finding finding =
        finds(log::verify, "end offset of entry 4", endAt(4), index, data);
    assertEquals("StableLog index", finding.structure());
    assertTrue(finding.expected().startsWith("at least 10"), finding.toString());
  }

  @Test
  void endOffsetPastTheDataIsFound() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<String> log = log(index, data);
    index.writeLongLE(endAt(9), 1L << 40);
    finds(log::verify, "end offset of entry 9", endAt(9), index, data);
  }

  @Test
  void countPastTheIndexIsFoundAndTheOffsetsStillChecked() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<String> log = log(index, data);
    index.writeLongLE(StableLog.HEADER_SIZE, Long.MAX_VALUE);
    VerifyReport report = log.verify();
    finds(log::verify, "entry count", StableLog.HEADER_SIZE, index, data);
    finds(log::verify, "cached count", StableLog.HEADER_SIZE, index, data);
    // The slots after the 10 entries are zero: end offsets below entry 9's.
    finds(log::verify, "end offset of entry 10", endAt(10), index, data);
    assertEquals(VerifyReport.MAX_FINDINGS, report.findings().size());
    assertEquals((65536 - 40) / 8 - 10 + 2, report.findingCount());
  }

  @Test
  void headersAndEntriesAreChecked() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<String> log = log(index, data);
    byte[] indexImage = index.toByteArray();
    byte[] dataImage = data.toByteArray();

    index.writeByte(0, (byte) 'X');
    assertEquals("StableLog index", finds(log::verify, "magic", 0, index, data).structure());
    index.write(0, indexImage);
    data.writeByte(3, (byte) 2);
    assertEquals(
        "StableLog data", finds(log::verify, "layout version", 3, index, data).structure());
    data.write(0, dataImage);

    long start = index.readLongLE(endAt(2)); // entry 3's first byte
    data.writeByte(StableLog.HEADER_SIZE + start, (byte) 0xFF);
    VerifyReport.Finding finding =
        finds(log::verify, "entry 3", StableLog.HEADER_SIZE + start, index, data);
    assertEquals("StableLog data", finding.structure());
  }

  @Test
  void boundedEntriesAreCheckedAgainstTheirBound() {
    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<Long> log = StableLog.init(index, data, Codecs.u64());
    log.append(1L);
    log.append(2L);
    clean(log::verify, index, data);
    index.writeLongLE(endAt(0), 7); // entry 0 of 7 bytes, entry 1 of 9
    finds(log::verify, "entry 0 length", StableLog.HEADER_SIZE, index, data);
    finds(log::verify, "entry 1 length", StableLog.HEADER_SIZE + 7, index, data);
  }
}
