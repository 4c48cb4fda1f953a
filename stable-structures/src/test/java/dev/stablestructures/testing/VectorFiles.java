package dev.stablestructures.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The crate's reference files the library's own tests read: {@code vectors/data/reference-repo} of
 * this repository, and the published images of {@code vectors/data/published}, found through the
 * {@code vectors.dir} system property that the build sets. A missing file fails the test; it never
 * skips.
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

  /**
   * Reads and gunzips one published image of {@code published}.
   *
   * @param name the image name without {@code .bin.gz}, such as {@code vec-u64}
   * @return the memory image
   */
  public static byte[] published(String name) {
    Path file = directory().resolve("published").resolve(name + ".bin.gz");
    if (!Files.isRegularFile(file)) {
      fail("missing published image " + file.toAbsolutePath());
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError("cannot read published image " + file, e);
    }
  }

  private static Path directory() {
    String dir = System.getProperty("vectors.dir");
    if (dir == null || dir.isEmpty()) {
      fail("system property vectors.dir is not set; run the tests through Maven (see the pom)");
    }
    return Path.of(dir);
  }
}
