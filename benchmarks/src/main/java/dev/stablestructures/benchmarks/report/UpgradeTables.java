package dev.stablestructures.benchmarks.report;

import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.MeterLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code upgrade} section of RESULTS.md from {@code upgrade-curve.json}: a table of both
 * contenders at every state size, where (b) stops upgrading on the IC ({@link UpgradeLimits}), and
 * a log-log chart of time and metered instructions with the IC's 300 B instruction cap.
 */
final class UpgradeTables {
  /** Issue 11's target for (a): an upgrade and its first read under this many milliseconds. */
  static final int TARGET_MILLIS = 10;

  private UpgradeTables() {}

  /**
   * The section.
   *
   * @param points the curve's points
   * @param charts where the chart goes
   * @return markdown
   * @throws IOException if the chart cannot be written
   */
  static String section(List<UpgradePoint> points, Charts charts) throws IOException {
    long cap = MeterLimits.ic().of(MessageKind.UPGRADE).instructions();
    int reps = points.stream().mapToInt(UpgradePoint::repetitions).max().orElse(0);
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "An upgrade: the upgrade message (the old code's `preUpgrade`, the new instance, its"
                + " `postUpgrade`) and the first query answered after it, through the runtime's"
                + " `Host` on an image file; median of %d. (a) keeps the state in a"
                + " `StableBTreeMap`; (b) in a heap `HashMap<Long, byte[]>` written whole into"
                + " stable memory by `preUpgrade` and read back by `postUpgrade` (the seed's Rust"
                + " example). The counts are the upgrade message's metered cost: stable-memory"
                + " traffic only (20 per call, 1 per byte, 1,000 per dirtied 4 KiB page), not"
                + " the heap work of encoding, so a real canister's serializing upgrade costs"
                + " more.%n%n",
            reps));
    md.append(
        PeerTables.header(
            "contender",
            List.of(
                "state",
                "entries",
                "upgrade + first read (ms)",
                "instructions",
                "of 300 B",
                "bytes read",
                "bytes written",
                "dirty pages")));
    for (UpgradePoint u : points) {
      md.append(
          PeerTables.row(
              label(u.contender()),
              List.of(
                  size((double) u.stateBytes()),
                  PeerTables.count(u.entries()),
                  String.format(Locale.ROOT, "%,.3f", u.seconds() * 1e3),
                  String.format(Locale.ROOT, "%,d", u.instructions()),
                  String.format(Locale.ROOT, "%.4f%%", 100.0 * u.instructions() / cap),
                  String.format(Locale.ROOT, "%,d", u.bytesRead()),
                  String.format(Locale.ROOT, "%,d", u.bytesWritten()),
                  String.format(Locale.ROOT, "%,d", u.dirtyPages()))));
    }
    List<UpgradePoint> heap =
        points.stream().filter(p -> p.contender().equals(UpgradePoint.HEAP)).toList();
    if (!heap.isEmpty()) {
      md.append('\n').append(limits(heap)).append('\n');
    }
    points.stream()
        .filter(p -> p.contender().equals(UpgradePoint.STABLE))
        .mapToDouble(UpgradePoint::seconds)
        .max()
        .ifPresent(
            slowest ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "%n(a)'s slowest upgrade and first read: %.3f ms (issue 11's target: under"
                            + " %d ms at every state size: **%s**).%n",
                        slowest * 1e3,
                        TARGET_MILLIS,
                        slowest * 1e3 < TARGET_MILLIS ? "met" : "not met")));
    md.append('\n').append(chart(points, heap, charts, cap));
    return md.toString();
  }

  private static String limits(List<UpgradePoint> heap) {
    List<UpgradeLimits.Crossing> crossings = UpgradeLimits.crossings(heap);
    UpgradeLimits.Crossing first = crossings.get(0);
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "**(b) would no longer upgrade on the IC from about %s of state**: its upgrade crosses"
                + " the IC's %s cap (%s) there, %s.",
            size(first.stateBytes()),
            first.limit(),
            capText(first),
            first.measured()
                ? "as measured"
                : "extrapolated linearly from the two largest measured states (none of them"
                    + " crosses a cap)"));
    List<String> others = new ArrayList<>();
    for (UpgradeLimits.Crossing c : crossings.subList(1, crossings.size())) {
      others.add(
          String.format(
              Locale.ROOT,
              "the %s cap (%s) at about %s%s",
              c.limit(),
              capText(c),
              size(c.stateBytes()),
              c.measured() ? " (measured)" : ""));
    }
    md.append(" The others: ").append(String.join("; ", others)).append('.');
    md.append(
        " (A Wasm32 canister's heap holds at most 4 GiB, so (b) cannot even hold a state past"
            + " that.) (a)'s upgrade costs the same at every size.\n");
    return md.toString();
  }

  private static String chart(
      List<UpgradePoint> points, List<UpgradePoint> heap, Charts charts, long cap)
      throws IOException {
    double markX = Double.NaN;
    String markLabel = null;
    if (!heap.isEmpty()) {
      UpgradeLimits.Crossing first = UpgradeLimits.crossings(heap).get(0);
      markX = first.stateBytes() / (double) (1 << 20);
      markLabel =
          String.format(
              Locale.ROOT,
              "(b) past the IC's %s cap: ~%s%s ",
              first.limit(),
              size(first.stateBytes()),
              first.measured() ? "" : " (extrapolated)");
    }
    Map<String, List<double[]>> millis = new LinkedHashMap<>();
    Map<String, List<double[]>> instructions = new LinkedHashMap<>();
    for (UpgradePoint u : points) {
      double mib = u.stateBytes() / (double) (1 << 20);
      millis
          .computeIfAbsent(label(u.contender()), k -> new ArrayList<>())
          .add(new double[] {mib, u.seconds() * 1e3});
      instructions
          .computeIfAbsent(label(u.contender()), k -> new ArrayList<>())
          .add(new double[] {mib, u.instructions()});
    }
    return charts.logLog(
        "upgrade-curve.png",
        "Upgrade cost against state size",
        "state (MiB)",
        List.of(
            new Charts.Panel("upgrade + first read (ms)", millis, Double.NaN, null),
            new Charts.Panel(
                "metered instructions", instructions, cap, "IC upgrade limit: 300 B instructions")),
        markX,
        markLabel);
  }

  /**
   * A contender's label.
   *
   * @param contender the contender's name in the JSON
   * @return its label
   */
  static String label(String contender) {
    return switch (contender) {
      case UpgradePoint.STABLE -> "(a) StableBTreeMap";
      case UpgradePoint.HEAP -> "(b) heap map, serialized";
      default -> contender;
    };
  }

  private static String capText(UpgradeLimits.Crossing c) {
    return c.limit().equals("instructions")
        ? String.format(Locale.ROOT, "%,d", c.cap())
        : size((double) c.cap());
  }

  /** Bytes in binary units, e.g. {@code 100 MiB}, {@code 7.9 GiB}. */
  static String size(double bytes) {
    if (Double.isInfinite(bytes)) {
      return "never";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return v == Math.rint(v)
        ? String.format(Locale.ROOT, "%d %s", (long) v, units[u])
        : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
