package dev.stablestructures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs a tiny consumer against the packaged library jar, as another project would use
 * it: once as a named module on the module path, once on the class path. Also proves the module
 * boundary: a consumer module cannot compile against the tools' internal package.
 *
 * <p>Runs in the {@code integration-test} phase (failsafe), after the build copied the packaged jar
 * into {@code target/consumer-lib} (see this module's pom).
 */
class LibraryConsumerIT {
  private static final String EXPECTED = "consumer read answer=42";

  @TempDir static Path work;

  private static Path libraryJar;
  private static String lastJavacOutput = "";

  @BeforeAll
  static void findTheJar() throws IOException {
    Path lib = Path.of(System.getProperty("consumer.lib", "target/consumer-lib"));
    try (var files = Files.list(lib)) {
      libraryJar =
          files
              .filter(f -> f.getFileName().toString().startsWith("stable-structures"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no library jar in " + lib.toAbsolutePath()));
    }
  }

  @Test
  void runsAsANamedModule() throws Exception {
    Path src = work.resolve("module-src");
    copy("Consumer.java", src.resolve("consumer/Consumer.java"));
    copy("module/module-info.java", src.resolve("module-info.java"));
    Path out = work.resolve("module-out");
    assertEquals(
        0,
        javac(
            "--module-path",
            libraryJar.toString(),
            "-d",
            out.toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("consumer/Consumer.java").toString()),
        "the consumer module must compile against the library module");
    String output =
        java(
            "--module-path",
            libraryJar + File.pathSeparator + out,
            "--module",
            "consumer/consumer.Consumer");
    assertTrue(output.contains(EXPECTED), output);
  }

  @Test
  void runsOnTheClassPath() throws Exception {
    Path src = work.resolve("classpath-src");
    copy("Consumer.java", src.resolve("consumer/Consumer.java"));
    Path out = work.resolve("classpath-out");
    assertEquals(
        0,
        javac(
            "-cp",
            libraryJar.toString(),
            "-d",
            out.toString(),
            src.resolve("consumer/Consumer.java").toString()));
    String output = java("-cp", libraryJar + File.pathSeparator + out, "consumer.Consumer");
    assertTrue(output.contains(EXPECTED), output);
  }

  @Test
  void aConsumerModuleCannotReachTheToolsDoor() throws Exception {
    Path src = work.resolve("denied-src");
    copy("denied/Denied.java", src.resolve("consumer/Denied.java"));
    copy("module/module-info.java", src.resolve("module-info.java"));
    int status =
        javac(
            "--module-path",
            libraryJar.toString(),
            "-d",
            work.resolve("denied-out").toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("consumer/Denied.java").toString());
    assertNotEquals(0, status, "dev.stablestructures.internal must not be exported to consumers");
    assertTrue(
        lastJavacOutput.contains("which does not export it to module consumer"), lastJavacOutput);
  }

  private static void copy(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = LibraryConsumerIT.class.getResourceAsStream("/consumer/" + resource)) {
      Files.copy(in, target);
    }
  }

  /** Runs javac in this JVM; its messages go to {@link #lastJavacOutput}. */
  private static int javac(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("-cp")) {
      // Otherwise javac would take this test JVM's class path, which holds the library too.
      all.addAll(0, List.of("-cp", Files.createDirectories(work.resolve("empty")).toString()));
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = compiler.run(null, null, err, all.toArray(new String[0]));
    lastJavacOutput = err.toString(StandardCharsets.UTF_8);
    System.out.println("javac " + String.join(" ", all) + " -> " + status + "\n" + lastJavacOutput);
    return status;
  }

  private static String java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the consumer did not finish");
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
