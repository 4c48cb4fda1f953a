package dev.stablestructures.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code canister} command, each run as a fresh process as a user runs it, on the example
 * canisters packed into a real code jar: the state lives only in the host directory.
 */
class CanisterCommandsTest {
  private static final String ASSETS_V2 = "dev.stablestructures.examples.assets.AssetStorageV2";
  private static final String PROFILES_V1 = "dev.stablestructures.examples.profiles.ProfilesV1";
  private static final String PROFILES_V2 = "dev.stablestructures.examples.profiles.ProfilesV2";
  private static final String COUNTER = "dev.stablestructures.examples.traps.Counter";
  private static final String BROKEN_PRE =
      "dev.stablestructures.examples.traps.CounterWithBrokenPreUpgrade";
  private static final String BROKEN_POST =
      "dev.stablestructures.examples.traps.CounterWithBrokenPostUpgrade";

  @TempDir Path dir;
  private Path jar;

  @BeforeEach
  void packTheExampleCanisters() throws IOException {
    jar = CanisterJars.build(dir.resolve("example-canisters.jar"), null);
  }

  private CliProcess.Result cli(String... args) throws IOException, InterruptedException {
    return CliProcess.run(dir, args);
  }

  private CliProcess.Result ok(String... args) throws IOException, InterruptedException {
    CliProcess.Result r = cli(args);
    assertEquals(0, r.exit(), String.join(" ", args) + " ->\n" + r.output());
    return r;
  }

  private static void assertOneLineFailure(CliProcess.Result r, int exit, String contains) {
    assertEquals(exit, r.exit(), r.output());
    assertEquals(1, r.lines().size(), "one line, no stack trace:\n" + r.output());
    assertTrue(r.output().contains(contains), r.output());
  }

  private void install(String name, String mode, String cls, String... more)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "canister",
                "install",
                name,
                "--mode",
                mode,
                "--code",
                jar.toString(),
                "--class",
                cls));
    args.addAll(List.of(more));
    ok(args.toArray(String[]::new));
  }

  @Test
  void createGivesEachCanisterTheNextIcCanisterIdAndIdPrintsIt() throws Exception {
    assertEquals(
        "created canister assets, id rrkah-fqaaa-aaaaa-aaaaq-cai",
        ok("canister", "create", "assets").output());
    assertEquals(
        "created canister profiles, id ryjl3-tyaaa-aaaaa-aaaba-cai",
        ok("canister", "create", "profiles").output());
    assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", ok("canister", "id", "assets").output());
    assertOneLineFailure(cli("canister", "create", "assets"), 5, "already exists");
    assertOneLineFailure(cli("canister", "id", "nope"), 5, "no canister 'nope'");
    assertOneLineFailure(cli("canister", "create", "1bad"), 2, "is not valid");
    assertEquals(
        """
        # stable-host registry 1
        assets rrkah-fqaaa-aaaaa-aaaaq-cai
        profiles ryjl3-tyaaa-aaaaa-aaaba-cai
        """,
        Files.readString(dir.resolve(".stable-host/registry.txt")));
  }

  @Test
  void statusOfAnEmptyHostDirectorySaysSoAndOfAFreshCanisterThatNothingIsInstalled()
      throws Exception {
    assertTrue(ok("canister", "status").output().startsWith("no canisters in .stable-host"));
    ok("canister", "create", "fresh");
    assertEquals(
        "fresh  rrkah-fqaaa-aaaaa-aaaaq-cai\n  no code installed",
        ok("canister", "status").output());
    assertOneLineFailure(cli("canister", "call", "fresh", "get"), 5, "error:");
  }

  @Test
  void theHostDirectoryCanBeChosen() throws Exception {
    Path other = dir.resolve("elsewhere");
    ok("canister", "create", "--host-dir", other.toString(), "assets");
    assertTrue(Files.isRegularFile(other.resolve("registry.txt")));
    assertFalse(Files.exists(dir.resolve(".stable-host")));
    assertEquals(
        "rrkah-fqaaa-aaaaa-aaaaq-cai",
        ok("canister", "id", "--host-dir", other.toString(), "assets").output());
  }

  @Test
  void installCallUpgradeAndStatusEachInItsOwnProcess() throws Exception {
    ok("canister", "create", "assets");
    CliProcess.Result installed =
        ok(
            "canister",
            "install",
            "assets",
            "--mode",
            "install",
            "--code",
            jar.toString(),
            "--class",
            ASSETS_V2);
    assertTrue(installed.output().startsWith("assets: installed " + ASSETS_V2), installed.output());
    assertTrue(installed.output().contains("instructions"), installed.output());

    assertEquals(
        "stored index.html (11 bytes)",
        ok("canister", "call", "assets", "store", "index.html <h1>hi</h1>").output());
    assertEquals(
        "<h1>hi</h1>", ok("canister", "call", "assets", "retrieve", "index.html").output());
    String json = ok("canister", "call", "assets", "stats", "--json").output();
    assertTrue(json.startsWith("{\"canister\": \"assets\", \"method\": \"stats\","), json);
    assertTrue(json.contains("\"reply\": \"1 assets, 1 users (v2)\""), json);
    assertTrue(json.contains("\"cost\": {\"kind\": \"QUERY\", \"instructions\": "), json);

    CliProcess.Result trapJson = cli("canister", "call", "assets", "retrieve", "nope", "--json");
    assertEquals(1, trapJson.exit(), trapJson.output());
    assertTrue(
        trapJson.output().contains("\"trap\": \"query 'retrieve' trapped: Path nope not found.\""),
        trapJson.output());
    assertTrue(trapJson.output().contains("\"cost\": {\"kind\": \"QUERY\""), trapJson.output());

    // A query traps: one line, exit 1, nothing changed.
    assertOneLineFailure(
        cli("canister", "call", "assets", "retrieve", "missing"), 1, "Path missing not found.");
    // A stranger may not store.
    assertOneLineFailure(
        cli("canister", "call", "assets", "store", "x y", "--caller", "aaaaa-aa"),
        1,
        "owner of the asset canister");

    // Upgrade to the same jar (--code left out), as 'dfx canister install --mode upgrade'.
    CliProcess.Result upgraded = ok("canister", "install", "assets", "--mode", "upgrade");
    assertTrue(upgraded.output().startsWith("assets: upgraded to " + ASSETS_V2), upgraded.output());
    assertEquals(
        "<h1>hi</h1>", ok("canister", "call", "assets", "retrieve", "index.html").output());

    String status = ok("canister", "status", "assets").output();
    assertTrue(status.startsWith("assets  rrkah-fqaaa-aaaaa-aaaaq-cai"), status);
    assertTrue(status.contains("code:           " + ASSETS_V2), status);
    assertTrue(status.contains("code version:   2"), status);
    assertTrue(status.contains("stable version: 2"), status);
    assertTrue(status.contains("structure:"), status);
  }

  @Test
  void anUpgradeThroughAVersionedMigrationKeepsTheData() throws Exception {
    ok("canister", "create", "profiles");
    install("profiles", "install", PROFILES_V1);
    ok(
        "canister",
        "call",
        "profiles",
        "setProfile",
        "Ada|Writes compilers",
        "--caller",
        "aaaaa-aa");
    install("profiles", "upgrade", PROFILES_V2);
    assertEquals(
        "Ada|Writes compilers|",
        ok("canister", "call", "profiles", "profile", "aaaaa-aa").output());
    ok("canister", "call", "profiles", "setHeadline", "Compiler engineer", "--caller", "aaaaa-aa");
    assertEquals("aaaaa-aa Ada", ok("canister", "call", "profiles", "search", "engineer").output());
  }

  @Test
  void theInstallArgumentReachesInitAndABadOneTrapsLeavingNothingInstalled() throws Exception {
    ok("canister", "create", "c");
    assertOneLineFailure(
        cli(
            "canister",
            "install",
            "c",
            "--mode",
            "install",
            "--code",
            jar.toString(),
            "--class",
            COUNTER,
            "--arg",
            "forty-one"),
        1,
        "forty-one");
    assertTrue(
        ok("canister", "status", "c").output().contains("no code installed"),
        "a trapping init installs nothing");
    install("c", "install", COUNTER, "--arg", "41");
    assertEquals("41", ok("canister", "call", "c", "get").output());
    assertEquals("42", ok("canister", "call", "c", "increment").output());
  }

  @Test
  void installAllUpgradesEveryCanisterAndReinstallWipes() throws Exception {
    ok("canister", "create", "a");
    ok("canister", "create", "b");
    install("a", "install", COUNTER);
    install("b", "install", COUNTER);
    ok("canister", "call", "a", "increment");
    CliProcess.Result all = ok("canister", "install", "--all", "--mode", "upgrade");
    assertEquals(2, all.lines().size(), all.output());
    assertTrue(all.lines().get(0).startsWith("a: upgraded to " + COUNTER), all.output());
    assertTrue(all.lines().get(1).startsWith("b: upgraded to " + COUNTER), all.output());
    assertEquals("1", ok("canister", "call", "a", "get").output());
    assertTrue(ok("canister", "status").output().contains("code version:   2"));

    install("a", "reinstall", COUNTER);
    assertEquals("0", ok("canister", "call", "a", "get").output(), "reinstall wipes the memory");
    assertOneLineFailure(
        cli(
            "canister",
            "install",
            "b",
            "--mode",
            "install",
            "--code",
            jar.toString(),
            "--class",
            COUNTER),
        5,
        "error:");
  }

  @Test
  void aTrapInPostUpgradeLeavesTheImageByteIdentical() throws Exception {
    ok("canister", "create", "c");
    install("c", "install", COUNTER);
    ok("canister", "call", "c", "increment");
    Path image = dir.resolve(".stable-host/canisters/c/image.bin");
    byte[] before = Files.readAllBytes(image);
    assertOneLineFailure(
        cli(
            "canister",
            "install",
            "c",
            "--mode",
            "upgrade",
            "--code",
            jar.toString(),
            "--class",
            BROKEN_POST),
        1,
        "bug in postUpgrade");
    assertArrayEquals(before, Files.readAllBytes(image));
    assertTrue(ok("canister", "status", "c").output().contains("code:           " + COUNTER));
    assertEquals("2", ok("canister", "call", "c", "increment").output());
  }

  @Test
  void skipPreUpgradeGetsPastATrappingPreUpgrade() throws Exception {
    ok("canister", "create", "c");
    install("c", "install", BROKEN_PRE);
    ok("canister", "call", "c", "increment");
    assertOneLineFailure(
        cli(
            "canister",
            "install",
            "c",
            "--mode",
            "upgrade",
            "--code",
            jar.toString(),
            "--class",
            COUNTER),
        1,
        "bug in preUpgrade");
    install("c", "upgrade", COUNTER, "--skip-pre-upgrade");
    assertEquals("1", ok("canister", "call", "c", "get").output());
    assertTrue(ok("canister", "status", "c").output().contains("code:           " + COUNTER));
  }

  @Test
  void snapshotsTakeListAndLoadTheImageAndTheCode() throws Exception {
    ok("canister", "create", "c");
    install("c", "install", COUNTER);
    ok("canister", "call", "c", "increment");
    assertEquals("c: took snapshot 1", ok("canister", "snapshot", "take", "c").output());
    ok("canister", "call", "c", "increment");
    install("c", "upgrade", BROKEN_PRE); // other code, too
    assertEquals("c: took snapshot 2", ok("canister", "snapshot", "take", "c").output());
    List<String> list = ok("canister", "snapshot", "list", "c").lines();
    assertEquals(2, list.size(), list.toString());
    assertTrue(list.get(0).startsWith("1  ") && list.get(0).contains(COUNTER), list.toString());
    assertTrue(list.get(1).startsWith("2  ") && list.get(1).contains(BROKEN_PRE), list.toString());

    assertEquals("c: loaded snapshot 1", ok("canister", "snapshot", "load", "c", "1").output());
    assertEquals("1", ok("canister", "call", "c", "get").output());
    assertTrue(ok("canister", "status", "c").output().contains("code:           " + COUNTER));
    assertOneLineFailure(cli("canister", "snapshot", "load", "c", "9"), 5, "no snapshot 9");
  }

  @Test
  void aCanisterInUseFailsWithInUseAndIsNotDamaged() throws Exception {
    ok("canister", "create", "c");
    install("c", "install", COUNTER);
    ok("canister", "call", "c", "increment");
    Path image = dir.resolve(".stable-host/canisters/c/image.bin");
    byte[] before = Files.readAllBytes(image);
    Process holder = CliProcess.startMain(dir, HoldImage.class, image.toString());
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertTrue(out.readLine().startsWith("holding"));
      for (String[] command :
          new String[][] {
            {"canister", "call", "c", "increment"},
            {"canister", "install", "c", "--mode", "upgrade"},
            {"canister", "snapshot", "take", "c"},
            {"canister", "status", "c"}
          }) {
        assertOneLineFailure(cli(command), 4, "canister 'c' is in use by another command");
      }
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
    assertArrayEquals(before, Files.readAllBytes(image));
    assertEquals("2", ok("canister", "call", "c", "increment").output());
  }

  @Test
  void twoCommandsAtOnceEitherBothRunOrOneIsInUseAndNoIncrementIsLost() throws Exception {
    ok("canister", "create", "c");
    install("c", "install", COUNTER);
    int succeeded = 0;
    int inUse = 0;
    for (int round = 0; round < 4; round++) {
      Process a = CliProcess.start(dir, "canister", "call", "c", "increment");
      Process b = CliProcess.start(dir, "canister", "call", "c", "increment");
      for (CliProcess.Result r : List.of(CliProcess.finish(a), CliProcess.finish(b))) {
        if (r.exit() == 0) {
          succeeded++;
        } else {
          assertOneLineFailure(r, 4, "is in use by another command");
          inUse++;
        }
      }
    }
    assertEquals(8, succeeded + inUse);
    assertEquals(Integer.toString(succeeded), ok("canister", "call", "c", "get").output());
  }
}
