package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileMemory} past the 2 GiB of one mapping and past 4 GiB, on a sparse file: accesses
 * across the 2 GiB and 4 GiB chunk boundaries and at the last byte survive a reopen, and the file
 * costs only the pages written.
 */
class FileMemoryLargeTest {
  static final long PAGES = 70_000; // 4.27 GiB
  static final long G2 = 1L << 31;
  static final long G4 = 1L << 32;

  @TempDir Path dir;

  /** A byte range written at {@code offset}, then patched by primitive writes inside it. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: only read
  record Region(long offset, byte[] expected) {
    ByteBuffer le() {
      return ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
    }

    ByteBuffer be() {
      return ByteBuffer.wrap(expected).order(ByteOrder.BIG_ENDIAN);
    }

    int at(long address) {
      return (int) (address - offset);
    }
  }

  static Region region(long offset, int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return new Region(offset, bytes);
  }

  @Test
  void addressesPastTwoAndFourGibWorkAndSurviveAReopen() throws Exception {
    Path path = dir.resolve("large.bin");
    long size = PAGES * Memory.PAGE_SIZE;
    Region around2 = region(G2 - 1000, 2000, 1);
    Region around4 = region(G4 - (1 << 19), 1 << 20, 2);
    Region atEnd = region(size - 5000, 5000, 3);
    Region[] regions = {around2, around4, atEnd};

    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(0, memory.grow(PAGES));
      assertEquals(size, memory.sizeInBytes());
      assertEquals(size, Files.size(path));
      for (Region r : regions) {
        memory.write(r.offset(), r.expected());
      }
      // Primitives straddling the chunk boundaries at 2 GiB and 4 GiB, and the last bytes.
      memory.writeLongLE(G2 - 4, 0x0102030405060708L);
      around2.le().putLong(around2.at(G2 - 4), 0x0102030405060708L);
      memory.writeIntBE(G2 - 1, 0xA1B2C3D4);
      around2.be().putInt(around2.at(G2 - 1), 0xA1B2C3D4);
      memory.writeLongBE(G4 - 3, -0x123456789ABCDEFL);
      around4.be().putLong(around4.at(G4 - 3), -0x123456789ABCDEFL);
      memory.writeShortLE(G4 - 1, 0xBEEF);
      around4.le().putShort(around4.at(G4 - 1), (short) 0xBEEF);
      memory.writeIntLE(G4 + 100, 99);
      around4.le().putInt(around4.at(G4 + 100), 99);
      memory.writeLongLE(size - 8, Long.MIN_VALUE + 1);
      atEnd.le().putLong(atEnd.at(size - 8), Long.MIN_VALUE + 1);
      memory.writeByte(size - 1, (byte) 0x5A);
      atEnd.expected()[atEnd.at(size - 1)] = 0x5A;

      assertContent(memory, regions);
    }

    assertEquals(size, Files.size(path));
    assertSparse(path);

    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(PAGES, memory.size());
      assertContent(memory, regions);
      assertEquals(PAGES, memory.grow(1)); // remaps the partial tail chunk past 4 GiB
      assertContent(memory, regions);
      memory.writeLongBE(memory.sizeInBytes() - 8, 17);
      assertEquals(17, memory.readLongBE(memory.sizeInBytes() - 8));
    }
    assertEquals(size + Memory.PAGE_SIZE, Files.size(path));
  }

  static void assertContent(FileMemory memory, Region[] regions) {
    for (Region r : regions) {
      assertArrayEquals(r.expected(), memory.readBytes(r.offset(), r.expected().length));
    }
    Region around2 = regions[0];
    Region around4 = regions[1];
    assertEquals(around2.le().getLong(around2.at(G2 - 4)), memory.readLongLE(G2 - 4));
    assertEquals(0xA1B2C3D4, memory.readIntBE(G2 - 1));
    // Partly overwritten by the short at 4 GiB - 1, so compared with the patched region.
    assertEquals(around4.be().getLong(around4.at(G4 - 3)), memory.readLongBE(G4 - 3));
    assertEquals(0xBEEF, memory.readShortLE(G4 - 1));
    assertEquals(around4.le().getLong(around4.at(G4 - 7)), memory.readLongLE(G4 - 7));
    assertEquals(99, memory.readIntLE(G4 + 100));
    assertEquals((byte) 0x5A, memory.readByte(PAGES * Memory.PAGE_SIZE - 1));
    assertEquals(0, memory.readLongLE(3L << 30), "never written");
    assertEquals(0, memory.readLongLE(G4 + (1 << 20)), "never written");
  }

  /** On Linux, checks with du that only the written pages take disk blocks. */
  static void assertSparse(Path path) throws IOException, InterruptedException {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return; // The sparse-file promise is made for Linux file systems only.
    }
    Process du = new ProcessBuilder("du", "-k", path.toString()).redirectErrorStream(true).start();
    assertTrue(du.waitFor(30, TimeUnit.SECONDS), "du did not finish");
    String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, du.exitValue(), out);
    long kib = Long.parseLong(out.split("\\s", 2)[0]); // du prints "<KiB><tab><path>"
    assertTrue(kib < 16 * 1024, "a 4.3 GiB memory with about 1 MiB written uses " + kib + " KiB");
  }
}
