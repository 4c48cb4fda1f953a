package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.ReadOnlyMemoryException;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.vec.StableVec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of bad input, as far as it concerns the file under a memory: each case is a
 * typed error whose message says what was found and what was expected, and the file is unchanged
 * (its SHA-256 is compared). Each is tried read-write and read-only where both apply. The
 * structures' own cases (wrong magic, newer version, another kind, damaged header fields, a value
 * over its bound) are in their packages' tests: {@code MemoryManagerBadInputTest}, {@code
 * StableLogBadInputTest}, {@code StableVecTest}, {@code StableCellTest}, {@code BTreeTest}, {@code
 * StableMinHeapTest}.
 */
class FileMemoryBadInputTest {
  static final int P = Memory.PAGE_SIZE;
  static final FileMemoryOptions READ_ONLY = FileMemoryOptions.defaults().readOnly(true);

  @TempDir Path dir;

  private Path image(String name, byte[] content) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, content);
    return path;
  }

  /** Runs {@code open}, requires {@code type} with every expected fragment, and the file intact. */
  private static <T extends StableStructureException> T refused(
      Class<T> type, Path file, Executable open, String... fragments) throws IOException {
    String before = Files.isRegularFile(file) ? FileMemoryRecoveryTest.sha256(file) : "";
    T e = assertThrows(type, open);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage() + " lacks: " + fragment);
    }
    if (Files.isRegularFile(file)) {
      assertEquals(before, FileMemoryRecoveryTest.sha256(file), "the file was changed");
    }
    return e;
  }

  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  @Test
  void truncatedFileIsRefusedBothWays() throws IOException {
    // A two-page image cut short in its second page, as a download that stopped.
    Path path = image("truncated.bin", Arrays.copyOf(pattern(2 * P), P + 1000));
    String[] says = {"" + (P + 1000) + " bytes long", "not a whole number of 64 KiB pages"};
    refused(IncompatibleLayoutException.class, path, () -> FileMemory.open(path), says);
    refused(IncompatibleLayoutException.class, path, () -> FileMemory.open(path, READ_ONLY), says);
  }

  @Test
  void lengthNotAMultipleOf64KibIsRefusedBothWays() throws IOException {
    Path path = image("odd.bin", pattern(3 * P + 1));
    refused(
        IncompatibleLayoutException.class,
        path,
        () -> FileMemory.open(path, READ_ONLY),
        (3 * P + 1) + " bytes long",
        "64 KiB pages");
    refused(IncompatibleLayoutException.class, path, () -> FileMemory.open(path), "64 KiB pages");
  }

  @Test
  void emptyFileIsAnEmptyMemoryAndNothingMore() throws IOException {
    Path path = image("empty.bin", new byte[0]);
    try (FileMemory memory = FileMemory.open(path, READ_ONLY)) {
      assertEquals(0, memory.size());
      refused(ReadOnlyMemoryException.class, path, () -> memory.grow(1), "read-only", "grow");
    }
    assertEquals(0, Files.size(path));
    assertFalse(Files.exists(FileMemoryRecoveryTest.journalOf(path)), "no journal created");
  }

  @Test
  void directoryIsRefusedBothWays() throws IOException {
    Path path = Files.createDirectory(dir.resolve("a-directory.bin"));
    refused(
        MemoryIoException.class,
        path,
        () -> FileMemory.open(path, READ_ONLY),
        "is a directory, not an image file");
    refused(MemoryIoException.class, path, () -> FileMemory.open(path), path.toString());
    assertTrue(Files.isDirectory(path));
  }

  @Test
  void missingFileIsNotCreatedByAReadOnlyOpen() throws IOException {
    Path path = dir.resolve("missing.bin");
    refused(
        MemoryIoException.class,
        path,
        () -> FileMemory.open(path, READ_ONLY),
        "does not exist",
        "creates nothing");
    assertFalse(Files.exists(path));
  }

  @Test
  void growRefusedByAFullDiskIsATypedErrorAndChangesNothing() throws IOException {
    // The disk is full: the OS refuses to extend the file past 2 pages (FaultyIo stands for it).
    Path path = dir.resolve("full-disk.bin");
    FaultyIo io = new FaultyIo();
    io.maxLength = 2L * P;
    try (FileMemory memory = FileMemory.open(path, FileMemory.MAX_PAGES, 16, io)) {
      StableVec<byte[]> vec = StableVec.init(memory, Codecs.blob(1000));
      int pushed = 0;
      GrowFailedException e = null;
      while (e == null) {
        byte[] before = Memories.toByteArray(memory);
        try {
          vec.add(pattern(1000));
          pushed++;
        } catch (GrowFailedException refused) {
          e = refused;
          assertArrayEquals(before, Memories.toByteArray(memory), "the refused push wrote");
        }
      }
      assertTrue(pushed > 0);
      assertEquals(pushed, vec.size());
      assertEquals(2, memory.size());
      assertTrue(e.getMessage().contains("grow"), e.getMessage());
    }
    assertEquals(2L * P, Files.size(path));
  }

  @Test
  void growPastTheMaximumIsATypedErrorAndChangesNothing() throws IOException {
    Path path = dir.resolve("max.bin");
    try (FileMemory memory = FileMemory.open(path, 1)) {
      StableVec<byte[]> vec = StableVec.init(memory, Codecs.blob(1000));
      byte[] before = null;
      GrowFailedException e = null;
      while (e == null) {
        before = Memories.toByteArray(memory);
        try {
          vec.add(pattern(1000));
        } catch (GrowFailedException refused) {
          e = refused;
        }
      }
      assertArrayEquals(before, Memories.toByteArray(memory));
      assertEquals(-1, memory.grow(1), "the maximum of 1 page is reached");
    }
    assertEquals(P, Files.size(path));
  }

  @Test
  void fileLockedByAnotherProcessIsRefusedBothWays() throws Exception {
    Path path = dir.resolve("held.bin");
    Process holder = FileMemoryLockTest.start("hold", path);
    try {
      assertEquals("locked", FileMemoryLockTest.firstLine(holder));
      refused(
          MemoryLockedException.class,
          path,
          () -> FileMemory.open(path, READ_ONLY),
          "locked by another process");
      refused(MemoryLockedException.class, path, () -> FileMemory.open(path), "another process");
      assertEquals(0, FaultyIo.descriptorsOn(path), "each refused open closed its descriptor");
      holder.getOutputStream().close();
      FileMemoryLockTest.awaitExit(holder);
    } finally {
      holder.destroyForcibly();
    }
    try (FileMemory memory = FileMemory.open(path, READ_ONLY)) {
      assertEquals(77, memory.readLongLE(0), "read-only once the holder let go");
    }
  }

  @Test
  void readOnlyFileOpensReadOnlyAndAWriteIsATypedError() throws IOException {
    Path path = image("read-only.bin", pattern(2 * P));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--r--r--"));
    String before = FileMemoryRecoveryTest.sha256(path);
    try (FileMemory memory = FileMemory.open(path, READ_ONLY)) {
      assertTrue(memory.isReadOnly());
      assertEquals(2, memory.size());
      assertArrayEquals(pattern(2 * P), Memories.toByteArray(memory));
      assertEquals(pattern(16)[8] & 0xFF, memory.readByte(8) & 0xFF);
      String[] says = {"is open read-only", "nothing was changed"};
      refused(ReadOnlyMemoryException.class, path, () -> memory.writeLongLE(8, 1), says);
      refused(ReadOnlyMemoryException.class, path, () -> memory.write(0, new byte[3]), says);
      refused(ReadOnlyMemoryException.class, path, () -> memory.writeByte(P, (byte) 1), says);
      refused(ReadOnlyMemoryException.class, path, () -> memory.writeIntLE(4, 1), says);
      refused(ReadOnlyMemoryException.class, path, () -> memory.writeShortLE(2, 1), says);
      refused(ReadOnlyMemoryException.class, path, () -> memory.grow(1), "cannot grow");
      refused(ReadOnlyMemoryException.class, path, () -> StableVec.create(memory, Codecs.u64()));
    }
    assertEquals(before, FileMemoryRecoveryTest.sha256(path));
    assertFalse(Files.exists(FileMemoryRecoveryTest.journalOf(path)), "no journal created");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      // Without root's override the OS refuses a read-write open of a read-only file.
      refused(MemoryIoException.class, path, () -> FileMemory.open(path), path.toString());
    }
  }

  @Test
  void twoReadOnlyOpensInOtherProcessesShareTheFileButAWriterIsKeptOut() throws Exception {
    Path path = image("shared.bin", pattern(P));
    try (FileMemory reader = FileMemory.open(path, READ_ONLY)) {
      Process writer = FileMemoryLockTest.start("probe", path);
      try {
        String line = FileMemoryLockTest.firstLine(writer);
        assertTrue(line.startsWith("refused:") && line.contains("another process"), line);
        FileMemoryLockTest.awaitExit(writer);
      } finally {
        writer.destroyForcibly();
      }
      assertEquals(1, reader.size());
    }
  }

  @Test
  void anEmptyJournalBesideTheImageDoesNotStopAReadOnlyOpen() throws IOException {
    // A journal file whose creation stopped before its first byte: nothing was ever counted in it.
    Path path = image("empty-journal.bin", pattern(P));
    Files.write(FileMemoryRecoveryTest.journalOf(path), new byte[0]);
    try (FileMemory memory = FileMemory.open(path, READ_ONLY)) {
      assertArrayEquals(pattern(P), Memories.toByteArray(memory));
    }
    assertEquals(0, Files.size(FileMemoryRecoveryTest.journalOf(path)));
  }

  @Test
  void aReadOnlyOpenThatCannotReadTheJournalReleasesTheImage() throws IOException {
    Path path = image("unreadable-journal.bin", pattern(P));
    Path journal = Files.createDirectory(FileMemoryRecoveryTest.journalOf(path));
    refused(MemoryIoException.class, path, () -> FileMemory.open(path, READ_ONLY), path.toString());
    assertEquals(0, FaultyIo.descriptorsOn(path), "the image was closed");
    Files.delete(journal);
    try (FileMemory memory = FileMemory.open(path)) {
      assertArrayEquals(pattern(P), Memories.toByteArray(memory), "and its lock released");
    }
  }

  @Test
  void unfinishedTransactionIsReportedNotRecoveredByAReadOnlyOpen() throws IOException {
    Path path = dir.resolve("src").resolve("hot.bin");
    Files.createDirectories(path.getParent());
    Path crash;
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      memory.writeLongLE(0, 1);
      Journal.Step step = memory.journal().step();
      memory.writeLongLE(0, 2);
      crash = FileMemoryRecoveryTest.snapshot(path, dir.resolve("crash"));
      step.close();
    }
    Path journal = FileMemoryRecoveryTest.journalOf(crash);
    String journalBefore = FileMemoryRecoveryTest.sha256(journal);
    refused(
        ReadOnlyMemoryException.class,
        crash,
        () -> FileMemory.open(crash, READ_ONLY),
        "unfinished transaction",
        "expected 0 (clean)",
        "open it read-write once");
    assertEquals(journalBefore, FileMemoryRecoveryTest.sha256(journal), "journal unchanged");
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertEquals(1, recovered.readLongLE(0), "a read-write open rolls it back");
    }
    try (FileMemory clean = FileMemory.open(crash, READ_ONLY)) {
      assertEquals(1, clean.readLongLE(0), "and then it opens read-only");
    }
  }
}
