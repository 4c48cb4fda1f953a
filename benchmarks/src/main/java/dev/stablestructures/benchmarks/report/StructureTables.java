package dev.stablestructures.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The other structures' benchmarks (StableVec, StableLog, StableMinHeap, the B-tree classes and
 * memory access) as one table per class, each row with its ratio to the class's baseline, the
 * structure a Java user would pick instead.
 */
final class StructureTables {
  private StructureTables() {}

  /** The baseline method of {@code method} in class {@code cls}, or null if it has none. */
  static String baseline(String cls, String method) {
    return switch (cls) {
      case "StableVecBenchmark" -> "longArray";
      case "StableVecPushBenchmark" -> "arrayListAdd";
      case "StableLogBenchmark" ->
          method.endsWith("Append") || method.equals("arrayListAdd")
              ? "arrayListAdd"
              : "arrayListGet";
      case "StableMinHeapBenchmark" -> "priorityQueue";
      case "BTreeMapBenchmark" ->
          method.startsWith("btree") ? "treeMap" + method.substring("btree".length()) : method;
      default -> null;
    };
  }

  /**
   * The tables.
   *
   * @param rows every JMH result of the run
   * @return markdown, or null if the run had none of these
   */
  static String tables(List<JmhResult> rows) {
    Map<String, List<JmhResult>> byClass = new TreeMap<>();
    for (JmhResult r : rows) {
      if (!r.benchmark().contains(".peers.")) {
        byClass.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(r);
      }
    }
    if (byClass.isEmpty()) {
      return null;
    }
    StringBuilder md = new StringBuilder();
    for (Map.Entry<String, List<JmhResult>> c : byClass.entrySet()) {
      md.append(String.format("%n##### %s%n%n", c.getKey()));
      md.append(PeerTables.header("method", List.of("params", "score", "unit", "÷ baseline")));
      for (JmhResult r : c.getValue()) {
        String base = baseline(c.getKey(), r.method());
        JmhResult b =
            base == null
                ? null
                : c.getValue().stream()
                    .filter(x -> x.method().equals(base) && Objects.equals(x.params(), r.params()))
                    .findFirst()
                    .orElse(null);
        md.append(
            PeerTables.row(
                r.method(),
                List.of(
                    r.params() == null ? "" : new TreeMap<>(r.params()).toString(),
                    PeerTables.scoreCell(r.score(), r.error()),
                    r.unit(),
                    b == null
                        ? "—"
                        : String.format(Locale.ROOT, "%.2f (%s)", r.score() / b.score(), base))));
      }
    }
    return md.toString();
  }
}
