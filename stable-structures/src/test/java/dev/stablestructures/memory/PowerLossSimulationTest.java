package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The power-loss simulation: a {@link Durability#POWER_LOSS} memory runs random transactions
 * (writes of every kind, grows, nested steps rolled back or kept, whole transactions rolled back,
 * an overlay small enough to spill) over a {@link SimulatedDisk}; at every file operation and
 * between writes, crash states are drawn (everything synced, plus a random version of each unsynced
 * sector or page), recovered by opening them, and compared with the committed states: the last
 * commit, or the one in flight. With the syncs dropped, the same test must find a state that is
 * none of them, which shows that it can fail.
 *
 * <p>CI: one seed per unit size, 25 transactions, 2 crash states per point (several thousand
 * recoveries in seconds). {@code -Dstable.test.scale=full}: 6 seeds, 120 transactions, 6 states.
 */
class PowerLossSimulationTest {
  static final int P = Memory.PAGE_SIZE;
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final String IMAGE = "stable_memory.bin";
  static final String JOURNAL = IMAGE + FileMemory.JOURNAL_SUFFIX;
  static final int MAX_PAGES = 6;
  static final int CAPACITY = 4 << 20;

  /** Room for a recovered journal (its first length) and image. */
  static final int CHECK_CAPACITY = (int) FileJournalStorage.INITIAL_LENGTH;

  @TempDir Path dir;

  /** A committed state: its bytes (zero pages may follow) and the length a recovery must keep. */
  static final class State {
    private final byte[] bytes;
    private final long requiredLength;

    State(byte[] bytes, long requiredLength) {
      this.bytes = bytes;
      this.requiredLength = requiredLength;
    }

    byte[] bytes() {
      return bytes;
    }

    long requiredLength() {
      return requiredLength;
    }
  }

  /** What a run found. */
  record Outcome(int points, int states, int failures, String firstFailure) {}

  /** A small overlay bound, so that spills happen in small transactions. */
  private static final FileMemoryTuning SMALL_OVERLAY = FileMemoryTuning.DEFAULT.overlayPages(4);

  private static FileMemoryOptions options(Durability durability) {
    return FileMemoryOptions.defaults().maxPages(MAX_PAGES).durability(durability);
  }

  @Test
  void everyCrashStateOfSectorsRecoversToACommittedState() throws IOException {
    for (long seed : seeds()) {
      Outcome o = run(seed, 512, false, null);
      assertEquals(0, o.failures(), "seed " + seed + ": " + o.firstFailure());
      assertTrue(o.states() > 500, "too few crash states: " + o.states());
    }
  }

  @Test
  void everyCrashStateOfPagesRecoversToACommittedState() throws IOException {
    for (long seed : seeds()) {
      Outcome o = run(seed + 100, 4096, false, null);
      assertEquals(0, o.failures(), "seed " + seed + ": " + o.firstFailure());
      assertTrue(o.states() > 500, "too few crash states: " + o.states());
    }
  }

  @Test
  void inProcessDeathModeEveryKillBetweenWritesRecoversToACommittedState() throws IOException {
    for (long seed : seeds()) {
      Outcome o = run(seed + 200, 512, false, null, Durability.PROCESS_DEATH);
      assertEquals(0, o.failures(), "seed " + seed + ": " + o.firstFailure());
      assertTrue(o.states() > 100, "too few kill states: " + o.states());
    }
  }

  @Test
  void withoutTheSyncsTheSameTestFindsABadState() throws IOException {
    Outcome sectors = run(7, 512, true, null);
    assertTrue(sectors.failures() > 0, "no bad state found in " + sectors.states() + " states");
    Outcome pages = run(8, 4096, true, null);
    assertTrue(pages.failures() > 0, "no bad state found in " + pages.states() + " states");
  }

  @Test
  void withoutTheJournalsSyncsOrTheImagesAloneItFindsABadStateToo() throws IOException {
    // Each sync is needed: without the journal's, image pages can reach the disk before the
    // records that undo them; without the image's, the clean mark can reach it before the pages.
    Outcome journal = run(9, 4096, true, JOURNAL);
    assertTrue(journal.failures() > 0, "no bad state found in " + journal.states() + " states");
    Outcome image = run(10, 4096, true, IMAGE);
    assertTrue(image.failures() > 0, "no bad state found in " + image.states() + " states");
  }

  private static long[] seeds() {
    return FULL ? new long[] {1, 2, 3, 4, 5, 6} : new long[] {1};
  }

  private Outcome run(long seed, int unit, boolean dropSyncs, String dropOnly) throws IOException {
    return run(seed, unit, dropSyncs, dropOnly, Durability.POWER_LOSS);
  }

  private Outcome run(
      long seed, int unit, boolean dropSyncs, String dropOnly, Durability durability)
      throws IOException {
    boolean kill = durability == Durability.PROCESS_DEATH;
    // The runs without syncs only have to find one bad state: they stay small.
    int transactions = FULL && !dropSyncs ? 120 : 25;
    int perPoint = FULL && !dropSyncs ? 6 : 2;
    SimulatedDisk disk = new SimulatedDisk(unit, CAPACITY);
    disk.dropSyncs = dropSyncs;
    disk.dropOnly = dropOnly;
    TestRandom r = new TestRandom(seed);
    TestRandom crashes = new TestRandom(seed * 31 + 7);
    Path home = dir.resolve("run-" + seed + "-" + unit);
    Files.createDirectories(home);
    Path check = dir.resolve("check-" + seed + "-" + unit);
    Files.createDirectories(check);
    List<State> acceptable = new ArrayList<>();
    acceptable.add(new State(new byte[0], 0));
    int[] counts = new int[2];
    String[] first = new String[1];
    disk.listener =
        () -> {
          for (int i = 0; i < (kill ? 1 : perPoint); i++) {
            Map<String, byte[]> state = kill ? disk.killState() : disk.crashState(crashes);
            String problem = recover(state, check, unit, acceptable, durability);
            counts[0]++;
            if (problem != null) {
              counts[1]++;
              if (first[0] == null) {
                first[0] = "at point " + disk.points + ": " + problem;
              }
            }
          }
        };
    try (FileMemory memory =
        FileMemory.open(home.resolve(IMAGE), options(durability), SMALL_OVERLAY, 16, disk)) {
      JournalModel model = new JournalModel();
      for (int t = 0; t < transactions; t++) {
        State before = acceptable.get(acceptable.size() - 1);
        Deque<Journal.Step> steps = new ArrayDeque<>();
        Deque<JournalModel> saved = new ArrayDeque<>();
        steps.push(memory.journal().step());
        saved.push(model.copy());
        int ops = 1 + (int) r.nextBelow(25);
        for (int i = 0; i < ops; i++) {
          int action = (int) r.nextBelow(14);
          if (action == 0 && memory.size() < MAX_PAGES) {
            long pages = 1 + r.nextBelow(Math.min(2, MAX_PAGES - memory.size()));
            memory.grow(pages);
            model.grow(pages);
          } else if (action == 1 && steps.size() < 4) {
            steps.push(memory.journal().step());
            saved.push(model.copy());
          } else if (action == 2 && steps.size() > 1) {
            steps.pop().commit();
            saved.pop();
          } else if (action == 3 && steps.size() > 1) {
            steps.pop().close();
            model.rollBackTo(saved.pop());
          } else {
            JournalModel.randomWrite(r, memory, model, 2 * P);
          }
          disk.point();
        }
        while (steps.size() > 1) {
          steps.pop().commit();
          saved.pop();
        }
        Journal.Step top = steps.pop();
        if (r.nextBelow(6) == 0) {
          top.close();
          model.rollBackTo(saved.pop());
          // Same content; the grown pages may or may not be on disk.
          acceptable.set(
              acceptable.size() - 1, new State(model.bytes.clone(), before.requiredLength()));
        } else {
          State next = new State(model.bytes.clone(), model.bytes.length);
          acceptable.add(next); // during the commit, either state is right
          top.commit();
          acceptable.remove(acceptable.size() - 2);
        }
        disk.point();
        assertEquals(model.bytes.length, memory.sizeInBytes());
        assertTrue(
            Arrays.equals(model.bytes, Memories.toByteArray(memory)), "the live memory, tx " + t);
      }
    }
    System.out.printf(
        "power-loss simulation seed %d, %d-byte units%s: %d points, %d crash states, %d bad%n",
        seed,
        unit,
        kill
            ? ", process death"
            : dropSyncs ? ", syncs dropped" + (dropOnly == null ? "" : " for " + dropOnly) : "",
        disk.points,
        counts[0],
        counts[1]);
    return new Outcome(disk.points, counts[0], counts[1], first[0]);
  }

  /** Opens a crash state and returns why it is no acceptable state, or null. */
  private static String recover(
      Map<String, byte[]> state,
      Path check,
      int unit,
      List<State> acceptable,
      Durability durability) {
    byte[] image = state.getOrDefault(IMAGE, new byte[0]);
    byte[] journal = state.getOrDefault(JOURNAL, new byte[0]);
    SimulatedDisk crashed =
        SimulatedDisk.of(unit, CHECK_CAPACITY, Map.of(IMAGE, image, JOURNAL, journal));
    byte[] recovered;
    try (FileMemory memory =
        FileMemory.open(check.resolve(IMAGE), options(durability), SMALL_OVERLAY, 16, crashed)) {
      recovered = Memories.toByteArray(memory);
    } catch (RuntimeException e) {
      return "recovery failed: " + e;
    }
    for (State s : acceptable) {
      if (matches(recovered, s)) {
        return null;
      }
    }
    return "recovered "
        + recovered.length
        + " bytes matching none of "
        + acceptable.size()
        + " committed states (first difference with the last: "
        + Arrays.mismatch(recovered, acceptable.get(acceptable.size() - 1).bytes())
        + ")";
  }

  /** Equal once both are padded with zeros, and at least the committed length. */
  static boolean matches(byte[] recovered, State state) {
    if (recovered.length < state.requiredLength() || recovered.length % P != 0) {
      return false;
    }
    byte[] expected = state.bytes();
    int common = Math.min(recovered.length, expected.length);
    if (Arrays.mismatch(recovered, 0, common, expected, 0, common) >= 0) {
      return false;
    }
    return isZero(recovered, common) && isZero(expected, common);
  }

  private static boolean isZero(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
