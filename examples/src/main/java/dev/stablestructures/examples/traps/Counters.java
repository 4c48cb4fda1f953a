package dev.stablestructures.examples.traps;

import dev.stablestructures.runtime.CanisterCode;

/** The trap examples' counters as code. */
public final class Counters {
  private Counters() {}

  /**
   * The counter with correct hooks.
   *
   * @return the code
   */
  public static CanisterCode good() {
    return CanisterCode.fromFactory(Counter.class.getName(), Counter::new);
  }

  /**
   * The counter whose {@code preUpgrade} traps.
   *
   * @return the code
   */
  public static CanisterCode brokenPreUpgrade() {
    return CanisterCode.fromFactory(
        CounterWithBrokenPreUpgrade.class.getName(), CounterWithBrokenPreUpgrade::new);
  }

  /**
   * The counter whose {@code postUpgrade} traps.
   *
   * @return the code
   */
  public static CanisterCode brokenPostUpgrade() {
    return CanisterCode.fromFactory(
        CounterWithBrokenPostUpgrade.class.getName(), CounterWithBrokenPostUpgrade::new);
  }
}
