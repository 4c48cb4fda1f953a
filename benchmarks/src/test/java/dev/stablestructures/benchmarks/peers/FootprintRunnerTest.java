package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The footprint runner measures every contender at a tiny size and writes JSON Gson reads back. */
class FootprintRunnerTest {
  @Test
  void everyContenderGetsTwoRowsWithBytes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sub/footprint.json");
    FootprintRunner.main(
        new String[] {"--entries", "3000", "--removes", "1500", "--out", out.toString()});
    FootprintRunner.Footprint[] rows =
        new Gson().fromJson(Files.readString(out), FootprintRunner.Footprint[].class);
    assertEquals(2 * Contender.values().length, rows.length);
    for (FootprintRunner.Footprint row : rows) {
      Contender c = Contender.valueOf(row.contender());
      assertEquals(row.phase().equals("inserted") ? 3000 : 1500, row.liveEntries(), row.toString());
      if (c.onHeap()) {
        assertEquals(0, row.fileBytes(), row.toString());
      } else {
        assertTrue(row.fileBytes() > 3000 * 16L / 2, row.toString());
        assertTrue(row.allocatedBytes() > 0, row.toString());
      }
      assertTrue(row.bytesPerEntry() > 0 || c.onHeap(), row.toString());
    }
    assertTrue(List.of(rows).stream().anyMatch(r -> r.heapBytes() > 0), "heap stores measured");
  }

  @Test
  void aHeapStoreMeasuredRightAfterAnotherIsNotCreditedWithTheOtherOnesRelease() throws Exception {
    int entries = 200_000;
    long alone =
        FootprintRunner.inOwnThread(Contender.STABLE_HEAP, Workload.U64, entries, 0)
            .get(0)
            .heapBytes();
    long next =
        FootprintRunner.inOwnThread(Contender.STABLE_HEAP_MM, Workload.U64, entries, 0)
            .get(0)
            .heapBytes();
    // The same tree on a heap memory, with or without a manager: about the same heap. Measured in
    // one thread, the second came out at 1.6 bytes per entry against 73.
    assertTrue(next > alone / 2, "after the other: " + next + " bytes, alone: " + alone);
  }
}
