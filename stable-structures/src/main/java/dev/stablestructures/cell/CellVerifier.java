package dev.stablestructures.cell;

import dev.stablestructures.StructureMagic;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;

/**
 * Checks a stored cell (see {@link StableCell} for the layout) and reports what is wrong: the
 * header, the value's length against the memory and the codec's bound, that the value decodes, and
 * that it is the value the open cell holds on the heap. Reads only; the value is read only once its
 * length is known to lie inside the memory.
 */
final class CellVerifier {
  private static final String KIND = "StableCell";

  private CellVerifier() {}

  static <T> VerifyReport verify(Memory memory, Codec<T> codec, T cached) {
    VerifyReport.Builder report = VerifyReport.builder(KIND);
    long size = memory.sizeInBytes();
    if (size < StableCell.HEADER_SIZE) {
      return report.finding(0, "memory size", "at least " + StableCell.HEADER_SIZE, size).build();
    }
    byte[] first = memory.readBytes(0, StructureMagic.HEADER_SIZE);
    if (!report.header(KIND, first, StableCell.MAGIC, StableCell.LAYOUT_VERSION)) {
      return report.build();
    }
    long length = memory.readIntLE(StableCell.LENGTH_OFFSET) & 0xFFFF_FFFFL;
    long room = Math.min(size - StableCell.HEADER_SIZE, Integer.MAX_VALUE);
    Bound bound = codec.bound();
    if (length > room) {
      report.finding(
          StableCell.LENGTH_OFFSET,
          "value length",
          "at most " + room + " (the bytes after the header)",
          length);
    } else if (bound.isBounded()
        && (length > bound.maxSize() || (bound.isFixedSize() && length != bound.maxSize()))) {
      report.finding(StableCell.LENGTH_OFFSET, "value length", bound, length);
    } else {
      checkValue(memory, codec, cached, (int) length, report);
    }
    return report
        .count("valueLength", length)
        .count(VerifyReport.BYTES_USED, StableCell.HEADER_SIZE + length)
        .build();
  }

  private static <T> void checkValue(
      Memory memory, Codec<T> codec, T cached, int length, VerifyReport.Builder report) {
    T stored;
    try {
      stored = codec.read(memory, StableCell.HEADER_SIZE, length);
    } catch (RuntimeException e) {
      report.failed(KIND, StableCell.HEADER_SIZE, "value", "bytes " + codec + " decodes", e);
      return;
    }
    if (codec.compare(stored, cached) != 0) {
      report.finding(
          StableCell.HEADER_SIZE,
          "cached value",
          VerifyReport.show(stored) + " (stored)",
          VerifyReport.show(cached));
    }
  }
}
