package dev.stablestructures.testing;

import java.util.Collection;
import java.util.List;

/** The end of a multi-threaded test: wait for every thread, then fail with all they reported. */
public final class Threads {
  private Threads() {}

  /**
   * Joins every thread, then throws one error carrying each failure as a suppressed exception.
   *
   * @param threads the started threads
   * @param failures what the threads caught (a concurrent collection they add to)
   * @param who what the threads are, for the message (for example "readers")
   * @throws AssertionError if any thread failed, or the wait was interrupted
   */
  public static void joinAndRethrow(
      List<Thread> threads, Collection<Throwable> failures, String who) {
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " " + who + " failed");
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }
}
