package dev.stablestructures.examples.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import dev.stablestructures.runtime.junit.UpgradeHarness;
import dev.stablestructures.runtime.junit.UpgradeTwice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The profiles dapp: each version across its own upgrade, and the v1 → v2 migration. */
class ProfilesTest {
  private static final byte[] NONE = new byte[0];
  private static final Principal ADA = Principal.of(new byte[] {1});
  private static final Principal BOB = Principal.of(new byte[] {2});

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @UpgradeTwice
  void v1KeepsProfilesAndConnections(UpgradeHarness dapp) {
    dapp.install(Profiles.v1());
    dapp.update("setProfile", text("Ada|Writes compilers"), ADA);
    dapp.update("setProfile", text("Bob|Builds bridges"), BOB);
    dapp.update("connect", text(BOB.toText()), ADA);
    assertEquals("Ada|Writes compilers", dapp.query("profile", ADA.toText()).replyText());
    assertEquals(ADA.toText(), dapp.query("connections", BOB.toText()).replyText());
    assertEquals("2 profiles, 1 connections (v1)", dapp.query("stats", "").replyText());
  }

  @UpgradeTwice
  void v2KeepsTheNewFieldAndFeature(UpgradeHarness dapp) {
    dapp.install(Profiles.v2());
    dapp.update("setProfile", text("Ada|Writes compilers|Compiler engineer"), ADA);
    dapp.update("setProfile", text("Bob|Builds bridges"), BOB);
    assertEquals(
        "Ada|Writes compilers|Compiler engineer", dapp.query("profile", ADA.toText()).replyText());
    assertEquals(ADA.toText() + " Ada", dapp.query("search", "compiler").replyText());
  }

  @UpgradeTwice
  void theMigrationKeepsEveryProfileAndConnection(UpgradeHarness dapp) {
    dapp.install(Profiles.v1());
    dapp.upgradeTo(Profiles.v2());
    dapp.update("setProfile", text("Ada|Writes compilers"), ADA);
    dapp.update("setProfile", text("Bob|Builds bridges"), BOB);
    dapp.update("connect", text(BOB.toText()), ADA);
    dapp.upgradePoint();
    String ada = dapp.query("profile", ADA.toText()).replyText();
    // v1 replies "NAME|BIO", v2 "NAME|BIO|HEADLINE" with an empty headline after the migration.
    assertEquals(dapp.upgradeCount() == 0 ? "Ada|Writes compilers" : "Ada|Writes compilers|", ada);
    assertEquals(ADA.toText(), dapp.query("connections", BOB.toText()).replyText());
    assertEquals(BOB.toText(), dapp.query("connections", ADA.toText()).replyText());
  }

  @Test
  void afterTheMigrationTheStableVersionIs2AndTheNewFeatureWorks() {
    try (Host host = Host.inMemory()) {
      host.install(Profiles.v1(), NONE);
      host.update("setProfile", text("Ada|Writes compilers"), ADA);
      assertEquals(1, host.status().stableVersion());
      host.upgrade(Profiles.v2(), NONE, UpgradeOptions.DEFAULT);
      assertEquals(2, host.status().stableVersion());
      host.update("setHeadline", text("Compiler engineer"), ADA);
      assertEquals(
          "Ada|Writes compilers|Compiler engineer",
          host.query("profile", text(ADA.toText())).replyText());
      assertEquals(ADA.toText() + " Ada", host.query("search", text("ENGINEER")).replyText());
      assertThrows(CanisterTrapException.class, () -> host.update("setHeadline", text("x"), BOB));
    }
  }
}
