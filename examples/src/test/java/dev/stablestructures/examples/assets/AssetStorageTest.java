package dev.stablestructures.examples.assets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import dev.stablestructures.runtime.junit.UpgradeHarness;
import dev.stablestructures.runtime.junit.UpgradeTwice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The asset-storage canister, each behaviour tested with and without an upgrade in the middle. */
class AssetStorageTest {
  private static final byte[] NONE = new byte[0];
  private static final Principal ALICE = Principal.of(new byte[] {1, 2, 3, 4});
  private static final Principal MALLORY = Principal.of(new byte[] {6, 6, 6});

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @UpgradeTwice
  void v2KeepsAssetsAndUsers(UpgradeHarness canister) {
    canister.install(AssetStorage.v2());
    canister.update("store", AssetStorage.storeArg("index.html", text("<h1>hi</h1>")));
    canister.update("addUser", text(ALICE.toText()));
    canister.update("store", AssetStorage.storeArg("alice.txt", text("by alice")), ALICE);
    assertEquals("<h1>hi</h1>", canister.query("retrieve", "index.html").replyText());
    assertEquals("by alice", canister.query("retrieve", "alice.txt").replyText());
    assertEquals("2 assets, 2 users (v2)", canister.query("stats", "").replyText());
  }

  @UpgradeTwice
  void v1KeepsItsUsersTheOldWayAcrossItsOwnUpgrade(UpgradeHarness canister) {
    canister.install(AssetStorage.v1());
    canister.update("addUser", text(ALICE.toText()));
    canister.upgradePoint(); // preUpgrade saves the users, postUpgrade restores them
    canister.update("store", AssetStorage.storeArg("alice.txt", text("by alice")), ALICE);
    assertEquals("1 assets, 2 users (v1)", canister.query("stats", "").replyText());
  }

  @UpgradeTwice
  void v1ToV2KeepsEverything(UpgradeHarness canister) {
    canister.install(AssetStorage.v1());
    canister.upgradeTo(AssetStorage.v2());
    byte[] binary = {0, (byte) 0xFF, ' ', 7};
    canister.update("store", AssetStorage.storeArg("bin", binary));
    canister.update("addUser", text(ALICE.toText()));
    canister.upgradePoint();
    // Either version: the guard still knows alice, the asset is there byte for byte.
    canister.update("store", AssetStorage.storeArg("alice.txt", text("by alice")), ALICE);
    assertArrayEquals(binary, canister.query("retrieve", "bin").reply());
    assertTrue(canister.query("stats", "").replyText().startsWith("2 assets, 2 users"));
  }

  @UpgradeTwice
  void aMissingPathTrapsAsInTheSeed(UpgradeHarness canister) {
    canister.install(AssetStorage.v2());
    canister.update("store", AssetStorage.storeArg("a", text("x")));
    CanisterTrapException trap =
        assertThrows(CanisterTrapException.class, () -> canister.query("retrieve", "b"));
    assertTrue(trap.getMessage().contains("Path b not found."), trap.getMessage());
  }

  @UpgradeTwice
  void onlyUsersMayStore(UpgradeHarness canister) {
    canister.install(AssetStorage.v2());
    canister.upgradePoint();
    CanisterTrapException trap =
        assertThrows(
            CanisterTrapException.class,
            () -> canister.update("store", AssetStorage.storeArg("x", text("y")), MALLORY));
    assertTrue(trap.getMessage().contains("owner of the asset canister"), trap.getMessage());
    assertThrows(
        CanisterTrapException.class,
        () -> canister.update("addUser", text(MALLORY.toText()), MALLORY));
    assertEquals("0 assets, 1 users (v2)", canister.query("stats", "").replyText());
  }

  private static long upgradeCost(Host host) {
    return host.upgrade(AssetStorage.v2(), NONE, UpgradeOptions.DEFAULT).report().instructions();
  }

  @Test
  void aV2UpgradeCostsTheSameWithTenTimesTheAssets() {
    try (Host host = Host.inMemory()) {
      host.install(AssetStorage.v2(), NONE);
      store(host, 0, 200);
      long small = upgradeCost(host);
      store(host, 200, 2_000);
      long large = upgradeCost(host);
      assertEquals(small, large, "v2's upgrade reads nothing that grows with the assets");
    }
  }

  @Test
  void aV1UpgradeCostGrowsWithTheUsers() {
    try (Host host = Host.inMemory()) {
      host.install(AssetStorage.v1(), NONE);
      long few =
          host.upgrade(AssetStorage.v1(), NONE, UpgradeOptions.DEFAULT).report().instructions();
      for (int i = 0; i < 500; i++) {
        host.update(
            "addUser", text(Principal.of(new byte[] {9, (byte) (i >>> 8), (byte) i}).toText()));
      }
      long many =
          host.upgrade(AssetStorage.v1(), NONE, UpgradeOptions.DEFAULT).report().instructions();
      assertTrue(
          many > few + 500 * 10, "serializing 500 more users must cost: " + few + " vs " + many);
    }
  }

  private static void store(Host host, int from, int to) {
    for (int i = from; i < to; i++) {
      host.update("store", AssetStorage.storeArg("asset/" + i, new byte[256]));
    }
  }
}
