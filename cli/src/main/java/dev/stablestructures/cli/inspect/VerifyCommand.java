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

/**
 * {@code verify IMAGE}: every structure's {@code verify()} (and the manager's), with a progress bar
 * on large images; exit code 0 only when everything holds.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every structure, and the manager, holds",
      "1:something is damaged or unknown: the report says memory, structure, address, field,"
          + " expected and found",
      "2:bad usage",
      "3:the image cannot be opened (missing, not whole pages, locked, unfinished transaction)"
    },
    description = {
      "Checks every structure of a memory image, opened read-only, with the library's verify():"
          + " the manager's header and bucket table, and each memory's structure, walked in"
          + " full. Damage is reported precisely and never as a stack trace.",
      "IMAGE may be gzip'd (.bin.gz). The image is never modified."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image file")
  Path image;

  @Mixin ImageOptions options;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "show a progress bar on standard error (default: on for images of 64 MiB or more)")
  Boolean progress;

  @Spec CommandSpec spec;

  /** For picocli. */
  public VerifyCommand() {}

  @Override
  public Integer call() {
    return Guard.run(spec.commandLine().getErr(), this::verify);
  }

  private int verify() {
    boolean json = Formats.json(format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Opened opened = Opened.open(image, options)) {
      Scan scan = opened.scan;
      long total = 0;
      for (Scan.Region region : scan.regions) {
        total += region.memory().sizeInBytes();
      }
      boolean show = progress != null ? progress : total >= Progress.AUTO_BYTES;
      boolean ok = true;
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("image", Inspection.image(opened.image));
      List<Object> structures = new ArrayList<>();
      Progress bar = Progress.start(show, err, total, opened.counter::bytesRead);
      try {
        if (scan.isManaged()) {
          VerifyReport manager =
              scan.manager != null ? scan.manager.verify() : Inspection.managerNotLoaded(scan);
          ok &= manager.isOk();
          report.put("manager", Inspection.report(manager, "page 0"));
        }
        for (Scan.Found found : scan.found) {
          VerifyReport verified = Inspection.verify(found);
          ok &= verified.isOk();
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("where", found.where());
          s.put("kind", found.kind());
          s.put("counts", verified.counts());
          s.put("verify", Inspection.report(verified, found.where()));
          structures.add(s);
        }
      } finally {
        bar.close();
      }
      report.put("structures", structures);
      report.put("ok", ok);
      print(out, report, json, ok);
      return ok ? 0 : InspectFailure.FINDINGS;
    }
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintWriter out, Map<String, Object> report, boolean json, boolean ok) {
    if (json) {
      out.println(Json.write(report));
      out.flush();
      return;
    }
    InspectText.image((Map<String, Object>) report.get("image")).forEach(out::println);
    if (report.get("manager") instanceof Map<?, ?> manager) {
      out.println("MemoryManager:");
      InspectText.verify((Map<String, Object>) manager, "  ").forEach(out::println);
    }
    for (Object o : (List<Object>) report.get("structures")) {
      Map<String, Object> s = (Map<String, Object>) o;
      Object entries = ((Map<String, Object>) s.get("counts")).get(VerifyReport.ENTRIES);
      out.println(
          s.get("where")
              + ": "
              + s.get("kind")
              + (entries == null ? "" : ", " + entries + " entries"));
      InspectText.verify((Map<String, Object>) s.get("verify"), "  ").forEach(out::println);
    }
    out.println(ok ? "verify: everything holds" : "verify: DAMAGED (see the findings above)");
    out.flush();
  }
}
