package dev.stablestructures.runtime;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Real canister code for the tests: Java sources compiled in the test by the JDK's {@code javac}
 * (through {@link ToolProvider}, which needs no module of the tests to read {@code java.compiler})
 * against the library's classes into a class directory, and packed into a jar, so that {@link
 * CanisterCode#fromJar} and {@link CanisterCode#fromDirectory} load classes the test's own class
 * loader has never seen.
 */
final class CompiledCanisters {
  private CompiledCanisters() {}

  /**
   * A counter canister: {@code bump} increments a static field and a stable cell and answers both;
   * {@code read} (a query) answers them too. The static field shows whether the class was loaded
   * afresh; the cell, whether stable memory survived. {@code preUpgrade} records the static count
   * in the cell {@code lastStatic}.
   */
  static final String COUNTER =
      """
      package demo;
      import dev.stablestructures.codec.Codecs;
      import dev.stablestructures.runtime.*;
      public class Counter implements Canister {
        static long bumps;
        private static dev.stablestructures.cell.StableCell<Long> cell(
            CanisterContext ctx, String name, int id) {
          return ctx.memories().cell(name, id, Codecs.u64(), 0L);
        }
        @Override public void preUpgrade(CanisterContext ctx) {
          cell(ctx, "lastStatic", 1).set(bumps);
        }
        @Override public void entryPoints(EntryPoints.Builder p) {
          p.updateText("bump", (ctx, arg) -> {
            bumps++;
            var c = cell(ctx, "count", 0);
            c.set(c.get() + 1);
            return bumps + " " + c.get();
          });
          p.queryText("read", (ctx, arg) -> bumps + " " + cell(ctx, "count", 0).get()
              + " " + cell(ctx, "lastStatic", 1).get());
        }
      }
      """;

  /** Compiles {@code source} (class {@code demo.<name>}) into a new class directory. */
  static Path compile(Path dir, String className, String source) throws IOException {
    Path src = dir.resolve("src/demo/" + className + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source, StandardCharsets.UTF_8);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    ToolProvider javac =
        ToolProvider.findFirst("javac")
            .orElseThrow(() -> new AssertionError("this JVM has no javac: run the tests on a JDK"));
    List<String> args = new ArrayList<>();
    args.add("-d");
    args.add(classes.toString());
    args.add("-classpath");
    args.add(libraryClassPath());
    args.add("-proc:none");
    args.add(src.toString());
    int status = javac.run(System.out, System.err, args.toArray(new String[0]));
    if (status != 0) {
      throw new AssertionError("the test canister did not compile (status " + status + ")");
    }
    return classes;
  }

  /** Packs a class directory into a jar. */
  static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  /** Where the library's classes are: the test JVM's module path and class path. */
  private static String libraryClassPath() {
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
