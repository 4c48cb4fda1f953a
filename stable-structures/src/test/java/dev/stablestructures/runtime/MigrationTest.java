package dev.stablestructures.runtime;

import static dev.stablestructures.runtime.HostLifecycleTest.b;
import static dev.stablestructures.runtime.HostLifecycleTest.get;
import static dev.stablestructures.runtime.HostLifecycleTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stable-memory versions: migrations v1 -> v2 -> v3 in the upgrade's transaction, and refusals. */
class MigrationTest {
  private static CanisterCode code(
      String name, int version, java.util.function.Consumer<TestCanister> setUp) {
    return CanisterCode.fromFactory(
        name,
        () -> {
          TestCanister c = new TestCanister();
          c.version = version;
          setUp.accept(c);
          return c;
        });
  }

  @Test
  void stepsRunInOrderBeforePostUpgradeEachSeeingItsVersion() {
    List<String> seen = new ArrayList<>();
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      put(host, "alice=30");
      put(host, "bob=41");
      CanisterCode v3 =
          code(
              "v3",
              3,
              c -> {
                c.onMigrations =
                    m ->
                        m.step(
                                1,
                                ctx -> {
                                  seen.add("1->2 at " + ctx.stableVersion());
                                  // v2 keeps ages as u32 in a map of its own (memory 1)
                                  var ages =
                                      ctx.memories()
                                          .btreeMap("ages", 1, Codecs.string(), Codecs.u32());
                                  for (Map.Entry<String, String> e :
                                      TestCanister.kv(ctx).entrySet()) {
                                    if (!e.getKey().equals("init")) {
                                      ages.put(e.getKey(), Integer.parseInt(e.getValue()));
                                    }
                                  }
                                })
                            .step(
                                2,
                                ctx -> {
                                  seen.add("2->3 at " + ctx.stableVersion());
                                  var ages =
                                      ctx.memories()
                                          .btreeMap("ages", 1, Codecs.string(), Codecs.u32());
                                  ages.put("bob", ages.get("bob") + 1);
                                });
                c.onPostUpgrade = (ctx, arg) -> seen.add("post at " + ctx.stableVersion());
                c.extraPoints =
                    p ->
                        p.queryText(
                            "age",
                            (ctx, arg) ->
                                String.valueOf(
                                    ctx.memories()
                                        .btreeMap("ages", 1, Codecs.string(), Codecs.u32())
                                        .get(arg)));
              });
      host.upgrade(v3, null, UpgradeOptions.DEFAULT);
      assertEquals(List.of("1->2 at 1", "2->3 at 2", "post at 3"), seen);
      assertEquals(3, host.status().stableVersion());
      assertEquals("30", host.query("age", b("alice")).replyText());
      assertEquals("42", host.query("age", b("bob")).replyText());
      seen.clear();
      host.upgrade(v3, null, UpgradeOptions.DEFAULT);
      assertEquals(List.of("post at 3"), seen, "at the code's version no step runs");
    }
  }

  @Test
  void anUnknownNewerVersionIsRefusedAndRolledBack() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(code("v2", 2, c -> {}), null);
      put(host, "a=1");
      Images.Snapshot before = Images.snapshot(memory);
      TestCanister old = new TestCanister();
      UpgradeIncompatibleException e =
          assertThrows(
              UpgradeIncompatibleException.class,
              () ->
                  host.upgrade(
                      CanisterCode.fromFactory("v1", () -> old), null, UpgradeOptions.DEFAULT));
      assertTrue(e.getMessage().contains("at version 2, newer than the version 1"), e.getMessage());
      assertEquals(List.of(), old.calls, "postUpgrade never ran");
      Images.assertUnchanged(before, memory, "a refused downgrade");
      assertEquals("v2", host.status().codeName());
      assertEquals("1", get(host, "a"));
    }
  }

  @Test
  void aMissingStepIsRefusedBeforeAnyStepRuns() {
    List<String> seen = new ArrayList<>();
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      UpgradeIncompatibleException e =
          assertThrows(
              UpgradeIncompatibleException.class,
              () ->
                  host.upgrade(
                      code("v3", 3, c -> c.onMigrations = m -> m.step(1, ctx -> seen.add("ran"))),
                      null,
                      UpgradeOptions.DEFAULT));
      assertTrue(e.getMessage().contains("no migration step from version 2"), e.getMessage());
      assertEquals(List.of(), seen);
      assertEquals(1, host.status().stableVersion());
    }
  }

  @Test
  void installAndReinstallStoreTheCodesVersionAndAttachChecksIt() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(code("v4", 4, c -> {}), null);
      assertEquals(4, host.status().stableVersion());
      host.reinstall(code("v2", 2, c -> {}), null);
      assertEquals(2, host.status().stableVersion());
    }
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      CanisterStateException e =
          assertThrows(CanisterStateException.class, () -> host.attach(code("v2", 3, c -> {})));
      assertTrue(e.getMessage().contains("at version 2"), e.getMessage());
      host.attach(code("v2", 2, c -> {}));
    }
  }
}
