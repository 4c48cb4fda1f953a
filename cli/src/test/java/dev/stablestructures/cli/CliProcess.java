package dev.stablestructures.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the cli as a user does: {@code java -cp ... dev.stablestructures.cli.Main ARGS} in a fresh
 * process, in a chosen working directory. The child's class path is this test's without the
 * examples module, so a canister's classes come only from the jar given to {@code --code}.
 */
final class CliProcess {
  /** What a finished command left: its exit code and its merged standard output and error. */
  record Result(int exit, String output) {
    /** Returns the output's lines. */
    List<String> lines() {
      return output.isEmpty() ? List.of() : Arrays.asList(output.split("\n"));
    }
  }

  private CliProcess() {}

  /**
   * Starts a command without waiting for it.
   *
   * @param dir the working directory (where {@code .stable-host} is made by default)
   * @param args the cli arguments
   * @return the running process, standard error merged into standard output
   * @throws IOException if the JVM cannot be started
   */
  static Process start(Path dir, String... args) throws IOException {
    return startMain(dir, Main.class, args);
  }

  /**
   * Starts another main class of the cli's class path (a test helper such as {@link HoldImage}).
   *
   * @param dir the working directory
   * @param mainClass the class whose main runs
   * @param args its arguments
   * @return the running process
   * @throws IOException if the JVM cannot be started
   */
  static Process startMain(Path dir, Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  /**
   * Runs a command to its end.
   *
   * @param dir the working directory
   * @param args the cli arguments
   * @return its exit code and output
   * @throws IOException if the JVM cannot be started
   * @throws InterruptedException if interrupted while waiting
   */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return finish(start(dir, args));
  }

  /**
   * Waits for a started command (two minutes at most: a hung child must not hang the build).
   *
   * @param process the command
   * @return its exit code and output
   * @throws IOException if its output cannot be read
   * @throws InterruptedException if interrupted while waiting
   */
  static Result finish(Process process) throws IOException, InterruptedException {
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the cli did not finish; output so far:\n" + output);
    }
    return new Result(process.exitValue(), output.strip());
  }

  private static String classPath() {
    List<String> parts = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        parts.addAll(Arrays.asList(value.split(File.pathSeparator)));
      }
    }
    Path examples = CanisterJars.examplesLocation();
    return parts.stream()
        .filter(p -> !Path.of(p).toAbsolutePath().normalize().equals(examples))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
