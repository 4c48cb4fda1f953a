package dev.stablestructures.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle through factories: what runs at each message, in which order, on which instance.
 */
class HostLifecycleTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  static HostOptions fixedClock() {
    return HostOptions.defaults().clock(Clock.fixed(T0, ZoneOffset.UTC));
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  static String put(Host host, String kv) {
    return host.update("put", b(kv)).replyText();
  }

  static String get(Host host, String key) {
    return host.query("get", b(key)).replyText();
  }

  @Test
  void installRunsInitOnceAndStatusReportsTheCodeRecord() {
    TestCanister v1 = new TestCanister();
    try (Host host = Host.inMemory(fixedClock())) {
      assertFalse(host.status().installed());
      host.install(CanisterCode.fromFactory("kv-v1", () -> v1), b("hello"));
      assertEquals(List.of("init"), v1.calls);
      assertEquals("hello", get(host, "init"));
      CanisterStatus status = host.status();
      assertTrue(status.installed());
      assertTrue(status.attached());
      assertEquals("kv-v1", status.codeName());
      assertEquals(1, status.codeVersion());
      assertEquals(1, status.stableVersion());
      assertEquals(T0, status.lastUpgrade());
      assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", status.principal().toText());
      assertEquals("0".repeat(64), status.codeHash());
      assertEquals(1, status.structures().size());
      MemoryDeclaration kv = status.structures().get(0).declaration();
      assertEquals(
          new MemoryDeclaration("kv", StructureKind.BTREE_MAP, 0, -1, "String", "String"), kv);
      assertTrue(status.structures().get(0).sizeInBytes() > 0);
      assertEquals(host.memory().sizeInBytes(), status.memorySizeInBytes());
    }
  }

  @Test
  void installNeedsAnEmptyMemoryAndCallsNeedAnInstall() {
    try (Host host = Host.inMemory()) {
      assertThrows(CanisterStateException.class, () -> put(host, "a=1"));
      assertThrows(
          CanisterStateException.class,
          () ->
              host.upgrade(
                  CanisterCode.fromFactory("x", TestCanister::new), null, UpgradeOptions.DEFAULT));
      CanisterCode code = CanisterCode.fromFactory("kv", TestCanister::new);
      host.install(code, null);
      CanisterStateException again =
          assertThrows(CanisterStateException.class, () -> host.install(code, null));
      assertTrue(again.getMessage().contains("already installed"), again.getMessage());
    }
    HeapMemory used = new HeapMemory();
    MemoryManager.init(used).get(3).grow(1);
    try (Host host = Host.over(used, HostOptions.defaults())) {
      CanisterStateException notEmpty =
          assertThrows(
              CanisterStateException.class,
              () -> host.install(CanisterCode.fromFactory("kv", TestCanister::new), null));
      assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
    }
    HeapMemory foreign = new HeapMemory();
    foreign.grow(1);
    foreign.write(0, b("BTR\1"));
    assertThrows(CanisterStateException.class, () -> Host.over(foreign, HostOptions.defaults()));
  }

  @Test
  void updatesKeepTheirWritesAndQueriesNever() {
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("kv", TestCanister::new), null);
      assertEquals("ok", put(host, "a=1"));
      assertEquals("1", get(host, "a"));
      assertEquals("2", host.query("queryWrites", b("a=2")).replyText());
      assertEquals("1", get(host, "a"), "a query's write is rolled back");
      assertEquals("3", host.update("queryWrites", b("a=3")).replyText());
      assertEquals("1", get(host, "a"), "a query method sent as an update is still a query");
      assertEquals("1", host.call("get", b("a")).replyText());
      host.call("put", b("b=2"));
      assertEquals("2", get(host, "b"));
      CanisterStateException notAQuery =
          assertThrows(CanisterStateException.class, () -> host.query("put", b("c=3")));
      assertTrue(notAQuery.getMessage().contains("update method"), notAQuery.getMessage());
      CanisterStateException unknown =
          assertThrows(CanisterStateException.class, () -> host.update("nope", null));
      assertTrue(unknown.getMessage().contains("no method 'nope'"), unknown.getMessage());
    }
  }

  @Test
  void aTrappingUpdateChangesNothingAndSaysWhy() {
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("kv", TestCanister::new), null);
      put(host, "a=1");
      CanisterTrapException trap =
          assertThrows(CanisterTrapException.class, () -> host.update("putAndTrap", b("a=2")));
      assertEquals("update 'putAndTrap' trapped: trapped after writing a=2", trap.getMessage());
      assertInstanceOf(CanisterTrapException.class, trap.getCause());
      assertEquals("1", get(host, "a"));
      assertEquals("ok", put(host, "a=3"), "the map reloaded after the rollback and still works");
      assertEquals("3", get(host, "a"));
    }
  }

  @Test
  void upgradeRunsPreUpgradeOnTheOldInstanceAndPostUpgradeOnTheNewWithoutInit() {
    TestCanister v1 = new TestCanister();
    TestCanister v2 = new TestCanister();
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("v1", () -> v1), b("x"));
      put(host, "a=1");
      v1.onPreUpgrade = ctx -> TestCanister.kv(ctx).put("pre", "from v1");
      v2.onPostUpgrade =
          (ctx, arg) -> TestCanister.kv(ctx).put("post", new String(arg, UTF_8) + " in v2");
      host.upgrade(CanisterCode.fromFactory("v2", () -> v2), b("arg"), UpgradeOptions.DEFAULT);
      assertEquals(List.of("init", "preUpgrade"), v1.calls);
      assertEquals(List.of("postUpgrade"), v2.calls);
      assertEquals("1", get(host, "a"));
      assertEquals("from v1", get(host, "pre"));
      assertEquals("arg in v2", get(host, "post"));
      CanisterStatus status = host.status();
      assertEquals("v2", status.codeName());
      assertEquals(2, status.codeVersion());
      host.upgrade(
          CanisterCode.fromFactory("v3", TestCanister::new), null, UpgradeOptions.skipPreUpgrade());
      assertEquals(List.of("postUpgrade"), v2.calls, "preUpgrade skipped");
      assertEquals(3, host.status().codeVersion());
    }
  }

  @Test
  void everyUpgradeMakesANewInstanceEvenOfTheSameCode() {
    List<TestCanister> made = new java.util.ArrayList<>();
    CanisterCode code =
        CanisterCode.fromFactory(
            "kv",
            () -> {
              TestCanister c = new TestCanister();
              made.add(c);
              return c;
            });
    try (Host host = Host.inMemory()) {
      host.install(code, null);
      host.upgrade(code, null, UpgradeOptions.DEFAULT);
      assertEquals(2, made.size());
      assertNotSame(made.get(0), made.get(1));
      assertEquals(List.of("init", "preUpgrade"), made.get(0).calls);
      assertEquals(List.of("postUpgrade"), made.get(1).calls);
    }
  }

  @Test
  void reinstallWipesEveryMemoryKeepsTheIdAndRunsInit() {
    try (Host host = Host.inMemory()) {
      TestCanister v1 = new TestCanister();
      v1.extraPoints =
          p ->
              p.updateText(
                  "fillVec",
                  (ctx, arg) -> {
                    var vec = ctx.memories().vec("log", 7, Codecs.u64());
                    for (long i = 0; i < 1000; i++) {
                      vec.push(i + 1);
                    }
                    return "ok";
                  });
      host.install(CanisterCode.fromFactory("v1", () -> v1), null);
      put(host, "a=1");
      host.update("fillVec", null);
      long sizeBefore = host.memory().sizeInBytes();
      TestCanister fresh = new TestCanister();
      host.reinstall(CanisterCode.fromFactory("v1b", () -> fresh), b("again"));
      assertEquals(List.of("init"), fresh.calls);
      assertEquals("<none>", get(host, "a"));
      assertEquals("again", get(host, "init"));
      CanisterStatus status = host.status();
      assertEquals(2, status.codeVersion());
      assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", status.principal().toText());
      assertEquals(
          List.of("kv"), status.structures().stream().map(s -> s.declaration().name()).toList());
      assertEquals(sizeBefore, host.memory().sizeInBytes(), "a memory never shrinks");
      MemoryManager reopened = MemoryManager.load(host.memory());
      assertEquals(0, reopened.memorySize(7), "the vector's memory is empty again");
      // Every byte outside the new manager's buckets is zero: nothing of the old data is left.
      long end = (1L + (long) reopened.allocatedBuckets() * reopened.bucketSizeInPages()) * 65536;
      byte[] rest = host.memory().readBytes(end, (int) (host.memory().sizeInBytes() - end));
      assertArrayEquals(new byte[rest.length], rest);
    }
  }

  @Test
  void userCodeCannotUseTheRuntimesMemory() {
    TestCanister c = new TestCanister();
    c.extraPoints =
        p ->
            p.update(
                    "grab",
                    (ctx, arg) -> {
                      ctx.memories().btreeMap("mine", 254, Codecs.u64(), Codecs.u64());
                      return null;
                    })
                .update(
                    "raw",
                    (ctx, arg) -> {
                      ctx.memory(254);
                      return null;
                    });
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("c", () -> c), null);
      for (String method : List.of("grab", "raw")) {
        CanisterTrapException trap =
            assertThrows(CanisterTrapException.class, () -> host.update(method, null));
        assertInstanceOf(CanisterStateException.class, trap.getCause());
        assertTrue(trap.getMessage().contains("found 254"), trap.getMessage());
      }
    }
  }

  @Test
  void aHostOverAnImageAttachesTheInstalledCodeWithoutRunningAHook() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(CanisterCode.fromFactory("kv", TestCanister::new), null);
      put(host, "a=1");
    }
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      assertTrue(host.status().installed());
      assertFalse(host.status().attached());
      assertThrows(CanisterStateException.class, () -> get(host, "a"));
      assertThrows(
          CanisterStateException.class,
          () -> host.attach(CanisterCode.fromFactory("other", TestCanister::new)));
      TestCanister again = new TestCanister();
      again.version = 2;
      assertThrows(
          CanisterStateException.class,
          () -> host.attach(CanisterCode.fromFactory("kv", () -> again)));
      TestCanister same = new TestCanister();
      host.attach(CanisterCode.fromFactory("kv", () -> same));
      assertEquals(List.of(), same.calls);
      assertEquals("1", get(host, "a"));
      assertThrows(
          CanisterStateException.class,
          () -> host.attach(CanisterCode.fromFactory("kv", TestCanister::new)));
    }
  }

  @Test
  void callersAreTheControllerUnlessGiven() {
    var alice = dev.stablestructures.codec.Principal.of(new byte[] {1, 2, 3});
    TestCanister c = new TestCanister();
    c.extraPoints =
        p -> p.queryText("whoami", (ctx, arg) -> ctx.caller().toText() + " " + ctx.self().toText());
    HostOptions options = HostOptions.defaults().principal(Principals.canisterId(7));
    try (Host host = Host.inMemory(options)) {
      host.install(CanisterCode.fromFactory("c", () -> c), null);
      assertEquals(
          "2vxsx-fae " + Principals.canisterId(7).toText(), host.query("whoami", null).replyText());
      assertEquals(
          alice.toText() + " " + Principals.canisterId(7).toText(),
          host.query("whoami", null, alice).replyText());
    }
  }
}
