package dev.stablestructures.examples;

import dev.stablestructures.examples.traps.Counters;
import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Traps in upgrade hooks, as the seed describes them: a trap in {@code postUpgrade} rolls the
 * upgrade back (the old code stays, the stable memory is byte-identical), and a trap in {@code
 * preUpgrade} blocks every upgrade until one skips it ({@code skipPreUpgrade}, the cli's {@code
 * --skip-pre-upgrade}). On a FileMemory in a temporary directory.
 *
 * <p>Run with {@code mvn -B -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.stablestructures.examples.TrapsExample}.
 */
public final class TrapsExample {
  private static final byte[] NONE = new byte[0];

  private TrapsExample() {}

  /**
   * Runs the example.
   *
   * @param args none
   * @throws IOException if the temporary directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    Path image = Files.createTempDirectory("traps").resolve("counter.bin");
    try (Host host = Host.open(image)) {
      host.install(Counters.good(), NONE);
      for (int i = 0; i < 3; i++) {
        host.update("increment", NONE);
      }
      Show.line("counter installed, count = " + host.query("get", NONE).replyText());

      // 1. A trap in postUpgrade: rolled back, byte for byte.
      byte[] before = image(host);
      try {
        host.upgrade(Counters.brokenPostUpgrade(), NONE, UpgradeOptions.DEFAULT);
      } catch (CanisterTrapException e) {
        Show.line("upgrade to a postUpgrade that traps: " + e.getMessage());
      }
      Show.line(
          "  rolled back: code "
              + host.status().codeName()
              + ", count = "
              + host.query("get", NONE).replyText()
              + ", image byte-identical: "
              + Arrays.equals(before, image(host)));

      // 2. A trap in preUpgrade: every upgrade away from that code fails ...
      host.upgrade(Counters.brokenPreUpgrade(), NONE, UpgradeOptions.DEFAULT);
      Show.line("upgraded to a counter whose preUpgrade traps");
      try {
        host.upgrade(Counters.good(), NONE, UpgradeOptions.DEFAULT);
      } catch (CanisterTrapException e) {
        Show.line("upgrade away from it: " + e.getMessage());
      }
      Show.line(
          "  still "
              + host.status().codeName()
              + ", count = "
              + host.query("get", NONE).replyText());
      // ... until one skips it: the state is all in stable memory, nothing is lost.
      host.upgrade(Counters.good(), NONE, UpgradeOptions.skipPreUpgrade());
      Show.line(
          "upgrade with skipPreUpgrade: now "
              + host.status().codeName()
              + ", count = "
              + host.query("get", NONE).replyText());
    }
  }

  private static byte[] image(Host host) {
    byte[] bytes = new byte[(int) host.memory().sizeInBytes()];
    host.memory().read(0, bytes, 0, bytes.length);
    return bytes;
  }
}
