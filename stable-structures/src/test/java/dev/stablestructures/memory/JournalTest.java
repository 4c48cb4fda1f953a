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

  @Nested
  class OnFileMemoryWithSmallChunks extends JournalContractTest {
    @TempDir Path dir;
    private int files;

    @Override
    Memory create(long maxPages) {
      return track(
          FileMemory.open(
              dir.resolve("memory" + files++ + ".bin"),
              maxPages,
              FileMemory.MIN_CHUNK_SHIFT,
              FileIo.SYSTEM));
    }
  }

  /** Power-loss mode with an overlay of 3 pages, so that most transactions spill. */
  @Nested
  class OnFileMemoryPowerLoss extends JournalContractTest {
    @TempDir Path dir;
    private int files;

    @Override
    Memory create(long maxPages) {
      FileMemoryOptions options =
          FileMemoryOptions.defaults().maxPages(maxPages).durability(Durability.POWER_LOSS);
      return track(
          FileMemory.open(
              dir.resolve("memory" + files++ + ".bin"),
              options,
              FileMemoryTuning.DEFAULT.overlayPages(overlayPages()),
              FileMemory.MIN_CHUNK_SHIFT,
              new NoSyncIo()));
    }

    @Override
    int overlayPages() {
      return 3;
    }
  }

  /** Power-loss mode with the default overlay: every transaction fits, none spills early. */
  @Nested
  class OnFileMemoryPowerLossUnspilled extends JournalContractTest {
    @TempDir Path dir;
    private int files;

    @Override
    Memory create(long maxPages) {
      FileMemoryOptions options =
          FileMemoryOptions.defaults().maxPages(maxPages).durability(Durability.POWER_LOSS);
      return track(
          FileMemory.open(dir.resolve("memory" + files++ + ".bin"), options, 16, new NoSyncIo()));
    }

    @Override
    int overlayPages() {
      return FileMemoryTuning.DEFAULT_OVERLAY_PAGES;
    }
  }
}
