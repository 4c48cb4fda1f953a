package dev.stablestructures.benchmarks.profile;

import dev.stablestructures.benchmarks.peers.Contender;
import dev.stablestructures.benchmarks.peers.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark profiles {@code benchmarks/run} runs: what each measures, with the JMH settings and
 * the footprint runner's size. Their estimated durations come from {@link Estimate}; ProfileTest
 * keeps {@link #QUICK} under 10 minutes on the 2-core machine.
 *
 * <p>Set-up estimates assume filling a store costs about 3 µs per u64 entry, 5 µs per blob entry
 * and 10 µs per 1 KiB entry (the slowest contenders' rates; ours are faster), plus 2 s per fork for
 * the JVM and class loading. The first official run should replace these guesses.
 */
public enum Profile {
  /** Checks the harness end to end in about a minute; its numbers mean nothing. */
  TINY,
  /** The headline comparison at 100k entries, 7 contenders, short iterations: under 10 minutes. */
  QUICK,
  /** Every workload, size and contender at the classes' iteration counts: hours. */
  FULL;

  /** Warm-ups of the quick profile's write runs: more than its reads, within its 10 minutes. */
  static final int WRITE_WARMUPS_QUICK = 4;

  /** Warm-ups of the full profile's write runs (see {@link #fullWriteRun}). */
  static final int WRITE_WARMUPS_FULL = 8;

  private static final String PEERS = "dev\\.stablestructures\\.benchmarks\\.peers\\.";
  private static final List<String> ALL = names(Contender.values());
  private static final List<String> QUICK_STORES =
      names(
          Contender.STABLE_FILE,
          Contender.STABLE_HEAP,
          Contender.TREEMAP,
          Contender.MAPDB,
          Contender.LMDB,
          Contender.MVSTORE,
          Contender.CHRONICLE);

  /**
   * The JMH runs, in order.
   *
   * @return the runs
   */
  public List<ProfileRun> runs() {
    return switch (this) {
      case TINY -> tiny();
      case QUICK -> quick();
      case FULL -> full();
    };
  }

  /**
   * Entries the footprint runner inserts (it then removes half of them).
   *
   * @return entries
   */
  public int footprintEntries() {
    return this == TINY ? 20_000 : 1_000_000;
  }

  /**
   * The workloads the footprint runner measures.
   *
   * @return workloads
   */
  public List<Workload> footprintWorkloads() {
    return this == FULL
        ? List.of(Workload.U64, Workload.BLOB, Workload.STRING_1K)
        : List.of(Workload.U64);
  }

  /**
   * The contenders the footprint runner measures.
   *
   * @return contender names
   */
  public List<String> footprintContenders() {
    return this == FULL ? ALL : QUICK_STORES;
  }

  /**
   * Expected seconds the footprint runner takes.
   *
   * @return seconds
   */
  public double footprintSeconds() {
    double perEntry = this == FULL ? (3 + 5 + 10) * 1e-6 * 1.5 : 3e-6 * 1.5;
    return 2 + footprintContenders().size() * footprintEntries() * perEntry;
  }

  /**
   * State sizes, in bytes of values, of the upgrade-cost curve ({@code UpgradeCurveRunner}).
   *
   * @return sizes, smallest first
   */
  public List<Long> upgradeSizes() {
    return switch (this) {
      case TINY -> List.of(1L << 20);
      case QUICK -> List.of(10L << 20, 100L << 20);
      case FULL -> List.of(10L << 20, 100L << 20, 1L << 30, 4L << 30);
    };
  }

  /**
   * Timed upgrades per point of the upgrade-cost curve (the median is kept).
   *
   * @return repetitions
   */
  public int upgradeRepetitions() {
    return 3;
  }

  /**
   * Expected seconds of the upgrade-cost curve: a JVM, a warm-up of 1 MiB, then per MiB of state
   * (both contenders: fill, four upgrades, the images written and deleted) about {@link
   * #UPGRADE_SECONDS_PER_MIB}, as measured on the 2-core machine up to 1 GiB.
   *
   * @return seconds
   */
  public double upgradeSeconds() {
    double mib = upgradeSizes().stream().mapToLong(Long::longValue).sum() / (double) (1 << 20);
    return 3 + (mib + 1) * UPGRADE_SECONDS_PER_MIB * (upgradeRepetitions() + 1) / 4.0;
  }

  /**
   * Seconds per MiB of state the upgrade curve takes, both contenders, four upgrades each (1 GiB:
   * 106 s with three upgrades on the busy 2-core machine, plus one upgrade of (b), 10 s).
   */
  static final double UPGRADE_SECONDS_PER_MIB = 0.17;

  private static List<ProfileRun> tiny() {
    Map<String, List<String>> u64 = params(QUICK_STORES, Workload.U64, 1000);
    return List.of(
        new ProfileRun(
            "tiny-u64-get", PEERS + "PeerReadBenchmark.getHit$", u64, 0, 0.1, 1, 0.1, 0.2),
        new ProfileRun(
            "tiny-u64-scan",
            PEERS + "PeerReadBenchmark.rangeScan$",
            params(ordered(QUICK_STORES), Workload.U64, 1000),
            0,
            0.1,
            1,
            0.1,
            0.2),
        new ProfileRun(
            "tiny-u64-write",
            PEERS + "PeerWriteBenchmark.insertRandom$",
            with(u64, "commitEvery", "1000"),
            0,
            0.1,
            1,
            0.1,
            0.2),
        new ProfileRun(
            "tiny-asset",
            PEERS + "AssetStoreBenchmark.retrieve$",
            Map.of("store", List.of("STABLE_FILE", "TREEMAP", "LMDB")),
            0,
            0.1,
            1,
            0.1,
            1));
  }

  private static List<ProfileRun> quick() {
    List<ProfileRun> runs = new ArrayList<>();
    int size = 100_000;
    double setup = size * 3e-6;
    Map<String, List<String>> u64 = params(QUICK_STORES, Workload.U64, size);
    Map<String, List<String>> ordered = params(ordered(QUICK_STORES), Workload.U64, size);
    runs.add(
        new ProfileRun("quick-u64-get", PEERS + "PeerReadBenchmark.get", u64, 1, 1, 2, 1, setup));
    runs.add(
        new ProfileRun(
            "quick-u64-scan",
            PEERS + "PeerReadBenchmark.(rangeScan|fullScan)",
            ordered,
            1,
            1,
            2,
            1,
            setup));
    runs.add(
        new ProfileRun(
            "quick-u64-insert",
            PEERS + "PeerWriteBenchmark.insertRandom",
            with(u64, "commitEvery", "1", "1000"),
            WRITE_WARMUPS_QUICK,
            1,
            2,
            1,
            setup));
    runs.add(
        new ProfileRun(
            "quick-u64-write",
            PEERS + "PeerWriteBenchmark.(insertSequential|remove)",
            with(u64, "commitEvery", "1000"),
            WRITE_WARMUPS_QUICK,
            1,
            2,
            1,
            setup));
    runs.add(
        new ProfileRun(
            "quick-asset",
            PEERS + "AssetStoreBenchmark",
            Map.of("store", QUICK_STORES),
            1,
            1,
            2,
            1,
            4));
    return runs;
  }

  private static List<ProfileRun> full() {
    List<ProfileRun> runs = new ArrayList<>();
    for (int size : new int[] {100_000, 1_000_000, 10_000_000}) {
      String n = label(size);
      double setup = size * 3e-6;
      Map<String, List<String>> u64 = params(ALL, Workload.U64, size);
      runs.add(fullRun("full-u64-get-" + n, "PeerReadBenchmark.get", u64, setup));
      runs.add(
          fullRun(
              "full-u64-scan-" + n,
              "PeerReadBenchmark.(rangeScan|fullScan)",
              params(ordered(ALL), Workload.U64, size),
              setup));
      runs.add(
          fullWriteRun(
              "full-u64-write-" + n,
              "PeerWriteBenchmark",
              with(u64, "commitEvery", "1", "1000"),
              setup));
      // HeapMemory holds at most 2 GiB: 10M blob entries do not fit, so ours on the heap sit out.
      List<String> blobStores =
          size < 10_000_000 ? ALL : ALL.stream().filter(s -> !s.startsWith("STABLE_HEAP")).toList();
      Map<String, List<String>> blob = params(blobStores, Workload.BLOB, size);
      runs.add(fullRun("full-blob-get-" + n, "PeerReadBenchmark.get", blob, size * 5e-6));
      if (size < 10_000_000) {
        // 10M entries of 1 KiB are 10 GiB: past the 8 GiB heap of TreeMap and HeapMemory's 2 GiB.
        runs.add(
            fullWriteRun(
                "full-blob-write-" + n,
                "PeerWriteBenchmark.(insertRandom|remove)",
                with(blob, "commitEvery", "1000"),
                size * 5e-6));
        Map<String, List<String>> text = params(ALL, Workload.STRING_1K, size);
        runs.add(fullRun("full-string-get-" + n, "PeerReadBenchmark.get", text, size * 10e-6));
        runs.add(
            fullWriteRun(
                "full-string-write-" + n,
                "PeerWriteBenchmark.(insertRandom|remove)",
                with(text, "commitEvery", "1000"),
                size * 10e-6));
      }
    }
    runs.add(
        new ProfileRun(
            "full-asset", PEERS + "AssetStoreBenchmark", Map.of("store", ALL), 2, 1, 5, 1, 4));
    String structures =
        "dev\\.stablestructures\\.benchmarks\\."
            + "(StableVecBenchmark|StableVecPushBenchmark|StableLogBenchmark|StableMinHeapBenchmark)";
    runs.add(new ProfileRun("full-structures", structures, Map.of(), 3, 1.5, 5, 1.5, 6));
    return runs;
  }

  /**
   * A write run of the full profile: as {@link #fullRun}, with {@value #WRITE_WARMUPS_FULL}
   * warm-ups, because an invocation of a write benchmark is 1,000 operations and their undoing, and
   * our stores' write paths are still compiling after 3 one-second warm-ups (one fork measured
   * 9,890 then 5,769, 4,164, 2,118 and 1,855 ns per insert, iteration after iteration).
   */
  private static ProfileRun fullWriteRun(
      String name, String include, Map<String, List<String>> params, double setup) {
    return new ProfileRun(name, PEERS + include, params, WRITE_WARMUPS_FULL, 1, 5, 1, setup);
  }

  private static ProfileRun fullRun(
      String name, String include, Map<String, List<String>> params, double setup) {
    return new ProfileRun(name, PEERS + include, params, 3, 1, 5, 1, setup);
  }

  private static Map<String, List<String>> params(List<String> stores, Workload w, int size) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("store", stores);
    params.put("workload", List.of(w.name()));
    params.put("size", List.of(Integer.toString(size)));
    return params;
  }

  private static Map<String, List<String>> with(
      Map<String, List<String>> params, String name, String... values) {
    Map<String, List<String>> copy = new LinkedHashMap<>(params);
    copy.put(name, List.of(values));
    return copy;
  }

  private static List<String> ordered(List<String> stores) {
    return stores.stream().filter(s -> Contender.valueOf(s).ordered()).toList();
  }

  private static List<String> names(Contender... contenders) {
    return Stream.of(contenders).map(Enum::name).toList();
  }

  private static String label(int size) {
    return size >= 1_000_000 ? size / 1_000_000 + "m" : size / 1_000 + "k";
  }
}
