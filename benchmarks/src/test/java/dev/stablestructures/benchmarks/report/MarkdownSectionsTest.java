package dev.stablestructures.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated sections are replaced in place, appended when new, emptied when stale. */
class MarkdownSectionsTest {
  @Test
  void replacesAppendsAndEmptiesWhileKeepingTheCommentary() {
    String doc =
        "# Results\nhand-written intro\n"
            + MarkdownSections.begin("quick/a")
            + "\nold a\n"
            + MarkdownSections.end("quick/a")
            + "\ncommentary on a\n"
            + MarkdownSections.begin("quick/gone")
            + "\nold numbers\n"
            + MarkdownSections.end("quick/gone")
            + "\n"
            + MarkdownSections.begin("full/a")
            + "\nfull's a\n"
            + MarkdownSections.end("full/a")
            + "\nthe end\n";
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("quick/a", "new a\n");
    sections.put("quick/b", "new b");
    String out = MarkdownSections.apply(doc, "quick/", sections, "stale\n");
    assertTrue(out.startsWith("# Results\nhand-written intro\n"));
    assertTrue(out.contains("<!-- generated:quick/a -->\nnew a\n<!-- /generated:quick/a -->"));
    assertTrue(out.contains("commentary on a\n"));
    assertTrue(out.contains("<!-- generated:quick/gone -->\nstale\n"));
    assertTrue(out.contains("full's a"), "other profiles' sections stay");
    assertTrue(out.contains("the end\n\n<!-- generated:quick/b -->\nnew b\n"));
    assertEquals(
        java.util.List.of("quick/a", "quick/gone", "full/a", "quick/b"),
        java.util.List.copyOf(MarkdownSections.names(out)));
    assertEquals(out, MarkdownSections.apply(out, "quick/", sections, "stale\n"), "idempotent");
  }
}
