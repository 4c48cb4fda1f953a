package dev.stablestructures.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stable-memory migrations a canister registers in {@link Canister#migrations}: one {@link
 * Migration} per version step, {@code v -> v + 1}. An upgrade from stored version {@code s} to the
 * new code's {@link Canister#stableVersion()} {@code n} runs the steps {@code s, s + 1, ..., n - 1}
 * in order, all in the upgrade's transaction, before {@code postUpgrade}; a missing step is an
 * {@link UpgradeIncompatibleException}.
 */
public final class Migrations {
  private final Map<Integer, Migration> steps;

  private Migrations(Map<Integer, Migration> steps) {
    this.steps = steps;
  }

  /**
   * Returns the step from a version, or null if none is registered.
   *
   * @param fromVersion the version the step starts from
   * @return the step, or null
   */
  public Migration from(int fromVersion) {
    return steps.get(fromVersion);
  }

  /**
   * Returns how many steps are registered.
   *
   * @return the number of steps
   */
  public int size() {
    return steps.size();
  }

  @Override
  public String toString() {
    return "Migrations" + steps.keySet();
  }

  /** Collects the steps; {@link Canister#migrations} receives one. */
  public static final class Builder {
    private final Map<Integer, Migration> steps = new TreeMap<>();

    Builder() {}

    /**
     * Registers the step from {@code fromVersion} to {@code fromVersion + 1}.
     *
     * @param fromVersion the version the step converts from, 1 or more
     * @param migration the conversion
     * @return this builder
     * @throws IllegalArgumentException if the version is below 1 or already has a step
     */
    public Builder step(int fromVersion, Migration migration) {
      Objects.requireNonNull(migration, "migration");
      if (fromVersion < 1) {
        throw new IllegalArgumentException(
            "stable-memory versions start at 1; a step from version " + fromVersion + " is void");
      }
      if (steps.putIfAbsent(fromVersion, migration) != null) {
        throw new IllegalArgumentException(
            "two migration steps from version " + fromVersion + "; register one per version");
      }
      return this;
    }

    Migrations build() {
      return new Migrations(new TreeMap<>(steps));
    }
  }
}
