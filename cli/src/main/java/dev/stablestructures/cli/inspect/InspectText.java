package dev.stablestructures.cli.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Renders an {@link Inspection} tree as lines for a person. */
final class InspectText {
  private InspectText() {}

  static List<String> image(Map<String, Object> image) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "image: "
            + image.get("file")
            + " ("
            + image.get("bytes")
            + " bytes, "
            + image.get("pages")
            + " pages"
            + (Boolean.TRUE.equals(image.get("gzip"))
                ? "; gzip'd, read from a sparse temporary copy)"
                : ")"));
    return lines;
  }

  @SuppressWarnings("unchecked")
  static List<String> manager(Map<String, Object> manager) {
    List<String> lines = new ArrayList<>();
    if (manager == null) {
      return lines;
    }
    StringJoiner head = new StringJoiner(", ", "MemoryManager (magic 'MGR'): ", "");
    for (Map.Entry<String, Object> e : manager.entrySet()) {
      if (!(e.getValue() instanceof List || e.getValue() instanceof Map)) {
        head.add(e.getKey() + " " + e.getValue());
      }
    }
    lines.add(head.toString());
    Object memories = manager.get("memories");
    if (memories instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> m = (Map<String, Object>) o;
        lines.add(
            "  memory "
                + m.get("id")
                + ": "
                + m.get("pages")
                + " pages in "
                + m.get("buckets")
                + " bucket(s) ["
                + m.get("bucket numbers")
                + "]");
      }
    }
    if (manager.get("verify") instanceof Map<?, ?> verify) {
      lines.addAll(verify((Map<String, Object>) verify, "  "));
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  static List<String> structure(Map<String, Object> s) {
    List<String> lines = new ArrayList<>();
    String magic = s.containsKey("magic") ? " (magic '" + s.get("magic") + "')" : "";
    lines.add(s.get("where") + ": " + s.get("kind") + magic);
    if (s.get("header") instanceof Map<?, ?> header) {
      lines.add("  header: " + joined((Map<String, Object>) header));
    }
    if (s.containsKey("error")) {
      lines.add("  does not open: " + s.get("error"));
    }
    if (s.get("statistics") instanceof Map<?, ?> stats) {
      Map<String, Object> st = (Map<String, Object>) stats;
      StringJoiner text = new StringJoiner(", ", "  statistics: ", "");
      for (Map.Entry<String, Object> e : st.entrySet()) {
        switch (e.getKey()) {
          case "memoryBytes", "fill" -> {}
          case "bytesUsed" ->
              text.add(
                  "bytes used "
                      + e.getValue()
                      + " of "
                      + st.get("memoryBytes")
                      + " ("
                      + st.get("fill")
                      + "% fill)");
          default -> text.add(words(e.getKey()) + " " + e.getValue());
        }
      }
      lines.add(text.toString());
    }
    if (s.get("verify") instanceof Map<?, ?> verify) {
      lines.addAll(verify((Map<String, Object>) verify, "  "));
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  static List<String> verify(Map<String, Object> verify, String indent) {
    List<String> lines = new ArrayList<>();
    if (Boolean.TRUE.equals(verify.get("ok"))) {
      lines.add(indent + "verify: OK");
      return lines;
    }
    lines.add(indent + "verify: " + verify.get("findings") + " finding(s)");
    List<Object> details = (List<Object>) verify.get("details");
    for (Object o : details) {
      Map<String, Object> f = (Map<String, Object>) o;
      lines.add(
          indent
              + "  - "
              + f.get("memory")
              + ", "
              + f.get("structure")
              + " at address "
              + f.get("address")
              + ", "
              + f.get("field")
              + ": expected "
              + f.get("expected")
              + ", found "
              + f.get("found"));
    }
    long more = ((Number) verify.get("findings")).longValue() - details.size();
    if (more > 0) {
      lines.add(indent + "  ... and " + more + " more");
    }
    return lines;
  }

  private static String joined(Map<String, Object> fields) {
    StringJoiner text = new StringJoiner(", ");
    fields.forEach((k, v) -> text.add(k + " " + v));
    return text.toString();
  }

  /** "overflowPages" -> "overflow pages". */
  private static String words(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append(' ').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
