package dev.stablestructures.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process killed (SIGKILL) in the middle of an upgrade, after its hook wrote thousands of entries
 * and a new memory: reopening the image shows the old code record and the old state, byte for byte
 * (the SHA-256 the child printed after its last commit), and the old code runs on.
 */
class UpgradeCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"pre", "post"})
  void aKillMidUpgradeLeavesTheOldCodeAndState(String hook) throws Exception {
    Path image = dir.resolve("canister.bin");
    Process child = ChildJvm.start(UpgradeCrashChild.class, "128m", image.toString(), hook);
    List<String> lines = new ArrayList<>();
    String committedSha = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith("committed ")) {
          committedSha = line.substring("committed ".length());
        }
        if (line.equals("mid-upgrade")) {
          child.toHandle().destroyForcibly(); // SIGKILL, the upgrade's transaction open
          break;
        }
      }
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL, not ended by itself: " + lines);
    assertNotNull(committedSha, "the child never committed: " + lines);
    assertTrue(lines.contains("mid-upgrade"), String.valueOf(lines));
    try (Host host = Host.open(image)) {
      assertEquals(
          committedSha, Images.snapshot(host.memory()).sha256(), "the image is as committed");
      CanisterStatus status = host.status();
      assertEquals("v1", status.codeName());
      assertEquals(1, status.codeVersion());
      assertEquals(
          List.of("kv"), status.structures().stream().map(s -> s.declaration().name()).toList());
      host.attach(CanisterCode.fromFactory("v1", TestCanister::new));
      for (int i = 0; i < UpgradeCrashChild.ENTRIES; i += 37) {
        assertEquals("v1-" + i, host.query("get", ("k" + i).getBytes(UTF_8)).replyText());
      }
      assertEquals("<none>", host.query("get", "new0".getBytes(UTF_8)).replyText());
      // And the upgrade can be done again, to the end.
      host.upgrade(CanisterCode.fromFactory("v2", TestCanister::new), null, UpgradeOptions.DEFAULT);
      assertEquals("v1-5", host.query("get", "k5".getBytes(UTF_8)).replyText());
      assertEquals(2, host.status().codeVersion());
    }
  }
}
