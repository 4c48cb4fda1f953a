package dev.stablestructures.runtime.meter;

/**
 * The kinds of message a canister runs, each with its own caps in {@link MeterLimits}: the IC
 * charges an upgrade's {@code pre_upgrade} and {@code post_upgrade} as one {@code install_code}
 * message, and a query runs under tighter caps than an update.
 */
public enum MessageKind {
  /** {@code install_code} in install or reinstall mode: {@code init} runs. */
  INSTALL,
  /**
   * {@code install_code} in upgrade mode: {@code pre_upgrade} and {@code post_upgrade} together.
   */
  UPGRADE,
  /** An update call: its changes are kept if it does not trap. */
  UPDATE,
  /** A query call: its changes are always thrown away. */
  QUERY
}
