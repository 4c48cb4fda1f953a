package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two durabilities as seen from outside: where a transaction's writes are before its commit,
 * and which sync calls a commit makes, in which order.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class FileMemoryDurabilityTest {
  static final int P = Memory.PAGE_SIZE;

  @TempDir Path dir;

  /** The real operations, logging every sync as "file op". */
  static final class SyncLog implements FileIo {
    final List<String> log = new ArrayList<>();

    @Override
    public IoFile open(Path path, RandomAccessFile file) throws IOException {
      IoFile real = FileIo.SYSTEM.open(path, file);
      String name = path.getFileName().toString().endsWith(".journal") ? "journal" : "image";
      return new IoFile() {
        @Override
        public long length() throws IOException {
          return real.length();
        }

        @Override
        public void setLength(long length) throws IOException {
          real.setLength(length);
        }

        @Override
        public ByteBuffer map(long position, long size) throws IOException {
          return real.map(position, size);
        }

        @Override
        public void force(ByteBuffer mapping) throws IOException {
          log.add(name + " msync");
          real.force(mapping);
        }

        @Override
        public void sync(boolean metadata) throws IOException {
          log.add(name + (metadata ? " fsync" : " fdatasync"));
          real.sync(metadata);
        }
      };
    }

    @Override
    public void syncDirectory(Path directory) {
      log.add("directory fsync");
    }
  }

  private static FileMemoryOptions powerLoss() {
    return FileMemoryOptions.defaults().durability(Durability.POWER_LOSS);
  }

  @Test
  void powerLossWritesWaitInTheOverlayAndReadsSeeThem() throws IOException {
    Path path = dir.resolve("overlay.bin");
    byte[] before = new byte[2 * P];
    Arrays.fill(before, (byte) 0x11);
    try (FileMemory memory = FileMemory.open(path, powerLoss(), 12, FileIo.SYSTEM)) {
      assertEquals(Durability.POWER_LOSS, memory.durability());
      try (Journal.Step step = memory.journal().step()) {
        memory.grow(2);
        memory.write(0, before);
        step.commit();
      }
      assertArrayEquals(before, Files.readAllBytes(path));
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(4096 - 4, 0x0102030405060708L); // straddles two overlay pages
        memory.writeIntBE(100, 0xCAFEBABE);
        memory.writeShortLE(P - 1, 0xBEEF); // straddles a 64 KiB page
        memory.writeByte(5000, (byte) 7);
        memory.grow(1);
        memory.writeLongLE(2L * P + 8, 42);
        // Reads of the transaction see its writes, through every accessor...
        assertEquals(0x0102030405060708L, memory.readLongLE(4096 - 4));
        assertEquals(0xCAFEBABE, memory.readIntBE(100));
        assertEquals(0xBEEF, memory.readShortLE(P - 1));
        assertEquals(7, memory.readByte(5000));
        assertEquals(42, memory.readLongLE(2L * P + 8));
        assertEquals(0x11, memory.readByte(4096 * 3), "an untouched page reads the image");
        assertEquals(0, memory.readLongLE(2L * P + 64), "a grown page reads zeros");
        assertEquals(3, memory.size());
        byte[] bulk = memory.readBytes(4090, 20);
        assertEquals(0x08, bulk[2]);
        assertEquals(0x01, bulk[9]);
        // ...while the image file is untouched, length and all, until the commit.
        assertArrayEquals(before, Files.readAllBytes(path));
        step.commit();
      }
      byte[] after = Files.readAllBytes(path);
      assertEquals(3 * P, after.length);
      assertArrayEquals(Memories.toByteArray(memory), after);
      assertEquals(
          42, ByteBuffer.wrap(after).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(2 * P + 8));
    }
  }

  @Test
  void aPowerLossCommitSyncsTheJournalThenTheImageThenTheJournal() {
    SyncLog io = new SyncLog();
    Path path = dir.resolve("order.bin");
    try (FileMemory memory = FileMemory.open(path, powerLoss(), 16, io)) {
      assertEquals(List.of("journal fsync", "directory fsync"), io.log, "the journal's creation");
      memory.grow(1);
      assertEquals("image fsync", io.log.get(io.log.size() - 1), "a grow outside a transaction");
      io.log.clear();
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(8, 1);
        memory.writeLongLE(P - 8, 2);
        assertEquals(List.of(), io.log, "writes make no sync");
        step.commit();
      }
      assertEquals(
          List.of("journal fsync", "image msync", "image fsync", "journal fdatasync"), io.log);
      io.log.clear();
      try (Journal.Step step = memory.journal().step()) {
        assertEquals(1, memory.readLongLE(8));
        step.commit();
      }
      assertEquals(List.of(), io.log, "a read-only transaction syncs nothing");
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(8, 3);
      }
      assertEquals(List.of(), io.log, "a rollback before any spill syncs nothing");
      assertEquals(1, memory.readLongLE(8));
      io.log.clear();
    }
    assertEquals(List.of(), io.log, "closing with nothing changed since syncs nothing");
  }

  @Test
  void closingAfterDefaultModeWritesSyncsThemAndAPowerLossRolledBackGrowSyncsItsLength() {
    SyncLog io = new SyncLog();
    Path path = dir.resolve("close-syncs.bin");
    try (FileMemory memory = FileMemory.open(path, FileMemoryOptions.defaults(), 16, io)) {
      memory.grow(1);
      memory.writeLongLE(8, 1);
      io.log.clear();
    }
    assertEquals(List.of("image msync", "image fsync"), io.log, "close flushes");
    io.log.clear();
    try (FileMemory memory = FileMemory.open(path, powerLoss(), 16, io)) {
      io.log.clear();
      try (Journal.Step step = memory.journal().step()) {
        memory.grow(2); // in the overlay only; the rollback keeps the pages and extends the file
      }
      assertEquals(3, memory.size());
      assertEquals(List.of("image fsync"), io.log, "the kept pages' length is made durable");
    }
  }

  @Test
  void theDefaultDurabilityNeverSyncsUntilFlush() {
    SyncLog io = new SyncLog();
    Path path = dir.resolve("default.bin");
    try (FileMemory memory = FileMemory.open(path, FileMemoryOptions.defaults(), 16, io)) {
      assertEquals(Durability.PROCESS_DEATH, memory.durability());
      for (int t = 0; t < 100; t++) {
        try (Journal.Step step = memory.journal().step()) {
          if (t == 0) {
            memory.grow(2);
          }
          memory.writeLongLE(8L * t, t);
          memory.write(P - 50, new byte[100]);
          step.commit();
        }
      }
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(0, 99);
      }
      assertEquals(List.of(), io.log);
      memory.flush();
      assertTrue(io.log.contains("image fsync"), io.log.toString());
    }
  }

  @Test
  void aSpilledTransactionRolledBackRestoresTheImageOnDisk() throws IOException {
    Path path = dir.resolve("spilled.bin");
    byte[] before = new byte[3 * P];
    Arrays.fill(before, (byte) 0x5A);
    FileMemoryTuning tiny = FileMemoryTuning.DEFAULT.overlayPages(2);
    try (FileMemory memory = FileMemory.open(path, powerLoss(), tiny, 12, FileIo.SYSTEM)) {
      try (Journal.Step step = memory.journal().step()) {
        memory.grow(3);
        memory.write(0, before);
        step.commit();
      }
      try (Journal.Step step = memory.journal().step()) {
        memory.write(0, new byte[3 * P]); // 48 pages through a 2-page overlay: spills
        assertTrue(!Arrays.equals(before, Files.readAllBytes(path)), "the spills wrote the image");
        assertEquals(0, memory.readLongLE(P));
      }
      assertArrayEquals(before, Memories.toByteArray(memory));
      assertArrayEquals(before, Files.readAllBytes(path), "the rollback is on disk too");
    }
  }

  @Test
  void aDamagedRecordBeforeTheLastSyncIsRefusedNotTakenForATornWrite() throws IOException {
    Path path = dir.resolve("durable.bin");
    byte[] before = new byte[3 * P];
    Arrays.fill(before, (byte) 0x5A);
    FileMemoryTuning tiny = FileMemoryTuning.DEFAULT.overlayPages(2);
    Path crash;
    try (FileMemory memory = FileMemory.open(path, powerLoss(), tiny, 12, FileIo.SYSTEM)) {
      try (Journal.Step step = memory.journal().step()) {
        memory.grow(3);
        memory.write(0, before);
        step.commit();
      }
      Journal.Step step = memory.journal().step();
      memory.write(0, new byte[3 * P]); // spills: the journal is synced before the image is written
      crash = FileMemoryRecoveryTest.snapshot(path, dir.resolve("crash"));
      step.close();
    }
    Path journal = FileMemoryRecoveryTest.journalOf(crash);
    byte[] bytes = Files.readAllBytes(journal);
    long count = ByteArrays.getLongLE(bytes, JournalLayout.COUNT);
    long durable = ByteArrays.getLongLE(bytes, JournalLayout.DURABLE);
    assertTrue(durable > 0 && durable <= count, "durable " + durable + " of " + count);
    bytes[JournalLayout.HEADER_SIZE + JournalLayout.R_CRC] ^= 0x55; // record 0, a durable one
    Files.write(journal, bytes);
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, () -> FileMemory.open(crash));
    assertTrue(e.getMessage().contains("record 0 of " + count), e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(journal), "nothing was changed");
  }

  @Test
  void recoverySyncsTheImageThenMarksTheJournalCleanAndSyncsIt() throws IOException {
    Path path = dir.resolve("recovered.bin");
    Path crash;
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      Journal.Step step = memory.journal().step();
      memory.writeLongLE(0, 1);
      crash = FileMemoryRecoveryTest.snapshot(path, dir.resolve("crash"));
      step.close();
    }
    SyncLog io = new SyncLog();
    try (FileMemory memory = FileMemory.open(crash, FileMemoryOptions.defaults(), 16, io)) {
      assertEquals(0, memory.readLongLE(0));
      assertEquals(List.of("image msync", "image fsync", "journal fsync"), io.log);
    }
    assertEquals(0, FileMemoryRecoveryTest.recordCount(FileMemoryRecoveryTest.journalOf(crash)));
  }
}
