package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The crate's published images in {@code vectors/data/published} ({@code <name>.bin.gz}), found
 * through the {@code vectors.dir} system property the build sets, as {@code testing.VectorFiles}
 * finds the reference files. A missing file fails the test; it never skips.
 */
final class PublishedImages {
  private PublishedImages() {}

  /**
   * Reads and gunzips one published image.
   *
   * @param name the image name without {@code .bin.gz}, such as {@code btreemap-u64-u64}
   * @return the memory image
   */
  static byte[] read(String name) {
    String dir = System.getProperty("vectors.dir");
    if (dir == null || dir.isEmpty()) {
      fail("system property vectors.dir is not set; run the tests through Maven (see the pom)");
    }
    Path file = Path.of(dir, "published", name + ".bin.gz");
    if (!Files.isRegularFile(file)) {
      fail("missing published image " + file.toAbsolutePath() + " (vectors.dir = " + dir + ")");
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError("cannot read published image " + file, e);
    }
  }
}
