package dev.stablestructures.cli.inspect;

/**
 * A failure the inspector reports to the user as one line, with an exit code, never as a stack
 * trace: an image that cannot be opened, a bad option.
 */
final class InspectFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code: something checked does not hold (verify's findings, diff's differences). */
  static final int FINDINGS = 1;

  /** Exit code: bad usage, such as an unknown codec name or memory id. */
  static final int USAGE = 2;

  /** Exit code: the image cannot be opened or read. */
  static final int IMAGE = 3;

  final int exitCode;

  InspectFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }
}
