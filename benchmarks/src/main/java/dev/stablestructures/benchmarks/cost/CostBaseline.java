package dev.stablestructures.benchmarks.cost;

import dev.stablestructures.runtime.meter.CostReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The committed cost counts of {@link CostScenarios} and the 2% rule {@code CostBaselineTest}
 * checks. The file is tab-separated, {@code #} lines are comments:
 *
 * <pre>
 * scenario  instructions  calls  bytesRead  bytesWritten  dirtyPages
 * </pre>
 */
public final class CostBaseline {
  /** The counts, in the file's column order. */
  public static final List<String> COLUMNS =
      List.of("instructions", "calls", "bytesRead", "bytesWritten", "dirtyPages");

  /** How much a count may rise over its baseline before the check fails. */
  public static final double TOLERANCE = 0.02;

  /** The command that rewrites the baseline file from the current code. */
  public static final String REGENERATE =
      "mvn -B -q -pl benchmarks -am test -Dtest=CostBaselineTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dcost.baseline.update=true";

  private CostBaseline() {}

  /**
   * A report's counts, in {@link #COLUMNS} order.
   *
   * @param r the report
   * @return five counts
   */
  public static long[] counts(CostReport r) {
    return new long[] {
      r.instructions(), r.calls(), r.bytesRead(), r.bytesWritten(), r.dirtyPages()
    };
  }

  /**
   * Reads a baseline file.
   *
   * @param file the file
   * @return scenario → counts
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if a line does not have a name and five counts
   */
  public static Map<String, long[]> read(Path file) throws IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != COLUMNS.size() + 1) {
        throw new IllegalArgumentException(
            file + ": a line has a scenario and " + COLUMNS.size() + " counts, found: " + line);
      }
      long[] counts = new long[COLUMNS.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = Long.parseLong(cells[i + 1]);
      }
      out.put(cells[0], counts);
    }
    return out;
  }

  /**
   * Writes a baseline file.
   *
   * @param file the file
   * @param reports scenario → report
   * @throws IOException if it cannot be written
   */
  public static void write(Path file, Map<String, CostReport> reports) throws IOException {
    StringBuilder tsv = new StringBuilder();
    tsv.append("# Metered cost of the canbench scenarios (CostScenarios), checked by")
        .append(" CostBaselineTest: a count more than 2% over its line fails.\n")
        .append("# Regenerate after a deliberate change: ")
        .append(REGENERATE)
        .append('\n')
        .append("# scenario\t")
        .append(String.join("\t", COLUMNS))
        .append('\n');
    for (Map.Entry<String, CostReport> e : reports.entrySet()) {
      tsv.append(e.getKey());
      for (long c : counts(e.getValue())) {
        tsv.append('\t').append(c);
      }
      tsv.append('\n');
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, tsv);
  }

  /**
   * The counts that rose more than {@link #TOLERANCE} over the baseline, and scenarios missing from
   * it.
   *
   * @param baseline scenario → committed counts
   * @param current scenario → this code's reports
   * @return one line per problem; empty if none
   */
  public static List<String> regressions(
      Map<String, long[]> baseline, Map<String, CostReport> current) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, CostReport> e : current.entrySet()) {
      long[] base = baseline.get(e.getKey());
      if (base == null) {
        problems.add(e.getKey() + ": not in the baseline");
        continue;
      }
      long[] now = counts(e.getValue());
      for (int i = 0; i < now.length; i++) {
        if (now[i] > base[i] * (1 + TOLERANCE)) {
          problems.add(
              String.format(
                  Locale.ROOT,
                  "%s: %s rose from %,d to %,d (%+.2f%%, more than %.0f%%)",
                  e.getKey(),
                  COLUMNS.get(i),
                  base[i],
                  now[i],
                  100.0 * (now[i] - base[i]) / Math.max(1, base[i]),
                  100 * TOLERANCE));
        }
      }
    }
    return problems;
  }

  /**
   * The counts that fell more than {@link #TOLERANCE} below the baseline: not a failure, a hint to
   * regenerate so the gain is kept.
   *
   * @param baseline scenario → committed counts
   * @param current scenario → this code's reports
   * @return one line per improvement
   */
  public static List<String> improvements(
      Map<String, long[]> baseline, Map<String, CostReport> current) {
    List<String> gains = new ArrayList<>();
    for (Map.Entry<String, CostReport> e : current.entrySet()) {
      long[] base = baseline.get(e.getKey());
      if (base == null) {
        continue;
      }
      long[] now = counts(e.getValue());
      for (int i = 0; i < now.length; i++) {
        if (now[i] < base[i] * (1 - TOLERANCE)) {
          gains.add(
              String.format(
                  Locale.ROOT,
                  "%s: %s fell from %,d to %,d",
                  e.getKey(),
                  COLUMNS.get(i),
                  base[i],
                  now[i]));
        }
      }
    }
    return gains;
  }
}
