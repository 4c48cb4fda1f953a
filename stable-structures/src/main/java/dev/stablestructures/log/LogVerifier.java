package dev.stablestructures.log;

import dev.stablestructures.StructureMagic;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;

/**
 * Walks a stored log's two memories (see {@link StableLog} for their layouts) and reports what is
 * wrong: both headers, the entry count against the index memory, every end offset at least the one
 * before it and inside the data memory, and every entry within the codec's bound and decodable.
 * Reads only. The scan is bounded by the end offsets the index memory holds, and an entry is read
 * only once its span is known to lie inside the data memory.
 *
 * <p>Findings name the memory they are in ({@code "StableLog index"} or {@code "StableLog data"})
 * and carry the offset in it: an end offset's slot, or an entry's first byte.
 */
final class LogVerifier {
  private static final String KIND = "StableLog";
  private static final String INDEX = "StableLog index";
  private static final String DATA = "StableLog data";

  private LogVerifier() {}

  static <T> VerifyReport verify(
      Memory index, Memory data, Codec<T> codec, long cachedCount, long cachedLastEnd) {
    VerifyReport.Builder report = VerifyReport.builder(KIND);
    boolean indexOk =
        header(index, INDEX, StableLog.INDEX_MAGIC, StableLog.INDEX_ENTRIES_OFFSET, report);
    boolean dataOk = header(data, DATA, StableLog.DATA_MAGIC, StableLog.HEADER_SIZE, report);
    if (!indexOk || !dataOk) {
      return report.build();
    }
    long count = index.readLongLE(StableLog.HEADER_SIZE);
    long capacity = (index.sizeInBytes() - StableLog.INDEX_ENTRIES_OFFSET) >>> 3;
    long scanned = count;
    if (Long.compareUnsigned(count, capacity) > 0) {
      report.finding(
          INDEX,
          StableLog.HEADER_SIZE,
          "entry count",
          "at most " + capacity + " (the end offsets the index memory holds)",
          Long.toUnsignedString(count));
      scanned = capacity; // the offsets that are there are still worth checking
    }
    if (count != cachedCount) {
      report.finding(
          INDEX,
          StableLog.HEADER_SIZE,
          "cached count",
          Long.toUnsignedString(count) + " (stored)",
          cachedCount);
    }
    long room = data.sizeInBytes() - StableLog.HEADER_SIZE;
    long previous = 0;
    for (long i = 0; i < scanned; i++) {
      long at = StableLog.INDEX_ENTRIES_OFFSET + (i << 3);
      long end = index.readLongLE(at);
      String field = "end offset of entry " + i;
      if (Long.compareUnsigned(end, previous) < 0) {
        report.finding(
            INDEX,
            at,
            field,
            "at least " + previous + " (the previous end)",
            Long.toUnsignedString(end));
      } else if (Long.compareUnsigned(end, room) > 0) {
        report.finding(
            INDEX,
            at,
            field,
            "at most " + room + " (the entry bytes the data memory holds)",
            Long.toUnsignedString(end));
      } else {
        checkEntry(data, codec, i, previous, end, report);
        previous = end;
      }
    }
    if (scanned == count && count == cachedCount && previous != cachedLastEnd) {
      report.finding(
          INDEX,
          count == 0 ? StableLog.HEADER_SIZE : StableLog.INDEX_ENTRIES_OFFSET + ((count - 1) << 3),
          "cached last end offset",
          previous + " (stored)",
          cachedLastEnd);
    }
    return report
        .count(VerifyReport.ENTRIES, count)
        .count("indexBytesUsed", StableLog.INDEX_ENTRIES_OFFSET + (scanned << 3))
        .count("dataBytesUsed", StableLog.HEADER_SIZE + previous)
        .build();
  }

  private static boolean header(
      Memory memory,
      String where,
      StructureMagic magic,
      long minimum,
      VerifyReport.Builder report) {
    long size = memory.sizeInBytes();
    if (size < minimum) {
      report.finding(where, 0, "memory size", "at least " + minimum, size);
      return false;
    }
    return report.header(
        where, memory.readBytes(0, StructureMagic.HEADER_SIZE), magic, StableLog.LAYOUT_VERSION);
  }

  private static <T> void checkEntry(
      Memory data, Codec<T> codec, long entry, long start, long end, VerifyReport.Builder report) {
    long length = end - start;
    long at = StableLog.HEADER_SIZE + start;
    Bound bound = codec.bound();
    if (bound.isBounded()
        && (length > bound.maxSize() || (bound.isFixedSize() && length != bound.maxSize()))) {
      report.finding(DATA, at, "entry " + entry + " length", bound, length);
      return;
    }
    if (length > StableLog.MAX_DECODED) {
      report.finding(DATA, at, "entry " + entry + " length", "at most a Java array", length);
      return;
    }
    try {
      codec.read(data, at, (int) length);
    } catch (RuntimeException e) {
      report.failed(DATA, at, "entry " + entry, "bytes " + codec + " decodes", e);
    }
  }
}
