package dev.stablestructures.memory;

import static dev.stablestructures.memory.FileMemoryRecoveryTest.assertRefused;
import static dev.stablestructures.memory.FileMemoryRecoveryTest.committed;
import static dev.stablestructures.memory.FileMemoryRecoveryTest.hotCrash;
import static dev.stablestructures.memory.FileMemoryRecoveryTest.journalOf;
import static dev.stablestructures.memory.FileMemoryRecoveryTest.patch;
import static dev.stablestructures.memory.FileMemoryRecoveryTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.ForeignJournalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JournalRecovery}'s edges, one by one: journals shorter than a header, names longer than
 * one length byte, each reason a record is refused (named in the message), records that end exactly
 * at the file's end, a transaction that began on an empty image, power-loss journals before their
 * first sync and after a spill, and the transaction sequence that must continue across opens.
 */
class JournalRecoveryTest {
  static final int P = Memory.PAGE_SIZE;
  static final int H = JournalLayout.HEADER_SIZE;

  @TempDir Path dir;

  /** Rewrites a file through {@code change}, which may edit its bytes in place. */
  private static void edit(Path file, Consumer<byte[]> change) throws IOException {
    byte[] all = Files.readAllBytes(file);
    change.accept(all);
    Files.write(file, all);
  }

  private static void truncate(Path file, int length) throws IOException {
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
  }

  private static long headerLong(Path journal, int field) throws IOException {
    return ByteArrays.getLongLE(Files.readAllBytes(journal), field);
  }

  private static FileMemoryOptions powerLoss() {
    return FileMemoryOptions.defaults().durability(Durability.POWER_LOSS);
  }

  /** A copy of the hot crash {@code crash} under a new directory, to damage on its own. */
  private Path copy(Path crash, String name) throws IOException {
    return snapshot(crash, dir.resolve(name));
  }

  @Test
  void aJournalWithoutMagicButWithARecordCountIsRefusedEvenWhenOnly16BytesLong()
      throws IOException {
    Path full = hotCrash(dir, "nomagic.bin");
    patch(journalOf(full), 0, new byte[4]);
    assertRefused(
        full,
        CorruptedStructureException.class,
        "has no magic but a record count",
        () -> FileMemory.open(full));
    // 16 bytes: the shortest journal that holds a count.
    Path sixteen = copy(full, "sixteen");
    truncate(journalOf(sixteen), 16);
    assertRefused(
        sixteen,
        CorruptedStructureException.class,
        "has no magic but a record count",
        () -> FileMemory.open(sixteen));
  }

  @Test
  void aJournalShorterThanItsHeaderIsRefusedEvenWhenItIsJustTheMagic() throws IOException {
    Path crash = hotCrash(dir, "short-journal.bin");
    truncate(journalOf(crash), 3); // "SSJ": a magic, nothing else
    assertRefused(
        crash,
        CorruptedStructureException.class,
        "is 3 bytes long, shorter than its 4096-byte header",
        () -> FileMemory.open(crash));
  }

  @Test
  void aCleanJournalExactlyOneHeaderLongOpensAndServesTheNextTransaction() throws IOException {
    Path path = dir.resolve("one-header.bin");
    byte[] content;
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
    }
    truncate(journalOf(path), H);
    try (FileMemory memory = FileMemory.open(path)) {
      assertArrayEquals(content, Memories.toByteArray(memory));
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(8, 42);
        step.commit();
      }
    }
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(42, memory.readLongLE(8));
    }
  }

  /** Rewrites a clean journal's header to name an image of {@code nameLength} bytes 'a'. */
  private static void renameInHeader(Path journal, int nameLength) throws IOException {
    byte[] name = new byte[nameLength];
    Arrays.fill(name, (byte) 'a');
    edit(
        journal,
        b -> {
          b[JournalLayout.NAME_LENGTH] = (byte) nameLength;
          b[JournalLayout.NAME_LENGTH + 1] = (byte) (nameLength >>> 8);
          System.arraycopy(name, 0, b, JournalLayout.NAME, nameLength);
          ByteArrays.putIntLE(
              b, JournalLayout.NAME_CHECKSUM, FileJournalStorage.nameChecksum(name));
        });
  }

  @Test
  void aNameOfMoreThan255BytesIsReadWithItsHighLengthByteUpTo1024() throws IOException {
    // No file system names a file with more than 255 bytes, but the format allows 1024: a longer
    // name with a valid checksum is another image's journal, and only one past 1024 is damage.
    Path path = dir.resolve("names.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      committed(memory);
    }
    for (int n : new int[] {300, JournalLayout.MAX_NAME}) {
      renameInHeader(journalOf(path), n);
      assertRefused(
          path,
          ForeignJournalException.class,
          "belongs to image file \"" + "a".repeat(n) + "\"",
          () -> FileMemory.open(path));
    }
    renameInHeader(journalOf(path), JournalLayout.MAX_NAME + 1);
    assertRefused(
        path,
        CorruptedStructureException.class,
        "names an image of 1025 bytes, more than 1024",
        () -> FileMemory.open(path));
  }

  @Test
  void theTransactionSequenceContinuesAfterACleanReopenAndAfterARecovery() throws IOException {
    // Each record's checksum covers its transaction's sequence, so that an earlier transaction's
    // stale records never pass as this one's: a reopen must not start the count again.
    Path path = dir.resolve("sequence.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      committed(memory);
      for (int i = 0; i < 3; i++) {
        try (Journal.Step step = memory.journal().step()) {
          memory.writeLongLE(0, i);
          step.commit();
        }
      }
    }
    long last = headerLong(journalOf(path), JournalLayout.TX_SEQUENCE);
    assertTrue(last >= 4, "sequence " + last);
    try (FileMemory memory = FileMemory.open(path)) {
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(0, -1);
        assertEquals(last + 1, headerLong(journalOf(path), JournalLayout.TX_SEQUENCE));
        step.commit();
      }
    }
    Path crash = hotCrash(dir, "sequence-crash.bin");
    long crashed = headerLong(journalOf(crash), JournalLayout.TX_SEQUENCE);
    assertTrue(crashed >= 2, "sequence " + crashed);
    try (FileMemory memory = FileMemory.open(crash)) {
      try (Journal.Step step = memory.journal().step()) {
        memory.writeLongLE(0, -1);
        assertEquals(crashed + 1, headerLong(journalOf(crash), JournalLayout.TX_SEQUENCE));
        step.commit();
      }
    }
  }

  @Test
  void aTransactionThatBeganOnAnEmptyImageRecoversToAnEmptyImage() throws IOException {
    Path path = dir.resolve("empty-begin.bin");
    Path crash;
    try (FileMemory memory = FileMemory.open(path)) {
      Journal.Step step = memory.journal().step();
      memory.grow(2);
      memory.writeLongLE(P, 7);
      crash = snapshot(path, dir.resolve("crash-empty"));
      step.close();
    }
    assertEquals(0, headerLong(journalOf(crash), JournalLayout.SIZE_AT_BEGIN));
    assertTrue(headerLong(journalOf(crash), JournalLayout.COUNT) > 0, "a hot journal");
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertEquals(0, recovered.size());
    }
    assertEquals(0, Files.size(crash));
  }

  /** Each way a record can be wrong, with its reason in the refusal; record 0 is damaged. */
  @Test
  void eachDamageToARecordIsRefusedWithItsOwnReason() throws IOException {
    Path crash = hotCrash(dir, "reasons.bin");
    byte[] journal = Files.readAllBytes(journalOf(crash));
    int length = ByteArrays.getIntLE(journal, H + JournalLayout.R_LENGTH);
    assertEquals(JournalLayout.OLD_BYTES, journal[H + JournalLayout.R_KIND]);
    refusedFor(crash, "kind-9", b -> b[H + JournalLayout.R_KIND] = 9, "kind 9 is none of 1 to 4");
    refusedFor(crash, "kind-0", b -> b[H + JournalLayout.R_KIND] = 0, "kind 0 is none of 1 to 4");
    refusedFor(
        crash,
        "negative-length",
        b -> ByteArrays.putIntLE(b, H + JournalLayout.R_LENGTH, -1),
        "range [");
    // The longest record allowed is not impossible: it is refused for running past the file.
    refusedFor(
        crash,
        "longest",
        b -> ByteArrays.putIntLE(b, H + JournalLayout.R_LENGTH, JournalLayout.MAX_RECORD),
        "its data runs past the end of the file");
    // The last offset a record of its length can have is not impossible either: its checksum fails.
    refusedFor(
        crash,
        "last-offset",
        b -> ByteArrays.putLongLE(b, H + JournalLayout.R_OFFSET, Long.MAX_VALUE - length),
        "does not match its bytes");
    refusedFor(
        crash,
        "grow-with-data",
        b -> b[H + JournalLayout.R_KIND] = JournalLayout.GROW,
        "a GROW record of length " + length);
    refusedFor(
        crash,
        "back-link",
        b -> ByteArrays.putIntLE(b, H + JournalLayout.R_BACK, 8),
        "its back link is 8, expected 0");
    refusedFor(
        crash, "checksum", b -> b[H + JournalLayout.R_CRC] ^= 0x55, "does not match its bytes");
    Path header = copy(crash, "cut-in-header");
    truncate(journalOf(header), H + 10);
    assertRefused(
        header, CorruptedStructureException.class, "record 0 of", () -> FileMemory.open(header));
    assertRefused(
        header,
        CorruptedStructureException.class,
        "its header runs past the end of the file (4106 bytes)",
        () -> FileMemory.open(header));
    Path data = copy(crash, "cut-in-data");
    truncate(journalOf(data), H + JournalLayout.RECORD_HEADER + 4);
    assertRefused(
        data, CorruptedStructureException.class, "record 0 of", () -> FileMemory.open(data));
    assertRefused(
        data,
        CorruptedStructureException.class,
        "its data runs past the end of the file",
        () -> FileMemory.open(data));
  }

  private void refusedFor(Path crash, String name, Consumer<byte[]> damage, String reason)
      throws IOException {
    Path copy = copy(crash, name);
    edit(journalOf(copy), damage);
    assertRefused(
        copy, CorruptedStructureException.class, "record 0 of", () -> FileMemory.open(copy));
    assertRefused(copy, CorruptedStructureException.class, reason, () -> FileMemory.open(copy));
  }

  @Test
  void aGrowRecordEndingExactlyAtTheJournalsEndIsRecovered() throws IOException {
    Path path = dir.resolve("grow-at-end.bin");
    Path crash;
    byte[] content;
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
      Journal.Step step = memory.journal().step();
      memory.grow(2); // the transaction's only record: a GROW, 24 bytes
      crash = snapshot(path, dir.resolve("crash-grow-at-end"));
      step.close();
    }
    assertEquals(1, headerLong(journalOf(crash), JournalLayout.COUNT));
    truncate(journalOf(crash), H + JournalLayout.RECORD_HEADER);
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertEquals(3, recovered.size());
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
  }

  @Test
  void aPowerLossCrashBeforeTheFirstSyncRecoversEvenWithItsNewestRecordTorn() throws IOException {
    Path path = dir.resolve("before-sync.bin");
    Path crash;
    byte[] content;
    try (FileMemory memory = FileMemory.open(path, powerLoss(), 12, FileIo.SYSTEM)) {
      content = committed(memory);
      Journal.Step step = memory.journal().step();
      memory.writeLongLE(0, -1); // into the overlay; its record is not synced
      crash = snapshot(path, dir.resolve("crash-before-sync"));
      step.close();
    }
    assertEquals(1, headerLong(journalOf(crash), JournalLayout.COUNT));
    assertEquals(0, headerLong(journalOf(crash), JournalLayout.DURABLE));
    Path torn = copy(crash, "torn");
    edit(journalOf(torn), b -> b[H + JournalLayout.RECORD_HEADER] ^= 0x55);
    for (Path state : new Path[] {crash, torn}) {
      try (FileMemory recovered = FileMemory.open(state, powerLoss(), 12, FileIo.SYSTEM)) {
        assertArrayEquals(content, Memories.toByteArray(recovered), state.toString());
      }
      assertEquals(0, headerLong(journalOf(state), JournalLayout.COUNT));
    }
  }

  @Test
  void aPowerLossCrashAfterASpillPutsBackTheWholeImagePagesEvenWhereTheyTore() throws IOException {
    Path path = dir.resolve("spilled.bin");
    Path crash;
    byte[] content;
    FileMemoryTuning tiny = FileMemoryTuning.DEFAULT.overlayPages(2);
    try (FileMemory memory = FileMemory.open(path, powerLoss(), tiny, 12, FileIo.SYSTEM)) {
      content = committed(memory);
      Journal.Step step = memory.journal().step();
      for (int page = 0; page < 3; page++) {
        memory.writeLongLE(page * 4096L, -1); // a third overlay page: the first two spill
      }
      crash = snapshot(path, dir.resolve("crash-spilled"));
      step.close();
    }
    byte[] journal = Files.readAllBytes(journalOf(crash));
    assertTrue(ByteArrays.getLongLE(journal, JournalLayout.DURABLE) > 0, "synced records");
    // A torn page: bytes of a spilled page that no write touched are damaged on disk. Only the
    // IMAGE_PAGE record, the whole page as it was, puts them back, each page from its own record.
    edit(
        crash,
        b -> {
          b[2048] ^= 0x55; // page 0
          b[4096 + 2048] ^= 0x55; // page 1
        });
    try (FileMemory recovered = FileMemory.open(crash, powerLoss(), 12, FileIo.SYSTEM)) {
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
  }

  @Test
  @SuppressWarnings("try") // the inner step is opened only to be rolled back by its close
  void aPowerLossInnerRollbackAfterASpillKeepsTheRecordsThatProtectTheSpilledPages()
      throws IOException {
    Path path = dir.resolve("inner-spill.bin");
    Path crash;
    byte[] content;
    FileMemoryTuning tiny = FileMemoryTuning.DEFAULT.overlayPages(2);
    try (FileMemory memory = FileMemory.open(path, powerLoss(), tiny, 12, FileIo.SYSTEM)) {
      content = committed(memory);
      Journal.Step outer = memory.journal().step();
      memory.writeLongLE(2L * P, 1);
      try (Journal.Step inner = memory.journal().step()) {
        memory.writeLongLE(0, -1);
        memory.writeLongLE(4096, -1); // a third overlay page: pages 0 and 2P reach the image
      } // rolled back: its records protect a page already in the image, so they stay
      crash = snapshot(path, dir.resolve("crash-inner-spill"));
      outer.close();
    }
    try (FileMemory recovered = FileMemory.open(crash, powerLoss(), 12, FileIo.SYSTEM)) {
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
  }
}
