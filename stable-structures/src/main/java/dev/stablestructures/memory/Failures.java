package dev.stablestructures.memory;

/**
 * Collects the failures of a sequence of steps that must all run (close every file, call every
 * listener): the first one is thrown, the later ones ride on it as suppressed exceptions.
 */
final class Failures {
  private Failures() {}

  /**
   * Adds a failure to the ones seen so far.
   *
   * @param first the failure to throw in the end, or null if none happened yet
   * @param next the new failure
   * @return {@code first} with {@code next} added as suppressed, or {@code next} if {@code first}
   *     is null
   */
  static <E extends Throwable> E add(E first, E next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
