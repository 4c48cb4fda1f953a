package dev.stablestructures.benchmarks.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.stablestructures.benchmarks.report.UpgradePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade curve at tiny sizes: both contenders upgrade through the runtime and answer the first
 * read with the state's value, the JSON holds every point, and by the metered counts (never by
 * time) the serializing upgrade (b) grows with the state while (a)'s stays the same.
 */
class UpgradeCurveRunnerTest {
  private static final long SMALL = 256L << 10;
  private static final long LARGE = 1L << 20;

  @Test
  void serializingGrowsWithTheStateAndStableStructuresDoNot(@TempDir Path dir) throws Exception {
    List<UpgradePoint> points = UpgradeCurveRunner.run(List.of(SMALL, LARGE), 1024, 1, dir);
    Path json = dir.resolve("upgrade-curve.json");
    UpgradeCurveRunner.write(points, json);
    UpgradePoint[] read = new Gson().fromJson(Files.readString(json), UpgradePoint[].class);
    assertEquals(points, List.of(read));

    UpgradePoint smallA = find(points, UpgradePoint.STABLE, SMALL);
    UpgradePoint largeA = find(points, UpgradePoint.STABLE, LARGE);
    UpgradePoint smallB = find(points, UpgradePoint.HEAP, SMALL);
    UpgradePoint largeB = find(points, UpgradePoint.HEAP, LARGE);
    assertEquals(1024, largeB.entries());
    assertEquals(smallA.instructions(), largeA.instructions(), "(a) costs the same at any size");
    assertEquals(smallA.dirtyPages(), largeA.dirtyPages());
    assertTrue(largeB.instructions() > 3 * smallB.instructions(), largeB + " vs " + smallB);
    assertTrue(largeB.bytesWritten() >= LARGE && largeB.bytesRead() >= LARGE, largeB.toString());
    assertTrue(largeB.dirtyPages() >= LARGE / 4096, largeB.toString());
    assertTrue(smallB.instructions() > 100 * smallA.instructions(), smallB + " vs " + smallA);
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(json), left.toList(), "every image is deleted after its point");
    }
  }

  @Test
  void sizesReadAndPrintInBinaryUnits() {
    assertEquals(10L << 20, UpgradeCurveRunner.bytes("10m"));
    assertEquals(4L << 30, UpgradeCurveRunner.bytes("4G"));
    assertEquals(512, UpgradeCurveRunner.bytes("512"));
    assertEquals("4g", UpgradeCurveRunner.label(4L << 30));
    assertEquals("100m", UpgradeCurveRunner.label(100L << 20));
    assertEquals("-Xmx5g", UpgradeCurveRunner.heapFor(1L << 30));
    assertEquals("-Xmx12g", UpgradeCurveRunner.heapFor(4L << 30));
  }

  private static UpgradePoint find(List<UpgradePoint> points, String contender, long bytes) {
    return points.stream()
        .filter(p -> p.contender().equals(contender) && p.stateBytes() == bytes)
        .findFirst()
        .orElseThrow();
  }
}
