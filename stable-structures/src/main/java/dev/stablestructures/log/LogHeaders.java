package dev.stablestructures.log;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;
import java.util.Objects;

/** The checks {@link StableLog} runs on its arguments and headers, and their error messages. */
final class LogHeaders {
  private LogHeaders() {}

  static void checkArguments(Memory index, Memory data, Codec<?> codec) {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(codec, "codec");
    if (index == data) {
      throw new IllegalArgumentException(
          "a StableLog needs two distinct memories, an index and a data memory");
    }
  }

  /** Checks that {@code memory} is not empty and starts with {@code magic} and version 1. */
  static void checkHeader(Memory memory, StructureMagic magic, String which) {
    if (memory.size() == 0) {
      throw new BadMagicException(
          "cannot load a StableLog: its " + which + " memory is empty (0 pages)");
    }
    magic.checkHeader(
        memory.readBytes(0, StructureMagic.HEADER_SIZE),
        StableLog.LAYOUT_VERSION,
        "StableLog " + which + " memory");
  }

  /**
   * Checks both headers, then that the stored count fits the index memory and the last end offset
   * the data memory, in O(1).
   *
   * @return {count, last end offset}
   */
  static long[] stored(Memory index, Memory data) {
    checkHeader(data, StableLog.DATA_MAGIC, "data");
    checkHeader(index, StableLog.INDEX_MAGIC, "index");
    long entries = index.readLongLE(StableLog.HEADER_SIZE);
    long capacity = (index.sizeInBytes() - StableLog.INDEX_ENTRIES_OFFSET) >>> 3;
    if (Long.compareUnsigned(entries, capacity) > 0) {
      throw new CorruptedStructureException(
          "the StableLog index's entry count "
              + Long.toUnsignedString(entries)
              + " (at index offset "
              + StableLog.HEADER_SIZE
              + ") reaches past its index memory of "
              + index.sizeInBytes()
              + " bytes, which holds at most "
              + capacity
              + " end offsets");
    }
    long end = entries == 0 ? 0 : index.readLongLE(StableLog.endOffsetAddress(entries - 1));
    long room = data.sizeInBytes() - StableLog.HEADER_SIZE;
    if (Long.compareUnsigned(end, room) > 0) {
      throw new CorruptedStructureException(
          "the StableLog's end offset of entry "
              + (entries - 1)
              + " (the last) is "
              + Long.toUnsignedString(end)
              + ", past its data memory of "
              + data.sizeInBytes()
              + " bytes, which holds at most "
              + room
              + " entry bytes");
    }
    return new long[] {entries, end};
  }

  /** Tells whether the first {@code length} bytes (a multiple of 8) are all zero. */
  static boolean isZero(Memory memory, long length) {
    for (long offset = 0; offset < length; offset += 8) {
      if (memory.readLongLE(offset) != 0) {
        return false;
      }
    }
    return true;
  }

  static CorruptedStructureException badEndOffset(long entry, long address, long end, String why) {
    return new CorruptedStructureException(
        "the StableLog's end offset of entry "
            + entry
            + " (at index offset "
            + address
            + ") is "
            + Long.toUnsignedString(end)
            + ", "
            + why);
  }
}
