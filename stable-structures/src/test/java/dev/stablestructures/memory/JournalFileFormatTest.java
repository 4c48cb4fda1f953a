package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal file's bytes as {@link JournalLayout} documents them, computed here independently of
 * the code that writes and checks them: the recovery tests only show that writer and reader agree,
 * which a change to both (a checksum over other bytes, a field left stale) would not disturb.
 */
class JournalFileFormatTest {
  static final int P = Memory.PAGE_SIZE;

  @TempDir Path dir;

  private static int crc32c(byte[]... parts) {
    CRC32C crc = new CRC32C();
    for (byte[] part : parts) {
      crc.update(part);
    }
    return (int) crc.getValue();
  }

  private static byte[] header(Path journal) throws IOException {
    return Arrays.copyOf(Files.readAllBytes(journal), JournalLayout.HEADER_SIZE);
  }

  @Test
  void theHeaderAndRecordChecksumsAreTheDocumentedCrc32cOfTheirBytes() throws IOException {
    Path path = dir.resolve("format.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(2);
      memory.write(0, FileMemoryTest.random(2 * P, 11));
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(8, -1); // record 1: one block of old bytes
        memory.write(P + 1000, new byte[700]); // record 2: three more blocks
        byte[] file = Files.readAllBytes(memory.journalPath());
        int n = ByteArrays.getShortLE(file, JournalLayout.NAME_LENGTH);
        assertEquals("format.bin".length(), n);
        // Name checksum: bytes 0..4 and 56..58+n.
        assertEquals(
            crc32c(Arrays.copyOfRange(file, 0, 4), Arrays.copyOfRange(file, 56, 58 + n)),
            ByteArrays.getIntLE(file, JournalLayout.NAME_CHECKSUM));
        // Transaction checksum: bytes 24..40.
        assertEquals(
            crc32c(Arrays.copyOfRange(file, 24, 40)),
            ByteArrays.getIntLE(file, JournalLayout.TX_CHECKSUM));
        // Each record's: the sequence, its bytes 0..20, its data.
        byte[] sequence = Arrays.copyOfRange(file, 24, 32);
        assertEquals(2, ByteArrays.getLongLE(file, JournalLayout.COUNT));
        int at = JournalLayout.HEADER_SIZE;
        for (int r = 0; r < 2; r++) {
          int kind = file[at + JournalLayout.R_KIND];
          int length = ByteArrays.getIntLE(file, at + JournalLayout.R_LENGTH);
          assertEquals(JournalLayout.OLD_BYTES, kind, "record " + r);
          byte[] data =
              Arrays.copyOfRange(file, at + JournalLayout.RECORD_HEADER, at + 24 + length);
          assertEquals(
              crc32c(sequence, Arrays.copyOfRange(file, at, at + 20), data),
              ByteArrays.getIntLE(file, at + JournalLayout.R_CRC),
              "record " + r);
          at += (int) JournalLayout.recordSize(kind, length);
        }
        step.commit();
      }
    }
  }

  @Test
  void aJournalWhoseCreationWasCutShortGetsAFreshHeaderWithEveryOtherByteZero() throws IOException {
    Path path = dir.resolve("reused.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(0, 1); // the transaction fields, bytes 16..48, are written
        step.commit();
      }
    }
    Path journal = FileMemoryRecoveryTest.journalOf(path);
    byte[] damaged = Files.readAllBytes(journal);
    // A creation cut short over old bytes: no magic, count 0, every other byte stale.
    int n = "reused.bin".length();
    Arrays.fill(damaged, 0, 4, (byte) 0);
    Arrays.fill(damaged, JournalLayout.DURABLE, JournalLayout.NAME_LENGTH, (byte) 0x5A);
    Arrays.fill(damaged, JournalLayout.NAME + n, JournalLayout.HEADER_SIZE, (byte) 0x5A);
    Files.write(journal, damaged);
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(1, memory.readLongLE(0));
    }
    // The header is the one a new image of the same name gets.
    Path fresh = dir.resolve("elsewhere").resolve("reused.bin");
    Files.createDirectories(fresh.getParent());
    FileMemory.open(fresh).close();
    byte[] expected = header(FileMemoryRecoveryTest.journalOf(fresh));
    assertTrue(expected[0] == 'S' && expected[JournalLayout.NAME] == 'r');
    assertArrayEquals(expected, header(journal));
  }
}
