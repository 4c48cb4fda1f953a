package dev.stablestructures.examples.traps;

import dev.stablestructures.runtime.CanisterContext;

/**
 * The counter with a bug in {@code postUpgrade}: it writes, then traps. The upgrade to this code
 * rolls back: the old code stays installed and the stable memory is as before, byte for byte; the
 * author fixes the bug and upgrades again, as the seed describes.
 */
public final class CounterWithBrokenPostUpgrade extends Counter {
  /** Creates the canister; the host does this when it loads the code. */
  public CounterWithBrokenPostUpgrade() {}

  @Override
  public void postUpgrade(CanisterContext ctx, byte[] arg) {
    count(ctx).set(1_000_000L); // a write the rollback must undo
    ctx.trap("bug in postUpgrade: the new code cannot start");
  }
}
