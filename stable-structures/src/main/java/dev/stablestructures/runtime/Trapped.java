package dev.stablestructures.runtime;

/**
 * Carries what user code threw out to the host's message loop, which rolls back and turns it into a
 * {@link CanisterTrapException}. Never escapes the host.
 */
final class Trapped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Trapped(Throwable cause) {
    super(cause.toString(), cause, false, false);
  }

  /**
   * Runs user code, marking whatever it throws as a trap. An {@link UpgradeIncompatibleException}
   * passes as it is: the host reports it by its own type.
   *
   * @param body the user code
   * @param <T> its result
   * @return its result
   */
  static <T> T guard(java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (UpgradeIncompatibleException | Trapped passed) {
      throw passed;
    } catch (RuntimeException | Error thrown) {
      throw new Trapped(thrown);
    }
  }

  /**
   * Runs user code that gives nothing back, as {@link #guard(java.util.function.Supplier)}.
   *
   * @param body the user code
   */
  static void run(Runnable body) {
    guard(
        () -> {
          body.run();
          return null;
        });
  }
}
