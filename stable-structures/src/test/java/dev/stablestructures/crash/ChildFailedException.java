package dev.stablestructures.crash;

/**
 * A kill child ended by itself, before its kill: it threw, most likely on damage that the previous
 * kill left in the file and that the parent's checks could not see (a B-tree allocator's free list
 * that lists a chunk still in use, for instance). The harness counts it as a mismatch of the
 * previous kill.
 */
final class ChildFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String firstLine;

  /**
   * Describes the failure.
   *
   * @param status the child's exit status
   * @param output the last lines the child printed (its stack trace)
   */
  ChildFailedException(int status, String output) {
    super("the child ended by itself with status " + status + "; its output:\n" + output);
    int end = output.indexOf('\n');
    this.firstLine = end < 0 ? output : output.substring(0, end);
  }

  /**
   * Returns the first line of what the child printed, such as {@code Exception in thread "main"
   * dev.stablestructures.CorruptedStructureException: ...}.
   *
   * @return the line, or an empty string
   */
  String firstLine() {
    return firstLine;
  }
}
