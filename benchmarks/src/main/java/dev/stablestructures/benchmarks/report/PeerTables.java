package dev.stablestructures.benchmarks.report;

import dev.stablestructures.benchmarks.peers.Contender;
import dev.stablestructures.benchmarks.peers.FootprintRunner.Footprint;
import dev.stablestructures.benchmarks.peers.Workload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The peer comparison's tables and charts: per workload and size, ns per operation of every
 * contender and the ratios of ours to each of them; the asset store in MB/s; bytes per entry.
 */
final class PeerTables {
  /** One row of a map table: a benchmark method, and its commit setting for writes. */
  record Op(String method, String commitEvery) {
    String label() {
      String base =
          switch (method) {
            case "getHit" -> "get, hit";
            case "getMiss" -> "get, miss";
            case "rangeScan" -> "range of 100 entries";
            case "fullScan" -> "full scan, per entry";
            case "insertRandom" -> "insert, random";
            case "insertSequential" -> "insert, sequential";
            case "remove" -> "remove";
            default -> method;
          };
      return commitEvery == null
          ? base
          : base + (commitEvery.equals("1") ? ", commit each" : ", commit per " + commitEvery);
    }
  }

  private static final List<String> METHODS =
      List.of(
          "getHit",
          "getMiss",
          "rangeScan",
          "fullScan",
          "insertRandom",
          "insertSequential",
          "remove");

  /** The STABLE_FILE contender, whose ratios to the others the tables show. */
  private static final Contender HEADLINE = Contender.STABLE_FILE;

  private final List<JmhResult> rows;
  private final Charts charts;
  private final String prefix;

  /**
   * Tables over the peer benchmarks among {@code rows}.
   *
   * @param rows every JMH result of a profile run
   * @param charts where charts go
   * @param prefix the chart files' prefix (the profile)
   */
  PeerTables(List<JmhResult> rows, Charts charts, String prefix) {
    this.rows = rows.stream().filter(r -> r.benchmark().contains(".peers.")).toList();
    this.charts = charts;
    this.prefix = prefix;
  }

  /** The workloads that have results, in the enum's order. */
  List<Workload> workloads() {
    return Stream.of(Workload.values())
        .filter(w -> rows.stream().anyMatch(r -> w.name().equals(r.param("workload"))))
        .toList();
  }

  /**
   * Every size's tables and chart for one workload.
   *
   * @param w the workload
   * @return markdown
   * @throws IOException if a chart cannot be written
   */
  String maps(Workload w) throws IOException {
    List<JmhResult> mine = rows.stream().filter(r -> w.name().equals(r.param("workload"))).toList();
    TreeSet<Integer> sizes = new TreeSet<>();
    mine.forEach(r -> sizes.add(Integer.parseInt(r.param("size"))));
    StringBuilder md = new StringBuilder();
    for (int size : sizes) {
      List<JmhResult> at = mine.stream().filter(r -> r.param("size").equals("" + size)).toList();
      List<Contender> contenders = contenders(at);
      List<Op> ops = ops(at);
      md.append(
          String.format("%n##### %s, %s entries: ns per operation%n%n", w.label(), count(size)));
      md.append(header("operation", contenders.stream().map(Contender::label).toList()));
      Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
      for (Op op : ops) {
        List<String> cells = new ArrayList<>();
        Map<String, Double> bars = new LinkedHashMap<>();
        for (Contender c : contenders) {
          JmhResult r = find(at, op, c);
          cells.add(r == null ? "—" : scoreCell(perOp(r, size), perOpError(r, size)));
          bars.put(c.label(), r == null ? null : perOp(r, size));
        }
        md.append(row(op.label(), cells));
        chart.put(op.label(), bars);
      }
      md.append(ratios(at, contenders, ops, size));
      md.append('\n')
          .append(
              charts.bars(
                  String.format("%s-%s-%d.png", prefix, w.name().toLowerCase(Locale.ROOT), size),
                  w.label() + ", " + count(size) + " entries",
                  "ns per operation (log scale)",
                  chart,
                  true));
    }
    return md.toString();
  }

  private String ratios(List<JmhResult> at, List<Contender> contenders, List<Op> ops, int size) {
    Contender ours = contenders.contains(HEADLINE) ? HEADLINE : contenders.get(0);
    List<Contender> others = contenders.stream().filter(c -> c != ours).toList();
    if (others.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            "%nTime of %s ÷ time of each contender (below 1: ours is faster)%n%n", ours.label()));
    md.append(header("operation", others.stream().map(c -> "÷ " + c.label()).toList()));
    for (Op op : ops) {
      JmhResult base = find(at, op, ours);
      List<String> cells = new ArrayList<>();
      for (Contender c : others) {
        JmhResult r = find(at, op, c);
        cells.add(
            base == null || r == null
                ? "—"
                : String.format(Locale.ROOT, "%.2f", perOp(base, size) / perOp(r, size)));
      }
      md.append(row(op.label(), cells));
    }
    return md.toString();
  }

  /**
   * The asset store's throughput per contender, against the 500 MB/s target.
   *
   * @return markdown, or null if the run had no asset results
   * @throws IOException if the chart cannot be written
   */
  String asset() throws IOException {
    List<JmhResult> assets =
        rows.stream().filter(r -> r.className().equals("AssetStoreBenchmark")).toList();
    if (assets.isEmpty()) {
      return null;
    }
    int bytes = Workload.ASSET.valueBytes();
    StringBuilder md = new StringBuilder();
    md.append(String.format("%n200 values of 1 MiB, MB/s (10^6 bytes per second)%n%n"));
    md.append(header("store", List.of("store MB/s", "retrieve MB/s", "store ns/asset")));
    Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
    for (Contender c : contenders(assets)) {
      JmhResult store = find(assets, new Op("store", null), c);
      JmhResult retrieve = find(assets, new Op("retrieve", null), c);
      Double in = store == null ? null : mbPerSecond(bytes, store.score());
      Double out = retrieve == null ? null : mbPerSecond(bytes, retrieve.score());
      md.append(
          row(
              c.label(),
              List.of(
                  in == null ? "—" : String.format(Locale.ROOT, "%.0f", in),
                  out == null ? "—" : String.format(Locale.ROOT, "%.0f", out),
                  store == null ? "—" : scoreCell(store.score(), store.error()))));
      Map<String, Double> bars = new LinkedHashMap<>();
      bars.put("store", in);
      bars.put("retrieve", out);
      chart.put(c.label(), bars);
    }
    JmhResult ours = find(assets, new Op("store", null), HEADLINE);
    if (ours != null) {
      double in = mbPerSecond(bytes, ours.score());
      md.append(
          String.format(
              Locale.ROOT,
              "%nTarget: store at least 500 MB/s on FileMemory: %.0f MB/s, **%s**.%n",
              in,
              in >= 500 ? "met" : "not met"));
    }
    md.append('\n')
        .append(
            charts.bars(
                prefix + "-asset.png", "Asset store, MB/s", "MB/s (log scale)", chart, true));
    return md.toString();
  }

  /**
   * Bytes per entry after the inserts and after the removes.
   *
   * @param footprints the footprint runner's rows
   * @return markdown, or null if there are none
   * @throws IOException if the chart cannot be written
   */
  String footprint(List<Footprint> footprints) throws IOException {
    if (footprints.isEmpty()) {
      return null;
    }
    StringBuilder md = new StringBuilder();
    for (Workload w : Workload.values()) {
      List<Footprint> mine =
          footprints.stream().filter(f -> f.workload().equals(w.name())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Footprint first = mine.get(0);
      md.append(
          String.format(
              "%n##### %s: bytes per live entry after %s random inserts, then after removing half%n%n",
              w.label(), count(first.liveEntries())));
      md.append(
          header(
              "store",
              List.of("after inserts", "after removes", "file bytes (apparent)", "heap bytes")));
      Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
      for (Contender c : Contender.values()) {
        Footprint in = phase(mine, c, "inserted");
        Footprint out = phase(mine, c, "removed");
        if (in == null) {
          continue;
        }
        md.append(
            row(
                c.label(),
                List.of(
                    bytes(in.bytesPerEntry()),
                    out == null ? "—" : bytes(out.bytesPerEntry()),
                    in.fileBytes() + (out == null ? "" : " → " + out.fileBytes()),
                    in.heapBytes() + (out == null ? "" : " → " + out.heapBytes()))));
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("after inserts", in.bytesPerEntry());
        bars.put("after removes", out == null ? null : out.bytesPerEntry());
        chart.put(c.label(), bars);
      }
      md.append(
          String.format(
              "%nFile stores: bytes the file system allocated (du) per live entry; heap stores:"
                  + " growth of the used heap after full collections (approximate).%n%n"));
      md.append(
          charts.bars(
              prefix + "-footprint-" + w.name().toLowerCase(Locale.ROOT) + ".png",
              w.label() + ": bytes per entry",
              "bytes per live entry",
              chart,
              false));
    }
    return md.toString();
  }

  private static Footprint phase(List<Footprint> rows, Contender c, String phase) {
    return rows.stream()
        .filter(f -> f.contender().equals(c.name()) && f.phase().equals(phase))
        .findFirst()
        .orElse(null);
  }

  private static List<Contender> contenders(List<JmhResult> rows) {
    return Stream.of(Contender.values())
        .filter(c -> rows.stream().anyMatch(r -> c.name().equals(r.param("store"))))
        .toList();
  }

  private static List<Op> ops(List<JmhResult> rows) {
    List<Op> ops = new ArrayList<>();
    for (String method : METHODS) {
      TreeSet<Integer> commits = new TreeSet<>();
      boolean plain = false;
      for (JmhResult r : rows) {
        if (r.method().equals(method)) {
          if (r.param("commitEvery") == null) {
            plain = true;
          } else {
            commits.add(Integer.parseInt(r.param("commitEvery")));
          }
        }
      }
      if (plain) {
        ops.add(new Op(method, null));
      }
      commits.forEach(c -> ops.add(new Op(method, c.toString())));
    }
    return ops;
  }

  private static JmhResult find(List<JmhResult> rows, Op op, Contender c) {
    return rows.stream()
        .filter(
            r ->
                r.method().equals(op.method())
                    && c.name().equals(r.param("store"))
                    && Objects.equals(op.commitEvery(), r.param("commitEvery")))
        .findFirst()
        .orElse(null);
  }

  /** ns per operation; a full scan's time is divided by the entries it visits. */
  private static double perOp(JmhResult r, int size) {
    return r.method().equals("fullScan") ? r.score() / size : r.score();
  }

  private static double perOpError(JmhResult r, int size) {
    return r.method().equals("fullScan") ? r.error() / size : r.error();
  }

  static double mbPerSecond(int bytes, double nanosPerValue) {
    return bytes / nanosPerValue * 1e9 / 1e6;
  }

  static String scoreCell(double score, double error) {
    String s = number(score);
    return Double.isNaN(error) ? s : s + " ± " + number(error);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  private static String bytes(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String count(long n) {
    return n >= 1_000_000 && n % 1_000_000 == 0
        ? n / 1_000_000 + "M"
        : n >= 1_000 && n % 1_000 == 0 ? n / 1_000 + "k" : Long.toString(n);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  static String header(String first, List<String> columns) {
    StringBuilder md = new StringBuilder("| ").append(first);
    columns.forEach(c -> md.append(" | ").append(c));
    md.append(" |\n|---");
    columns.forEach(c -> md.append("|---:"));
    return md.append("|\n").toString();
  }

  /** A table row; a {@code |} inside a cell is escaped so it cannot split the row. */
  static String row(String first, List<String> cells) {
    StringBuilder md = new StringBuilder("| ").append(cell(first));
    cells.forEach(c -> md.append(" | ").append(cell(c)));
    return md.append(" |\n").toString();
  }
}
