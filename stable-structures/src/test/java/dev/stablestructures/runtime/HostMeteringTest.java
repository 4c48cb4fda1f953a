package dev.stablestructures.runtime;

import static dev.stablestructures.runtime.HostLifecycleTest.b;
import static dev.stablestructures.runtime.HostLifecycleTest.get;
import static dev.stablestructures.runtime.HostLifecycleTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.runtime.meter.LimitExceededException;
import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.MeterLimits;
import org.junit.jupiter.api.Test;

/** Every message gets a fresh meter of its kind; an upgrade's cap covers pre and post together. */
class HostMeteringTest {
  private static final String VALUE = "x".repeat(20_000);

  @Test
  void eachMessageIsMeteredAfreshUnderItsKind() {
    try (Host host = Host.inMemory()) {
      CallResult install = host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      assertEquals(MessageKind.INSTALL, install.report().kind());
      host.update("put", b("a=" + VALUE));
      CallResult first = host.update("put", b("a=" + VALUE.replace('x', 'y')));
      CallResult second = host.update("put", b("a=" + VALUE.replace('x', 'z')));
      assertEquals(MessageKind.UPDATE, first.report().kind());
      assertTrue(first.report().bytesWritten() > 20_000);
      assertEquals(first.report(), second.report(), "the same work, a fresh meter each time");
      CallResult query = host.query("get", b("a"));
      assertEquals(MessageKind.QUERY, query.report().kind());
      assertEquals(0, query.report().bytesWritten());
      assertTrue(query.report().bytesRead() > 20_000);
      assertEquals(
          MessageKind.UPGRADE,
          host.upgrade(
                  CanisterCode.fromFactory("v2", TestCanister::new), null, UpgradeOptions.DEFAULT)
              .report()
              .kind());
    }
  }

  @Test
  void anUpgradesCapCoversPreAndPostUpgradeTogether() {
    HeapMemory memory = new HeapMemory();
    CanisterCode v1 =
        CanisterCode.fromFactory(
            "v1",
            () -> {
              TestCanister c = new TestCanister();
              c.onPreUpgrade = ctx -> TestCanister.kv(ctx).put("pre", VALUE);
              return c;
            });
    CanisterCode quietV2 = CanisterCode.fromFactory("v2", TestCanister::new);
    CanisterCode busyV2 =
        CanisterCode.fromFactory(
            "v2",
            () -> {
              TestCanister c = new TestCanister();
              c.onPostUpgrade = (ctx, arg) -> TestCanister.kv(ctx).put("post", VALUE);
              return c;
            });
    long pre;
    long post;
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(v1, null);
      put(host, "a=1");
      pre = host.dryRunUpgrade(quietV2, null, UpgradeOptions.DEFAULT).report().bytesWritten();
      post =
          host.dryRunUpgrade(busyV2, null, UpgradeOptions.skipPreUpgrade()).report().bytesWritten();
    }
    long cap = Math.max(pre, post) + 1_000;
    assertTrue(pre + post > cap, pre + " + " + post + " must be over " + cap);
    MeterLimits limits =
        MeterLimits.ic().toBuilder().bytesWritten(MessageKind.UPGRADE, cap).build();
    try (Host host = Host.over(memory, HostOptions.defaults().limits(limits))) {
      host.attach(v1);
      host.dryRunUpgrade(quietV2, null, UpgradeOptions.DEFAULT); // pre alone fits
      host.dryRunUpgrade(busyV2, null, UpgradeOptions.skipPreUpgrade()); // post alone fits
      CanisterTrapException trap =
          assertThrows(
              CanisterTrapException.class,
              () -> host.upgrade(busyV2, null, UpgradeOptions.DEFAULT));
      assertInstanceOf(LimitExceededException.class, trap.getCause());
      assertEquals(cap, trap.report().bytesWrittenLimit());
      assertEquals("v1", host.status().codeName());
      assertEquals("1", get(host, "a"));
      assertEquals("<none>", get(host, "pre"));
    }
  }
}
