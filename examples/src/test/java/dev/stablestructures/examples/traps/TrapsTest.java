package dev.stablestructures.examples.traps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import dev.stablestructures.runtime.junit.UpgradeHarness;
import dev.stablestructures.runtime.junit.UpgradeTwice;
import org.junit.jupiter.api.Test;

/** Traps in the upgrade hooks: what rolls back, and what skipPreUpgrade gets past. */
class TrapsTest {
  private static final byte[] NONE = new byte[0];

  private static byte[] image(Host host) {
    byte[] bytes = new byte[(int) host.memory().sizeInBytes()];
    host.memory().read(0, bytes, 0, bytes.length);
    return bytes;
  }

  @UpgradeTwice
  void theCounterSurvivesUpgrades(UpgradeHarness canister) {
    canister.install(Counters.good());
    canister.update("increment", "");
    canister.upgradePoint();
    canister.update("increment", "");
    canister.upgradePoint();
    assertEquals("2", canister.query("get", "").replyText());
  }

  @UpgradeTwice
  void aCounterWithABrokenPreUpgradeStillCountsWhenItsUpgradesSkipIt(UpgradeHarness canister) {
    canister.install(Counters.brokenPreUpgrade());
    canister.upgradeTo(Counters.brokenPreUpgrade(), NONE, UpgradeOptions.skipPreUpgrade());
    canister.update("increment", "");
    assertEquals("1", canister.query("get", "").replyText());
  }

  @Test
  void aTrapInPostUpgradeRollsBackByteForByte() {
    try (Host host = Host.inMemory()) {
      host.install(Counters.good(), NONE);
      host.update("increment", NONE);
      byte[] before = image(host);
      long version = host.status().codeVersion();
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.upgrade(Counters.brokenPostUpgrade(), NONE, UpgradeOptions.DEFAULT));
      assertTrue(trap.getMessage().contains("bug in postUpgrade"), trap.getMessage());
      assertArrayEquals(before, image(host));
      assertEquals(Counter.class.getName(), host.status().codeName());
      assertEquals(version, host.status().codeVersion());
      assertEquals("2", host.update("increment", NONE).replyText(), "the old code still runs");
    }
  }

  @Test
  void aTrapInPreUpgradeBlocksUpgradesUntilOneSkipsIt() {
    try (Host host = Host.inMemory()) {
      host.install(Counters.brokenPreUpgrade(), NONE);
      host.update("increment", NONE);
      byte[] before = image(host);
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.upgrade(Counters.good(), NONE, UpgradeOptions.DEFAULT));
      assertTrue(trap.getMessage().contains("bug in preUpgrade"), trap.getMessage());
      assertArrayEquals(before, image(host), "the preUpgrade's write is undone");
      assertEquals(CounterWithBrokenPreUpgrade.class.getName(), host.status().codeName());

      host.upgrade(Counters.good(), NONE, UpgradeOptions.skipPreUpgrade());
      assertEquals(Counter.class.getName(), host.status().codeName());
      assertEquals("1", host.query("get", NONE).replyText(), "nothing was lost");
    }
  }
}
