package dev.stablestructures.cli.inspect;

/** The {@code --format} names. */
final class Formats {
  private Formats() {}

  /** Whether {@code format} asks for JSON (else text); anything else is a usage error. */
  static boolean json(String format) {
    return switch (format) {
      case "json" -> true;
      case "text" -> false;
      default ->
          throw new InspectFailure(
              InspectFailure.USAGE, "unknown format '" + format + "'; expected text or json");
    };
  }
}
