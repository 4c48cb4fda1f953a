package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Finds the compatibility data for tests: {@code vectors.dir}, which the build points at this
 * repository's {@code vectors/data} (see its README). Missing vectors are a failure, never a skip:
 * a test that silently skips would hide a broken setup.
 */
public final class PublishedVectors {
  /** The seed of the published images. */
  public static final long SEED = 42;

  /** The n of the published images. */
  public static final int N = 5000;

  private PublishedVectors() {}

  /**
   * Returns the {@code published} folder, failing the test if it is absent.
   *
   * @return the folder
   */
  public static Path publishedDir() {
    Path published = dataDir().resolve("published");
    assertTrue(
        Files.isDirectory(published),
        "compatibility vectors not found at " + published.toAbsolutePath());
    return published;
  }

  /**
   * Returns the data folder, {@code vectors.dir}, failing the test if it is not set.
   *
   * @return the folder holding {@code published/}, {@code reference-repo/} and {@code SHA256SUMS}
   */
  public static Path dataDir() {
    String dir = System.getProperty("vectors.dir");
    if (dir == null || dir.isEmpty()) {
      fail("system property vectors.dir is not set; run the tests through Maven (see the pom)");
    }
    return Path.of(dir);
  }

  /**
   * Reads one of the crate repository's own files ({@code reference-repo/}).
   *
   * @param name the file name
   * @return its bytes
   */
  public static byte[] referenceRepo(String name) {
    Path file = dataDir().resolve("reference-repo").resolve(name);
    assertTrue(Files.isRegularFile(file), "reference file missing: " + file.toAbsolutePath());
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads the unpacked sizes listed in {@code MANIFEST}.
   *
   * @return image file name ({@code x.bin.gz}) to size in bytes
   */
  public static Map<String, Long> manifest() {
    Path file = publishedDir().resolve("MANIFEST");
    assertTrue(Files.isRegularFile(file), "missing " + file);
    Map<String, Long> sizes = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        @SuppressWarnings("StringSplitter") // a trimmed line: no empty fields to surprise us
        String[] parts = line.trim().split("\\s+");
        if (parts.length >= 2) {
          sizes.put(parts[0], Long.parseLong(parts[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes;
  }

  /**
   * Reads and unpacks one published image.
   *
   * @param image the image name, e.g. {@code vec-u64}
   * @return its bytes
   */
  public static byte[] read(String image) {
    Path file = publishedDir().resolve(image + ".bin.gz");
    assertTrue(Files.isRegularFile(file), "published image missing: " + file);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Returns the images of a script, unpacked.
   *
   * @param images image names
   * @return name to bytes
   */
  public static Map<String, byte[]> readAll(List<String> images) {
    Map<String, byte[]> all = new HashMap<>();
    for (String image : images) {
      all.put(image, read(image));
    }
    return all;
  }
}
