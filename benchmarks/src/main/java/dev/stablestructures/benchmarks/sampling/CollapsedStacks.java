package dev.stablestructures.benchmarks.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The stacks async-profiler wrote in its collapsed form ({@code output=collapsed}: one line per
 * distinct stack, frames root first, separated by {@code ;}, then a space and the sample count),
 * summed per frame: where a benchmark's time goes, as numbers that can be compared between the two
 * halves of one run.
 *
 * <p>A frame is named by its class's simple name and method ({@code BTree.insert}; the package is
 * dropped, so two classes of one name in two packages share a row). A frame's <em>self</em> count
 * is the samples it was the innermost frame of; its <em>inclusive</em> count the samples whose
 * stack held it anywhere, counted once per stack even when it recurses.
 */
public final class CollapsedStacks {
  private final List<Stack> stacks = new ArrayList<>();

  private record Stack(List<String> frames, long samples) {}

  /** One frame's counts under some filter: a row of a summary. */
  public record Row(String frame, long self, long inclusive) {}

  /** One frame's inclusive counts under two filters, for {@link #compare}. */
  public record Difference(String frame, long first, long second) {
    /**
     * Returns how many more samples the first filter's stacks spent in this frame.
     *
     * @return first minus second
     */
    public long delta() {
      return first - second;
    }
  }

  /**
   * Reads one collapsed file.
   *
   * @param file what async-profiler wrote
   * @return its stacks
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is not a stack and a count
   */
  public static CollapsedStacks read(Path file) throws IOException {
    CollapsedStacks stacks = new CollapsedStacks();
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(stacks::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return stacks;
  }

  /**
   * Adds one line of the collapsed form; a blank line adds nothing.
   *
   * @param line frames separated by {@code ;}, a space, the sample count
   * @throws IllegalArgumentException if the line has no count
   */
  public void add(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    int space = trimmed.lastIndexOf(' ');
    long samples;
    try {
      samples = space < 0 ? -1 : Long.parseLong(trimmed.substring(space + 1));
    } catch (NumberFormatException e) {
      samples = -1;
    }
    if (samples < 0) {
      throw new IllegalArgumentException(
          "not a collapsed stack (frames, a space, a count): " + line);
    }
    List<String> frames = new ArrayList<>();
    for (String frame : trimmed.substring(0, space).split(";", -1)) {
      frames.add(simpleName(frame));
    }
    stacks.add(new Stack(List.copyOf(frames), samples));
  }

  /**
   * Returns the samples of the stacks that hold a frame containing {@code filter}.
   *
   * @param filter a substring of a frame's name; empty for every stack
   * @return the sample count
   */
  public long samples(String filter) {
    return stacks.stream().filter(s -> holds(s, filter)).mapToLong(Stack::samples).sum();
  }

  /**
   * Returns the frames of the stacks that hold a frame containing {@code filter}, the {@code limit}
   * largest by self or by inclusive count.
   *
   * @param filter a substring of a frame's name; empty for every stack
   * @param bySelf true to rank by self count, false by inclusive count
   * @param limit how many rows at most
   * @return the rows, largest first, ties in name order
   */
  public List<Row> top(String filter, boolean bySelf, int limit) {
    Map<String, long[]> counts = new HashMap<>();
    for (Stack s : stacks) {
      int from = firstHolding(s, filter);
      if (from < 0) {
        continue;
      }
      counts.computeIfAbsent(s.frames.get(s.frames.size() - 1), f -> new long[2])[0] += s.samples;
      for (String frame : new HashSet<>(s.frames.subList(from, s.frames.size()))) {
        counts.computeIfAbsent(frame, f -> new long[2])[1] += s.samples;
      }
    }
    List<Row> rows = new ArrayList<>();
    counts.forEach((frame, c) -> rows.add(new Row(frame, c[0], c[1])));
    ToLongFunction<Row> rank = bySelf ? Row::self : Row::inclusive;
    rows.sort(
        Comparator.comparingLong(rank)
            .reversed()
            .thenComparing(Row::frame, Comparator.naturalOrder()));
    return rows.subList(0, Math.min(limit, rows.size()));
  }

  /**
   * Compares the stacks under frame {@code first} with those under frame {@code second} (a stack
   * under both counts as the first's): the frames whose inclusive counts differ most, the first's
   * excess first. For a benchmark that times two variants of one operation in one invocation, this
   * says where the slower one's extra time goes.
   *
   * @param first a substring of the first variant's frame
   * @param second a substring of the second variant's frame
   * @param limit how many rows at most
   * @return the rows, by difference, largest first
   */
  public List<Difference> compare(String first, String second, int limit) {
    Map<String, long[]> counts = new HashMap<>();
    for (Stack s : stacks) {
      int from = firstHolding(s, first);
      int side = 0;
      if (from < 0) {
        from = firstHolding(s, second);
        side = 1;
      }
      if (from < 0) {
        continue;
      }
      for (String frame : new HashSet<>(s.frames.subList(from, s.frames.size()))) {
        counts.computeIfAbsent(frame, f -> new long[2])[side] += s.samples;
      }
    }
    List<Difference> rows = new ArrayList<>();
    counts.forEach((frame, c) -> rows.add(new Difference(frame, c[0], c[1])));
    rows.sort(
        Comparator.comparingLong(Difference::delta)
            .reversed()
            .thenComparing(Difference::frame, Comparator.naturalOrder()));
    return rows.subList(0, Math.min(limit, rows.size()));
  }

  /**
   * Formats {@link #top} as a plain-text table: percent of the filtered samples, count, frame.
   *
   * @param filter as {@link #top}
   * @param bySelf as {@link #top}
   * @param limit as {@link #top}
   * @return the table, one row per line
   */
  public String formatTop(String filter, boolean bySelf, int limit) {
    long total = Math.max(1, samples(filter));
    StringBuilder out = new StringBuilder();
    for (Row row : top(filter, bySelf, limit)) {
      long n = bySelf ? row.self : row.inclusive;
      out.append(String.format(Locale.ROOT, "%6.2f%% %9d  %s%n", 100.0 * n / total, n, row.frame));
    }
    return out.toString();
  }

  /**
   * Formats {@link #compare} as a plain-text table, headed by both sides' totals and their ratio.
   *
   * @param first as {@link #compare}
   * @param second as {@link #compare}
   * @param limit as {@link #compare}
   * @return the table, one row per line
   */
  public String formatCompare(String first, String second, int limit) {
    long a = 0;
    long b = 0;
    for (Stack s : stacks) {
      if (holds(s, first)) {
        a += s.samples;
      } else if (holds(s, second)) {
        b += s.samples;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "first %s: %d samples; second %s: %d samples; ratio %.3f%n%9s %9s %9s  frame%n",
            first,
            a,
            second,
            b,
            b == 0 ? Double.NaN : (double) a / b,
            "first",
            "second",
            "excess"));
    for (Difference d : compare(first, second, limit)) {
      out.append(
          String.format(Locale.ROOT, "%9d %9d %+9d  %s%n", d.first, d.second, d.delta(), d.frame));
    }
    return out.toString();
  }

  private static boolean holds(Stack s, String filter) {
    return firstHolding(s, filter) >= 0;
  }

  /** Returns the index of the outermost frame containing {@code filter} (0 if empty), or -1. */
  private static int firstHolding(Stack s, String filter) {
    if (filter.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < s.frames.size(); i++) {
      if (s.frames.get(i).contains(filter)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code dev/stablestructures/btreemap/BTree.insert} to {@code BTree.insert}. */
  static String simpleName(String frame) {
    int slash = frame.lastIndexOf('/');
    String name = slash < 0 ? frame : frame.substring(slash + 1);
    // Lambda classes carry a per-run address ("BTree$$Lambda$44.0x00007f...get"): drop it, so runs
    // compare.
    int lambda = name.indexOf("$$Lambda");
    if (lambda >= 0) {
      int method = name.lastIndexOf('.');
      name =
          name.substring(0, lambda) + "$$Lambda" + (method > lambda ? name.substring(method) : "");
    }
    return name;
  }
}
