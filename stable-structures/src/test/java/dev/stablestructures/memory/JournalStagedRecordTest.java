package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways an old-bytes record is written ({@link JournalStorage#appendOld}): staged in an
 * array and put with one copy when it is small and lies in one chunk of the journal, else in place
 * through the buffers. Both must write the same record: the same bytes, and in a file the checksum
 * recovery checks.
 */
class JournalStagedRecordTest {
  @TempDir Path dir;

  @Test
  void aStagedRecordHasTheBytesOfOneWrittenInPlace() {
    HeapMemory memory = new HeapMemory();
    memory.grow(1);
    memory.write(0, FileMemoryRecoveryTest.random(8192, 3));
    JournalTarget target = memory.journalTarget();
    HeapJournalStorage staged = new HeapJournalStorage();
    HeapJournalStorage inPlace = new HeapJournalStorage();
    int[] lengths = {1, 7, 8, 64, 192, JournalStorage.STAGED_MAX, JournalStorage.STAGED_MAX + 1};
    long offset = 5;
    for (int length : lengths) {
      staged.appendOld(target, offset, length);
      long at = inPlace.append(JournalLayout.OLD_BYTES, offset, length);
      target.saveOld(offset, length, inPlace, at);
      inPlace.finish();
      offset += 3L * length + 1;
    }
    assertEquals(lengths.length, staged.count());
    assertEquals(inPlace.count(), staged.count());
    assertEquals(inPlace.dataBytes(), staged.dataBytes());
    assertEquals(inPlace.last(), staged.last());
    int end = (int) (inPlace.last() + JournalLayout.RECORD_HEADER + lengths[lengths.length - 1]);
    byte[] a = new byte[end];
    byte[] b = new byte[end];
    staged.get(0, a, 0, end);
    inPlace.get(0, b, 0, end);
    assertArrayEquals(b, a);
  }

  @Test
  void recordsOfEverySizeAcrossJournalChunkBoundariesRecoverAfterACrash() throws IOException {
    Path path = dir.resolve("image.bin");
    int p = Memory.PAGE_SIZE;
    byte[] content = FileMemoryRecoveryTest.random(4 * p, 1);
    Path crash;
    try (FileMemory memory = FileMemory.open(path, 64, FileMemory.MIN_CHUNK_SHIFT, FileIo.SYSTEM)) {
      try (Journal.Step step = memory.journal().step()) {
        memory.grow(4);
        memory.write(0, content);
        step.commit();
      }
      Journal.Step open = memory.journal().step();
      TestRandom r = new TestRandom(9);
      // Runs of 1 to 12 blocks: staged up to STAGED_MAX bytes, in place past it, and some of
      // either kind straddle the journal's 4 KiB chunks as the records pile up.
      for (int i = 0; i < 400; i++) {
        int blocks = 1 + (int) r.nextBelow(12);
        long at = r.nextBelow(4L * p - (long) blocks * Journal.BLOCK_SIZE);
        memory.write(at, FileMemoryRecoveryTest.random(blocks * Journal.BLOCK_SIZE, i));
      }
      assertTrue(memory.journal().recordCount() > 100, "the writes left many records");
      crash = FileMemoryRecoveryTest.snapshot(path, dir.resolve("crash"));
      open.close();
    }
    try (FileMemory recovered = FileMemory.open(crash)) {
      assertArrayEquals(content, Memories.toByteArray(recovered));
    }
  }
}
