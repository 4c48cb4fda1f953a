package dev.stablestructures.benchmarks.upgrade;

import dev.stablestructures.runtime.Canister;
import dev.stablestructures.runtime.CanisterContext;
import dev.stablestructures.runtime.EntryPoints;
import java.util.HashMap;
import java.util.Map;

/**
 * Upgrade-curve contender (b), the seed's Rust example's way: the state lives in a heap map, which
 * {@code preUpgrade} writes whole into stable memory ({@link HeapSnapshot}, as {@code stable_save})
 * and {@code postUpgrade} reads back into a new map ({@code stable_restore}), so an upgrade costs
 * time, bytes and instructions in proportion to the state.
 *
 * <p>Methods: as {@link StableStateCanister}'s ({@code fill}, {@code get}, {@code size}).
 */
public final class HeapStateCanister implements Canister {
  /** Memory id of the snapshot {@code preUpgrade} writes. */
  static final int SNAPSHOT = 0;

  private Map<Long, byte[]> state = new HashMap<>();

  /** Creates the canister; the host does this when it loads the code. */
  public HeapStateCanister() {}

  @Override
  public void preUpgrade(CanisterContext ctx) {
    HeapSnapshot.write(ctx.memory(SNAPSHOT), state);
  }

  @Override
  public void postUpgrade(CanisterContext ctx, byte[] arg) {
    state = HeapSnapshot.read(ctx.memory(SNAPSHOT));
  }

  @Override
  public void entryPoints(EntryPoints.Builder points) {
    StateEntryPoints.declare(points, ctx -> state);
  }
}
