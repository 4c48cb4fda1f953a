package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vectors.VectorScript;
import dev.stablestructures.vectors.VectorScripts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The B-tree scripts against the crate's published images, both directions, byte for byte. */
class BTreeVectorTest {
  static final long SEED = 42;
  static final int N = 5000;

  static Path vectorsDir() {
    String dir = System.getProperty("vectors.dir");
    if (dir == null || !Files.isDirectory(Path.of(dir, "published"))) {
      fail("system property vectors.dir must point at shared/spec/vectors, found: " + dir);
    }
    return Path.of(dir);
  }

  static byte[] published(String name) throws IOException {
    Path file = vectorsDir().resolve("published").resolve(name + ".bin.gz");
    if (!Files.exists(file)) {
      fail("missing published image " + file);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  static byte[] v1Dump() throws IOException {
    Path file = vectorsDir().resolve("reference-repo").resolve("btreemap_v1_packed_headers.dump");
    if (!Files.exists(file)) {
      fail("missing " + file);
    }
    return Files.readAllBytes(file);
  }

  static List<VectorScript> scripts() throws IOException {
    List<VectorScript> scripts = new ArrayList<>(BTreeVectorScripts.all());
    scripts.add(BTreeVectorScripts.v1Migrated(v1Dump()));
    return scripts;
  }

  @TestFactory
  Stream<DynamicTest> replayEqualsPublishedImage() throws IOException {
    return scripts().stream()
        .map(
            script ->
                DynamicTest.dynamicTest(
                    "write " + script.name(),
                    () -> {
                      byte[] expected = published(script.name());
                      Memory replayed = script.replay(SEED, N).get(script.name());
                      byte[] actual = Memories.toByteArray(replayed);
                      assertImagesEqual(expected, actual);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> publishedImageHoldsScriptContent() throws IOException {
    return scripts().stream()
        .map(
            script ->
                DynamicTest.dynamicTest(
                    "read " + script.name(),
                    () -> {
                      Memory image = HeapMemory.of(published(script.name()));
                      List<String> problems = script.check(SEED, N, Map.of(script.name(), image));
                      assertEquals(List.of(), problems);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> otherSeedsAndSizesAreSelfConsistent() {
    boolean full = "full".equals(System.getProperty("stable.test.scale"));
    long[][] params =
        full
            ? new long[][] {{1, 0}, {7, 1}, {3, 37}, {99, 2000}, {12345, 60_000}, {-5, 20_000}}
            : new long[][] {{1, 0}, {7, 1}, {3, 37}, {99, 2000}, {-5, 700}};
    List<DynamicTest> tests = new ArrayList<>();
    for (VectorScript script : BTreeVectorScripts.all()) {
      for (long[] p : params) {
        tests.add(
            DynamicTest.dynamicTest(
                script.name() + " seed " + p[0] + " n " + p[1],
                () -> {
                  Map<String, Memory> images = script.replay(p[0], (int) p[1]);
                  assertEquals(List.of(), script.check(p[0], (int) p[1], images));
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void scriptsAreRegistered() {
    for (VectorScript script : BTreeVectorScripts.all()) {
      assertTrue(VectorScripts.byName(script.name()).isPresent(), script.name());
    }
  }

  @Test
  void goldenV1DumpIsReproduced() throws IOException {
    assertImagesEqual(v1Dump(), Memories.toByteArray(BTreeVectorScripts.v1StartImage()));
  }

  static void assertImagesEqual(byte[] expected, byte[] actual) {
    int limit = Math.min(expected.length, actual.length);
    for (int i = 0; i < limit; i++) {
      if (expected[i] != actual[i]) {
        fail(
            String.format(
                "images differ first at byte %d (0x%x): expected %02x, found %02x"
                    + " (sizes %d and %d)",
                i, i, expected[i] & 0xFF, actual[i] & 0xFF, expected.length, actual.length));
      }
    }
    assertEquals(expected.length, actual.length, "image sizes differ");
  }
}
