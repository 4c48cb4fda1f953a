package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.ForeignJournalException;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.testing.TestRandom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery when a {@link FileMemory} opens: an unfinished transaction is rolled back before
 * anything reads, a recovery cut short recovers again, and a journal that does not belong to the
 * image is a typed error that changes neither file.
 *
 * <p>A "crash" here is a copy of both files taken while the transaction is open: the bytes a file
 * read returns are the page cache, which is exactly what a process killed at that moment leaves.
 */
@SuppressWarnings("try") // steps opened only to be rolled back by close()
class FileMemoryRecoveryTest {
  static final int P = Memory.PAGE_SIZE;

  @TempDir Path dir;

  static Path journalOf(Path image) {
    return image.resolveSibling(image.getFileName() + FileMemory.JOURNAL_SUFFIX);
  }

  /** Copies the image and its journal into {@code to} under the image's name: a crash state. */
  static Path snapshot(Path image, Path to) throws IOException {
    Files.createDirectories(to);
    Path copy = to.resolve(image.getFileName());
    Files.copy(image, copy);
    Files.copy(journalOf(image), journalOf(copy));
    return copy;
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    TestRandom r = new TestRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) r.next();
    }
    return bytes;
  }

  /** A memory of 3 committed pages of random bytes; returns their content. */
  static byte[] committed(FileMemory memory) {
    byte[] content = random(3 * P, 1);
    try (Journal.Step step = memory.journal().step()) {
      memory.grow(3);
      memory.write(0, content);
      step.commit();
    }
    return content;
  }

  /** Opens a step and scatters writes and a grow over the memory; leaves the step open. */
  static Journal.Step unfinished(FileMemory memory, long seed) {
    Journal.Step step = memory.journal().step();
    TestRandom r = new TestRandom(seed);
    for (int i = 0; i < 200; i++) {
      memory.writeLongLE(r.nextBelow(3L * P - 8), r.next());
    }
    memory.write(P - 100, random(P + 200, seed));
    memory.grow(2);
    memory.writeLongLE(4L * P, -1);
    try (Journal.Step inner = memory.journal().step()) {
      memory.writeIntLE(8, 7);
      inner.commit();
    }
    return step;
  }

  static long recordCount(Path journal) throws IOException {
    byte[] head = Files.readAllBytes(journal);
    return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(JournalLayout.COUNT);
  }

  @Test
  void anUnfinishedTransactionIsRolledBackBeforeAnythingReads() throws IOException {
    Path path = dir.resolve("a").resolve("stable_memory.bin");
    Files.createDirectories(path.getParent());
    Path crash;
    byte[] content;
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
      Journal.Step step = unfinished(memory, 2);
      assertEquals(5, memory.size());
      crash = snapshot(path, dir.resolve("crash"));
      step.close();
    }
    assertTrue(recordCount(journalOf(crash)) > 0, "the crash left a hot journal");
    assertEquals(5L * P, Files.size(crash), "the crash left the grown file");
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertEquals(3, recovered.size(), "cut back to the size at the transaction's begin");
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
    assertEquals(0, recordCount(journalOf(crash)), "the journal is clean");
    assertArrayEquals(content, Files.readAllBytes(crash));
    try (FileMemory again = FileMemory.open(crash)) {
      assertArrayEquals(content, Memories.toByteArray(again));
    }
  }

  @Test
  void aTransactionWhoseFirstRecordIsAGrowIsCutBackAfterACrash() throws IOException {
    Path path = dir.resolve("grow-first.bin");
    Path crash;
    byte[] content;
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
      Journal.Step step = memory.journal().step();
      memory.grow(2); // before any write: the grow record opens the journal's transaction
      memory.writeLongLE(3L * P, 9);
      memory.writeLongLE(0, -1);
      crash = snapshot(path, dir.resolve("crash-grow-first"));
      step.close();
    }
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertEquals(3, recovered.size(), "cut back to the size at the transaction's begin");
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
  }

  @Test
  void closingTheMemoryInsideItsTransactionRollsItBackAndLeavesTheJournalClean()
      throws IOException {
    Path path = dir.resolve("closed-inside.bin");
    byte[] content;
    Journal journal;
    List<String> reloads = new ArrayList<>();
    RollbackListener listener = () -> reloads.add("reload");
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
      journal = memory.journal();
      journal.addRollbackListener(listener);
      unfinished(memory, 5); // left open: close() must roll it back on this thread
    }
    assertFalse(journal.inTransaction(), "the close ended the transaction");
    assertEquals(List.of("reload"), reloads, "the structures were told to reload");
    assertEquals(0, recordCount(journalOf(path)), "the journal is clean");
    try (FileMemory reopened = FileMemory.open(path)) {
      assertEquals(5, reopened.size(), "the grown pages stay, zero");
      assertArrayEquals(content, reopened.readBytes(0, content.length));
    }
  }

  @Test
  void aCommittedTransactionIsKeptAndARolledBackOneLeavesZeroPages() throws IOException {
    Path path = dir.resolve("kept.bin");
    byte[] expected;
    try (FileMemory memory = FileMemory.open(path)) {
      committed(memory);
      unfinished(memory, 3).commit();
      expected = Memories.toByteArray(memory);
      try (Journal.Step step = unfinished(memory, 4)) {
        assertTrue(step.isTopLevel());
      } // rolled back in process: 2 more zero pages stay
      assertEquals(7, memory.size());
      byte[] now = Memories.toByteArray(memory);
      assertArrayEquals(expected, Arrays.copyOf(now, expected.length));
      assertArrayEquals(new byte[2 * P], Arrays.copyOfRange(now, expected.length, now.length));
    }
    try (FileMemory reopened = FileMemory.open(path)) {
      assertEquals(7, reopened.size());
      assertArrayEquals(expected, reopened.readBytes(0, expected.length));
    }
  }

  @Test
  void aRecoveryCutShortAfterAnyNumberOfRecordsRecoversAgain() throws IOException {
    Path path = dir.resolve("interrupted.bin");
    Path crash;
    byte[] content;
    try (FileMemory memory =
        FileMemory.open(path, FileMemoryOptions.defaults(), 12, FileIo.SYSTEM)) {
      content = committed(memory);
      Journal.Step step = unfinished(memory, 5);
      crash = snapshot(path, dir.resolve("crash"));
      step.close();
    }
    long records = recordCount(journalOf(crash));
    assertTrue(records > 10, "records: " + records);
    for (long k = 0; k <= records; k += Math.max(1, records / 12)) {
      Path copy = snapshot(crash, dir.resolve("k" + k));
      FileMemoryTuning cut = FileMemoryTuning.DEFAULT.interruptRecoveryAfter(k);
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> FileMemory.open(copy, FileMemoryOptions.defaults(), cut, 12, FileIo.SYSTEM));
      assertTrue(e.getMessage().contains("interrupted after " + k), e.getMessage());
      assertEquals(records, recordCount(journalOf(copy)), "still hot after the cut");
      // A second crash in the second recovery, then a full one.
      FileMemoryTuning cutAgain = FileMemoryTuning.DEFAULT.interruptRecoveryAfter(k / 2);
      assertThrows(
          IllegalStateException.class,
          () -> FileMemory.open(copy, FileMemoryOptions.defaults(), cutAgain, 12, FileIo.SYSTEM));
      try (FileMemory recovered =
          FileMemory.open(copy, FileMemoryOptions.defaults(), 12, FileIo.SYSTEM)) {
        assertArrayEquals(content, Memories.toByteArray(recovered), "after a cut at " + k);
      }
    }
  }

  @Test
  void aCrashAfterAnInnerStepWasRolledBackRecoversWithTheRecordsWrittenAfterIt()
      throws IOException {
    // The inner rollback drops a record the writer had already checksummed; each record's checksum
    // must still depend on its own bytes only, as recovery computes it.
    Path path = dir.resolve("inner-rollback.bin");
    Path crash;
    byte[] content;
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
      Journal.Step step = memory.journal().step();
      memory.writeLongLE(0, 1);
      try (Journal.Step inner = memory.journal().step()) {
        memory.writeLongLE(P, 2); // a record of its own, dropped by the inner rollback
      }
      memory.writeLongLE(2L * P, 3);
      memory.writeLongLE(P + 512, 4);
      assertEquals(3, memory.journal().recordCount());
      crash = snapshot(path, dir.resolve("crash-inner"));
      step.close();
    }
    assertEquals(3, recordCount(journalOf(crash)));
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
  }

  @Test
  void aSingleWriteLongerThanTheJournalsGrowthStepIsJournaledWhole() throws IOException {
    // The journal starts at 1 MiB and grows by at least its length: one 3 MiB record needs more.
    Path path = dir.resolve("one-long-write.bin");
    Path crash;
    byte[] content = random(64 * P, 8);
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(64);
      memory.write(0, content);
      Journal.Step step = memory.journal().step();
      memory.write(P, new byte[48 * P]);
      assertTrue(Files.size(memory.journalPath()) > 48L * P, "the old bytes are in the journal");
      crash = snapshot(path, dir.resolve("crash-long"));
      step.close();
      assertArrayEquals(content, Memories.toByteArray(memory), "rolled back in process");
    }
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertArrayEquals(content, Memories.toByteArray(recovered), "recovered after the crash");
    }
  }

  @Test
  void aTransactionLargerThanTheRetainedJournalKeepsItOnDiskAndCutsItBack() throws IOException {
    Path path = dir.resolve("large.bin");
    int pages = 1200; // 75 MiB, sparse
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(pages);
      byte[] stripe = random(P, 7);
      for (int p = 0; p < pages; p += 2) {
        memory.write((long) p * P, stripe); // every other page holds data
      }
      String before = sha256(path);
      try (Journal.Step step = memory.journal().step()) {
        byte[] ones = new byte[P];
        Arrays.fill(ones, (byte) 1);
        for (int p = 0; p < pages; p++) {
          memory.write((long) p * P, ones);
        }
        assertEquals((long) pages * P, memory.journal().recordedBytes());
        long journalLength = Files.size(memory.journalPath());
        assertTrue(
            journalLength > FileJournalStorage.RETAINED_LENGTH,
            "the old bytes are on disk: " + journalLength);
      } // rolled back
      assertEquals(
          FileJournalStorage.INITIAL_LENGTH,
          Files.size(memory.journalPath()),
          "cut back after the transaction");
      memory.flush();
      assertEquals(before, sha256(path), "rolled back byte for byte");
    }
  }

  @Test
  void theJournalDoublesAtMost64MibAtATimeAndIsCutBackOnlyWhenLongerThanThat() throws IOException {
    Path path = dir.resolve("doubling.bin");
    long mib = 1L << 20;
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1100); // 69 MiB, sparse
      byte[] ones = new byte[P];
      Arrays.fill(ones, (byte) 1);
      List<Long> lengths = new ArrayList<>();
      try (Journal.Step step = memory.journal().step()) {
        for (int p = 0; p < 1100; p++) {
          memory.write((long) p * P, ones);
          long length = Files.size(memory.journalPath());
          if (!lengths.contains(length)) {
            lengths.add(length);
          }
        }
        step.commit();
      }
      List<Long> doubling = new ArrayList<>();
      for (long length = mib; length <= 128 * mib; length *= 2) {
        doubling.add(length);
      }
      assertEquals(doubling, lengths, "1 MiB doubled to 64 MiB, then 64 MiB more");
      assertEquals(mib, Files.size(memory.journalPath()), "128 MiB: cut back");
      // The next transaction reaches exactly 64 MiB, past the length the journal was cut from.
      String before = sha256(path);
      try (Journal.Step step = memory.journal().step()) {
        for (int p = 0; p < 600; p++) {
          memory.write((long) p * P, new byte[P]);
        }
        assertEquals(64 * mib, Files.size(memory.journalPath()));
      } // rolled back
      assertEquals(64 * mib, Files.size(memory.journalPath()), "64 MiB: kept");
      memory.flush();
      assertEquals(before, sha256(path), "rolled back byte for byte");
    }
  }

  @Test
  void aRecordEndingExactlyAtTheJournalsEndDoesNotGrowIt() throws IOException {
    // n one-block records and one of k blocks fill the 1 MiB file's records area, 1 MiB - 4 KiB,
    // to its last byte: n (header + block) + header + k block = area.
    int block = Journal.BLOCK_SIZE;
    int header = JournalLayout.RECORD_HEADER;
    long area = FileJournalStorage.INITIAL_LENGTH - JournalLayout.HEADER_SIZE;
    int n = 1;
    while ((area - header - n * (long) (header + block)) % block != 0) {
      n++;
    }
    int k = (int) ((area - header - n * (long) (header + block)) / block);
    Path path = dir.resolve("exactly-full.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(17);
      assertTrue((2L * n + k) * block <= memory.sizeInBytes(), "the records fit the memory");
      try (Journal.Step step = memory.journal().step()) {
        for (int i = 0; i < n; i++) {
          memory.writeByte(2L * i * block, (byte) 1);
        }
        memory.write(2L * n * block, new byte[k * block]);
        assertEquals(n + 1, memory.journal().recordCount());
        assertEquals(FileJournalStorage.INITIAL_LENGTH, Files.size(memory.journalPath()));
        step.commit();
      }
    }
  }

  @Test
  void aJournalWhoseCutBackCannotBeMappedKeepsItsLengthAndServesTheNextTransaction()
      throws IOException {
    Path path = dir.resolve("uncut.bin");
    FaultyIo io = new FaultyIo();
    try (FileMemory memory = FileMemory.open(path, 2000, FileMemory.CHUNK_SHIFT, io)) {
      memory.grow(1100);
      byte[] ones = new byte[P];
      Arrays.fill(ones, (byte) 1);
      try (Journal.Step step = memory.journal().step()) {
        for (int p = 0; p < 1100; p++) {
          memory.write((long) p * P, ones);
        }
        io.journalMapsLeft = 0; // the cut back at the end maps the journal's first MiB again
        step.commit();
      }
      assertEquals(128L << 20, Files.size(memory.journalPath()), "kept long, as it was");
      try (Journal.Step step = memory.journal().step()) {
        for (int p = 0; p < 40; p++) {
          memory.write((long) p * P, new byte[P]); // 2.5 MiB of records, past the first MiB
        }
      } // rolled back
      for (int p = 0; p < 40; p++) {
        assertArrayEquals(ones, memory.readBytes((long) p * P, P), "page " + p);
      }
    }
  }

  @Test
  void anImageCopiedWithoutItsJournalBetweenTransactionsIsComplete() throws IOException {
    Path path = dir.resolve("copied.bin");
    byte[] content;
    Path copy = dir.resolve("elsewhere").resolve("copied.bin");
    Files.createDirectories(copy.getParent());
    try (FileMemory memory = FileMemory.open(path)) {
      content = committed(memory);
      Files.copy(path, copy);
    }
    assertArrayEquals(content, Files.readAllBytes(copy), "the image is the crate's bytes only");
    try (FileMemory opened = FileMemory.open(copy)) {
      assertArrayEquals(content, Memories.toByteArray(opened));
      assertTrue(Files.exists(opened.journalPath()));
    }
  }

  // ---------------------------------------------------------------- refusals

  /** A crash state under {@code dir}: a hot journal beside its image, in its own directory. */
  static Path hotCrash(Path dir, String name) throws IOException {
    Path path = dir.resolve("src-" + name).resolve(name);
    Files.createDirectories(path.getParent());
    Path crash;
    try (FileMemory memory = FileMemory.open(path)) {
      committed(memory);
      Journal.Step step = unfinished(memory, 6);
      crash = snapshot(path, dir.resolve("crash-" + name));
      step.close();
    }
    return crash;
  }

  static void patch(Path file, long position, byte... bytes) throws IOException {
    byte[] all = Files.readAllBytes(file);
    System.arraycopy(bytes, 0, all, (int) position, bytes.length);
    Files.write(file, all);
  }

  /** Asserts the open fails with {@code type}, mentioning {@code words}, and changes nothing. */
  static <T extends StableStructureException> void assertRefused(
      Path image, Class<T> type, String words, Executable open) throws IOException {
    String imageHash = sha256(image);
    String journalHash = sha256(journalOf(image));
    T e = assertThrows(type, open);
    assertTrue(e.getMessage().contains(words), e.getMessage());
    assertEquals(imageHash, sha256(image), "the image changed");
    assertEquals(journalHash, sha256(journalOf(image)), "the journal changed");
    // And again: a refusal is not a half-done recovery.
    assertThrows(type, open);
    assertEquals(imageHash, sha256(image));
  }

  @Test
  void anotherImagesJournalIsRefused() throws IOException {
    Path crash = hotCrash(dir, "one.bin");
    Path other = crash.resolveSibling("two.bin");
    Files.move(crash, other);
    Files.move(journalOf(crash), journalOf(other));
    assertRefused(
        other,
        ForeignJournalException.class,
        "belongs to image file \"one.bin\", not to \"two.bin\"",
        () -> FileMemory.open(other));
  }

  @Test
  void aCleanJournalOfAnotherImageIsRefusedToo() throws IOException {
    Path a = dir.resolve("clean-a.bin");
    try (FileMemory memory = FileMemory.open(a)) {
      committed(memory);
    }
    Path b = dir.resolve("clean-b.bin");
    Files.copy(a, b);
    Files.copy(journalOf(a), journalOf(b));
    assertRefused(b, ForeignJournalException.class, "clean-a.bin", () -> FileMemory.open(b));
  }

  @Test
  void aDamagedRecordIsRefusedBeforeAnyIsApplied() throws IOException {
    Path crash = hotCrash(dir, "damaged.bin");
    Path journal = journalOf(crash);
    long records = recordCount(journal);
    // Damage the newest record's data: it is applied first, so nothing may be applied before the
    // whole journal has been checked.
    byte[] all = Files.readAllBytes(journal);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    long at = JournalLayout.HEADER_SIZE;
    long last = at;
    for (long i = 0; i < records; i++) {
      last = at;
      at +=
          JournalLayout.recordSize(
              b.get((int) at + JournalLayout.R_KIND), b.getInt((int) at + JournalLayout.R_LENGTH));
    }
    long target =
        JournalLayout.HEADER_SIZE + JournalLayout.RECORD_HEADER; // the first record's data
    patch(journal, target, (byte) (all[(int) target] ^ 0x55));
    assertTrue(last > target, "more than one record");
    assertRefused(
        crash, CorruptedStructureException.class, "record 0 of", () -> FileMemory.open(crash));
  }

  @Test
  void aRefusalNamesTheJournalFile() throws IOException {
    Path crash = hotCrash(dir, "named.bin");
    patch(journalOf(crash), JournalLayout.NAME, (byte) 'X');
    assertRefused(
        crash,
        CorruptedStructureException.class,
        "journal file " + journalOf(crash) + " has header checksum",
        () -> FileMemory.open(crash));
  }

  @Test
  void aDamagedHeaderIsRefused() throws IOException {
    Path crash = hotCrash(dir, "header.bin");
    patch(journalOf(crash), JournalLayout.NAME, (byte) 'X');
    assertRefused(
        crash, CorruptedStructureException.class, "header checksum", () -> FileMemory.open(crash));
  }

  @Test
  void aDamagedTransactionHeaderIsRefused() throws IOException {
    Path crash = hotCrash(dir, "txheader.bin");
    patch(journalOf(crash), JournalLayout.SIZE_AT_BEGIN, (byte) 0x7F);
    assertRefused(
        crash,
        CorruptedStructureException.class,
        "unfinished transaction whose header is damaged",
        () -> FileMemory.open(crash));
  }

  @Test
  void aNewerVersionIsRefused() throws IOException {
    Path crash = hotCrash(dir, "newer.bin");
    patch(journalOf(crash), 3, (byte) 2);
    assertRefused(
        crash,
        UnsupportedVersionException.class,
        "has version 2; this library reads version 1",
        () -> FileMemory.open(crash));
  }

  @Test
  void anUnknownMagicIsRefused() throws IOException {
    Path crash = hotCrash(dir, "magic.bin");
    patch(journalOf(crash), 0, (byte) 'P', (byte) 'K');
    assertRefused(
        crash,
        BadMagicException.class,
        "starts with 50 4B 4A, not the magic",
        () -> FileMemory.open(crash));
  }

  @Test
  void anImageShorterThanTheJournalSaysIsRefused() throws IOException {
    Path crash = hotCrash(dir, "short.bin");
    byte[] image = Files.readAllBytes(crash);
    Files.write(crash, Arrays.copyOf(image, 2 * P));
    assertRefused(
        crash,
        ForeignJournalException.class,
        "held 196608 bytes when its transaction began, but the image file holds 131072",
        () -> FileMemory.open(crash));
  }

  @Test
  void aJournalWhoseCreationWasCutShortIsReplaced() throws IOException {
    Path path = dir.resolve("fresh.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      committed(memory);
    }
    byte[] content = Files.readAllBytes(path);
    // Creation writes the magic last: a journal without one was never used.
    patch(journalOf(path), 0, new byte[4]);
    try (FileMemory memory = FileMemory.open(path)) {
      assertArrayEquals(content, Memories.toByteArray(memory));
    }
    byte[] head = Files.readAllBytes(journalOf(path));
    assertEquals('S', head[0]);
    assertEquals('J', head[2]);
  }
}
