package dev.stablestructures.cli;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads and writes image files: raw page dumps, optionally gzip'd. */
final class Images {
  private Images() {}

  /** Reads DIR/name.bin, else DIR/name.bin.gz. */
  static Memory readImage(Path dir, String name) {
    Path raw = dir.resolve(name + ".bin");
    Path gz = dir.resolve(name + ".bin.gz");
    Path file = Files.isRegularFile(raw) ? raw : gz;
    if (!Files.isRegularFile(file)) {
      throw new Main.CliException(
          Main.IO_ERROR, "image missing: neither " + raw + " nor " + gz + " exists");
    }
    byte[] bytes = readFile(file);
    if (bytes.length % Memory.PAGE_SIZE != 0) {
      throw new Main.CliException(
          Main.IO_ERROR,
          file + " holds " + bytes.length + " bytes, not a whole number of 64 KiB pages");
    }
    return HeapMemory.of(bytes);
  }

  /** Reads a file, unpacking it if it starts with the gzip magic. */
  static byte[] readFile(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          return in.readAllBytes();
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }

  static void write(Path file, Memory memory) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, Memories.toByteArray(memory));
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
