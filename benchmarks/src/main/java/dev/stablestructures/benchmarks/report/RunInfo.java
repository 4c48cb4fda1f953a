package dev.stablestructures.benchmarks.report;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What RESULTS.md says about a profile run besides the numbers: the command, the commit, the
 * machine and when. Written as {@code run.json} beside JMH's output by the profile runner; JMH's
 * own JSON gives the JDK of the forks.
 *
 * @param profile the profile's name
 * @param command the command that ran it
 * @param commit the git commit (with {@code +dirty} if the work tree had changes), or "unknown"
 * @param cpu the processor's model name
 * @param cores available processors
 * @param memoryGib the machine's memory in GiB
 * @param os operating system, version and architecture
 * @param started when the run started (UTC)
 * @param finished when it finished (UTC)
 * @param estimatedSeconds the profile's estimated duration
 */
public record RunInfo(
    String profile,
    String command,
    String commit,
    String cpu,
    int cores,
    long memoryGib,
    String os,
    String started,
    String finished,
    long estimatedSeconds) {

  /** The file name it is written under. */
  public static final String FILE = "run.json";

  /** The prefix of a part's file: {@code run-PART.json}, for a run of some parts alone. */
  public static final String PART_PREFIX = "run-";

  /**
   * This machine's description, for a run of {@code profile} started at {@code started}.
   *
   * @param profile the profile
   * @param command the command
   * @param started start time
   * @param estimatedSeconds the estimate
   * @return the info, {@code finished} now
   */
  public static RunInfo ofThisMachine(
      String profile, String command, Instant started, long estimatedSeconds) {
    return new RunInfo(
        profile,
        command,
        gitCommit(),
        procLine(Path.of("/proc/cpuinfo"), "model name"),
        Runtime.getRuntime().availableProcessors(),
        totalMemoryGib(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        started.toString(),
        Instant.now().toString(),
        estimatedSeconds);
  }

  /**
   * Writes it to {@code dir/run.json}.
   *
   * @param dir the results directory
   * @throws IOException if it cannot be written
   */
  public void write(Path dir) throws IOException {
    Files.writeString(
        dir.resolve(FILE), new GsonBuilder().setPrettyPrinting().create().toJson(this));
  }

  /**
   * Writes it to {@code dir/run-PART.json}: the description of a run of some parts of a profile,
   * beside the whole run's {@code run.json}.
   *
   * @param dir the results directory
   * @param part the parts' names, joined
   * @throws IOException if it cannot be written
   */
  public void writePart(Path dir, String part) throws IOException {
    Files.writeString(
        dir.resolve(PART_PREFIX + part + ".json"),
        new GsonBuilder().setPrettyPrinting().create().toJson(this));
  }

  private static String procLine(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: say so below
    }
    return "unknown";
  }

  private static long totalMemoryGib() {
    String total = procLine(Path.of("/proc/meminfo"), "MemTotal");
    try {
      return Math.round(Long.parseLong(total.replace("kB", "").trim()) / (1024.0 * 1024.0));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String gitCommit() {
    String head = git("rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "+dirty";
  }

  private static String git(String... args) {
    try {
      Process git =
          new ProcessBuilder(Stream.concat(Stream.of("git"), Stream.of(args)).toList())
              .redirectErrorStream(true)
              .start();
      String out;
      try (InputStream in = git.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
