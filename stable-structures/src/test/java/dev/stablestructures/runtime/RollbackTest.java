package dev.stablestructures.runtime;

import static dev.stablestructures.runtime.HostLifecycleTest.b;
import static dev.stablestructures.runtime.HostLifecycleTest.get;
import static dev.stablestructures.runtime.HostLifecycleTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.runtime.meter.LimitExceededException;
import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.MeterLimits;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A trap at each step of each message leaves the image byte-identical (SHA-256 before and after)
 * and the old code installed. Every trapping step writes first (a map entry and a new memory), so a
 * missing rollback would show.
 */
class RollbackTest {
  /** Writes to the kv map and grows a fresh memory, then throws. */
  static void scribbleAndThrow(CanisterContext ctx, String step) {
    TestCanister.kv(ctx).put("scribble", step);
    ctx.memories().vec("scribble-" + step, 9, Codecs.u64()).push(42L);
    throw new IllegalStateException("boom in " + step);
  }

  private static Host installed(HeapMemory memory) {
    Host host = Host.over(memory, HostOptions.defaults());
    host.install(CanisterCode.fromFactory("v1", TestCanister::new), b("v1"));
    put(host, "a=1");
    return host;
  }

  private static void assertStillV1(Host host) {
    CanisterStatus status = host.status();
    assertEquals("v1", status.codeName());
    assertEquals(1, status.codeVersion());
    assertEquals("1", get(host, "a"));
    assertEquals("<none>", get(host, "scribble"));
    assertEquals("ok", put(host, "b=2"), "the old code still runs");
  }

  private static CanisterCode v2(Consumer<TestCanister> setUp) {
    return CanisterCode.fromFactory(
        "v2",
        () -> {
          TestCanister c = new TestCanister();
          setUp.accept(c);
          return c;
        });
  }

  @Test
  void aTrapInInitLeavesTheMemoryEmptyAndTheNextInstallWorks() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      Images.Snapshot before = Images.snapshot(memory);
      TestCanister bad = new TestCanister();
      bad.onInit = (ctx, arg) -> scribbleAndThrow(ctx, "init");
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.install(CanisterCode.fromFactory("bad", () -> bad), null));
      assertTrue(trap.getMessage().startsWith("install of bad trapped: "), trap.getMessage());
      assertNotNull(trap.report());
      assertEquals(MessageKind.INSTALL, trap.report().kind());
      assertTrue(trap.report().bytesWritten() > 0);
      Images.assertUnchanged(before, memory, "trap in init");
      assertTrue(!host.status().installed());
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      assertEquals("ok", put(host, "a=1"));
      assertEquals("1", get(host, "a"));
    }
    try (Host reopened = Host.over(memory, HostOptions.defaults())) {
      assertEquals("v1", reopened.status().codeName());
    }
  }

  @Test
  void aTrapInAnUpdateLeavesTheImageByteIdentical() {
    HeapMemory memory = new HeapMemory();
    try (Host host = installed(memory)) {
      Images.Snapshot before = Images.snapshot(memory);
      assertThrows(CanisterTrapException.class, () -> host.update("putAndTrap", b("a=2")));
      Images.assertUnchanged(before, memory, "trap in update");
      assertEquals(before, Images.snapshot(memory), "no page grown: the whole image is the same");
      assertStillV1(host);
    }
  }

  @Test
  void aTrapInPreUpgradeLeavesTheImageByteIdenticalAndSkippingItGetsPast() {
    HeapMemory memory = new HeapMemory();
    TestCanister v1 = new TestCanister();
    v1.onPreUpgrade = ctx -> scribbleAndThrow(ctx, "preUpgrade");
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(CanisterCode.fromFactory("v1", () -> v1), null);
      put(host, "a=1");
      Images.Snapshot before = Images.snapshot(memory);
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.upgrade(v2(c -> {}), null, UpgradeOptions.DEFAULT));
      assertInstanceOf(IllegalStateException.class, trap.getCause());
      assertEquals(MessageKind.UPGRADE, trap.report().kind());
      Images.assertUnchanged(before, memory, "trap in preUpgrade");
      assertStillV1(host);
      host.upgrade(v2(c -> {}), null, UpgradeOptions.skipPreUpgrade());
      assertEquals("v2", host.status().codeName());
      assertEquals("1", get(host, "a"));
    }
  }

  @Test
  void aTrapInPostUpgradeLeavesTheImageByteIdentical() {
    HeapMemory memory = new HeapMemory();
    try (Host host = installed(memory)) {
      Images.Snapshot before = Images.snapshot(memory);
      assertThrows(
          CanisterTrapException.class,
          () ->
              host.upgrade(
                  v2(c -> c.onPostUpgrade = (ctx, arg) -> scribbleAndThrow(ctx, "postUpgrade")),
                  null,
                  UpgradeOptions.DEFAULT));
      Images.assertUnchanged(before, memory, "trap in postUpgrade");
      assertStillV1(host);
    }
  }

  @Test
  void aTrapInAMigrationLeavesTheImageByteIdentical() {
    HeapMemory memory = new HeapMemory();
    try (Host host = installed(memory)) {
      Images.Snapshot before = Images.snapshot(memory);
      assertThrows(
          CanisterTrapException.class,
          () ->
              host.upgrade(
                  v2(
                      c -> {
                        c.version = 3;
                        c.onMigrations =
                            m ->
                                m.step(1, ctx -> TestCanister.kv(ctx).put("m1", "done"))
                                    .step(2, ctx -> scribbleAndThrow(ctx, "migration"));
                      }),
                  null,
                  UpgradeOptions.DEFAULT));
      Images.assertUnchanged(before, memory, "trap in migration 2 -> 3");
      assertStillV1(host);
      assertEquals("<none>", get(host, "m1"), "the first step is rolled back too");
      assertEquals(1, host.status().stableVersion());
    }
  }

  @Test
  void aTrapInAReinstallsInitLeavesTheOldCanister() {
    HeapMemory memory = new HeapMemory();
    try (Host host = installed(memory)) {
      Images.Snapshot before = Images.snapshot(memory);
      assertThrows(
          CanisterTrapException.class,
          () ->
              host.reinstall(
                  v2(c -> c.onInit = (ctx, arg) -> scribbleAndThrow(ctx, "reinstall")), null));
      Images.assertUnchanged(before, memory, "trap in reinstall's init");
      assertStillV1(host);
    }
  }

  @Test
  void aTrapInTheNewCodesConstructorLeavesTheOldCanister() {
    HeapMemory memory = new HeapMemory();
    try (Host host = installed(memory)) {
      Images.Snapshot before = Images.snapshot(memory);
      CanisterCode broken =
          CanisterCode.fromFactory(
              "broken",
              () -> {
                throw new IllegalStateException("no constructor today");
              });
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.upgrade(broken, null, UpgradeOptions.DEFAULT));
      assertTrue(trap.getMessage().contains("no constructor today"), trap.getMessage());
      Images.assertUnchanged(before, memory, "trap in the constructor");
      assertStillV1(host);
    }
  }

  @Test
  void goingOverALimitIsATrapThatRollsBackEvenIfUserCodeCatchesIt() {
    HeapMemory memory = new HeapMemory();
    MeterLimits small =
        MeterLimits.ic().toBuilder().bytesWritten(MessageKind.UPDATE, 64 * 1024).build();
    TestCanister c = new TestCanister();
    c.extraPoints =
        p ->
            p.update(
                "bigWrite",
                (ctx, arg) -> {
                  try {
                    TestCanister.kv(ctx).put("big", "x".repeat(100_000));
                  } catch (LimitExceededException swallowed) {
                    // the meter stays tripped: the host still traps
                  }
                  return null;
                });
    try (Host host = Host.over(memory, HostOptions.defaults().limits(small))) {
      host.install(CanisterCode.fromFactory("v1", () -> c), null);
      put(host, "a=1");
      Images.Snapshot before = Images.snapshot(memory);
      CanisterTrapException trap =
          assertThrows(CanisterTrapException.class, () -> host.update("bigWrite", null));
      assertInstanceOf(LimitExceededException.class, trap.getCause());
      assertEquals(64 * 1024, trap.report().bytesWrittenLimit());
      Images.assertUnchanged(before, memory, "over the write limit");
      assertEquals("<none>", get(host, "big"));
      CallResult small1 = host.update("put", b("b=2"));
      assertNotEquals(0, small1.report().bytesWritten());
      assertEquals(MessageKind.UPDATE, small1.report().kind());
    }
  }
}
