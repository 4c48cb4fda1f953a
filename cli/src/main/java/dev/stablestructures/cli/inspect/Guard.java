package dev.stablestructures.cli.inspect;

import dev.stablestructures.StableStructureException;
import java.io.PrintWriter;
import java.util.function.IntSupplier;

/**
 * Runs a command's body and turns every expected failure into one line on standard error and an
 * exit code: the inspector never shows a stack trace for a bad image.
 */
final class Guard {
  private Guard() {}

  static int run(PrintWriter err, IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (InspectFailure e) {
      err.println("error: " + e.getMessage());
      return e.exitCode;
    } catch (StableStructureException e) {
      err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return InspectFailure.FINDINGS;
    } finally {
      err.flush();
    }
  }
}
