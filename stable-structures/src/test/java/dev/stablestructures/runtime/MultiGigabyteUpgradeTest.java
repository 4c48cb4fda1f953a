package dev.stablestructures.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade over a 4 GiB image (a sparse file) costs what the pages it touches cost, and a trap in
 * it puts back exactly those pages: the "holds for multi-GB images, costs what the touched
 * pages cost". The journal never outgrows its first megabyte, and the trapped upgrade's report
 * counts only the pages it dirtied.
 */
class MultiGigabyteUpgradeTest {
  private static final int DATA = 3;
  private static final long PAGES = 65_536; // 4 GiB
  private static final long SIZE = PAGES * 65_536;
  private static final long[] SPOTS = {0, SIZE / 4 + 12, SIZE / 2 + 40, 3 * (SIZE / 4), SIZE - 8};

  @TempDir Path dir;

  private static void writeSpots(CanisterContext ctx, long base) {
    Memory data = ctx.memory(DATA);
    for (int i = 0; i < SPOTS.length; i++) {
      data.writeLongLE(SPOTS[i], base + i);
    }
  }

  private static CanisterCode writingCode(String name, long base, boolean trap) {
    return CanisterCode.fromFactory(
        name,
        () -> {
          TestCanister c = new TestCanister();
          c.onPostUpgrade =
              (ctx, arg) -> {
                writeSpots(ctx, base);
                if (trap) {
                  throw new IllegalStateException("boom after writing across 4 GiB");
                }
              };
          return c;
        });
  }

  private long[] spotsOnDisk(Path image) {
    try (FileMemory file = FileMemory.open(image)) {
      Memory data = MemoryManager.load(file).get(DATA);
      assertEquals(PAGES, data.size(), "the data memory keeps its 4 GiB");
      long[] values = new long[SPOTS.length];
      for (int i = 0; i < SPOTS.length; i++) {
        values[i] = data.readLongLE(SPOTS[i]);
      }
      return values;
    }
  }

  @Test
  void aTrappedUpgradeOfAFourGigabyteImagePutsBackOnlyWhatItTouched() throws IOException {
    Path image = dir.resolve("stable_memory.bin");
    Path journal = dir.resolve("stable_memory.bin" + FileMemory.JOURNAL_SUFFIX);
    try (Host host = Host.open(image)) {
      TestCanister v1 = new TestCanister();
      v1.onInit =
          (ctx, arg) -> {
            ctx.memory(DATA).grow(PAGES);
            writeSpots(ctx, 100);
          };
      host.install(CanisterCode.fromFactory("v1", () -> v1), null);

      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.upgrade(writingCode("v2", 200, true), null, UpgradeOptions.DEFAULT));
      assertTrue(
          trap.report().dirtyPages() <= 2 * SPOTS.length + 4,
          "a trapped upgrade is charged the pages it touched: " + trap.report());
      assertEquals("v1", host.status().codeName(), "the old code stays installed");
      assertTrue(
          Files.size(journal) <= 1 << 20,
          "the journal stays at its first megabyte: " + Files.size(journal));

      CallResult done = host.upgrade(writingCode("v3", 300, false), null, UpgradeOptions.DEFAULT);
      assertTrue(done.report().dirtyPages() <= 2 * SPOTS.length + 4, done.report().toString());
    }
    assertTrue(Files.size(image) > 4L << 30, "the image is over 4 GiB: " + Files.size(image));
    assertEquals(300, spotsOnDisk(image)[0]);
    assertEquals(304, spotsOnDisk(image)[4]);
  }

  @Test
  void theTrappedUpgradeLeftEverySpotAsTheInstallWroteIt() throws IOException {
    Path image = dir.resolve("stable_memory.bin");
    try (Host host = Host.open(image)) {
      TestCanister v1 = new TestCanister();
      v1.onInit =
          (ctx, arg) -> {
            ctx.memory(DATA).grow(PAGES);
            writeSpots(ctx, 100);
          };
      host.install(CanisterCode.fromFactory("v1", () -> v1), null);
      assertThrows(
          CanisterTrapException.class,
          () -> host.upgrade(writingCode("v2", 200, true), null, UpgradeOptions.DEFAULT));
    }
    long[] values = spotsOnDisk(image);
    for (int i = 0; i < SPOTS.length; i++) {
      assertEquals(100 + i, values[i], "spot " + i + " at " + SPOTS[i]);
    }
  }
}
