package dev.stablestructures.examples.assets;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Version 1 of the seed's asset-storage canister. The assets live in a stable B-tree map, but the
 * users are kept the old way, as the seed's Rust code keeps them: a heap set, written whole into
 * stable memory by {@code preUpgrade} and read back by {@code postUpgrade}, so every upgrade costs
 * time in proportion to the users (and a bug there can brick the canister).
 *
 * <p>Methods: {@code store} (update, owner-guarded; argument {@code "PATH CONTENT"}), {@code
 * retrieve} (query; argument the path; a missing path traps), {@code addUser} (update,
 * owner-guarded; argument a principal's text), {@code stats} (query).
 */
public final class AssetStorageV1 implements Canister {
  /** Memory id of the assets map (path to content). */
  static final int ASSETS = 0;

  /** Memory id of the users' save, written by {@code preUpgrade} (see {@link SavedUsers}). */
  static final int SAVED_USERS = 1;

  private final Set<String> users = new TreeSet<>();

  /** Creates the canister; the host does this when it loads the code. */
  public AssetStorageV1() {}

  /** Declares and opens the assets map; the host gives back the same object every time. */
  static StableBTreeMap<String, byte[]> assets(CanisterContext ctx) {
    return ctx.memories().btreeMap("assets", ASSETS, Codecs.string(), Codecs.bytes());
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    users.add(ctx.caller().toText());
    assets(ctx);
  }

  @Override
  public void preUpgrade(CanisterContext ctx) {
    SavedUsers.write(ctx.memory(SAVED_USERS), users);
  }

  @Override
  public void postUpgrade(CanisterContext ctx, byte[] arg) {
    users.addAll(SavedUsers.read(ctx.memory(SAVED_USERS)));
    assets(ctx);
  }

  private void guard(CanisterContext ctx) {
    if (!users.contains(ctx.caller().toText())) {
      ctx.trap("Store can only be set by the owner of the asset canister.");
    }
  }

  @Override
  public void entryPoints(EntryPoints.Builder points) {
    points
        .update(
            "store",
            (ctx, arg) -> {
              guard(ctx);
              AssetArgs store = AssetArgs.parse(arg);
              assets(ctx).put(store.path, store.content);
              return ("stored " + store.path + " (" + store.content.length + " bytes)")
                  .getBytes(StandardCharsets.UTF_8);
            })
        .query(
            "retrieve",
            (ctx, arg) -> {
              String path = new String(arg, StandardCharsets.UTF_8);
              byte[] content = assets(ctx).get(path);
              if (content == null) {
                ctx.trap("Path " + path + " not found.");
              }
              return content;
            })
        .updateText(
            "addUser",
            (ctx, principal) -> {
              guard(ctx);
              users.add(principal);
              return "added " + principal;
            })
        .queryText(
            "stats", (ctx, arg) -> assets(ctx).size() + " assets, " + users.size() + " users (v1)");
  }
}
