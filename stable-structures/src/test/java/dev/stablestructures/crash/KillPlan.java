package dev.stablestructures.crash;

/**
 * How a {@link KillHarness} kills its children.
 *
 * @param mode how the children commit
 * @param killsPerChain the most kills on one file before a fresh one
 * @param minDelayMillis the shortest time from the child's {@code ready} to the kill
 * @param maxDelayMillis the longest
 * @param betweenOps for the harness's control run: each child performs a random number of ops (up
 *     to {@link #CONTROL_OPS}) and the kill comes only once it is idle, between two ops, so every
 *     reopened file must hold exactly the state of the last op reported; the delays are unused
 */
record KillPlan(
    Mode mode, int killsPerChain, int minDelayMillis, int maxDelayMillis, boolean betweenOps) {
  /** The most ops one child of the control run performs. */
  static final int CONTROL_OPS = 3_000;

  /**
   * Checks the plan.
   *
   * @throws IllegalArgumentException if a count or a delay range is empty
   */
  KillPlan {
    if (killsPerChain < 1 || minDelayMillis < 0 || maxDelayMillis < minDelayMillis) {
      throw new IllegalArgumentException(
          "kills per chain "
              + killsPerChain
              + ", delays "
              + minDelayMillis
              + ".."
              + maxDelayMillis);
    }
  }

  /**
   * The plan of the kill tests: kills at random moments, 30 to 400 ms after {@code ready}.
   *
   * @param mode how the children commit
   * @return the plan
   */
  static KillPlan randomMoments(Mode mode) {
    return new KillPlan(mode, 10, 30, 400, false);
  }

  /**
   * The plan of the control run: kills only between ops.
   *
   * @param mode how the children commit
   * @return the plan
   */
  static KillPlan betweenOps(Mode mode) {
    return new KillPlan(mode, 5, 0, 0, true);
  }
}
