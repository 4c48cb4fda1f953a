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
