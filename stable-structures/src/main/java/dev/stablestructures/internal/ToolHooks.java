package dev.stablestructures.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The library's one door for its own tools: the compatibility vectors need to write the crate's
 * legacy V1 B-tree layout (which the crate itself only writes in tests), and the benchmarks measure
 * what the B-tree's undo journal costs by turning it off. Neither belongs in the public API.
 *
 * <p>This package is not part of the API: {@code module-info.java} exports it only to the modules
 * {@code dev.stablestructures.vectors} and {@code dev.stablestructures.benchmarks}. (On the class
 * path, where modules are not enforced, it is reachable like any public class; it is still not for
 * users, and may change in any release.)
 *
 * <p>Each hook is scoped: it holds for the structures created by one call on one thread, and is off
 * again when the call returns. The hooks only depend on nothing; the structures read them, so the
 * door adds no package cycle.
 */
public final class ToolHooks {
  private static final ThreadLocal<Boolean> V1_LAYOUT = ThreadLocal.withInitial(() -> false);
  private static final ThreadLocal<Boolean> NO_UNDO_JOURNAL = ThreadLocal.withInitial(() -> false);

  private ToolHooks() {}

  /**
   * Runs a creation in which every B-tree map created fresh (by {@code StableBTreeMap.create}, or
   * {@code init} on an empty memory) writes the crate's V1 layout: fixed-size nodes with a slot of
   * the bound's size for each key and value, as the crate's test-only {@code new_v1} does. Both
   * codecs must be bounded.
   *
   * @param creation the code that creates the map
   * @param <T> what the creation returns
   * @return the creation's result
   */
  public static <T> T withV1Layout(Supplier<T> creation) {
    return scoped(V1_LAYOUT, creation);
  }

  /**
   * Tells whether a B-tree created now must use the V1 layout (read by the B-tree).
   *
   * @return true inside {@link #withV1Layout}
   */
  public static boolean v1LayoutRequested() {
    return V1_LAYOUT.get();
  }

  /**
   * Runs an opening in which every B-tree map opened or created does not journal its mutations, so
   * a failure half-way through one may leave it damaged. Only for measuring what the journal costs.
   *
   * @param opening the code that opens the map
   * @param <T> what the opening returns
   * @return the opening's result
   */
  public static <T> T withoutUndoJournal(Supplier<T> opening) {
    return scoped(NO_UNDO_JOURNAL, opening);
  }

  /**
   * Tells whether a B-tree opened now must skip its undo journal (read by the B-tree).
   *
   * @return true inside {@link #withoutUndoJournal}
   */
  public static boolean undoJournalDisabled() {
    return NO_UNDO_JOURNAL.get();
  }

  private static <T> T scoped(ThreadLocal<Boolean> flag, Supplier<T> action) {
    Objects.requireNonNull(action, "action");
    boolean before = flag.get();
    flag.set(true);
    try {
      return action.get();
    } finally {
      flag.set(before);
    }
  }
}
