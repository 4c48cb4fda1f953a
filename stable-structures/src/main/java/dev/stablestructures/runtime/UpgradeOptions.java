package dev.stablestructures.runtime;

/**
 * How an upgrade runs: {@link #DEFAULT} calls the old code's {@link Canister#preUpgrade}, {@link
 * #skipPreUpgrade()} does not (the IC's {@code skip_pre_upgrade}, the way past a {@code preUpgrade}
 * that traps).
 */
public final class UpgradeOptions {
  /** Runs the old code's {@code preUpgrade} first. */
  public static final UpgradeOptions DEFAULT = new UpgradeOptions(false);

  private static final UpgradeOptions SKIP_PRE_UPGRADE = new UpgradeOptions(true);

  private final boolean skipPreUpgrade;

  private UpgradeOptions(boolean skipPreUpgrade) {
    this.skipPreUpgrade = skipPreUpgrade;
  }

  /**
   * Returns the options of an upgrade that does not call the old code's {@code preUpgrade}.
   *
   * @return the options
   */
  public static UpgradeOptions skipPreUpgrade() {
    return SKIP_PRE_UPGRADE;
  }

  /**
   * Tells whether the old code's {@code preUpgrade} is skipped.
   *
   * @return true if it is not called
   */
  public boolean skipsPreUpgrade() {
    return skipPreUpgrade;
  }

  @Override
  public String toString() {
    return skipPreUpgrade ? "UpgradeOptions[skip preUpgrade]" : "UpgradeOptions[default]";
  }
}
