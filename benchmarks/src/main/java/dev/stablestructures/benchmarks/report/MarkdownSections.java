package dev.stablestructures.benchmarks.report;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated parts of RESULTS.md: each between {@code <!-- generated:NAME -->} and {@code <!--
 * /generated:NAME -->}, replaced whole on every run, so hand-written commentary around them stays.
 * A section the file lacks is appended at its end; a section of the same profile that a run no
 * longer produces is emptied to a note instead of keeping stale numbers.
 */
final class MarkdownSections {
  private static final Pattern SECTION =
      Pattern.compile(
          "<!-- generated:([\\w./-]+) -->\\n(.*?)<!-- /generated:\\1 -->", Pattern.DOTALL);

  private MarkdownSections() {}

  /** The opening marker of section {@code name}. */
  static String begin(String name) {
    return "<!-- generated:" + name + " -->";
  }

  /** The closing marker of section {@code name}. */
  static String end(String name) {
    return "<!-- /generated:" + name + " -->";
  }

  /** The names of the sections {@code doc} holds, in order. */
  static Set<String> names(String doc) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = SECTION.matcher(doc);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * {@code doc} with every section of {@code sections} replaced or appended.
   *
   * @param doc the markdown
   * @param prefix the sections' common prefix (the profile, e.g. {@code quick/}): sections with it
   *     that {@code sections} lacks are emptied
   * @param sections section name → content (markdown, ending with a newline)
   * @param stale the note an emptied section gets
   * @return the new markdown
   */
  static String apply(String doc, String prefix, Map<String, String> sections, String stale) {
    Matcher m = SECTION.matcher(doc);
    StringBuilder out = new StringBuilder();
    Set<String> done = new LinkedHashSet<>();
    while (m.find()) {
      String name = m.group(1);
      String content = sections.get(name);
      if (content == null && name.startsWith(prefix)) {
        content = stale;
      }
      if (content != null) {
        done.add(name);
        m.appendReplacement(out, Matcher.quoteReplacement(block(name, content)));
      }
    }
    m.appendTail(out);
    for (Map.Entry<String, String> s : sections.entrySet()) {
      if (!done.contains(s.getKey())) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
          out.append('\n');
        }
        out.append('\n').append(block(s.getKey(), s.getValue()));
      }
    }
    return out.toString();
  }

  private static String block(String name, String content) {
    String body = content.endsWith("\n") ? content : content + "\n";
    return begin(name) + "\n" + body + end(name);
  }
}
