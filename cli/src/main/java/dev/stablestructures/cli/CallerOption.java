package dev.stablestructures.cli;

import dev.stablestructures.codec.Principal;
import picocli.CommandLine.Option;

/** The {@code --caller PRINCIPAL} option of {@code install} and {@code call} (a picocli mixin). */
final class CallerOption {
  @Option(
      names = "--caller",
      paramLabel = "PRINCIPAL",
      description = "who sends the message, in textual form (default: the anonymous principal)")
  String caller;

  /**
   * Returns the caller.
   *
   * @return the principal, or null if none was given
   * @throws Main.CliException if the text is not a principal
   */
  Principal principal() {
    if (caller == null) {
      return null;
    }
    try {
      return Principal.fromText(caller);
    } catch (RuntimeException e) {
      throw new Main.CliException(
          Main.USAGE, "--caller '" + caller + "' is not a principal: " + e.getMessage());
    }
  }
}
