package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered script against the published images of the Rust crate: the Java library must
 * write the same bytes (write check) and read the crate's bytes back as the script's content (read
 * check); and for other seeds and sizes, what it writes must read back as the script's content.
 */
class VectorScriptsTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  /** (seed, n) pairs for self-consistency, beyond the published (42, 5000). */
  private static List<long[]> otherRuns() {
    List<long[]> runs = new ArrayList<>(List.of(new long[] {0, 0}, new long[] {1, 10}));
    runs.add(new long[] {7, 200});
    runs.add(new long[] {-3, 1000});
    if (FULL) {
      // The full run: at least two more seeds at n = 60,000 for every script.
      runs.add(new long[] {2, 60_000});
      runs.add(new long[] {0xDEADBEEFL, 60_000});
    }
    return runs;
  }

  @Test
  void registryHasScriptsWithDistinctNames() {
    List<VectorScript> all = VectorScripts.all();
    assertFalse(all.isEmpty());
    assertEquals(all.size(), all.stream().map(VectorScript::name).distinct().count());
    for (VectorScript script : all) {
      assertEquals(script, VectorScripts.byName(script.name()).orElseThrow());
    }
    assertTrue(VectorScripts.byName("no-such-script").isEmpty());
  }

  @Test
  void byteComparisonNamesTheFirstDifferingOffset() {
    AssertionError differ =
        assertThrows(
            AssertionError.class,
            () -> assertSameBytes("img", new byte[] {1, 2, 3, 4}, new byte[] {1, 2, 9, 4}));
    assertTrue(differ.getMessage().contains("first difference at offset 2"), differ.getMessage());
    assertTrue(differ.getMessage().contains("published [01 02 03 04], ours [01 02 09 04]"));
    AssertionError shorter =
        assertThrows(
            AssertionError.class, () -> assertSameBytes("img", new byte[] {1, 2}, new byte[] {1}));
    assertTrue(shorter.getMessage().contains("sizes differ"), shorter.getMessage());
    assertSameBytes("img", new byte[] {5, 6}, new byte[] {5, 6});
  }

  @TestFactory
  Stream<DynamicNode> scripts() {
    Map<String, Long> manifest = PublishedVectors.manifest();
    return VectorScripts.all().stream()
        .map(
            script ->
                DynamicContainer.dynamicContainer(
                    script.name(),
                    Stream.of(
                        DynamicTest.dynamicTest(
                            "write: replay(42, 5000) equals the published bytes",
                            () -> writeCheck(script, manifest)),
                        DynamicTest.dynamicTest(
                            "read: check(42, 5000, published) finds no difference",
                            () -> readCheck(script)),
                        DynamicTest.dynamicTest(
                            "self-consistency for other seeds and n", () -> selfCheck(script)))));
  }

  private static void writeCheck(VectorScript script, Map<String, Long> manifest) {
    Map<String, Memory> written = script.replay(PublishedVectors.SEED, PublishedVectors.N);
    assertEquals(script.images(), List.copyOf(orderedKeys(script, written)));
    for (String image : script.images()) {
      Long size = manifest.get(image + ".bin.gz");
      assertNotNull(size, "MANIFEST does not list " + image + ".bin.gz");
      byte[] published = PublishedVectors.read(image);
      assertEquals(size.longValue(), published.length, image + ": MANIFEST size vs unpacked size");
      byte[] ours = Memories.toByteArray(written.get(image));
      assertSameBytes(image, published, ours);
    }
  }

  private static List<String> orderedKeys(VectorScript script, Map<String, Memory> written) {
    List<String> keys = new ArrayList<>();
    for (String image : script.images()) {
      assertTrue(written.containsKey(image), script.name() + " did not write image " + image);
      keys.add(image);
    }
    assertEquals(script.images().size(), written.size(), "extra images: " + written.keySet());
    return keys;
  }

  /** Fails with the first differing offset and the bytes around it. */
  static void assertSameBytes(String image, byte[] expected, byte[] actual) {
    int common = Math.min(expected.length, actual.length);
    for (int i = 0; i < common; i++) {
      if (expected[i] != actual[i]) {
        int from = Math.max(0, i - 8);
        int to = Math.min(common, i + 8);
        fail(
            image
                + ": first difference at offset "
                + i
                + " (0x"
                + Integer.toHexString(i)
                + "): published ["
                + hex(expected, from, to)
                + "], ours ["
                + hex(actual, from, to)
                + "] (from offset "
                + from
                + ")");
      }
    }
    assertEquals(
        expected.length,
        actual.length,
        image + ": same bytes up to the shorter length, but sizes differ (published vs ours)");
  }

  private static String hex(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder();
    for (int i = from; i < to; i++) {
      out.append(String.format(i == from ? "%02x" : " %02x", bytes[i] & 0xFF));
    }
    return out.toString();
  }

  private static void readCheck(VectorScript script) {
    Map<String, Memory> images = new HashMap<>();
    for (Map.Entry<String, byte[]> e : PublishedVectors.readAll(script.images()).entrySet()) {
      images.put(e.getKey(), HeapMemory.of(e.getValue()));
    }
    Map<String, byte[]> before = snapshot(images);
    List<String> differences = script.check(PublishedVectors.SEED, PublishedVectors.N, images);
    assertEquals(List.of(), differences, script.name() + " read check");
    Map<String, byte[]> after = snapshot(images);
    for (String image : before.keySet()) {
      assertSameBytes(image + " (check must not write)", before.get(image), after.get(image));
    }
  }

  private static Map<String, byte[]> snapshot(Map<String, Memory> images) {
    Map<String, byte[]> copy = new HashMap<>();
    images.forEach((k, v) -> copy.put(k, Memories.toByteArray(v)));
    return copy;
  }

  private static void selfCheck(VectorScript script) {
    int noticed = 0;
    for (long[] run : otherRuns()) {
      long seed = run[0];
      int n = (int) run[1];
      String what = script.name() + " seed " + seed + " n " + n;
      Map<String, Memory> written = script.replay(seed, n);
      assertEquals(List.of(), script.check(seed, n, written), what + ": replay then check");
      if (n == 0) {
        continue;
      }
      // The check must notice a different run, or it asserts nothing. Two seeds may leave the same
      // content (at n = 60,000 the V1 script removes every one of its 2,816 possible keys): then
      // each run's image must pass the other's check too.
      if (script.check(seed + 1, n, written).isEmpty()) {
        assertEquals(
            List.of(),
            script.check(seed, n, script.replay(seed + 1, n)),
            what
                + ": seed "
                + (seed + 1)
                + " passes this check, so it must leave the same content");
      } else {
        noticed++;
      }
    }
    assertTrue(noticed > 0, script.name() + ": no run was told apart from another seed's");
  }
}
