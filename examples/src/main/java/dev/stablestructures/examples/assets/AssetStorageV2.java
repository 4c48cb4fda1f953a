package dev.stablestructures.examples.assets;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.VirtualMemory;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import dev.stablestructures.runtime.Migrations;
import java.nio.charset.StandardCharsets;

/**
 * Version 2 of the asset-storage canister: everything lives in stable structures (the assets map of
 * version 1, and a users map of its own), so it has no {@code preUpgrade}, its {@code postUpgrade}
 * does nothing, and an upgrade costs the same whatever is stored.
 *
 * <p>Memories: 0 the assets (as in version 1), 1 version 1's users' save (read once), 2 the users.
 * Its stable-memory version is 2. The registered migration from version 1 moves the users that
 * version 1's {@code preUpgrade} saved (see {@link SavedUsers}) into the users map, once, inside
 * the upgrade's transaction: if anything in it traps, the canister stays on version 1 as it was.
 */
public final class AssetStorageV2 implements Canister {
  /** Memory id of the users map (principal text to nothing), new in version 2. */
  static final int USERS = 2;

  /** Creates the canister; the host does this when it loads the code. */
  public AssetStorageV2() {}

  private static StableBTreeMap<String, byte[]> assets(CanisterContext ctx) {
    return AssetStorageV1.assets(ctx); // the same declaration as version 1's: the data stays
  }

  private static StableBTreeSet<String> users(CanisterContext ctx) {
    return ctx.memories().btreeSet("users", USERS, Codecs.string());
  }

  @Override
  public int stableVersion() {
    return 2;
  }

  @Override
  public void migrations(Migrations.Builder migrations) {
    migrations.step(
        1,
        ctx -> {
          VirtualMemory saved = ctx.memory(AssetStorageV1.SAVED_USERS);
          for (String user : SavedUsers.read(saved)) {
            users(ctx).add(user);
          }
          SavedUsers.clear(saved);
        });
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    users(ctx).add(ctx.caller().toText());
    assets(ctx);
  }

  private void guard(CanisterContext ctx) {
    if (!users(ctx).contains(ctx.caller().toText())) {
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
              users(ctx).add(principal);
              return "added " + principal;
            })
        .queryText(
            "stats",
            (ctx, arg) -> assets(ctx).size() + " assets, " + users(ctx).size() + " users (v2)");
  }
}
