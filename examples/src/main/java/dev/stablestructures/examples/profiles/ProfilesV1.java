package dev.stablestructures.examples.profiles;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import java.util.Iterator;
import java.util.StringJoiner;

/**
 * Version 1 of the seed's "professional profiles and social connections" dapp: a profile (name and
 * bio) per principal and the connections between principals, both in stable structures.
 *
 * <p>Methods (text in, text out): {@code setProfile("NAME|BIO")} (update, the caller's own), {@code
 * profile(PRINCIPAL)} (query; traps if there is none), {@code connect(PRINCIPAL)} (update: the
 * caller and the other become connected both ways), {@code connections(PRINCIPAL)} (query: one
 * principal per line), {@code stats} (query).
 */
public final class ProfilesV1 implements Canister {
  /** Memory id of the profiles map. */
  static final int PROFILES = 0;

  /** Memory id of the connections set; an element is {@code "FROM TO"}. */
  static final int CONNECTIONS = 1;

  /**
   * A profile of version 1.
   *
   * @param name the person's name
   * @param bio a few words about them
   */
  public record Profile(String name, String bio) {}

  /** Version 1's profile codec: the crate's {@code (String, String)} layout. */
  static final Codec<Profile> CODEC =
      Codecs.record(Codecs.string(), Profile::name, Codecs.string(), Profile::bio, Profile::new);

  /** Creates the canister; the host does this when it loads the code. */
  public ProfilesV1() {}

  static StableBTreeMap<String, Profile> profiles(CanisterContext ctx) {
    return ctx.memories().btreeMap("profiles", PROFILES, Codecs.string(), CODEC);
  }

  static StableBTreeSet<String> connections(CanisterContext ctx) {
    return ctx.memories().btreeSet("connections", CONNECTIONS, Codecs.string());
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    profiles(ctx);
    connections(ctx);
  }

  /** Connects two principals both ways; shared with version 2. */
  static String connect(CanisterContext ctx, String other) {
    String me = ctx.caller().toText();
    if (other.isEmpty() || other.equals(me)) {
      ctx.trap("connect expects another principal; found '" + other + "'");
    }
    connections(ctx).add(me + " " + other);
    connections(ctx).add(other + " " + me);
    return me + " <-> " + other;
  }

  /** Lists a principal's connections, one per line; shared with version 2. */
  static String connectionsOf(CanisterContext ctx, String who) {
    StringJoiner lines = new StringJoiner("\n");
    Iterator<String> range = connections(ctx).range(who + " ", true, who + "!", false);
    while (range.hasNext()) {
      lines.add(range.next().substring(who.length() + 1));
    }
    return lines.toString();
  }

  @Override
  public void entryPoints(EntryPoints.Builder points) {
    points
        .updateText(
            "setProfile",
            (ctx, arg) -> {
              int bar = arg.indexOf('|');
              if (bar <= 0) {
                ctx.trap("setProfile expects 'NAME|BIO'; found '" + arg + "'");
              }
              profiles(ctx)
                  .put(
                      ctx.caller().toText(),
                      new Profile(arg.substring(0, bar), arg.substring(bar + 1)));
              return "profile of " + ctx.caller().toText() + " saved";
            })
        .queryText(
            "profile",
            (ctx, who) -> {
              Profile p = profiles(ctx).get(who);
              if (p == null) {
                ctx.trap("no profile for " + who);
              }
              return p.name() + "|" + p.bio();
            })
        .updateText("connect", ProfilesV1::connect)
        .queryText("connections", ProfilesV1::connectionsOf)
        .queryText(
            "stats",
            (ctx, arg) ->
                profiles(ctx).size()
                    + " profiles, "
                    + connections(ctx).size() / 2
                    + " connections (v1)");
  }
}
