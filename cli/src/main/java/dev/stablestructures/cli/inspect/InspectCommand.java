package dev.stablestructures.cli.inspect;

import dev.stablestructures.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect IMAGE}: the layout of an image and the structures it holds, with statistics. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every memory holds a known structure",
      "1:a memory holds nothing known, or a structure does not open",
      "2:bad usage",
      "3:the image cannot be opened (missing, not whole pages, locked, unfinished transaction)"
    },
    description = {
      "Prints what a memory image holds, opened read-only: for a MemoryManager image its layout"
          + " (memories, sizes, buckets), and for each memory the structure its magic names"
          + " (BTreeMap, BTreeSet, Vec, MinHeap, Cell, a Log's two memories) with its header"
          + " fields and statistics (entries, depth, nodes, overflow pages, free chunks, bytes"
          + " used, fill), taken by a walk of the structure.",
      "IMAGE may be gzip'd (.bin.gz). The image is never modified."
    })
public final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image file")
  Path image;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  String format;

  @Mixin ImageOptions options;

  @Spec CommandSpec spec;

  /** For picocli. */
  public InspectCommand() {}

  @Override
  public Integer call() {
    return Guard.run(spec.commandLine().getErr(), this::inspect);
  }

  private int inspect() {
    boolean json = Formats.json(format);
    try (Opened opened = Opened.open(image, options)) {
      Scan scan = opened.scan;
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("image", Inspection.image(opened.image));
      Map<String, Object> manager = Inspection.manager(scan);
      report.put("layout", scan.isManaged() ? "MemoryManager" : "one structure");
      if (manager != null) {
        report.put("manager", manager);
      }
      List<Object> structures = new ArrayList<>();
      boolean allKnown = scan.managerError == null;
      for (Scan.Found found : scan.found) {
        VerifyReport verified = Inspection.verify(found);
        structures.add(Inspection.structure(found, verified));
        allKnown &= found.structure != null;
      }
      report.put("structures", structures);
      print(report, json);
      return allKnown ? 0 : InspectFailure.FINDINGS;
    }
  }

  @SuppressWarnings("unchecked")
  private void print(Map<String, Object> report, boolean json) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(report));
    } else {
      List<String> lines =
          new ArrayList<>(InspectText.image((Map<String, Object>) report.get("image")));
      lines.addAll(InspectText.manager((Map<String, Object>) report.get("manager")));
      for (Object s : (List<Object>) report.get("structures")) {
        lines.addAll(InspectText.structure((Map<String, Object>) s));
      }
      lines.forEach(out::println);
    }
    out.flush();
  }
}
