package dev.stablestructures.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where (b) stops upgrading, extrapolated or measured, and the section's table and chart from a
 * made-up curve.
 */
class UpgradeTablesTest {
  private static final long MIB = 1 << 20;

  private static UpgradePoint heap(long mib, long instructions, long bytes) {
    return new UpgradePoint(
        UpgradePoint.HEAP,
        mib * 1024,
        mib * MIB,
        1024,
        mib / 100.0,
        3,
        instructions,
        10,
        bytes,
        bytes,
        bytes / 4096);
  }

  @Test
  void aCapNoPointCrossesIsExtrapolatedThroughTheTwoLargestPoints() {
    // 3 instructions and 1 byte read and written per byte of state, plus a constant.
    List<UpgradePoint> points =
        List.of(heap(100, 3 * 100 * MIB + 5, 100 * MIB), heap(10, 3 * 10 * MIB + 5, 10 * MIB));
    List<UpgradeLimits.Crossing> crossings = UpgradeLimits.crossings(points);
    UpgradeLimits.Crossing first = crossings.get(0);
    assertTrue(first.limit().startsWith("bytes"), first.toString());
    assertEquals(8.0 * (1L << 30), first.stateBytes(), 1.0);
    assertFalse(first.measured());
    UpgradeLimits.Crossing instructions = crossings.get(2);
    assertEquals("instructions", instructions.limit());
    assertEquals((300e9 - 5) / 3, instructions.stateBytes(), 1.0);
  }

  @Test
  void aPointOverACapIsTheMeasuredCrossing() {
    List<UpgradePoint> points =
        List.of(heap(10, 10, 10 * MIB), heap(9000, 10, 9000 * MIB), heap(20000, 10, 20000 * MIB));
    UpgradeLimits.Crossing first = UpgradeLimits.crossings(points).get(0);
    assertTrue(first.measured());
    assertEquals(9000.0 * MIB, first.stateBytes());
  }

  @Test
  void theSectionHasTheTableTheLimitAndTheChart(@TempDir Path dir) throws Exception {
    List<UpgradePoint> points =
        List.of(
            new UpgradePoint(
                UpgradePoint.STABLE, 10240, 10 * MIB, 1024, 0.001, 3, 1271, 60, 500, 300, 3),
            heap(10, 3 * 10 * MIB, 10 * MIB),
            new UpgradePoint(
                UpgradePoint.STABLE, 102400, 100 * MIB, 1024, 0.001, 3, 1271, 60, 500, 300, 3),
            heap(100, 3 * 100 * MIB, 100 * MIB));
    String md = UpgradeTables.section(points, new Charts(dir.resolve("charts"), dir));
    assertTrue(
        md.contains("| (a) StableBTreeMap | 10 MiB | 10240 | 1.000 | 1,271 | 0.0000% |"), md);
    assertTrue(md.contains("| (b) heap map, serialized | 100 MiB |"), md);
    assertTrue(
        md.contains("**(b) would no longer upgrade on the IC from about 8 GiB of state**"), md);
    assertTrue(md.contains("extrapolated linearly"), md);
    assertTrue(md.contains("the instructions cap (300,000,000,000) at about 93.1 GiB"), md);
    assertTrue(md.contains("(a)'s slowest upgrade and first read: 1.000 ms"), md);
    assertTrue(md.contains("under 10 ms at every state size: **met**"), md);
    assertTrue(md.contains("](charts/upgrade-curve.png)"), md);
    byte[] png = Files.readAllBytes(dir.resolve("charts/upgrade-curve.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
  }
}
