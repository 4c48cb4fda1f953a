package dev.stablestructures.benchmarks.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.stablestructures.benchmarks.peers.FootprintRunner.Footprint;
import dev.stablestructures.benchmarks.report.UpgradePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;

/**
 * The runner's steps that need no JMH run: the options it gives JMH, the footprint runner in a JVM
 * of its own with the peer flags (Chronicle Map fails without them), and the upgrade curve in a JVM
 * of its own with its heap.
 */
class ProfileRunnerTest {
  @Test
  void jmhGetsTheRunsIncludesParametersIterationsAndJsonOutput(@TempDir Path dir) {
    ProfileRun run = Profile.QUICK.runs().get(0);
    Options o = ProfileRunner.options(run, dir.resolve("x.json"));
    assertEquals(List.of(run.include()), o.getIncludes());
    assertEquals(run.params().get("store"), List.copyOf(o.getParameter("store").get()));
    assertEquals(run.warmups(), o.getWarmupIterations().get());
    assertEquals(run.iterations(), o.getMeasurementIterations().get());
    assertEquals(1, o.getForkCount().get());
    assertEquals(ResultFormatType.JSON, o.getResultFormat().get());
    assertEquals(dir.resolve("x.json").toString(), o.getResult().get());
    assertTrue(o.shouldFailOnError().get());
  }

  @Test
  void theFootprintRunsInAJvmOfItsOwnWithTheForksFlags(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("footprint.json");
    ProfileRunner.footprint(Profile.TINY, json);
    Footprint[] rows = new Gson().fromJson(Files.readString(json), Footprint[].class);
    assertEquals(2 * Profile.TINY.footprintContenders().size(), rows.length);
    assertTrue(List.of(rows).stream().anyMatch(r -> r.contender().equals("CHRONICLE")));
  }

  @Test
  void theUpgradeCurveRunsInAJvmOfItsOwnAndWritesBothContendersAtEverySize(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("upgrade-curve.json");
    ProfileRunner.upgradeCurve(Profile.TINY, json);
    UpgradePoint[] points = new Gson().fromJson(Files.readString(json), UpgradePoint[].class);
    assertEquals(2 * Profile.TINY.upgradeSizes().size(), points.length);
    for (UpgradePoint p : points) {
      assertEquals(Profile.TINY.upgradeRepetitions(), p.repetitions());
      assertEquals(Profile.TINY.upgradeSizes().get(0), p.stateBytes());
      assertTrue(p.instructions() > 0 && p.seconds() > 0, p.toString());
    }
    assertTrue(ProfileRunner.plan(Profile.TINY, 60).contains("upgrade-curve"));
    assertEquals("-Xmx12g", ProfileRunner.upgradeHeap(Profile.FULL));
  }

  @Test
  void onlyNamesPartsOfThePlanInItsOrderAndRefusesOthersNamingWhatExists() {
    List<ProfileRun> runs = Profile.FULL.runs();
    String first = runs.get(0).name();
    String last = runs.get(runs.size() - 1).name();
    assertEquals(
        List.of(first, last, "upgrade-curve"),
        ProfileRunner.parts(Profile.FULL, "upgrade-curve," + last + "," + first));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProfileRunner.parts(Profile.FULL, "nope"));
    assertTrue(
        e.getMessage().contains("no part nope") && e.getMessage().contains(first), e.getMessage());
    double part = ProfileRunner.seconds(Profile.FULL, List.of(first, "footprint"));
    assertEquals(Estimate.seconds(runs.get(0)) + Profile.FULL.footprintSeconds(), part, 1e-9);
    assertTrue(part < Estimate.seconds(Profile.FULL));
  }
}
