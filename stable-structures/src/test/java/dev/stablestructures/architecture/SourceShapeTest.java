package dev.stablestructures.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules about the source tree that no compiler checks: no main source file over 700 lines (one
 * concern per file), and none of the library's own packages in another module (a tool that plants a
 * class in a library package to reach its package-private members bypasses the module's door).
 * Reads the sources of every module of this repository, from the library module's directory.
 */
class SourceShapeTest {
  private static final int MAX_LINES = 700;
  private static final Path LIBRARY = Path.of("src", "main", "java");
  private static final Path ROOT = Path.of("..");

  private static List<Path> mainSources(Path module) {
    Path main = module.resolve(LIBRARY);
    if (!Files.isDirectory(main)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(main)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> modules() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
    }
  }

  private static String packageOf(Path source, Path sourceRoot) {
    Path dir = sourceRoot.relativize(source).getParent();
    return dir == null ? "" : dir.toString().replace(source.getFileSystem().getSeparator(), ".");
  }

  @Test
  void noMainSourceFileIsOver700Lines() throws IOException {
    List<Path> modules = modules();
    assertTrue(
        modules.size() >= 5, "expected the repository's modules beside this one: " + modules);
    List<String> tooLong = new ArrayList<>();
    for (Path module : modules) {
      for (Path source : mainSources(module)) {
        long lines;
        try (Stream<String> text = Files.lines(source)) {
          lines = text.count();
        }
        if (lines > MAX_LINES) {
          tooLong.add(ROOT.relativize(source) + " (" + lines + " lines)");
        }
      }
    }
    assertEquals(List.of(), tooLong, "split these files by concern");
  }

  @Test
  void noOtherModulePutsClassesInTheLibrarysPackages() throws IOException {
    Path librarySources = Path.of("").toAbsolutePath().resolve(LIBRARY);
    Set<String> libraryPackages =
        mainSources(Path.of("")).stream()
            .map(f -> packageOf(f.toAbsolutePath(), librarySources))
            .filter(p -> !p.isEmpty()) // module-info.java
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(libraryPackages.contains("dev.stablestructures.memory"), libraryPackages.toString());
    List<String> planted = new ArrayList<>();
    for (Path module : modules()) {
      if (module.toAbsolutePath().normalize().equals(Path.of("").toAbsolutePath())) {
        continue;
      }
      for (String kind : List.of("main", "test")) {
        Path sourceRoot = module.resolve("src").resolve(kind).resolve("java");
        if (!Files.isDirectory(sourceRoot)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
          for (Path source : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            if (libraryPackages.contains(packageOf(source, sourceRoot))) {
              planted.add(ROOT.relativize(source).toString());
            }
          }
        }
      }
    }
    assertEquals(List.of(), planted, "classes of other modules in the library's packages");
  }
}
