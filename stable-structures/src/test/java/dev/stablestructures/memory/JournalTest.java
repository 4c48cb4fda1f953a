package dev.stablestructures.memory;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Journal} contract on every root memory and on a {@link JournaledMemory}. */
class JournalTest {
  @Nested
  class OnHeapMemory extends JournalContractTest {
    @Override
    Memory create(long maxPages) {
      return new HeapMemory(maxPages);
    }
  }

  @Nested
  class OnJournaledMemory extends JournalContractTest {
    @Override
    Memory create(long maxPages) {
      return new JournaledMemory(new MinimalMemoryContractTest.MinimalMemory(maxPages));
    }
  }

  @Nested
  class OnFileMemory extends JournalContractTest {
    @TempDir Path dir;
    private int files;

    @Override
    Memory create(long maxPages) {
      return track(
          FileMemory.open(dir.resolve("memory" + files++ + ".bin"), maxPages, 16, FileIo.SYSTEM));
    }
  }
}
