package dev.stablestructures.log;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
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

  /** Checks that {@code memory} is not empty and starts with {@code magic}. */
  static void checkMagic(Memory memory, int magicLe, String magic, String which) {
    if (memory.size() == 0) {
      throw new BadMagicException(
          "cannot load a StableLog: its " + which + " memory is empty (0 pages)");
    }
    if ((memory.readIntLE(0) & 0xFFFFFF) != magicLe) {
      throw new BadMagicException(
          "cannot open a StableLog "
              + which
              + " memory (magic '"
              + magic
              + "'): found "
              + StructureMagic.describe(memory));
    }
  }

  static void checkVersion(Memory memory, String which) {
    int version = memory.readByte(3) & 0xFF;
    if (version != StableLog.LAYOUT_VERSION) {
      throw new UnsupportedVersionException(
          "StableLog "
              + which
              + " memory layout version "
              + version
              + " is not supported; this library reads version "
              + StableLog.LAYOUT_VERSION);
    }
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
