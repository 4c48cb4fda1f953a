package dev.stablestructures.benchmarks.upgrade;

import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import java.util.Map;
import java.util.function.Function;

/**
 * The entry points both upgrade-curve canisters answer, over whichever map holds their state:
 * {@code fill} (a {@link StateArgs.Fill} of keys, each with its value), {@code get} (a key's value,
 * or a trap) and {@code size}.
 */
final class StateEntryPoints {
  private StateEntryPoints() {}

  /**
   * Declares the three entry points.
   *
   * @param points the canister's builder
   * @param state the map the canister keeps its state in, as a message finds it
   */
  static void declare(
      EntryPoints.Builder points, Function<CanisterContext, Map<Long, byte[]>> state) {
    points
        .update(
            "fill",
            (ctx, arg) -> {
              StateArgs.Fill fill = StateArgs.Fill.decode(arg);
              Map<Long, byte[]> map = state.apply(ctx);
              for (int i = 0; i < fill.count(); i++) {
                long key = fill.first() + i;
                map.put(key, StateArgs.value(key, fill.valueBytes()));
              }
              return StateArgs.key(map.size());
            })
        .query(
            "get",
            (ctx, arg) -> {
              long key = StateArgs.key(arg);
              byte[] value = state.apply(ctx).get(key);
              if (value == null) {
                throw ctx.trap("no key " + key + " in the state");
              }
              return value;
            })
        .query("size", (ctx, arg) -> StateArgs.key(state.apply(ctx).size()));
  }
}
