package dev.stablestructures.benchmarks.report;

import com.google.gson.Gson;
import dev.stablestructures.benchmarks.peers.Contender;
import dev.stablestructures.benchmarks.peers.FootprintRunner.Footprint;
import dev.stablestructures.benchmarks.peers.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Regenerates the generated sections of RESULTS.md, and their charts, from one profile run's
 * results directory: JMH's JSON files, {@code footprint.json}, {@code run.json} and, once the
 * {@code upgrade-curve.json} (UpgradeCurveRunner's). Nothing is copied by hand.
 *
 * <pre>
 * java -cp benchmarks.jar dev.stablestructures.benchmarks.report.ResultsReport \
 *   benchmarks/results/quick benchmarks/RESULTS.md
 * </pre>
 *
 * <p>Sections are named {@code PROFILE/NAME}: {@code run} (machine, JDK, command, contenders and
 * their durability settings), {@code maps-WORKLOAD} (per size: ns per operation, ratios of ours to
 * every contender, a chart), {@code asset} (MB/s), {@code footprint} (bytes per entry), {@code
 * structures} (the other structures against their baselines) and {@code upgrade} (the upgrade-cost
 * curve: table, where (b) stops upgrading on the IC, chart; see {@code UpgradeTables}).
 */
public final class ResultsReport {
  /** The file the upgrade-cost curve is read from: a JSON array of {@link UpgradePoint}. */
  public static final String UPGRADE_FILE = "upgrade-curve.json";

  private static final Set<String> NOT_JMH = Set.of(RunInfo.FILE, "footprint.json", UPGRADE_FILE);

  private ResultsReport() {}

  /**
   * Regenerates the report.
   *
   * @param args the results directory and the markdown file
   * @throws IOException if something cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ResultsReport RESULTS_DIR MARKDOWN_FILE");
    }
    generate(Path.of(args[0]), Path.of(args[1]));
  }

  /**
   * Regenerates {@code markdown}'s sections for the run in {@code results}.
   *
   * @param results the run's results directory (its name is the profile's)
   * @param markdown the report, created if absent
   * @throws IOException if something cannot be read or written
   */
  public static void generate(Path results, Path markdown) throws IOException {
    String profile = results.getFileName().toString();
    List<JmhResult> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String fileName = f.getFileName().toString();
        if (!NOT_JMH.contains(fileName) && !fileName.startsWith(RunInfo.PART_PREFIX)) {
          rows.addAll(JmhResult.read(f));
        }
      }
    }
    Gson gson = new Gson();
    RunInfo run = read(gson, results.resolve(RunInfo.FILE), RunInfo.class);
    List<RunInfo> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path f : files.sorted().toList()) {
        String fileName = f.getFileName().toString();
        if (fileName.startsWith(RunInfo.PART_PREFIX) && fileName.endsWith(".json")) {
          parts.add(read(gson, f, RunInfo.class));
        }
      }
    }
    Footprint[] footprints = read(gson, results.resolve("footprint.json"), Footprint[].class);
    UpgradePoint[] upgrade = read(gson, results.resolve(UPGRADE_FILE), UpgradePoint[].class);
    Path markdownDir = markdown.toAbsolutePath().getParent();
    Charts charts = new Charts(results.resolve("charts"), markdownDir);
    PeerTables peers = new PeerTables(rows, charts, profile);

    Map<String, String> sections = new LinkedHashMap<>();
    String p = profile + "/";
    sections.put(p + "run", runSection(profile, run, parts, rows));
    for (Workload w : peers.workloads()) {
      sections.put(p + "maps-" + w.name().toLowerCase(Locale.ROOT), peers.maps(w));
    }
    putIfPresent(sections, p + "asset", peers.asset());
    putIfPresent(
        sections,
        p + "footprint",
        peers.footprint(footprints == null ? List.of() : List.of(footprints)));
    putIfPresent(sections, p + "structures", StructureTables.tables(rows));
    sections.put(p + "upgrade", upgradeSection(upgrade, results, charts));

    String doc = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmark results\n";
    String stale = "_Not measured in the last " + profile + " run._\n";
    Files.createDirectories(markdownDir);
    Files.writeString(markdown, MarkdownSections.apply(doc, p, sections, stale));
  }

  private static void putIfPresent(Map<String, String> sections, String name, String content) {
    if (content != null) {
      sections.put(name, content);
    }
  }

  private static <T> T read(Gson gson, Path file, Class<T> type) throws IOException {
    return Files.exists(file) ? gson.fromJson(Files.readString(file), type) : null;
  }

  private static String runSection(
      String profile, RunInfo run, List<RunInfo> parts, List<JmhResult> rows) {
    StringBuilder md = new StringBuilder();
    if (run != null) {
      md.append(String.format("Profile **%s**: %s.%n%n", profile, when(run)));
    } else if (!parts.isEmpty()) {
      md.append(String.format("Profile **%s**, run in parts (`--only`):%n%n", profile));
    } else {
      md.append(String.format("Profile **%s** (no run.json: machine not recorded).%n", profile));
    }
    for (RunInfo part : parts) {
      md.append(String.format("- %s%n", when(part)));
    }
    RunInfo machine = run != null ? run : parts.isEmpty() ? null : parts.get(parts.size() - 1);
    if (machine != null) {
      md.append(
          String.format(
              "%sMachine: %s, %d cores, %d GiB, %s.%n",
              parts.isEmpty() ? "" : String.format("%n"),
              machine.cpu(),
              machine.cores(),
              machine.memoryGib(),
              machine.os()));
    }
    Set<String> jdks = new LinkedHashSet<>();
    Set<String> settings = new LinkedHashSet<>();
    for (JmhResult r : rows) {
      jdks.add(
          String.format(
              "JDK %s, %s %s, JMH %s", r.jdkVersion(), r.vmName(), r.vmVersion(), r.jmhVersion()));
      settings.add(
          String.format(
              "%d fork × (%d × %s warm-up + %d × %s)",
              r.forks(),
              r.warmupIterations(),
              r.warmupTime(),
              r.measurementIterations(),
              r.measurementTime()));
    }
    md.append(String.format("%nForks ran on: %s.%n", String.join("; ", jdks)));
    md.append(
        String.format(
            "JMH settings: %s per benchmark and parameter set.%n", String.join("; ", settings)));
    md.append(String.format("%n| contender | \"no sync\" durability | JVM flags it needs |%n"));
    md.append("|---|---|---|\n");
    for (Contender c : Contender.values()) {
      md.append(PeerTables.row(c.label(), List.of(c.durability(), c.flags())));
    }
    return md.toString();
  }

  /** The command, commit and times of a run (or a part of one). */
  private static String when(RunInfo run) {
    Duration took = Duration.between(Instant.parse(run.started()), Instant.parse(run.finished()));
    return String.format(
        Locale.ROOT,
        "`%s` at commit `%s`, %s to %s (%.1f min; estimated %d min)",
        run.command(),
        run.commit(),
        run.started(),
        run.finished(),
        took.toSeconds() / 60.0,
        (run.estimatedSeconds() + 59) / 60);
  }

  private static String upgradeSection(UpgradePoint[] points, Path results, Charts charts)
      throws IOException {
    if (points == null || points.length == 0) {
      return String.format(
          "_Not measured in this run: when %s/%s exists (written by UpgradeCurveRunner), this"
              + " section shows it._%n",
          results.getFileName(), UPGRADE_FILE);
    }
    return UpgradeTables.section(List.of(points), charts);
  }
}
