package dev.stablestructures.benchmarks.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.benchmarks.peers.Contender;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The profiles name benchmarks that exist with parameters they have, and the quick one fits in 10
 * minutes by JMH's own parameters, so {@code benchmarks/run quick} keeps its promise.
 */
class ProfileTest {
  @ParameterizedTest
  @EnumSource(Profile.class)
  void everyRunIncludesBenchmarksAndOnlyTheirParameters(Profile profile) {
    Set<String> names = new HashSet<>();
    for (ProfileRun run : profile.runs()) {
      assertTrue(names.add(run.name()), "run names are file names: unique");
      List<BenchmarkListEntry> benchmarks = Estimate.benchmarks(run);
      assertFalse(benchmarks.isEmpty(), run.name() + " matches no benchmark");
      for (BenchmarkListEntry b : benchmarks) {
        Map<String, String[]> declared = b.getParams().orElse(Map.of());
        for (String p : run.params().keySet()) {
          assertTrue(declared.containsKey(p), run.name() + ": " + b.getUsername() + " has no " + p);
        }
      }
      for (String store : run.params().getOrDefault("store", List.of())) {
        Contender c = Contender.valueOf(store);
        if (b(run).stream().anyMatch(e -> e.getUsername().matches(".*(Scan|scan)$"))) {
          assertTrue(c.ordered(), run.name() + " scans " + c);
        }
      }
      assertTrue(Estimate.forks(run) > 0);
    }
  }

  private static List<BenchmarkListEntry> b(ProfileRun run) {
    return Estimate.benchmarks(run);
  }

  @Test
  void quickRunsInUnderTenMinutesAndTinyInAboutOne() {
    double quick = Estimate.seconds(Profile.QUICK);
    assertTrue(quick < 10 * 60, "quick is estimated at " + quick + " s");
    assertTrue(Estimate.seconds(Profile.TINY) < 2 * 60);
    assertTrue(Estimate.seconds(Profile.FULL) > quick);
  }

  @Test
  void quickComparesEveryPeerInOneRunPerWorkload() {
    ProfileRun get =
        Profile.QUICK.runs().stream()
            .filter(r -> r.name().equals("quick-u64-get"))
            .findFirst()
            .get();
    List<String> stores = get.params().get("store");
    for (Contender c : Contender.values()) {
      if (!c.ours()) {
        assertTrue(stores.contains(c.name()), c + " is in the quick comparison");
      }
    }
    assertEquals(List.of("U64"), get.params().get("workload"));
  }

  @Test
  void thePlanNamesEveryRun() {
    String plan = ProfileRunner.plan(Profile.QUICK, 480);
    assertTrue(plan.startsWith("profile QUICK: estimated 8 min"), plan);
    for (ProfileRun run : Profile.QUICK.runs()) {
      assertTrue(plan.contains(run.name()), plan);
    }
  }
}
