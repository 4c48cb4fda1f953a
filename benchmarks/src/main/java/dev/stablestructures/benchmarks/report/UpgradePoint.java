package dev.stablestructures.benchmarks.report;

/**
 * A point of the upgrade-cost curve ({@code upgrade-curve.json}): one contender's upgrade at one
 * state size, as {@code UpgradeCurveRunner} measured it. The counts are the upgrade message's
 * metered cost ({@code preUpgrade} and {@code postUpgrade} together), deterministic; the time is
 * the median of the repetitions and includes the first read answered after the upgrade. Files
 * written before the counts existed read as zeros for them.
 *
 * @param contender {@code stable-btreemap} (a) or {@code heap-serialized} (b)
 * @param entries entries in the state
 * @param stateBytes bytes of the values in the state
 * @param valueBytes bytes of each value
 * @param seconds median seconds of the upgrade and the first read after it
 * @param repetitions upgrades measured
 * @param instructions metered instructions of the upgrade
 * @param calls stable-memory read and write calls of the upgrade
 * @param bytesRead stable-memory bytes the upgrade read
 * @param bytesWritten stable-memory bytes the upgrade wrote
 * @param dirtyPages 4 KiB pages the upgrade dirtied
 */
public record UpgradePoint(
    String contender,
    long entries,
    long stateBytes,
    int valueBytes,
    double seconds,
    int repetitions,
    long instructions,
    long calls,
    long bytesRead,
    long bytesWritten,
    long dirtyPages) {

  /** Contender (a): the state in a StableBTreeMap on FileMemory. */
  public static final String STABLE = "stable-btreemap";

  /** Contender (b): the state in a heap map, serialized in preUpgrade, read back in postUpgrade. */
  public static final String HEAP = "heap-serialized";
}
