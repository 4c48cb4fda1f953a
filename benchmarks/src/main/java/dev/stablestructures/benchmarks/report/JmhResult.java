package dev.stablestructures.benchmarks.report;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One row of JMH's JSON output ({@code -rf json}), the fields the report uses. Read with Gson, not
 * by hand: the format is JMH's, and a parser we do not maintain reads it as JMH writes it.
 *
 * @param benchmark the benchmark's full name, {@code package.Class.method}
 * @param mode JMH's mode, e.g. {@code avgt}
 * @param forks forks
 * @param jdkVersion the forks' JDK
 * @param vmName the forks' VM
 * @param vmVersion the forks' VM version
 * @param jmhVersion JMH's version
 * @param warmupIterations warm-up iterations
 * @param warmupTime warm-up time per iteration, as JMH writes it ({@code 1 s})
 * @param measurementIterations measurement iterations
 * @param measurementTime measurement time per iteration
 * @param params the parameters, or null if none
 * @param primaryMetric the score
 */
public record JmhResult(
    String benchmark,
    String mode,
    int forks,
    String jdkVersion,
    String vmName,
    String vmVersion,
    String jmhVersion,
    int warmupIterations,
    String warmupTime,
    int measurementIterations,
    String measurementTime,
    Map<String, String> params,
    Metric primaryMetric) {

  /**
   * A score with its error; JMH writes {@code "NaN"} for an error it could not compute, so the
   * error is read as text.
   *
   * @param score the score
   * @param scoreError the 99.9 % error, a number or {@code NaN}
   * @param scoreUnit e.g. {@code ns/op}
   */
  public record Metric(double score, String scoreError, String scoreUnit) {}

  /**
   * Reads a JMH JSON file.
   *
   * @param file the file
   * @return its rows
   * @throws IOException if it cannot be read
   */
  public static List<JmhResult> read(Path file) throws IOException {
    JmhResult[] rows = new Gson().fromJson(Files.readString(file), JmhResult[].class);
    return rows == null ? List.of() : List.of(rows);
  }

  /**
   * The class's simple name.
   *
   * @return e.g. {@code PeerReadBenchmark}
   */
  public String className() {
    String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1);
  }

  /**
   * The method's name.
   *
   * @return e.g. {@code getHit}
   */
  public String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /**
   * A parameter's value.
   *
   * @param name the parameter
   * @return its value, or null
   */
  public String param(String name) {
    return params == null ? null : params.get(name);
  }

  /**
   * The score.
   *
   * @return the score in {@link #unit()}
   */
  public double score() {
    return primaryMetric.score();
  }

  /**
   * The error, NaN if JMH had too few iterations for one.
   *
   * @return the error
   */
  public double error() {
    String e = primaryMetric.scoreError();
    return e == null ? Double.NaN : Double.parseDouble(e);
  }

  /**
   * The score's unit.
   *
   * @return e.g. {@code ns/op}
   */
  public String unit() {
    return primaryMetric.scoreUnit();
  }
}
