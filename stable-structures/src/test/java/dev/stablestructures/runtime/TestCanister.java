package dev.stablestructures.runtime;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A canister for the runtime's tests, put together from lambdas: each hook can be replaced, and it
 * always has a key-value store in the named map {@code kv} (memory 0) with {@code put "k=v"},
 * {@code get "k"} (query), {@code putAndTrap "k=v"} and {@code queryWrites "k=v"} (a query that
 * writes). Every hook it ran is appended to {@link #calls}.
 */
final class TestCanister implements Canister {
  final List<String> calls = new ArrayList<>();
  int version = 1;
  BiConsumer<CanisterContext, byte[]> onInit = (ctx, arg) -> {};
  Consumer<CanisterContext> onPreUpgrade = ctx -> {};
  BiConsumer<CanisterContext, byte[]> onPostUpgrade = (ctx, arg) -> {};
  Consumer<Migrations.Builder> onMigrations = m -> {};
  Consumer<EntryPoints.Builder> extraPoints = p -> {};

  static StableBTreeMap<String, String> kv(CanisterContext ctx) {
    return ctx.memories().btreeMap("kv", 0, Codecs.string(), Codecs.string());
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    calls.add("init");
    kv(ctx).put("init", new String(arg, java.nio.charset.StandardCharsets.UTF_8));
    onInit.accept(ctx, arg);
  }

  @Override
  public void preUpgrade(CanisterContext ctx) {
    calls.add("preUpgrade");
    onPreUpgrade.accept(ctx);
  }

  @Override
  public void postUpgrade(CanisterContext ctx, byte[] arg) {
    calls.add("postUpgrade");
    onPostUpgrade.accept(ctx, arg);
  }

  @Override
  public int stableVersion() {
    return version;
  }

  @Override
  public void migrations(Migrations.Builder migrations) {
    onMigrations.accept(migrations);
  }

  @Override
  public void entryPoints(EntryPoints.Builder points) {
    points
        .updateText(
            "put",
            (ctx, arg) -> {
              String[] kv = arg.split("=", 2);
              kv(ctx).put(kv[0], kv[1]);
              return "ok";
            })
        .queryText(
            "get",
            (ctx, arg) -> {
              String v = kv(ctx).get(arg);
              return v == null ? "<none>" : v;
            })
        .updateText(
            "putAndTrap",
            (ctx, arg) -> {
              String[] kv = arg.split("=", 2);
              kv(ctx).put(kv[0], kv[1]);
              throw ctx.trap("trapped after writing " + arg);
            })
        .queryText(
            "queryWrites",
            (ctx, arg) -> {
              String[] kv = arg.split("=", 2);
              kv(ctx).put(kv[0], kv[1]);
              return kv(ctx).get(kv[0]);
            });
    extraPoints.accept(points);
  }
}
