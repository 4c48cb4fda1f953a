package dev.stablestructures.runtime;

import dev.stablestructures.codec.Codecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link UpgradeCrashTest} kills in the middle of an upgrade. It installs v1 on a new
 * image file, commits 200 entries, prints {@code committed <sha-256 of the image>}, then upgrades
 * to v2, whose hook (preUpgrade or postUpgrade, by the argument) rewrites every entry, adds 3,000
 * more and fills a new memory, prints {@code mid-upgrade} and waits inside the hook, the upgrade's
 * transaction still open, to be killed. It stops by itself when its standard input closes, so it
 * never outlives the test.
 *
 * <p>Arguments: the image file, {@code pre} or {@code post}.
 */
public final class UpgradeCrashChild {
  private UpgradeCrashChild() {}

  /** The entries v1 commits before the upgrade. */
  static final int ENTRIES = 200;

  /**
   * Runs until killed.
   *
   * @param args the image and the hook to die in
   * @throws IOException if stdout fails
   */
  public static void main(String[] args) throws IOException {
    Path image = Path.of(args[0]);
    boolean inPre = args[1].equals("pre");
    watchStdin();
    try (Host host = Host.open(image)) {
      TestCanister v1 = new TestCanister();
      if (inPre) {
        v1.onPreUpgrade = UpgradeCrashChild::scribbleAndWait;
      }
      host.install(CanisterCode.fromFactory("v1", () -> v1), null);
      for (int i = 0; i < ENTRIES; i++) {
        host.update("put", ("k" + i + "=v1-" + i).getBytes(StandardCharsets.UTF_8));
      }
      say("committed " + Images.snapshot(host.memory()).sha256());
      TestCanister v2 = new TestCanister();
      v2.onPostUpgrade = (ctx, arg) -> scribbleAndWait(ctx);
      host.upgrade(CanisterCode.fromFactory("v2", () -> v2), null, UpgradeOptions.DEFAULT);
      say("upgrade returned: the kill should have come first");
    }
  }

  private static void scribbleAndWait(CanisterContext ctx) {
    var kv = TestCanister.kv(ctx);
    for (int i = 0; i < ENTRIES; i++) {
      kv.put("k" + i, "v2-" + i);
    }
    for (int i = 0; i < 3_000; i++) {
      kv.put("new" + i, "x".repeat(50));
    }
    var vec = ctx.memories().vec("bulk", 3, Codecs.u64());
    for (long i = 0; i < 20_000; i++) {
      vec.push(i);
    }
    say("mid-upgrade");
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void watchStdin() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // nothing: only the end of input matters
                }
              } catch (IOException ignored) {
                // the parent is gone either way
              }
              Runtime.getRuntime().halt(3);
            },
            "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
