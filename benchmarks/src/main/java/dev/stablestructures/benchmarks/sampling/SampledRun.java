package dev.stablestructures.benchmarks.sampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import one.profiler.AsyncProfilerLoader;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH benchmarks under async-profiler and prints where their time goes: one command that
 * answers "what stands in the way" the same way on every machine, without installing a profiler by
 * hand (ap-loader brings the native library from Maven Central inside its jar).
 *
 * <pre>
 * benchmarks/sample [--compare A,B] [--filter F] [--top N] [--interval-us N] [--out DIR] \
 *   -- JMH_ARGUMENTS
 * benchmarks/sample --compare insertJournaled,insertPlain -- BTreeJournalPairedBenchmark \
 *   -p perTransaction=100 -f 1 -wi 3 -i 10
 * </pre>
 *
 * <p>Samples CPU time (perf_events' cpu-clock where the kernel allows it, else a timer) every
 * {@code --interval-us} microseconds (100 by default), kernel frames included, into
 * async-profiler's collapsed stacks under {@code --out} (default {@code
 * benchmarks/target/samples}), one directory per benchmark and parameter set. For each it prints,
 * and writes into {@code summary.txt} beside the stacks, the frames with the most self and
 * inclusive samples among the stacks holding {@code --filter} (the benchmark method's name by
 * default), and with {@code --compare A,B} the frames whose inclusive samples differ most between
 * the stacks under frame A and those under frame B: for a benchmark timing two variants in one
 * invocation (as {@code BTreeJournalPairedBenchmark} does), where the slower one's extra time goes.
 * Reading a profile this way needs care: a stall is charged to the instruction that waits, so a
 * cache miss caused by one frame may show in the next.
 */
public final class SampledRun {
  private SampledRun() {}

  /**
   * Runs the benchmarks and prints the summaries.
   *
   * @param args this tool's options, {@code --}, then JMH's
   * @throws IOException if the stacks cannot be read or the summaries written
   * @throws RunnerException if JMH fails
   * @throws CommandLineOptionException if JMH's arguments do not parse
   */
  public static void main(String[] args)
      throws IOException, RunnerException, CommandLineOptionException {
    Settings settings = Settings.parse(args);
    if (!AsyncProfilerLoader.isSupported()) {
      throw new IllegalStateException(
          "async-profiler has no library for this platform ("
              + System.getProperty("os.name")
              + ", "
              + System.getProperty("os.arch")
              + ")");
    }
    Path library = AsyncProfilerLoader.getAsyncProfilerPath();
    Files.createDirectories(settings.out);
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(settings.jmhArguments))
            .addProfiler(
                "async",
                "libPath="
                    + library
                    + ";output=collapsed;event=cpu;interval="
                    + settings.intervalMicros * 1000L
                    + ";dir="
                    + settings.out.toAbsolutePath())
            .build();
    new Runner(options).run();
    for (Path stacks : collapsedFiles(settings.out)) {
      String summary = summarize(CollapsedStacks.read(stacks), settings);
      Path dir = stacks.getParent();
      Files.writeString(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
      System.out.println("== " + dir.getFileName());
      System.out.println(summary);
    }
  }

  /** The summary of one benchmark's stacks, as {@link #main} prints it. */
  static String summarize(CollapsedStacks stacks, Settings settings) {
    String filter = settings.filter;
    StringBuilder out = new StringBuilder();
    out.append("samples")
        .append(filter.isEmpty() ? "" : " under " + filter)
        .append(": ")
        .append(stacks.samples(filter))
        .append(System.lineSeparator());
    out.append("-- self").append(System.lineSeparator());
    out.append(stacks.formatTop(filter, true, settings.top));
    out.append("-- inclusive").append(System.lineSeparator());
    out.append(stacks.formatTop(filter, false, settings.top));
    if (settings.compare != null) {
      out.append("-- compared").append(System.lineSeparator());
      out.append(stacks.formatCompare(settings.compare[0], settings.compare[1], settings.top));
    }
    return out.toString();
  }

  private static List<Path> collapsedFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("collapsed-"))
          .filter(p -> p.getFileName().toString().endsWith(".csv"))
          .sorted()
          .toList();
    }
  }

  /** This tool's options, and the arguments it passes on to JMH. */
  static final class Settings {
    String filter = "";
    String[] compare;
    int top = 40;
    int intervalMicros = 100;
    Path out = Path.of("benchmarks", "target", "samples");
    String[] jmhArguments = new String[0];

    /** Parses {@code args}: options up to {@code --}, JMH's after it. */
    static Settings parse(String[] args) {
      Settings s = new Settings();
      List<String> rest = new ArrayList<>(Arrays.asList(args));
      int split = rest.indexOf("--");
      if (split < 0) {
        throw usage("no -- before the JMH arguments");
      }
      List<String> own = rest.subList(0, split);
      for (int i = 0; i < own.size(); i += 2) {
        if (i + 1 >= own.size()) {
          throw usage(own.get(i) + " needs a value");
        }
        String value = own.get(i + 1);
        switch (own.get(i)) {
          case "--filter" -> s.filter = value;
          case "--compare" -> {
            s.compare = value.split(",", -1);
            if (s.compare.length != 2 || s.compare[0].isEmpty() || s.compare[1].isEmpty()) {
              throw usage("--compare takes two frames, A,B: " + value);
            }
          }
          case "--top" -> s.top = positive("--top", value);
          case "--interval-us" -> s.intervalMicros = positive("--interval-us", value);
          case "--out" -> s.out = Path.of(value);
          default -> throw usage("unknown option " + own.get(i));
        }
      }
      s.jmhArguments = rest.subList(split + 1, rest.size()).toArray(new String[0]);
      if (s.jmhArguments.length == 0) {
        throw usage("no benchmark named after --");
      }
      if (s.filter.isEmpty() && s.compare == null) {
        s.filter = benchmarkFrame(s.jmhArguments[0]);
      }
      return s;
    }

    /**
     * The frame of the benchmark a JMH pattern names, anchors dropped: {@code Class.method} for a
     * pattern ending in a method, {@code Class.} for one ending in a class (so that JMH's generated
     * {@code Class_method_jmhTest} frames, which call the set-up and tear-down too, stay out).
     */
    static String benchmarkFrame(String pattern) {
      String name = pattern.replaceAll("[\\^$]", "");
      if (name.startsWith("-")) {
        return "";
      }
      String[] parts = name.split("\\.", -1);
      String last = parts[parts.length - 1];
      if (!last.isEmpty() && Character.isUpperCase(last.charAt(0))) {
        return last + ".";
      }
      return parts.length < 2 ? last : parts[parts.length - 2] + "." + last;
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw usage(option + " takes a positive number: " + value);
    }

    private static IllegalArgumentException usage(String problem) {
      return new IllegalArgumentException(
          problem
              + "; usage: sample [--compare A,B] [--filter F] [--top N] [--interval-us N]"
              + " [--out DIR] -- JMH_ARGUMENTS");
    }
  }
}
