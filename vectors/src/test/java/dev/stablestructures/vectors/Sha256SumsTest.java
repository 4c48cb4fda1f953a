package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks every file of the compatibility data against {@code SHA256SUMS}, so that a damaged or
 * replaced vector is reported as such, and not as a format bug by the script tests.
 */
class Sha256SumsTest {
  @Test
  void everyListedFileHasItsChecksumAndEveryDataFileIsListed() throws IOException {
    Path data = PublishedVectors.dataDir();
    List<String> lines = Files.readAllLines(data.resolve("SHA256SUMS"));
    List<String> listed = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      // sha256sum's format: 64 hex digits, two spaces (or space and '*'), then the path.
      String expected = line.substring(0, 64);
      String name = line.substring(66);
      listed.add(name);
      Path file = data.resolve(name);
      assertTrue(Files.isRegularFile(file), "SHA256SUMS lists a missing file: " + file);
      String actual = sha256(Files.readAllBytes(file));
      if (!actual.equals(expected)) {
        damaged.add(name + ": SHA-256 " + actual + ", SHA256SUMS says " + expected);
      }
    }
    assertEquals(List.of(), damaged, "damaged compatibility vectors (restore them from git)");
    assertFalse(listed.isEmpty(), "SHA256SUMS lists nothing");
    List<String> unlisted = new ArrayList<>();
    for (String folder : List.of("published", "reference-repo")) {
      try (Stream<Path> files = Files.list(data.resolve(folder))) {
        files
            .map(f -> folder + "/" + f.getFileName())
            .filter(name -> !name.equals("published/MANIFEST") && !listed.contains(name))
            .forEach(unlisted::add);
      }
    }
    assertEquals(List.of(), unlisted, "data files without a checksum in SHA256SUMS");
  }

  @Test
  void checksumOfKnownBytes() {
    // The SHA-256 of "abc" (FIPS 180-2), so the comparison above cannot pass vacuously.
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
