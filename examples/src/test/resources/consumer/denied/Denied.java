package consumer;

/** Reaches for the tools' door, which the library does not export to other modules. */
public final class Denied {
  private Denied() {}

  static boolean peek() {
    return dev.stablestructures.internal.ToolHooks.v1LayoutRequested();
  }
}
