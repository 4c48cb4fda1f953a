package dev.stablestructures.cli;

import dev.stablestructures.cli.inspect.Json;
import dev.stablestructures.runtime.meter.CostReport;

/** How the cli prints a message's {@link CostReport}: one line for people, an object for JSON. */
final class Reports {
  private Reports() {}

  static String line(CostReport report) {
    return report.toString();
  }

  static String json(CostReport report) {
    return "{\"kind\": "
        + Json.quote(report.kind().name())
        + ", \"instructions\": "
        + report.instructions()
        + ", \"instructionLimit\": "
        + report.instructionLimit()
        + ", \"calls\": "
        + report.calls()
        + ", \"bytesRead\": "
        + report.bytesRead()
        + ", \"bytesWritten\": "
        + report.bytesWritten()
        + ", \"dirtyPages\": "
        + report.dirtyPages()
        + "}";
  }
}
