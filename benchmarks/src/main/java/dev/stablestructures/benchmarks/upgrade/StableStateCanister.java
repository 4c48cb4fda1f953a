package dev.stablestructures.benchmarks.upgrade;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;

/**
 * Upgrade-curve contender (a): the state lives in a {@link StableBTreeMap} in stable memory, so an
 * upgrade has nothing to save or load; {@code postUpgrade} only declares the map again (it reads
 * the map's header).
 *
 * <p>Methods: {@code fill} (update, a {@link StateArgs.Fill}), {@code get} (query, a key; traps if
 * absent), {@code size} (query, the entry count as 8 bytes).
 */
public final class StableStateCanister implements Canister {
  /** Memory id of the state map. */
  static final int STATE = 0;

  /** Creates the canister; the host does this when it loads the code. */
  public StableStateCanister() {}

  private static StableBTreeMap<Long, byte[]> state(CanisterContext ctx) {
    return ctx.memories().btreeMap("state", STATE, Codecs.u64(), Codecs.bytes());
  }

  @Override
  public void init(CanisterContext ctx, byte[] arg) {
    state(ctx);
  }

  @Override
  public void postUpgrade(CanisterContext ctx, byte[] arg) {
    state(ctx);
  }

  @Override
  public void entryPoints(EntryPoints.Builder points) {
    StateEntryPoints.declare(points, StableStateCanister::state);
  }
}
