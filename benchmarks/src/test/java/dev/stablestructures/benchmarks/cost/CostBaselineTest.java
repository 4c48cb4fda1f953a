package dev.stablestructures.benchmarks.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stablestructures.runtime.meter.CostReport;
import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.MeterLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The regression check of issue 11: the metered cost of every canbench scenario may not rise more
 * than 2% over the committed baseline ({@code cost-baseline.tsv} beside this test's resources). A
 * deliberate change regenerates the file with {@link CostBaseline#REGENERATE} (the system property
 * {@code cost.baseline.update=true} rewrites it and passes).
 */
class CostBaselineTest {
  static final Path BASELINE =
      Path.of(
          System.getProperty("basedir", "."),
          "src/test/resources/dev/stablestructures/benchmarks/cost/cost-baseline.tsv");

  @Test
  void noCountRisesMoreThanTwoPercentOverTheBaseline() throws Exception {
    Map<String, CostReport> current = CostScenarios.runAll();
    if (Boolean.getBoolean("cost.baseline.update")) {
      CostBaseline.write(BASELINE, current);
      System.out.println("rewrote " + BASELINE + " (" + current.size() + " scenarios)");
      return;
    }
    assertTrue(
        Files.exists(BASELINE),
        BASELINE + " is missing; create it with: " + CostBaseline.REGENERATE);
    Map<String, long[]> baseline = CostBaseline.read(BASELINE);
    List<String> gains = CostBaseline.improvements(baseline, current);
    if (!gains.isEmpty()) {
      System.out.println(
          "cost counts fell below the baseline (regenerate to keep the gain: "
              + CostBaseline.REGENERATE
              + "):\n  "
              + String.join("\n  ", gains));
    }
    List<String> problems = CostBaseline.regressions(baseline, current);
    if (!problems.isEmpty()) {
      fail(
          "metered cost rose over "
              + BASELINE
              + ":\n  "
              + String.join("\n  ", problems)
              + "\nIf the rise is deliberate, regenerate the baseline: "
              + CostBaseline.REGENERATE);
    }
    assertEquals(baseline.keySet(), current.keySet(), "the baseline names every scenario, no more");
  }

  @Test
  void theCountsAreTheSameEveryRun() {
    Map<String, CostReport> first = CostScenarios.runAll();
    Map<String, CostReport> second = CostScenarios.runAll();
    assertEquals(first.keySet(), second.keySet());
    for (String s : first.keySet()) {
      assertArrayEquals(CostBaseline.counts(first.get(s)), CostBaseline.counts(second.get(s)), s);
      assertTrue(first.get(s).calls() >= CostScenarios.COUNT, s + " makes a call per operation");
    }
  }

  @Test
  void aRiseOfMoreThanTwoPercentFailsAndLessPasses() {
    Map<String, long[]> baseline = Map.of("s", new long[] {1000, 100, 100, 100, 10});
    assertTrue(CostBaseline.regressions(baseline, Map.of("s", report(1020, 100, 10))).isEmpty());
    List<String> problems = CostBaseline.regressions(baseline, Map.of("s", report(1021, 100, 10)));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("s: instructions rose from 1,000 to 1,021"), problems.get(0));
    assertEquals(
        List.of("t: not in the baseline"),
        CostBaseline.regressions(baseline, Map.of("t", report(1, 1, 1))));
    assertEquals(1, CostBaseline.improvements(baseline, Map.of("s", report(900, 100, 10))).size());
  }

  private static CostReport report(long instructions, long bytes, long pages) {
    MeterLimits limits = MeterLimits.unlimited();
    return new CostReport(
        MessageKind.UPDATE,
        instructions,
        100,
        bytes,
        bytes,
        pages,
        limits.instructions(MessageKind.UPDATE),
        limits.bytesRead(MessageKind.UPDATE),
        limits.bytesWritten(MessageKind.UPDATE));
  }
}
