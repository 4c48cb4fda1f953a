package dev.stablestructures.runtime.junit;

/** Which of the two runs of an {@link UpgradeTwice} test is under way. */
public enum UpgradeRun {
  /** The test as written: upgrade points do nothing. */
  PLAIN("[plain]"),
  /** Each upgrade point (or the end of the setup) upgrades the canister. */
  WITH_UPGRADE("[with upgrade]");

  private final String displayName;

  UpgradeRun(String displayName) {
    this.displayName = displayName;
  }

  /**
   * Returns the name the test report shows for this run.
   *
   * @return {@code "[plain]"} or {@code "[with upgrade]"}
   */
  public String displayName() {
    return displayName;
  }
}
