package dev.stablestructures.examples.profiles;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import dev.stablestructures.runtime.Migrations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Version 2 of the profiles dapp: a new field (a profile's {@code headline}) and a new feature
 * ({@code setHeadline} and {@code search}), with every profile and connection of version 1 kept.
 *
 * <p>The new field changes the profiles' layout ({@code (String, String)} becomes {@code (String,
 * String, String)}), so version 2 declares stable-memory version 2 and registers the migration from
 * 1: it reads every profile with version 1's codec, declares the map with the new codec (which the
 * runtime allows only inside a migration step) and writes each profile back with an empty headline.
 * The step runs inside the upgrade's transaction: if it traps, version 1 stays installed with its
 * data as it was. The connections keep their declaration and are not touched.
 */
public final class ProfilesV2 implements Canister {
  /**
   * A profile of version 2.
   *
   * @param name the person's name
   * @param bio a few words about them
   * @param headline one line under the name, new in version 2
   */
  public record Profile(String name, String bio, String headline) {}

  /** Version 2's profile codec: the crate's {@code (String, String, String)} layout. */
  static final Codec<Profile> CODEC =
      Codecs.record(
          Codecs.string(),
          Profile::name,
          Codecs.string(),
          Profile::bio,
          Codecs.string(),
          Profile::headline,
          Profile::new);

  /** Creates the canister; the host does this when it loads the code. */
  public ProfilesV2() {}

  static StableBTreeMap<String, Profile> profiles(CanisterContext ctx) {
    return ctx.memories().btreeMap("profiles", ProfilesV1.PROFILES, Codecs.string(), CODEC);
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
          // Read the old map first: declaring the new codec replaces it with an empty map.
          List<Map.Entry<String, ProfilesV1.Profile>> old = new ArrayList<>();
          for (Map.Entry<String, ProfilesV1.Profile> e : ProfilesV1.profiles(ctx).entrySet()) {
            old.add(Map.entry(e.getKey(), e.getValue()));
          }
          StableBTreeMap<String, Profile> profiles = profiles(ctx);
          for (Map.Entry<String, ProfilesV1.Profile> e : old) {
            profiles.put(e.getKey(), new Profile(e.getValue().name(), e.getValue().bio(), ""));
          }
        });
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    profiles(ctx);
    ProfilesV1.connections(ctx);
  }

  @Override
  public void entryPoints(EntryPoints.Builder points) {
    points
        .updateText(
            "setProfile",
            (ctx, arg) -> {
              String[] parts = arg.split("\\|", 3);
              if (parts.length < 2 || parts[0].isEmpty()) {
                ctx.trap(
                    "setProfile expects 'NAME|BIO' or 'NAME|BIO|HEADLINE'; found '" + arg + "'");
              }
              String me = ctx.caller().toText();
              Profile old = profiles(ctx).get(me);
              String headline = parts.length == 3 ? parts[2] : old == null ? "" : old.headline();
              profiles(ctx).put(me, new Profile(parts[0], parts[1], headline));
              return "profile of " + me + " saved";
            })
        .updateText(
            "setHeadline",
            (ctx, headline) -> {
              String me = ctx.caller().toText();
              Profile p = profiles(ctx).get(me);
              if (p == null) {
                ctx.trap("no profile for " + me + ": call setProfile first");
              }
              profiles(ctx).put(me, new Profile(p.name(), p.bio(), headline));
              return "headline of " + me + " set";
            })
        .queryText(
            "profile",
            (ctx, who) -> {
              Profile p = profiles(ctx).get(who);
              if (p == null) {
                ctx.trap("no profile for " + who);
              }
              return p.name() + "|" + p.bio() + "|" + p.headline();
            })
        .queryText(
            "search",
            (ctx, word) -> {
              String needle = word.toLowerCase(Locale.ROOT);
              StringJoiner found = new StringJoiner("\n");
              for (Map.Entry<String, Profile> e : profiles(ctx).entrySet()) {
                Profile p = e.getValue();
                if ((p.name() + " " + p.headline()).toLowerCase(Locale.ROOT).contains(needle)) {
                  found.add(e.getKey() + " " + p.name());
                }
              }
              return found.toString();
            })
        .updateText("connect", ProfilesV1::connect)
        .queryText("connections", ProfilesV1::connectionsOf)
        .queryText(
            "stats",
            (ctx, arg) ->
                profiles(ctx).size()
                    + " profiles, "
                    + ProfilesV1.connections(ctx).size() / 2
                    + " connections (v2)");
  }
}
