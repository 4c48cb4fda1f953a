package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.testing.ChildJvm;
import dev.stablestructures.testing.TestRandom;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real process death: a child JVM runs {@link FileMemoryKillWorkload} on a file memory and is
 * killed with SIGKILL at a random moment; the file, reopened here, must hold exactly the last state
 * the child reported committed, or the next one (its commit completed, its report did not). CI
 * kills 3 times; {@code -Dstable.test.scale=full} 25 times. At least one kill must land inside a
 * transaction (the journal holds records): on a loaded machine the child can spend whole kills
 * blocked on its report pipe, between transactions, so up to {@value #EXTRA_KILLS} more kills are
 * made until one does.
 */
class FileMemoryKillTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  /** Kills beyond the planned ones, made only while none has landed inside a transaction. */
  static final int EXTRA_KILLS = 12;

  @TempDir Path dir;

  @Test
  void aKilledProcessLeavesTheLastCommittedState() throws Exception {
    int kills = FULL ? 25 : 3;
    TestRandom timing = new TestRandom(99);
    int hotKills = 0;
    int made = 0;
    for (int k = 0; k < kills || (hotKills == 0 && k < kills + EXTRA_KILLS); k++) {
      made++;
      long seed = 1000L + k;
      Path path = dir.resolve("killed-" + k + ".bin");
      Process child =
          ChildJvm.start(FileMemoryKillWorkload.class, "64m", path.toString(), "" + seed);
      AtomicLong last = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                      last.set(Long.parseLong(line.substring("committed ".length())));
                    } else {
                      System.out.println("child: " + line);
                    }
                  }
                } catch (IOException e) {
                  // The child died.
                }
              });
      reader.start();
      while (last.get() < 20 && child.isAlive()) {
        Thread.sleep(5);
      }
      Thread.sleep(50 + timing.nextBelow(400));
      // SIGKILL at a moment the child does not choose. Through the handle: Process.destroyForcibly
      // also closes our end of the child's stdout, losing "committed" lines still in the pipe.
      child.toHandle().destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
      reader.join();
      long reported = last.get();
      assertTrue(reported >= 20, "the child stopped at " + reported);
      long hot = FileMemoryRecoveryTest.recordCount(FileMemoryRecoveryTest.journalOf(path));
      if (hot > 0) {
        hotKills++;
      }
      byte[] recovered;
      try (FileMemory memory = FileMemory.open(path, FileMemoryKillWorkload.MAX_PAGES)) {
        recovered = Memories.toByteArray(memory);
      }
      // Replay the workload: the state after `reported` commits, or after one more.
      HeapMemory replay = new HeapMemory();
      JournalModel model = new JournalModel();
      TestRandom r = new TestRandom(seed);
      for (long n = 0; n < reported; n++) {
        FileMemoryKillWorkload.transaction(replay, model, r);
      }
      byte[] committed = model.bytes.clone();
      FileMemoryKillWorkload.transaction(replay, model, r);
      byte[] next = model.bytes;
      boolean isCommitted = Arrays.equals(recovered, committed);
      boolean isNext = Arrays.equals(recovered, next);
      assertTrue(
          isCommitted || isNext,
          "kill "
              + k
              + " after "
              + reported
              + " commits: the file holds neither state ("
              + recovered.length
              + " bytes, expected "
              + committed.length
              + " or "
              + next.length
              + ")");
      assertEquals(committed.length % Memory.PAGE_SIZE, 0);
    }
    System.out.println(made + " kills, " + hotKills + " in the middle of a transaction");
    assertTrue(hotKills > 0, "no kill landed inside a transaction");
  }
}
