package dev.stablestructures.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crate's reference files the library's own tests read: {@code vectors/data/reference-repo} of
 * this repository, found through the {@code vectors.dir} system property that the build sets. A
 * missing file fails the test; it never skips.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /**
   * Reads one file of {@code reference-repo}.
   *
   * @param name the file name, such as {@code stability_write.golden}
   * @return its bytes
   */
  public static byte[] referenceRepo(String name) {
    String dir = System.getProperty("vectors.dir");
    if (dir == null || dir.isEmpty()) {
      fail("system property vectors.dir is not set; run the tests through Maven (see the pom)");
    }
    Path file = Path.of(dir, "reference-repo", name);
    if (!Files.isRegularFile(file)) {
      fail("missing reference file " + file.toAbsolutePath() + " (vectors.dir = " + dir + ")");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AssertionError("cannot read reference file " + file, e);
    }
  }
}
