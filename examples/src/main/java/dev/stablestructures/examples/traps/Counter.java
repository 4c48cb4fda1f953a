package dev.stablestructures.examples.traps;

import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import java.nio.charset.StandardCharsets;

/**
 * A counter kept in a stable cell, with correct upgrade hooks (none): the code the trap examples
 * upgrade to and from. Methods: {@code increment} (update, replies the new count), {@code get}
 * (query). The install argument, if any, is the count to start from, as decimal text ({@code
 * canister install ... --arg 41}); anything else traps, so the install leaves nothing behind.
 */
public class Counter implements Canister {
  /** Memory id of the count. */
  static final int COUNT = 0;

  /** Creates the canister; the host does this when it loads the code. */
  public Counter() {}

  static StableCell<Long> count(CanisterContext ctx) {
    return ctx.memories().cell("count", COUNT, Codecs.u64(), 0L);
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    StableCell<Long> count = count(ctx);
    if (arg.length > 0) {
      String text = new String(arg, StandardCharsets.UTF_8);
      try {
        count.set(Long.parseLong(text.strip()));
      } catch (NumberFormatException e) {
        throw ctx.trap("the install argument is the count to start from, not \"" + text + "\"");
      }
    }
  }

  @Override
  public final void entryPoints(EntryPoints.Builder points) {
    points
        .updateText(
            "increment",
            (ctx, arg) -> {
              StableCell<Long> count = count(ctx);
              count.set(count.get() + 1);
              return Long.toString(count.get());
            })
        .queryText("get", (ctx, arg) -> Long.toString(count(ctx).get()));
  }
}
