package dev.stablestructures.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one check of a reopened file found wrong. Each finding has a kind, short and stable so that
 * the harness can count kinds over many kills ({@code "btree u64->u64: content differs from the
 * model"}), and a detail naming the values ({@code "entry 17: found key 301, expected 299"}).
 */
final class Findings {
  /**
   * One thing found wrong.
   *
   * @param kind what went wrong, in which structure; shared by every finding of that sort
   * @param detail the values found and expected
   */
  record Finding(String kind, String detail) {
    @Override
    public String toString() {
      return kind + " (" + detail + ")";
    }
  }

  private final List<Finding> list = new ArrayList<>();

  /**
   * Records a finding.
   *
   * @param structure the structure, such as {@code "vec"}
   * @param what what is wrong, without values
   * @param detail the values
   */
  void add(String structure, String what, String detail) {
    list.add(new Finding(structure + ": " + what, detail));
  }

  /**
   * Runs {@code action} and records anything it throws as a finding. A damaged image may make a
   * read fail in any way, and may even make it recurse or allocate without bound, so errors of that
   * sort count as findings too instead of ending the harness.
   *
   * @param structure the structure being read
   * @param phase what was being done, such as {@code "load"}
   * @param action the reads
   * @param <T> what the action returns
   * @return the action's result, or null if it threw
   */
  <T> T guard(String structure, String phase, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      add(
          structure,
          phase + " threw " + e.getClass().getSimpleName(),
          String.valueOf(e.getMessage()));
      return null;
    }
  }

  /**
   * Runs {@code action} as {@link #guard} does, for reads that return nothing.
   *
   * @param structure the structure being read
   * @param phase what was being done
   * @param action the reads
   */
  void guardRun(String structure, String phase, Runnable action) {
    guard(
        structure,
        phase,
        () -> {
          action.run();
          return Boolean.TRUE;
        });
  }

  /**
   * Tells whether nothing was found.
   *
   * @return true if the file matched
   */
  boolean isEmpty() {
    return list.isEmpty();
  }

  /**
   * Returns the findings in the order they were made.
   *
   * @return an unmodifiable copy
   */
  List<Finding> list() {
    return List.copyOf(list);
  }
}
