package dev.stablestructures.examples;

import dev.stablestructures.runtime.CallResult;
import dev.stablestructures.runtime.meter.CostReport;
import java.util.Locale;

/** How the examples print a step: what was done, its cost report and how long it took. */
final class Show {
  private Show() {}

  /**
   * Prints one step.
   *
   * @param what what the step did
   * @param result its result
   * @param nanos how long it took
   */
  static void step(String what, CallResult result, long nanos) {
    CostReport report = result.report();
    System.out.printf(
        Locale.ROOT,
        "%s%n    cost: %,d instructions, read %,d B, wrote %,d B, %,d dirty pages; %.1f ms%n",
        what,
        report.instructions(),
        report.bytesRead(),
        report.bytesWritten(),
        report.dirtyPages(),
        nanos / 1e6);
  }

  /**
   * Prints a line.
   *
   * @param line the text
   */
  static void line(String line) {
    System.out.println(line);
  }
}
