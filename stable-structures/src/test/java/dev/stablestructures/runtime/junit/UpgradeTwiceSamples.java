package dev.stablestructures.runtime.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterCode;
import dev.stablestructures.runtime.EntryPoints;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Test classes that {@link UpgradeTwiceExtensionTest} runs through the JUnit engine and inspects.
 * Not named {@code *Test}, so the build's own test run does not pick them up (one of them fails on
 * purpose).
 */
final class UpgradeTwiceSamples {
  private UpgradeTwiceSamples() {}

  /** What the samples saw, per run: "RUN upgrades=N". */
  static final List<String> SEEN = new ArrayList<>();

  /** A counter in a stable cell: it survives upgrades. */
  static final class StableCounter implements Canister {
    @Override
    public void entryPoints(EntryPoints.Builder points) {
      points
          .updateText(
              "increment",
              (ctx, arg) -> {
                var cell = ctx.memories().cell("count", 0, Codecs.u64(), 0L);
                cell.set(cell.get() + 1);
                return Long.toString(cell.get());
              })
          .queryText(
              "get",
              (ctx, arg) -> Long.toString(ctx.memories().cell("count", 0, Codecs.u64(), 0L).get()));
    }
  }

  /** A counter in a heap field: an upgrade drops it, as the IC drops a canister's heap. */
  static final class HeapCounter implements Canister {
    private long count;

    @Override
    public void entryPoints(EntryPoints.Builder points) {
      points
          .updateText("increment", (ctx, arg) -> Long.toString(++count))
          .queryText("get", (ctx, arg) -> Long.toString(count));
    }
  }

  static CanisterCode stable() {
    return CanisterCode.fromFactory("stable-counter", StableCounter::new);
  }

  static CanisterCode heap() {
    return CanisterCode.fromFactory("heap-counter", HeapCounter::new);
  }

  /** No marks: the harness upgrades before the first query. */
  static class Unmarked {
    @UpgradeTwice
    void countSurvives(UpgradeHarness canister) {
      canister.install(stable());
      canister.update("increment", "");
      canister.update("increment", "");
      assertEquals("2", canister.query("get", "").replyText());
      SEEN.add(canister.run() + " upgrades=" + canister.upgradeCount());
    }
  }

  /** The same test on a canister that keeps its state in the heap: fails with the upgrade only. */
  static class HeapState {
    @UpgradeTwice
    void countSurvives(UpgradeHarness canister) {
      canister.install(heap());
      canister.update("increment", "");
      canister.update("increment", "");
      assertEquals("2", canister.query("get", "").replyText());
    }
  }

  /** Two marks: two upgrades in the upgrade run, none in the plain run. */
  static class Marked {
    @UpgradeTwice
    void upgradesAtEachMark(UpgradeHarness canister) {
      canister.install(stable());
      canister.update("increment", "");
      canister.upgradePoint();
      canister.update("increment", "");
      canister.upgradePoint();
      assertEquals("2", canister.query("get", "").replyText());
      SEEN.add(canister.run() + " upgrades=" + canister.upgradeCount());
    }
  }

  /** Setup in {@code @BeforeEach}: the upgrade comes after it, before the test's first query. */
  static class SetUpBeforeEach {
    private UpgradeHarness setUp;

    @BeforeEach
    void install(UpgradeHarness canister) {
      canister.install(stable());
      canister.update("increment", "");
      setUp = canister;
    }

    @UpgradeTwice
    void seesTheSetUp(UpgradeHarness canister) {
      assertEquals(setUp, canister, "one harness per run, shared with @BeforeEach");
      assertEquals("1", canister.query("get", "").replyText());
      SEEN.add(canister.run() + " upgrades=" + canister.upgradeCount());
    }
  }

  /** A test that never reads through the harness nor marks a point: its upgrade run fails. */
  static class NeverUpgrades {
    @UpgradeTwice
    void onlyUpdates(UpgradeHarness canister) {
      canister.install(stable());
      canister.update("increment", "");
    }
  }
}
