package dev.stablestructures.runtime;

import static dev.stablestructures.runtime.HostLifecycleTest.b;
import static dev.stablestructures.runtime.HostLifecycleTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Named memories: declarations stored, checked at every upgrade, replaced only by a migration. */
class NamedMemoriesTest {
  private static CanisterCode v2(int version, Consumer<TestCanister> setUp) {
    return CanisterCode.fromFactory(
        "v2",
        () -> {
          TestCanister c = new TestCanister();
          c.version = version;
          setUp.accept(c);
          return c;
        });
  }

  private static void refused(Host host, HeapMemory memory, CanisterCode code, String expected) {
    Images.Snapshot before = Images.snapshot(memory);
    UpgradeIncompatibleException e =
        assertThrows(
            UpgradeIncompatibleException.class,
            () -> host.upgrade(code, null, UpgradeOptions.DEFAULT));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    Images.assertUnchanged(before, memory, "a refused declaration");
    assertEquals("v1", host.status().codeName());
  }

  @Test
  void anotherCodecKindOrIdForANameIsRefusedBeforeAnyDataIsTouched() {
    HeapMemory memory = new HeapMemory();
    try (Host host = Host.over(memory, HostOptions.defaults())) {
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      put(host, "a=1");
      refused(
          host,
          memory,
          v2(
              1,
              c ->
                  c.onPostUpgrade =
                      (ctx, a) -> ctx.memories().btreeMap("kv", 0, Codecs.string(), Codecs.u64())),
          "named memory 'kv' is stored as 'kv' BTREE_MAP<String, String> on memory 0; the code"
              + " declares 'kv' BTREE_MAP<String, u64> on memory 0");
      refused(
          host,
          memory,
          v2(1, c -> c.onPostUpgrade = (ctx, a) -> ctx.memories().vec("kv", 0, Codecs.u64())),
          "declares 'kv' VEC<u64> on memory 0");
      refused(
          host,
          memory,
          v2(
              1,
              c ->
                  c.onPostUpgrade =
                      (ctx, a) ->
                          ctx.memories().btreeMap("kv", 5, Codecs.string(), Codecs.string())),
          "declares 'kv' BTREE_MAP<String, String> on memory 5");
      refused(
          host,
          memory,
          v2(
              1,
              c -> c.onPostUpgrade = (ctx, a) -> ctx.memories().cell("other", 0, Codecs.u64(), 0L)),
          "a memory id of 'other' CELL<u64> on memory 0 already holds 'kv'");
      refused(
          host,
          memory,
          v2(
              1,
              c ->
                  c.onPostUpgrade =
                      (ctx, a) -> ctx.memories().log("events", 3, 0, Codecs.string())),
          "already holds 'kv'");
    }
  }

  @Test
  void twoNamesOnOneIdInOneVersionAreRefusedToo() {
    TestCanister c = new TestCanister();
    c.extraPoints =
        p ->
            p.update(
                "both",
                (ctx, arg) -> {
                  ctx.memories().vec("a", 4, Codecs.u64());
                  ctx.memories().vec("b", 4, Codecs.u64());
                  return null;
                });
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("v1", () -> c), null);
      assertThrows(UpgradeIncompatibleException.class, () -> host.update("both", null));
      assertEquals(
          List.of("kv"), names(host), "the first declaration rolled back with the message");
    }
  }

  @Test
  void aMigrationMayReplaceADeclarationAndConvertItsData() {
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("v1", TestCanister::new), null);
      put(host, "a=1");
      put(host, "b=22");
      CanisterCode v2 =
          v2(
              2,
              c -> {
                c.onMigrations =
                    m ->
                        m.step(
                            1,
                            ctx -> {
                              var old = TestCanister.kv(ctx);
                              var copy = new java.util.TreeMap<String, String>(old);
                              var counts =
                                  ctx.memories().btreeMap("kv", 0, Codecs.string(), Codecs.u64());
                              assertTrue(counts.isEmpty(), "a replaced declaration starts empty");
                              copy.forEach((k, v) -> counts.put(k, (long) v.length()));
                            });
                c.extraPoints =
                    p ->
                        p.queryText(
                            "len",
                            (ctx, arg) ->
                                String.valueOf(
                                    ctx.memories()
                                        .btreeMap("kv", 0, Codecs.string(), Codecs.u64())
                                        .get(arg)));
              });
      host.upgrade(v2, null, UpgradeOptions.DEFAULT);
      assertEquals("2", host.query("len", b("b")).replyText());
      CanisterStatus.Structure kv = host.status().structures().get(0);
      assertEquals("u64", kv.declaration().valueCodec());
    }
  }

  @Test
  void forgetIsForMigrationsAndFreesTheId() {
    try (Host host = Host.inMemory()) {
      TestCanister v1 = new TestCanister();
      v1.onInit = (ctx, a) -> ctx.memories().vec("old", 6, Codecs.u64()).push(1L);
      v1.extraPoints =
          p ->
              p.update(
                  "forget",
                  (ctx, a) -> {
                    ctx.memories().forget("old");
                    return null;
                  });
      host.install(CanisterCode.fromFactory("v1", () -> v1), null);
      assertThrows(CanisterTrapException.class, () -> host.update("forget", null));
      host.upgrade(
          v2(
              2,
              c ->
                  c.onMigrations =
                      m ->
                          m.step(
                              1,
                              ctx -> {
                                assertTrue(ctx.memories().forget("old"));
                              })),
          null,
          UpgradeOptions.DEFAULT);
      assertEquals(List.of("kv"), names(host));
    }
  }

  @Test
  void theSameDeclarationGivesTheSameStructureObject() {
    Object[] seen = new Object[2];
    TestCanister c = new TestCanister();
    c.extraPoints =
        p ->
            p.update(
                "twice",
                (ctx, arg) -> {
                  seen[0] = TestCanister.kv(ctx);
                  seen[1] = TestCanister.kv(ctx);
                  return null;
                });
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("v1", () -> c), null);
      host.update("twice", null);
      assertSame(seen[0], seen[1]);
      Object first = seen[0];
      host.update("twice", null);
      assertSame(first, seen[0], "and across messages of one instance");
    }
  }

  private static List<String> names(Host host) {
    return host.status().structures().stream().map(s -> s.declaration().name()).toList();
  }
}
