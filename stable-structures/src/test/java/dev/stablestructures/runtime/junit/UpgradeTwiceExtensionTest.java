package dev.stablestructures.runtime.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the {@link UpgradeTwiceSamples} through the Jupiter engine and checks what happened: each
 * annotated test ran twice, the runs are named {@code [plain]} and {@code [with upgrade]}, the
 * upgrade happened where it should, and state kept in the heap fails the upgrade run only.
 */
class UpgradeTwiceExtensionTest {
  private static Events run(Class<?> samples) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(samples))
        .execute()
        .testEvents();
  }

  @BeforeEach
  void forgetWhatWasSeen() {
    UpgradeTwiceSamples.SEEN.clear();
  }

  @Test
  void runsTwiceNamedPlainAndWithUpgradeAndUpgradesBeforeTheFirstQuery() {
    Events events = run(UpgradeTwiceSamples.Unmarked.class);
    events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    events
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("[plain]"), finishedSuccessfully()))
        .haveExactly(1, event(test(), displayName("[with upgrade]"), finishedSuccessfully()));
    assertEquals(List.of("PLAIN upgrades=0", "WITH_UPGRADE upgrades=1"), UpgradeTwiceSamples.SEEN);
  }

  @Test
  void stateThatDoesNotSurviveAnUpgradeFailsTheUpgradeRunOnly() {
    Events events = run(UpgradeTwiceSamples.HeapState.class);
    events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    events
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("[plain]"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test(),
                displayName("[with upgrade]"),
                finishedWithFailure(
                    instanceOf(AssertionFailedError.class),
                    message(m -> m.contains("expected: <2> but was: <0>")))));
  }

  @Test
  void upgradesAtEveryMarkedPointAndNowhereElse() {
    run(UpgradeTwiceSamples.Marked.class).assertStatistics(s -> s.started(2).succeeded(2));
    assertEquals(List.of("PLAIN upgrades=0", "WITH_UPGRADE upgrades=2"), UpgradeTwiceSamples.SEEN);
  }

  @Test
  void theHarnessIsSharedWithBeforeEachAndTheUpgradeFollowsTheSetUp() {
    run(UpgradeTwiceSamples.SetUpBeforeEach.class).assertStatistics(s -> s.started(2).succeeded(2));
    assertEquals(List.of("PLAIN upgrades=0", "WITH_UPGRADE upgrades=1"), UpgradeTwiceSamples.SEEN);
  }

  @Test
  void anUpgradeRunThatNeverUpgradedFailsAndSaysWhy() {
    Events events = run(UpgradeTwiceSamples.NeverUpgrades.class);
    events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                displayName("[with upgrade]"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("performed no upgrade")))));
  }
}
