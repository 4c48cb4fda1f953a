package dev.stablestructures.runtime;

import static dev.stablestructures.runtime.HostLifecycleTest.get;
import static dev.stablestructures.runtime.HostLifecycleTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.runtime.meter.MessageKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dry run runs the whole upgrade, reports it, and rolls everything back. */
class DryRunTest {
  @Test
  void aSucceedingDryRunReportsItsCostAndChangesNothing() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      put(host, "a=1");
      Images.Snapshot before = Images.snapshot(memory);
      TestCanister v2 = new TestCanister();
      v2.onPostUpgrade = (ctx, arg) -> TestCanister.kv(ctx).put("a", "from v2");
      CallResult result =
          host.dryRunUpgrade(
              CanisterCode.fromFactory("v2", () -> v2), null, UpgradeOptions.DEFAULT);
      assertEquals(List.of("postUpgrade"), v2.calls, "it really ran");
      assertEquals(MessageKind.UPGRADE, result.report().kind());
      assertTrue(result.report().bytesWritten() > 0);
      assertTrue(result.report().instructions() > 0);
      assertEquals(before, Images.snapshot(memory));
      CanisterStatus status = host.status();
      assertEquals("v1", status.codeName());
      assertEquals(1, status.codeVersion());
      assertEquals("1", get(host, "a"));
      assertEquals("ok", put(host, "b=2"), "the old instance still serves");
    }
  }

  @Test
  void aFailingDryRunThrowsWhatTheUpgradeWouldAndChangesNothing() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      put(host, "a=1");
      Images.Snapshot before = Images.snapshot(memory);
      TestCanister v2 = new TestCanister();
      v2.onPostUpgrade = (ctx, arg) -> RollbackTest.scribbleAndThrow(ctx, "dry");
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () ->
                  host.dryRunUpgrade(
                      CanisterCode.fromFactory("v2", () -> v2), null, UpgradeOptions.DEFAULT));
      assertTrue(trap.getMessage().startsWith("dry-run upgrade to v2 trapped"), trap.getMessage());
      Images.assertUnchanged(before, memory, "a failing dry run");
      assertEquals("v1", host.status().codeName());
      assertEquals("1", get(host, "a"));
    }
  }
}
