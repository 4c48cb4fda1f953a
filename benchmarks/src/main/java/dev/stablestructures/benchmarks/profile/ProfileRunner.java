package dev.stablestructures.benchmarks.profile;

import dev.stablestructures.benchmarks.peers.FootprintRunner;
import dev.stablestructures.benchmarks.peers.PeerForks;
import dev.stablestructures.benchmarks.report.ResultsReport;
import dev.stablestructures.benchmarks.report.RunInfo;
import dev.stablestructures.benchmarks.upgrade.UpgradeCurveRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a {@link Profile} end to end, as {@code benchmarks/run quick|full|tiny} does: every JMH run
 * of the profile (JSON into {@code benchmarks/results/PROFILE/}), the footprint runner in a JVM of
 * its own with the peer forks' flags, the upgrade-cost curve in a JVM of its own with the heap its
 * largest state needs ({@link UpgradeCurveRunner#heapFor}: 12 GiB for the full profile's 4 GiB),
 * the run's description ({@code run.json}), then the report ({@code benchmarks/RESULTS.md}; the
 * tiny profile writes its own copy beside its results).
 *
 * <p>Options: {@code --dry-run} prints the plan and the estimate only; {@code --results DIR} and
 * {@code --markdown FILE} move the outputs; {@code --only PART[,PART...]} runs only the named parts
 * of the plan (a JMH run's name, {@code footprint} or {@code upgrade-curve}), so that a profile of
 * hours can be run in pieces on quiet hours: each part replaces its own JSON, the other parts' JSON
 * stays, the part's description goes to {@code run-PART.json}, and the report is regenerated from
 * everything the results directory holds.
 */
public final class ProfileRunner {
  private ProfileRunner() {}

  /**
   * Runs the profile the arguments name.
   *
   * @param args {@code PROFILE [--dry-run] [--results DIR] [--markdown FILE] [--only PARTS]}
   * @throws Exception if a benchmark, the footprint runner or the report fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ProfileRunner tiny|quick|full [--dry-run]");
    }
    Profile profile = Profile.valueOf(args[0].toUpperCase(Locale.ROOT));
    String name = profile.name().toLowerCase(Locale.ROOT);
    Path results = Path.of("benchmarks", "results", name);
    Path markdown =
        profile == Profile.TINY ? results.resolve("RESULTS.md") : Path.of("benchmarks/RESULTS.md");
    boolean dryRun = false;
    List<String> only = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--dry-run" -> dryRun = true;
        case "--results" -> results = Path.of(args[++i]);
        case "--markdown" -> markdown = Path.of(args[++i]);
        case "--only" -> only = parts(profile, args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long estimate = Math.round(only == null ? Estimate.seconds(profile) : seconds(profile, only));
    System.out.println(plan(profile, estimate));
    if (dryRun) {
      return;
    }
    Instant started = Instant.now();
    Files.createDirectories(results);
    for (ProfileRun run : profile.runs()) {
      if (only == null || only.contains(run.name())) {
        jmh(run, results.resolve(run.name() + ".json"));
      }
    }
    if (only == null || only.contains(FOOTPRINT)) {
      footprint(profile, results.resolve("footprint.json"));
    }
    if (only == null || only.contains(UPGRADE_CURVE)) {
      upgradeCurve(profile, results.resolve(ResultsReport.UPGRADE_FILE));
    }
    String command = "benchmarks/run " + name;
    if (only == null) {
      RunInfo.ofThisMachine(name, command, started, estimate).write(results);
    } else {
      String part = String.join(",", only);
      RunInfo.ofThisMachine(name, command + " --only " + part, started, estimate)
          .writePart(results, String.join("+", only));
    }
    ResultsReport.generate(results, markdown);
    System.out.println("wrote " + markdown + " from " + results);
  }

  /** The plan's name of the footprint part, for {@code --only}. */
  static final String FOOTPRINT = "footprint";

  /** The plan's name of the upgrade-curve part, for {@code --only}. */
  static final String UPGRADE_CURVE = "upgrade-curve";

  /**
   * The parts {@code --only} names, in the plan's order.
   *
   * @throws IllegalArgumentException naming a part the profile does not have, and those it has
   */
  static List<String> parts(Profile profile, String list) {
    List<String> known = new ArrayList<>();
    profile.runs().forEach(r -> known.add(r.name()));
    known.add(FOOTPRINT);
    known.add(UPGRADE_CURVE);
    List<String> asked = List.of(list.split(","));
    for (String part : asked) {
      if (!known.contains(part)) {
        throw new IllegalArgumentException(
            "profile " + profile + " has no part " + part + "; its parts: " + known);
      }
    }
    return known.stream().filter(asked::contains).toList();
  }

  /** The estimated seconds of the named parts alone. */
  static double seconds(Profile profile, List<String> parts) {
    double total = 0;
    for (ProfileRun run : profile.runs()) {
      if (parts.contains(run.name())) {
        total += Estimate.seconds(run);
      }
    }
    total += parts.contains(FOOTPRINT) ? profile.footprintSeconds() : 0;
    return total + (parts.contains(UPGRADE_CURVE) ? profile.upgradeSeconds() : 0);
  }

  /** The runs, their forks and estimated minutes, as printed before a run. */
  static String plan(Profile profile, long estimate) {
    StringBuilder plan = new StringBuilder();
    plan.append(String.format("profile %s: estimated %d min%n", profile, (estimate + 59) / 60));
    for (ProfileRun run : profile.runs()) {
      plan.append(
          String.format(
              "  %-24s %3d forks  ~%4.1f min  %s%n",
              run.name(), Estimate.forks(run), Estimate.seconds(run) / 60, run.include()));
    }
    plan.append(
        String.format(
            "  %-24s            ~%4.1f min  %d entries, %s%n",
            FOOTPRINT,
            profile.footprintSeconds() / 60,
            profile.footprintEntries(),
            profile.footprintWorkloads()));
    plan.append(
        String.format(
            "  %-24s            ~%4.1f min  states %s, %s%n",
            UPGRADE_CURVE,
            profile.upgradeSeconds() / 60,
            String.join(
                ",", profile.upgradeSizes().stream().map(UpgradeCurveRunner::label).toList()),
            upgradeHeap(profile)));
    return plan.toString();
  }

  private static void jmh(ProfileRun run, Path json) throws RunnerException {
    new Runner(options(run, json)).run();
  }

  /** The JMH options of {@code run}, writing JSON to {@code json}. */
  static Options options(ProfileRun run, Path json) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(run.include())
            .forks(1)
            .warmupIterations(run.warmups())
            .warmupTime(millis(run.warmupSeconds()))
            .measurementIterations(run.iterations())
            .measurementTime(millis(run.seconds()))
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
    for (Map.Entry<String, List<String>> p : run.params().entrySet()) {
      options = options.param(p.getKey(), p.getValue().toArray(String[]::new));
    }
    return options.build();
  }

  private static TimeValue millis(double seconds) {
    return TimeValue.milliseconds(Math.round(seconds * 1000));
  }

  /** Runs the footprint runner in a JVM with the peer forks' flags (Chronicle Map needs them). */
  static void footprint(Profile profile, Path json) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(PeerForks.class.getAnnotation(Fork.class).jvmArgsAppend()));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(FootprintRunner.class.getName());
    int entries = profile.footprintEntries();
    command.addAll(
        List.of(
            "--entries",
            Integer.toString(entries),
            "--removes",
            Integer.toString(entries / 2),
            "--workloads",
            String.join(",", profile.footprintWorkloads().stream().map(Enum::name).toList()),
            "--contenders",
            String.join(",", profile.footprintContenders()),
            "--out",
            json.toString()));
    int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IOException("the footprint runner failed with exit code " + exit);
    }
  }

  /** The heap flag of the upgrade curve's JVM. */
  static String upgradeHeap(Profile profile) {
    return UpgradeCurveRunner.heapFor(
        profile.upgradeSizes().stream().mapToLong(Long::longValue).max().orElse(0));
  }

  /** Runs the upgrade-cost curve in a JVM with the heap its largest state needs. */
  static void upgradeCurve(Profile profile, Path json) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(upgradeHeap(profile));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(UpgradeCurveRunner.class.getName());
    command.addAll(
        List.of(
            "--sizes",
            String.join(
                ",", profile.upgradeSizes().stream().map(UpgradeCurveRunner::label).toList()),
            "--repetitions",
            Integer.toString(profile.upgradeRepetitions()),
            "--out",
            json.toString()));
    int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IOException("the upgrade-curve runner failed with exit code " + exit);
    }
  }
}
