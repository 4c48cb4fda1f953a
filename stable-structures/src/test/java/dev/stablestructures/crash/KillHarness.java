package dev.stablestructures.crash;

import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.testing.TestRandom;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parent side of the kill test. It runs chains: a chain is one fresh file and one seed, on
 * which children are started, killed and judged one after another, up to {@code killsPerChain}
 * times. For each child:
 *
 * <ol>
 *   <li>start a {@link KillChild} at op {@code next} and wait for {@code ready};
 *   <li>sleep a random delay, then SIGKILL it; its last {@code committed i} line gives {@code i};
 *   <li>advance the {@link Model} to op {@code i} and reopen the file (the library's recovery, once
 *       it has one, runs here); if the file holds that state, the next child starts at {@code i +
 *       1}; otherwise advance the model to op {@code i + 1} and compare again: the kill may have
 *       come after the op's commit but before its line was written; then the next child starts at
 *       {@code i + 2};
 *   <li>if the file holds neither state it is a mismatch: it is counted with what differed, and the
 *       chain ends, since no state is left to continue from.
 *   <li>if a child ends by itself before its kill, the file the last kill left was damaged in a way
 *       the checks did not see (a structure's {@code verify()} should): that is counted as a
 *       mismatch too, and the chain ends.
 * </ol>
 *
 * <p>So the resume point is recomputed by the parent, from the state it found; the file itself
 * stores no op counter, and the child is told where to continue. The children and the model share
 * nothing but that index.
 *
 * <p>A mismatch is also compared with the next {@value #LOOK_AHEAD} states: a match there would
 * mean the child performed ops it never reported, a fault of the harness rather than of the
 * library, and the mismatch says so. With {@link KillPlan#betweenOps()} the kill comes only once
 * the child is idle, so the control run checks the harness itself: model, resume point and checks
 * must agree on every file even while the library is not crash safe.
 */
final class KillHarness {
  /** How many ops past the one in flight a mismatch is compared with, to name the cause. */
  static final int LOOK_AHEAD = 300;

  private final Path dir;
  private final KillPlan plan;
  private final TestRandom random;
  private final KillStats stats = new KillStats();
  private int chains;

  /**
   * Sets a harness up.
   *
   * @param dir where the chains' files go
   * @param plan how children are killed
   * @param seed the seed of the chains' seeds, of the delays and of the control run's op counts
   */
  KillHarness(Path dir, KillPlan plan, long seed) {
    this.dir = dir;
    this.plan = plan;
    this.random = new TestRandom(seed);
  }

  /**
   * Runs chains until {@code kills} kills have been judged.
   *
   * @param kills how many kill points
   * @return the tally
   * @throws IOException if a child cannot be started or a file removed
   * @throws InterruptedException if interrupted
   */
  KillStats run(int kills) throws IOException, InterruptedException {
    while (stats.kills() < kills) {
      // A chain ends early at a mismatch; the next one starts on a fresh file.
      runChain(kills);
    }
    return stats;
  }

  private void runChain(int target) throws IOException, InterruptedException {
    int chain = chains++;
    long seed = random.next();
    Path file = dir.resolve("chain-" + chain + ".bin");
    Model model = new Model(new Workload(seed, plan.mode()));
    long next = 0;
    for (int kill = 0; kill < plan.killsPerChain() && stats.kills() < target; kill++) {
      long committed;
      try {
        committed = runChild(file, seed, next);
      } catch (ChildFailedException e) {
        stats.childFailed(
            "chain " + chain + " (seed " + seed + ") child " + kill + ", from op " + next, e);
        break;
      }
      stats.committedOps(committed - next + 1);
      model.advanceTo(committed);
      Findings atCommitted = judge(file, model);
      if (atCommitted.isEmpty()) {
        stats.matchedCommitted();
        next = committed + 1;
        continue;
      }
      model.advanceTo(committed + 1);
      Findings atInFlight = judge(file, model);
      if (atInFlight.isEmpty()) {
        stats.matchedInFlight();
        next = committed + 2;
        continue;
      }
      String where =
          "chain "
              + chain
              + " (seed "
              + seed
              + ") kill "
              + kill
              + ", last committed op "
              + committed
              + laterMatch(file, model, committed);
      stats.mismatch(
          where, atInFlight.list().size() <= atCommitted.list().size() ? atInFlight : atCommitted);
      break;
    }
    deleteChainFiles(file);
  }

  /** Deletes the image and anything beside it named after it (a journal), to keep disk use low. */
  private void deleteChainFiles(Path file) throws IOException {
    String name = file.getFileName().toString();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + "*")) {
      for (Path f : files) {
        Files.delete(f);
      }
    }
  }

  /** Runs one child from op {@code next} and kills it; returns the last op it reported. */
  private long runChild(Path file, long seed, long next)
      throws IOException, InterruptedException, ChildFailedException {
    long last = plan.betweenOps() ? next + random.nextBelow(KillPlan.CONTROL_OPS) : Long.MAX_VALUE;
    ChildRun child = ChildRun.start(file, seed, plan.mode(), next, last);
    child.awaitReady();
    if (plan.betweenOps()) {
      child.awaitIdle();
    } else {
      int spread = plan.maxDelayMillis() - plan.minDelayMillis();
      Thread.sleep(plan.minDelayMillis() + random.nextBelow(spread + 1L));
    }
    return child.kill();
  }

  /**
   * Looks for the file's state among the next {@link #LOOK_AHEAD} ops: a match there means the
   * child did ops it never reported (a harness fault, not a recovery fault), so it is named.
   */
  private static String laterMatch(Path file, Model model, long committed) {
    for (long op = committed + 2; op <= committed + LOOK_AHEAD; op++) {
      model.advanceTo(op);
      if (judge(file, model).isEmpty()) {
        return " (the file holds the state of op " + op + ": unreported ops)";
      }
    }
    return "";
  }

  private static Findings judge(Path file, Model model) {
    FileMemory memory;
    try {
      memory = FileMemory.open(file);
    } catch (RuntimeException e) {
      // Opening is where recovery runs: a refusal to open is a finding about the file, too.
      Findings findings = new Findings();
      findings.add("file", "open threw " + e.getClass().getSimpleName(), e.getMessage());
      return findings;
    }
    try (memory) {
      return StateCheck.check(memory, model);
    }
  }
}
