package dev.stablestructures.benchmarks.profile;

import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * How long a profile takes, from JMH's own parameters: for every benchmark a run includes, one fork
 * per parameter combination, each paying the JVM's start, the run's set-up estimate, its warm-up
 * and its measurement. Reads the benchmark list the annotation processor wrote into the jar.
 */
public final class Estimate {
  /** Seconds a fork takes to start its JVM and load the stores' classes. */
  static final double FORK_SECONDS = 2;

  private Estimate() {}

  /**
   * The benchmarks a run includes.
   *
   * @param run the run
   * @return the matching entries of the benchmark list
   */
  public static List<BenchmarkListEntry> benchmarks(ProfileRun run) {
    return List.copyOf(
        BenchmarkList.defaultList()
            .find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                List.of(run.include()),
                List.of()));
  }

  /**
   * The forks a run starts: one per benchmark and parameter combination.
   *
   * @param run the run
   * @return forks
   */
  public static int forks(ProfileRun run) {
    int forks = 0;
    for (BenchmarkListEntry entry : benchmarks(run)) {
      int combinations = 1;
      Map<String, String[]> defaults = entry.getParams().orElse(Map.of());
      for (Map.Entry<String, String[]> p : defaults.entrySet()) {
        List<String> given = run.params().get(p.getKey());
        combinations *= given != null ? given.size() : p.getValue().length;
      }
      forks += combinations;
    }
    return forks;
  }

  /**
   * Expected seconds of one run.
   *
   * @param run the run
   * @return seconds
   */
  public static double seconds(ProfileRun run) {
    double perFork =
        FORK_SECONDS
            + run.setupSeconds()
            + run.warmups() * run.warmupSeconds()
            + run.iterations() * run.seconds();
    return forks(run) * perFork;
  }

  /**
   * Expected seconds of a whole profile, its JMH runs, the footprint runner and the upgrade curve.
   *
   * @param profile the profile
   * @return seconds
   */
  public static double seconds(Profile profile) {
    double total = profile.footprintSeconds() + profile.upgradeSeconds();
    for (ProfileRun run : profile.runs()) {
      total += seconds(run);
    }
    return total;
  }
}
