package dev.stablestructures.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.stablestructures.benchmarks.peers.FootprintRunner.Footprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator turns JMH JSON (here written as JMH writes it, "NaN" errors included) into the
 * sections, ratios and PNG charts of RESULTS.md, keeping what is around them.
 */
class ResultsReportTest {
  private static final String PEERS = "dev.stablestructures.benchmarks.peers.";

  private static JmhResult result(String benchmark, Map<String, String> params, double score) {
    return new JmhResult(
        benchmark,
        "avgt",
        1,
        "17.0.15",
        "OpenJDK 64-Bit Server VM",
        "17.0.15+6",
        "1.37",
        1,
        "1 s",
        2,
        "1 s",
        params,
        new JmhResult.Metric(score, score > 1000 ? "NaN" : "1.5", "ns/op"));
  }

  @Test
  void writesEverySectionWithRatiosAndCharts(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results/quick");
    Files.createDirectories(results);
    List<JmhResult> rows = new ArrayList<>();
    for (String store : List.of("STABLE_FILE", "TREEMAP", "LMDB")) {
      double scale = store.equals("STABLE_FILE") ? 1 : store.equals("TREEMAP") ? 2 : 4;
      Map<String, String> p = Map.of("store", store, "workload", "U64", "size", "100000");
      rows.add(result(PEERS + "PeerReadBenchmark.getHit", p, 100 * scale));
      rows.add(result(PEERS + "PeerReadBenchmark.fullScan", p, 1_000_000 * scale));
      for (String every : List.of("1", "1000")) {
        Map<String, String> w =
            Map.of("store", store, "workload", "U64", "size", "100000", "commitEvery", every);
        rows.add(result(PEERS + "PeerWriteBenchmark.insertRandom", w, 300 * scale));
      }
      rows.add(
          result(PEERS + "AssetStoreBenchmark.store", Map.of("store", store), 1_048_576 * scale));
    }
    rows.add(result("dev.stablestructures.benchmarks.StableVecBenchmark.longArray", null, 8));
    rows.add(result("dev.stablestructures.benchmarks.StableVecBenchmark.fileGetLong", null, 16));
    Gson gson = new Gson();
    Files.writeString(results.resolve("quick-u64.json"), gson.toJson(rows));
    Files.writeString(
        results.resolve("footprint.json"),
        gson.toJson(
            List.of(
                new Footprint("STABLE_FILE", "U64", "inserted", 1000, 65536, 40960, 0),
                new Footprint("STABLE_FILE", "U64", "removed", 500, 65536, 40960, 0),
                new Footprint("TREEMAP", "U64", "inserted", 1000, 0, 0, 80000))));
    new RunInfo(
            "quick",
            "benchmarks/run quick",
            "abc1234",
            "Some CPU",
            2,
            24,
            "Linux",
            Instant.parse("2026-12-01T10:00:00Z").toString(),
            Instant.parse("2026-12-01T10:08:30Z").toString(),
            480)
        .write(results);
    Path markdown = dir.resolve("RESULTS.md");
    Files.writeString(markdown, "# Results\nkept commentary\n");

    ResultsReport.generate(results, markdown);
    String md = Files.readString(markdown);

    assertTrue(md.startsWith("# Results\nkept commentary\n"), md);
    for (String section :
        List.of("run", "maps-u64", "asset", "footprint", "structures", "upgrade")) {
      assertTrue(md.contains("<!-- generated:quick/" + section + " -->"), section + "\n" + md);
    }
    assertTrue(md.contains("`benchmarks/run quick` at commit `abc1234`"), md);
    assertTrue(md.contains("(8.5 min; estimated 8 min)"), md);
    assertTrue(md.contains("| get, hit | 100 ± 1.50 | 200 ± 1.50 | 400 ± 1.50 |"), md);
    assertTrue(md.contains("| full scan, per entry | 10.0 | 20.0 | 40.0 |"), md);
    assertTrue(md.contains("| get, hit | 0.50 | 0.25 |"), "ratios of ours to each: " + md);
    assertTrue(md.contains("| insert, random, commit each |"), md);
    assertTrue(md.contains("| insert, random, commit per 1000 |"), md);
    assertTrue(md.contains("| ours, FileMemory | 1000 |"), "MB/s: " + md);
    assertTrue(md.contains("**met**"), md);
    assertTrue(md.contains("| ours, FileMemory | 41.0 | 81.9 |"), "bytes per entry: " + md);
    assertTrue(md.contains("2.00 (longArray)"), md);
    assertTrue(md.contains("_Not measured in this run: when quick/upgrade-curve.json exists"), md);
    assertTrue(md.contains("](results/quick/charts/quick-u64-100000.png)"), md);
    byte[] png = Files.readAllBytes(results.resolve("charts/quick-u64-100000.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG file");
    assertTrue(Files.exists(results.resolve("charts/quick-asset.png")));
    assertTrue(Files.exists(results.resolve("charts/quick-footprint-u64.png")));

    ResultsReport.generate(results, markdown);
    assertTrue(md.equals(Files.readString(markdown)), "regenerating changes nothing");
  }

  @Test
  void aProfileRunInPartsListsEveryPartAndReadsOnlyJmhJson(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results/full");
    Files.createDirectories(results);
    Map<String, String> p = Map.of("store", "STABLE_FILE", "workload", "U64", "size", "1000000");
    Files.writeString(
        results.resolve("full-u64-get-1m.json"),
        new Gson().toJson(List.of(result(PEERS + "PeerReadBenchmark.getHit", p, 500))));
    for (String part : List.of("full-u64-get-1m", "footprint")) {
      new RunInfo(
              "full",
              "benchmarks/run full --only " + part,
              "abc1234",
              "Some CPU",
              2,
              24,
              "Linux",
              "2026-12-01T10:00:00Z",
              "2026-12-01T10:06:00Z",
              300)
          .writePart(results, part);
    }
    Path markdown = dir.resolve("RESULTS.md");

    ResultsReport.generate(results, markdown);
    String md = Files.readString(markdown);

    assertTrue(md.contains("Profile **full**, run in parts (`--only`):"), md);
    assertTrue(md.contains("- `benchmarks/run full --only footprint` at commit `abc1234`"), md);
    assertTrue(md.contains("- `benchmarks/run full --only full-u64-get-1m` at commit"), md);
    assertTrue(md.contains("(6.0 min; estimated 5 min)"), md);
    assertTrue(md.contains("Machine: Some CPU, 2 cores, 24 GiB, Linux."), md);
    assertTrue(md.contains("| get, hit | 500"), md);
  }
}
