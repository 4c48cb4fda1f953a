package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileMemory} beyond the shared contract: the file, reopening, refusals and closing. */
class FileMemoryTest {
  static final int PAGE = Memory.PAGE_SIZE;

  @TempDir Path dir;

  static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void opensANewFileEmptyWithTheIcLimit() throws IOException {
    Path path = dir.resolve("new.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(0, memory.size());
      assertTrue(Files.exists(path));
      assertEquals(0, Files.size(path));
      assertEquals(500L * 16_384, memory.maxPages());
      assertEquals(FileMemory.DEFAULT_MAX_PAGES, memory.maxPages());
      assertEquals(path, memory.path());
      assertTrue(memory.isOpen());
      assertEquals("FileMemory[" + path + ", 0 pages]", memory.toString());
    }
  }

  @Test
  void theFileLengthIsAlwaysTheSize() throws IOException {
    Path path = dir.resolve("len.bin");
    try (FileMemory memory = FileMemory.open(path, 100)) {
      for (long delta : new long[] {1, 0, 3, 17, 1}) {
        memory.grow(delta);
        assertEquals(memory.size() * PAGE, Files.size(path));
      }
      assertEquals(-1, memory.grow(100));
      assertEquals(22L * PAGE, Files.size(path));
    }
    assertEquals(22L * PAGE, Files.size(path));
  }

  @Test
  void reopeningGivesBackSizeAndContentAsARawImage() throws IOException {
    Path path = dir.resolve("image.bin");
    byte[] data = random(3 * PAGE - 100, 1);
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(3);
      memory.write(50, data);
      memory.writeLongBE(3L * PAGE - 8, 0x1122334455667788L);
      memory.flush();
      assertArrayEquals(data, memory.readBytes(50, data.length));
    }
    byte[] file = Files.readAllBytes(path);
    assertEquals(3 * PAGE, file.length);
    assertArrayEquals(data, Arrays.copyOfRange(file, 50, 50 + data.length));
    assertArrayEquals(
        new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88},
        Arrays.copyOfRange(file, 3 * PAGE - 8, 3 * PAGE));
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(3, memory.size());
      assertArrayEquals(file, Memories.toByteArray(memory));
      assertArrayEquals(HeapMemory.of(file).toByteArray(), Memories.toByteArray(memory));
      assertEquals(3, memory.grow(1));
      assertEquals(0, memory.readLongLE(3L * PAGE));
    }
    assertEquals(4L * PAGE, Files.size(path));
  }

  @Test
  void opensAnImageWrittenByOthers() throws IOException {
    Path path = dir.resolve("stable_memory.bin");
    byte[] image = random(2 * PAGE, 2);
    Files.write(path, image);
    try (FileMemory memory = FileMemory.open(path, 2, FileMemory.MIN_CHUNK_SHIFT, FileIo.SYSTEM)) {
      assertEquals(2, memory.size());
      assertArrayEquals(image, Memories.toByteArray(memory));
      assertEquals(-1, memory.grow(1));
    }
  }

  private static void assertRefusedAndUntouched(
      Path path, byte[] content, String expected, Executable open) throws IOException {
    IncompatibleLayoutException e = assertThrows(IncompatibleLayoutException.class, open);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    assertArrayEquals(content, Files.readAllBytes(path));
  }

  @Test
  void aFileThatIsNotWholePagesIsRefusedAndLeftAsItWas() throws IOException {
    Path path = dir.resolve("odd.bin");
    for (int length : new int[] {1, PAGE - 1, PAGE + 1, 3 * PAGE + 7}) {
      byte[] content = random(length, length);
      Files.write(path, content);
      assertRefusedAndUntouched(
          path, content, length + " bytes long", () -> FileMemory.open(path).close());
    }
    // The refusal released the file: once it is whole pages it opens.
    Files.write(path, new byte[PAGE]);
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(1, memory.size());
    }
  }

  @Test
  void aFileLargerThanTheMaximumIsRefusedAndLeftAsItWas() throws IOException {
    Path path = dir.resolve("big.bin");
    byte[] content = random(3 * PAGE, 3);
    Files.write(path, content);
    assertRefusedAndUntouched(
        path, content, "holds 3 pages, more than maxPages 2", () -> FileMemory.open(path, 2));
    try (FileMemory memory = FileMemory.open(path, 3)) {
      assertEquals(3, memory.size());
    }
  }

  @Test
  void aRefusedFileExtensionChangesNothing() throws IOException {
    Path path = dir.resolve("refused.bin");
    FaultyIo io = new FaultyIo();
    io.maxLength = 2L * PAGE;
    try (FileMemory memory = FileMemory.open(path, 10, FileMemory.CHUNK_SHIFT, io)) {
      assertEquals(0, memory.grow(2));
      byte[] content = random(2 * PAGE, 4);
      memory.write(0, content);
      assertEquals(-1, memory.grow(1));
      assertEquals(2, memory.size());
      assertEquals(2L * PAGE, Files.size(path));
      assertArrayEquals(content, Memories.toByteArray(memory));
      io.maxLength = Long.MAX_VALUE;
      assertEquals(2, memory.grow(1));
      assertArrayEquals(content, memory.readBytes(0, 2 * PAGE));
      assertEquals(0, memory.readLongLE(2L * PAGE));
    }
  }

  @Test
  void aRefusedMappingUndoesTheExtension() throws IOException {
    Path path = dir.resolve("nomap.bin");
    FaultyIo io = new FaultyIo();
    // 4 KiB chunks: one page is 16 chunks, so the failure strikes in the middle of a grow.
    try (FileMemory memory = FileMemory.open(path, 10, FileMemory.MIN_CHUNK_SHIFT, io)) {
      assertEquals(0, memory.grow(1));
      byte[] content = random(PAGE, 5);
      memory.write(0, content);
      io.mapsLeft = 5;
      assertEquals(-1, memory.grow(2));
      assertEquals(1, memory.size());
      assertEquals(PAGE, Files.size(path));
      assertArrayEquals(content, Memories.toByteArray(memory));
      memory.writeLongLE(PAGE - 8, 7);
      assertEquals(7, memory.readLongLE(PAGE - 8));
      io.mapsLeft = Long.MAX_VALUE;
      assertEquals(1, memory.grow(2));
      assertEquals(7, memory.readLongLE(PAGE - 8));
      assertEquals(0, memory.readLongLE(3L * PAGE - 8));
    }
  }

  @Test
  void aRefusedRemapOfThePartialTailKeepsTheOldTail() throws IOException {
    Path path = dir.resolve("tail.bin");
    FaultyIo io = new FaultyIo();
    // 128 KiB chunks: one page leaves chunk 0 partial, so growing must remap it.
    try (FileMemory memory = FileMemory.open(path, 10, 17, io)) {
      assertEquals(0, memory.grow(1));
      memory.writeIntBE(100, 0xCAFEBABE);
      io.mapsLeft = 0;
      assertEquals(-1, memory.grow(1));
      assertEquals(PAGE, Files.size(path));
      assertEquals(0xCAFEBABE, memory.readIntBE(100));
      memory.writeIntBE(PAGE - 4, 1);
      assertEquals(1, memory.readIntBE(PAGE - 4));
      io.mapsLeft = Long.MAX_VALUE;
      assertEquals(1, memory.grow(1));
      assertEquals(0xCAFEBABE, memory.readIntBE(100));
      memory.writeLongLE(PAGE - 4, -1); // now a primitive inside the remapped chunk
      assertEquals(-1, memory.readLongLE(PAGE - 4));
    }
  }

  @Test
  void growsInATransactionMapAheadOnceAndKeepTheFileLengthTheSize() throws IOException {
    Path path = dir.resolve("ahead.bin");
    FaultyIo io = new FaultyIo();
    try (FileMemory memory = FileMemory.open(path, 100, FileMemory.CHUNK_SHIFT, io)) {
      try (Journal.Step step = memory.journal().step()) {
        for (int i = 0; i < 20; i++) {
          assertEquals(i, memory.grow(1));
          assertEquals(memory.size() * PAGE, Files.size(path), "after grow " + i);
          memory.writeLongLE((long) i * PAGE + PAGE - 8, i + 1);
        }
        step.commit();
      }
      // One map, ahead to the end of the 64 MiB chunk (capped at the 100-page maximum).
      assertEquals(1, io.mapCalls);
      for (int i = 0; i < 20; i++) {
        assertEquals(i + 1, memory.readLongLE((long) i * PAGE + PAGE - 8));
      }
      Journal.Step rolledBack = memory.journal().step();
      assertEquals(20, memory.grow(3));
      memory.writeLongLE(22L * PAGE, -1);
      rolledBack.close(); // the pages stay, zeroed, and the file is exactly as long
      assertEquals(23L * PAGE, Files.size(path));
      assertEquals(0, memory.readLongLE(22L * PAGE));
      assertEquals(1, io.mapCalls);
    }
    assertEquals(23L * PAGE, Files.size(path));
    try (FileMemory memory = FileMemory.open(path, 100)) {
      assertEquals(23, memory.size());
      assertEquals(20, memory.readLongLE(20L * PAGE - 8));
    }
  }

  @Test
  void aRefusedAheadExtensionFallsBackToTheExactGrow() throws IOException {
    Path path = dir.resolve("exact.bin");
    FaultyIo io = new FaultyIo();
    io.maxLength = 3L * PAGE;
    try (FileMemory memory = FileMemory.open(path, 100, FileMemory.CHUNK_SHIFT, io)) {
      try (Journal.Step step = memory.journal().step()) {
        for (int i = 0; i < 3; i++) {
          assertEquals(i, memory.grow(1));
          assertEquals(memory.size() * PAGE, Files.size(path));
          memory.writeByte((long) i * PAGE, (byte) (i + 1));
        }
        assertEquals(-1, memory.grow(1));
        step.commit();
      }
      assertEquals(3L * PAGE, Files.size(path));
      assertEquals(3, memory.readByte(2L * PAGE));
    }
  }

  @Test
  void aGrowNeedingMoreChunksThanATableHoldsIsRefusedBeforeTheFileChanges() throws IOException {
    Path path = dir.resolve("too-many-chunks.bin");
    FaultyIo io = new FaultyIo();
    // 4 KiB chunks: 2^27 pages need 2^31 chunks, more than an array holds.
    try (FileMemory memory = FileMemory.open(path, FileMemory.MAX_PAGES, 12, io)) {
      assertFalse(memory.isReadOnly());
      assertEquals(-1, memory.grow(1L << 27));
      assertEquals(0, memory.size());
      assertEquals(0, io.setLengthCalls);
    }
    assertEquals(0, Files.size(path));
  }

  @Test
  void aChunkTableFilledExactlyIsAllowedAndOneChunkMoreIsRefused() throws IOException {
    // 64 KiB chunks hold one page each; the real limit (2^31 - 9 chunks) is a 128 TiB image.
    FileMemoryTuning five = FileMemoryTuning.DEFAULT.maxChunks(5);
    FileMemoryOptions options = FileMemoryOptions.defaults();
    Path path = dir.resolve("five-chunks.bin");
    try (FileMemory memory = FileMemory.open(path, options, five, 16, FileIo.SYSTEM)) {
      assertEquals(0, memory.grow(5), "five chunks fill the table exactly");
      memory.writeLongLE(5L * PAGE - 8, 42);
      assertEquals(-1, memory.grow(1), "a sixth chunk is refused");
      assertEquals(5, memory.size());
    }
    assertEquals(5L * PAGE, Files.size(path));
    try (FileMemory memory = FileMemory.open(path, options, five, 16, FileIo.SYSTEM)) {
      assertEquals(5, memory.size(), "an image of exactly five chunks opens");
      assertEquals(42, memory.readLongLE(5L * PAGE - 8));
    }
    try (FileMemory memory =
        FileMemory.open(path, options.readOnly(true), five, 16, FileIo.SYSTEM)) {
      assertEquals(42, memory.readLongLE(5L * PAGE - 8), "and so it does read-only");
    }
    Path six = dir.resolve("six-chunks.bin");
    Files.write(six, new byte[6 * PAGE]);
    String hash = FileMemoryRecoveryTest.sha256(six);
    for (FileMemoryOptions o : new FileMemoryOptions[] {options, options.readOnly(true)}) {
      IncompatibleLayoutException e =
          assertThrows(
              IncompatibleLayoutException.class,
              () -> FileMemory.open(six, o, five, 16, FileIo.SYSTEM).close());
      assertTrue(e.getMessage().contains("needs too many chunks"), e.getMessage());
    }
    assertEquals(hash, FileMemoryRecoveryTest.sha256(six), "the refused image is unchanged");
  }

  @Test
  void aDirectorySyncOfAMissingDirectoryFailsOffWindows() {
    assertThrows(
        IOException.class, () -> FileIo.SYSTEM.syncDirectory(dir.resolve("no-such-directory")));
  }

  @Test
  void aGrowReachingExactlyTheEndOfTheMappingAheadMapsNothingMore() throws IOException {
    Path path = dir.resolve("to-the-end.bin");
    FaultyIo io = new FaultyIo();
    try (FileMemory memory = FileMemory.open(path, 100, FileMemory.CHUNK_SHIFT, io)) {
      try (Journal.Step step = memory.journal().step()) {
        memory.grow(1); // maps ahead to the 100-page maximum
        assertEquals(1, memory.grow(99)); // ends where the mapping ends: only the length is set
        memory.writeLongLE(100L * PAGE - 8, 5);
        step.commit();
      }
      assertEquals(1, io.mapCalls);
      assertEquals(100L * PAGE, Files.size(path));
    }
  }

  @Test
  void aRefusedCutBackAfterMappingAheadIsARefusedGrowThatLeavesTheFileAsItWas() throws IOException {
    Path path = dir.resolve("cut-refused.bin");
    FaultyIo io = new FaultyIo();
    io.refusedLength = PAGE; // the ahead length and the old one are allowed, the exact one not
    try (FileMemory memory = FileMemory.open(path, 100, FileMemory.CHUNK_SHIFT, io)) {
      try (Journal.Step step = memory.journal().step()) {
        assertEquals(-1, memory.grow(1));
        assertEquals(0, memory.size());
        assertEquals(0, Files.size(path), "put back after the refused cut");
        io.refusedLength = -1;
        assertEquals(0, memory.grow(1)); // inside the mapping made ahead: no new map
        memory.writeLongLE(PAGE - 8, 9);
        step.commit();
      }
      assertEquals(1, io.mapCalls);
      assertEquals(PAGE, Files.size(path));
      assertEquals(9, memory.readLongLE(PAGE - 8));
    }
  }

  @Test
  void smallGrowsWriteTheirZerosAtOnceAndLargeOnesStaySparse() throws IOException {
    Path path = dir.resolve("zeros.bin");
    FaultyIo io = new FaultyIo();
    try (FileMemory memory = FileMemory.open(path, 100, FileMemory.CHUNK_SHIFT, io)) {
      memory.grow(1);
      assertEquals(PAGE, io.zeroBytes);
      memory.grow(16);
      assertEquals(17L * PAGE, io.zeroBytes);
      memory.grow(17); // past FileGrowth.PREFILL_MAX: left a hole
      assertEquals(17L * PAGE, io.zeroBytes);
      io.zerosFail = true; // only an optimization: a refusal changes nothing
      assertEquals(34, memory.grow(2));
      assertEquals(36L * PAGE, Files.size(path));
      for (long page = 0; page < memory.size(); page++) {
        assertEquals(0, memory.readLongLE(page * PAGE + 8 * (page % 8)));
      }
      memory.writeLongLE(35L * PAGE, 9);
      assertEquals(9, memory.readLongLE(35L * PAGE));
    }
  }

  @Test
  void theSystemsZeroWriteCoversRangesLongerThanItsBuffer() throws IOException {
    Path path = dir.resolve("raw.bin");
    int length = (int) (2 * FileGrowth.PREFILL_MAX + 300);
    byte[] ones = new byte[length + 200];
    Arrays.fill(ones, (byte) 1);
    Files.write(path, ones);
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(path.toFile(), "rw")) {
      FileIo.SYSTEM.open(path, raf).writeZeros(100, length);
    }
    byte[] after = Files.readAllBytes(path);
    assertEquals(ones.length, after.length);
    for (int i = 0; i < after.length; i++) {
      assertEquals(i >= 100 && i < 100 + length ? 0 : 1, after[i], "byte " + i);
    }
  }

  @Test
  void anExtensionThatCannotBeUndoneIsAnIoErrorKeepingTheRefusedGrowBesideTheRefusedShrink() {
    Path path = dir.resolve("stuck.bin");
    FaultyIo io = new FaultyIo();
    try (FileMemory memory = FileMemory.open(path, 10, FileMemory.CHUNK_SHIFT, io)) {
      memory.grow(2);
      // Growing works at the file level, then the mapping and the shrink back are refused.
      io.mapsLeft = 0;
      io.minLength = 3L * PAGE;
      MemoryIoException e = assertThrows(MemoryIoException.class, () -> memory.grow(1));
      assertTrue(e.getMessage().contains("could not be shrunk back to"), e.getMessage());
      assertTrue(e.getCause().getMessage().contains("refused length"), e.getCause().toString());
      Throwable[] suppressed = e.getCause().getSuppressed();
      assertEquals(1, suppressed.length, "the grow's own failure is kept");
      assertEquals("injected: map failed", suppressed[0].getMessage());
      assertEquals(2, memory.size());
      memory.writeLongLE(2L * PAGE - 8, 3);
      assertEquals(3, memory.readLongLE(2L * PAGE - 8));
    }
  }

  @Test
  void aFailedOpenClosesTheJournalAndReleasesTheImage() throws IOException {
    // After a refusal (a runtime exception), after a failed image mapping and after a failed
    // journal open (I/O errors): no descriptor stays open on the journal, and the image opens.
    Path odd = dir.resolve("odd-length.bin");
    Files.write(odd, new byte[PAGE + 1]);
    assertThrows(IncompatibleLayoutException.class, () -> FileMemory.open(odd));
    assertEquals(0, FaultyIo.descriptorsOn(FileMemoryRecoveryTest.journalOf(odd)));

    Path path = dir.resolve("unmappable.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      memory.writeLongLE(0, 6);
    }
    Path journal = FileMemoryRecoveryTest.journalOf(path);
    FaultyIo io = new FaultyIo();
    io.mapsLeft = 0;
    MemoryIoException e =
        assertThrows(
            MemoryIoException.class, () -> FileMemory.open(path, 10, FileMemory.CHUNK_SHIFT, io));
    assertTrue(e.getMessage().contains("injected: map failed"), e.getMessage());
    assertEquals(0, FaultyIo.descriptorsOn(journal), "the journal was closed");
    assertEquals(0, FaultyIo.descriptorsOn(path), "the image was closed");

    FaultyIo noJournal = new FaultyIo();
    noJournal.journalOpenFails = true;
    e =
        assertThrows(
            MemoryIoException.class,
            () -> FileMemory.open(path, 10, FileMemory.CHUNK_SHIFT, noJournal));
    assertTrue(e.getMessage().contains("injected: journal open refused"), e.getMessage());
    assertEquals(0, FaultyIo.descriptorsOn(journal), "the journal was closed");
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(6, memory.readLongLE(0), "the image was released");
    }
  }

  @Test
  void theLargestChunkShiftOpensGrowsAndReopens() throws IOException {
    Path path = dir.resolve("one-gib-chunks.bin");
    try (FileMemory memory = FileMemory.open(path, 4, FileMemory.MAX_CHUNK_SHIFT, FileIo.SYSTEM)) {
      try (Journal.Step step = memory.journal().step()) {
        assertEquals(0, memory.grow(3));
        memory.writeLongLE(3L * PAGE - 8, 8);
        step.commit();
      }
      assertEquals(3L * PAGE, Files.size(path));
    }
    try (FileMemory memory = FileMemory.open(path, 4, FileMemory.MAX_CHUNK_SHIFT, FileIo.SYSTEM)) {
      assertEquals(3, memory.size());
      assertEquals(8, memory.readLongLE(3L * PAGE - 8));
    }
  }

  @Test
  void closingMakesEveryAccessAnIllegalState() throws IOException {
    Path path = dir.resolve("closed.bin");
    FileMemory memory = FileMemory.open(path);
    memory.grow(1);
    memory.writeLongLE(0, 42);
    memory.close();
    assertFalse(memory.isOpen());
    assertEquals("FileMemory[" + path + ", closed]", memory.toString());
    memory.close(); // again: nothing happens
    Executable[] accesses = {
      memory::size,
      memory::sizeInBytes,
      () -> memory.grow(0),
      () -> memory.grow(1),
      () -> memory.readByte(0),
      () -> memory.writeByte(0, (byte) 1),
      () -> memory.readShortLE(0),
      () -> memory.writeShortLE(0, 1),
      () -> memory.readIntLE(0),
      () -> memory.writeIntLE(0, 1),
      () -> memory.readIntBE(0),
      () -> memory.writeIntBE(0, 1),
      () -> memory.readLongLE(0),
      () -> memory.writeLongLE(0, 1),
      () -> memory.readLongBE(0),
      () -> memory.writeLongBE(0, 1),
      () -> memory.read(0, new byte[0]),
      () -> memory.read(0, new byte[8]),
      () -> memory.write(0, new byte[8]),
      () -> memory.readBytes(0, 8),
      memory::flush,
    };
    for (Executable access : accesses) {
      IllegalStateException e = assertThrows(IllegalStateException.class, access);
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
    assertEquals(PAGE, Files.size(path));
    try (FileMemory reopened = FileMemory.open(path)) {
      assertEquals(42, reopened.readLongLE(0));
    }
  }

  @Test
  void closingReleasesTheDescriptorsOfTheImageAndTheJournal() throws IOException {
    Path path = dir.resolve("descriptors.bin");
    Path journal = FileMemoryRecoveryTest.journalOf(path);
    FileMemory memory = FileMemory.open(path);
    memory.grow(1);
    memory.writeLongLE(0, 1);
    assertTrue(FaultyIo.descriptorsOn(journal) > 0, "open: the journal is held");
    memory.close();
    assertEquals(0, FaultyIo.descriptorsOn(path), "the image");
    assertEquals(0, FaultyIo.descriptorsOn(journal), "the journal");
  }

  @Test
  void aSecondOpenInThisJvmIsLockedOutUnderAnyName() throws IOException {
    Path path = dir.resolve("twice.bin");
    Path link = Files.createSymbolicLink(dir.resolve("link.bin"), path.getFileName());
    Files.createDirectories(dir.resolve("sub"));
    Path roundabout = dir.resolve("sub").resolve("..").resolve("twice.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      for (Path name : new Path[] {path, link, roundabout}) {
        MemoryLockedException e =
            assertThrows(MemoryLockedException.class, () -> FileMemory.open(name));
        assertEquals("memory file " + name + " is already open in this JVM", e.getMessage());
      }
      memory.writeLongLE(0, 5); // the holder is unaffected
      assertEquals(5, memory.readLongLE(0));
    }
    try (FileMemory memory = FileMemory.open(link)) {
      assertEquals(5, memory.readLongLE(0));
    }
  }

  @Test
  void aHardLinkToAnOpenImageIsTheSameFile() throws IOException {
    // Its own real path, but the same device and inode: the identity is the file, not the name.
    Path path = dir.resolve("linked.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      Path hard = Files.createLink(dir.resolve("hard.bin"), path);
      MemoryLockedException e =
          assertThrows(MemoryLockedException.class, () -> FileMemory.open(hard));
      assertEquals("memory file " + hard + " is already open in this JVM", e.getMessage());
    }
  }

  @Test
  void aRefusedSecondOpenInThisJvmLeavesNoDescriptorBehind() throws IOException {
    Path path = dir.resolve("held-once.bin");
    Path link = Files.createSymbolicLink(dir.resolve("held-link.bin"), path.getFileName());
    FileMemory memory = FileMemory.open(path);
    long held = FaultyIo.descriptorsOn(path);
    // Refused before a descriptor is opened: a refusal after it (LockedFile.open's later check)
    // would keep that descriptor open until the holder's close.
    assertThrows(MemoryLockedException.class, () -> FileMemory.open(link));
    assertEquals(held, FaultyIo.descriptorsOn(path), "the refusal opened nothing");
    memory.close();
    assertEquals(0, FaultyIo.descriptorsOn(path));
  }

  @Test
  void argumentsAndMissingDirectoriesAreReported() {
    Path path = dir.resolve("args.bin");
    assertThrows(IllegalArgumentException.class, () -> FileMemory.open(path, -1));
    assertThrows(
        IllegalArgumentException.class, () -> FileMemory.open(path, FileMemory.MAX_PAGES + 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> FileMemory.open(path, 1, FileMemory.MIN_CHUNK_SHIFT - 1, FileIo.SYSTEM));
    assertThrows(
        IllegalArgumentException.class,
        () -> FileMemory.open(path, 1, FileMemory.MAX_CHUNK_SHIFT + 1, FileIo.SYSTEM));
    assertThrows(NullPointerException.class, () -> FileMemory.open(null));
    assertFalse(Files.exists(path));
    Path missing = dir.resolve("no-such-dir").resolve("m.bin");
    MemoryIoException e = assertThrows(MemoryIoException.class, () -> FileMemory.open(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertThrows(MemoryIoException.class, () -> FileMemory.open(dir));
  }

  @Test
  void aBadSourceRangeWritesNothingInAnyChunk() {
    Path path = dir.resolve("src.bin");
    try (FileMemory memory = FileMemory.open(path, 2, FileMemory.MIN_CHUNK_SHIFT, FileIo.SYSTEM)) {
      memory.grow(1);
      byte[] src = new byte[100];
      Arrays.fill(src, (byte) 1);
      assertThrows(IndexOutOfBoundsException.class, () -> memory.write(4096 - 10, src, 90, 20));
      assertArrayEquals(new byte[PAGE], Memories.toByteArray(memory));
    }
  }
}
