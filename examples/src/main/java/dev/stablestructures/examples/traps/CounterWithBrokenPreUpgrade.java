package dev.stablestructures.examples.traps;

import dev.stablestructures.runtime.CanisterContext;

/**
 * The counter with a bug in {@code preUpgrade}, which the seed warns about: it traps, so every
 * upgrade away from this code rolls back, and the bug cannot be fixed by an upgrade; unless the
 * upgrade skips the old code's {@code preUpgrade} ({@code --skip-pre-upgrade}), which is safe here
 * because the state is all in stable memory already.
 */
public final class CounterWithBrokenPreUpgrade extends Counter {
  /** Creates the canister; the host does this when it loads the code. */
  public CounterWithBrokenPreUpgrade() {}

  @Override
  public void preUpgrade(CanisterContext ctx) {
    count(ctx).set(-1L); // a write the rollback must undo
    throw new IllegalStateException("bug in preUpgrade: the state cannot be saved");
  }
}
