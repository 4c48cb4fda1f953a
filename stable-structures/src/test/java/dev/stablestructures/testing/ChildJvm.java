package dev.stablestructures.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts another JVM on the test's own classes, for tests that need a second process (file locks
 * held elsewhere, a process killed half-way). Works whether the tests run on the module path (the
 * library is a named module, so surefire patches the tests into it) or on the class path: the child
 * gets both, as a plain class path.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code mainClass} in a new JVM with the given heap limit and arguments; its standard
   * error is merged into its standard output.
   *
   * @param mainClass the class whose {@code main} runs
   * @param maxHeap the {@code -Xmx} value, such as {@code "64m"}
   * @param args the program's arguments
   * @return the running process
   * @throws IOException if the JVM cannot be started
   */
  public static Process start(Class<?> mainClass, String maxHeap, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String classPath() {
    List<String> parts = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        parts.add(value);
      }
    }
    return String.join(File.pathSeparator, parts);
  }
}
