package dev.stablestructures.examples;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.examples.assets.AssetStorage;
import dev.stablestructures.runtime.CallResult;
import dev.stablestructures.runtime.CanisterCode;
import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The main example, run by the README's first command: the seed's asset-storage canister on a
 * FileMemory in a temporary directory. It installs version 1 (users kept the old way: serialized in
 * {@code preUpgrade}), stores assets and adds users, upgrades v1 → v1 (the cost grows with the
 * users), v1 → v2 (everything in stable structures; a migration moves the users once), then v2 → v2
 * twice, before and after storing ten times more assets: those two upgrades cost the same. It ends
 * by reopening the file as a new process would and finding everything there.
 *
 * <p>Run with {@code mvn -B -q -pl examples -am -DskipTests package exec:java}.
 */
public final class AssetStorageExample {
  private static final byte[] NONE = new byte[0];

  private AssetStorageExample() {}

  /**
   * Runs the example.
   *
   * @param args an optional number of assets to start with (default 2,000)
   * @throws IOException if the temporary directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    int assets = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    Path image = Files.createTempDirectory("asset-storage").resolve("assets.bin");
    Show.line("asset-storage canister, stable memory in " + image);
    CanisterCode v1 = AssetStorage.v1();
    CanisterCode v2 = AssetStorage.v2();
    Principal alice = Principal.of(new byte[] {1, 2, 3, 4});

    try (Host host = Host.open(image)) {
      timed("install v1 (the installer is the owner)", () -> host.install(v1, NONE));
      storeAssets(host, 0, assets);
      host.update("addUser", text(alice.toText()));
      for (int i = 0; i < 1_000; i++) {
        host.update(
            "addUser", text(Principal.of(new byte[] {9, (byte) (i >>> 8), (byte) i}).toText()));
      }
      Show.line("  " + host.query("stats", NONE).replyText());

      timed(
          "upgrade v1 -> v1: preUpgrade serializes the 1,002 users, postUpgrade reads them back",
          () -> host.upgrade(v1, NONE, UpgradeOptions.DEFAULT));
      timed(
          "upgrade v1 -> v2: the migration from stable version 1 moves the users into a stable map",
          () -> host.upgrade(v2, NONE, UpgradeOptions.DEFAULT));
      Show.line("  kept: " + host.query("stats", NONE).replyText());
      String asset = host.query("retrieve", text("asset/17.txt")).replyText();
      Show.line(
          "  kept: retrieve asset/17.txt -> \""
              + asset.substring(0, 12)
              + "...\" ("
              + asset.length()
              + " bytes)");
      Show.line(
          "  kept: alice may still store -> "
              + host.update("store", AssetStorage.storeArg("alice.txt", text("hi")), alice)
                  .replyText());

      timed(
          "upgrade v2 -> v2 with " + (assets + 1) + " assets: no preUpgrade, nothing to read back",
          () -> host.upgrade(v2, NONE, UpgradeOptions.DEFAULT));
      storeAssets(host, assets, 10 * assets);
      Show.line("  " + host.query("stats", NONE).replyText());
      timed(
          "upgrade v2 -> v2 with " + (10 * assets + 1) + " assets: the same cost",
          () -> host.upgrade(v2, NONE, UpgradeOptions.DEFAULT));
      try {
        host.query("retrieve", text("no/such/path"));
      } catch (CanisterTrapException e) {
        Show.line("  retrieve no/such/path traps, as in the seed: " + e.getMessage());
      }
    }

    // A new process: nothing but the file. Attach the installed code (no hook runs) and look.
    try (Host host = Host.open(image)) {
      host.attach(v2);
      Show.line("reopened " + image.getFileName() + ": " + host.query("stats", NONE).replyText());
      Show.line(
          "  code version "
              + host.status().codeVersion()
              + ", stable version "
              + host.status().stableVersion());
    }
  }

  private static void storeAssets(Host host, int from, int to) {
    for (int i = from; i < to; i++) {
      String text = "asset " + i + " ";
      byte[] content = (text + ".".repeat(512 - text.length())).getBytes(StandardCharsets.UTF_8);
      host.update("store", AssetStorage.storeArg("asset/" + i + ".txt", content));
    }
    Show.line("stored assets " + from + ".." + (to - 1) + " (512 bytes each)");
  }

  private static void timed(String what, Supplier<CallResult> step) {
    long start = System.nanoTime();
    CallResult result = step.get();
    Show.step(what, result, System.nanoTime() - start);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
