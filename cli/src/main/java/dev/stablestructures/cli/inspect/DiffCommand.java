package dev.stablestructures.cli.inspect;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diff IMAGE_A IMAGE_B}: which memories and which entries differ, for checking an upgrade.
 * Both images are opened read-only and compared in one streaming pass per memory.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the images hold the same structures and entries",
      "1:they differ (memories, kinds or entries), or a structure does not open",
      "2:bad usage",
      "3:an image cannot be opened"
    },
    description = {
      "Compares two memory images memory by memory: memories in one only, structures of another"
          + " kind, and entries only in A, only in B, or changed (maps and sets by key,"
          + " vectors, heaps and logs by position, cells by value). Pages that differ without"
          + " changing an entry (free space) are not differences.",
      "The images may be gzip'd; neither is modified."
    })
public final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE_A", description = "the first image")
  Path imageA;

  @Parameters(index = "1", paramLabel = "IMAGE_B", description = "the second image")
  Path imageB;

  @Option(
      names = "--memory",
      paramLabel = "ID",
      description = "compare only this memory of two MemoryManager images")
  Integer memory;

  @Option(
      names = "--key",
      paramLabel = "CODEC",
      description = "show keys decoded with this codec (default: hex)")
  String key;

  @Option(
      names = "--value",
      paramLabel = "CODEC",
      description = "show values decoded with this codec (default: hex)")
  String value;

  @Option(
      names = "--max",
      defaultValue = "10",
      paramLabel = "N",
      description =
          "differences shown per memory; the rest are counted (default: ${DEFAULT-VALUE})")
  long max;

  @Spec CommandSpec spec;

  /** For picocli. */
  public DiffCommand() {}

  @Override
  public Integer call() {
    return Guard.run(spec.commandLine().getErr(), this::diff);
  }

  private int diff() {
    Codec<?> keyCodec = NamedCodecs.byName(key);
    Codec<?> valueCodec = NamedCodecs.byName(value);
    PrintWriter out = spec.commandLine().getOut();
    if (sameFile()) {
      out.println("A and B are the same file: " + imageA);
      return 0;
    }
    try (Opened a = Opened.open(imageA, null, null);
        Opened b = Opened.open(imageB, null, null)) {
      out.println("A: " + imageA + " (" + a.image.memory().size() + " pages)");
      out.println("B: " + imageB + " (" + b.image.memory().size() + " pages)");
      if (a.scan.isManaged() != b.scan.isManaged()) {
        out.println(
            "layouts differ: A is "
                + (a.scan.isManaged() ? "a MemoryManager image" : "one structure")
                + ", B is "
                + (b.scan.isManaged() ? "a MemoryManager image" : "one structure"));
        return InspectFailure.FINDINGS;
      }
      Map<Integer, Scan.Found[]> pairs = new TreeMap<>();
      for (Scan.Found f : a.scan.found) {
        pairs.computeIfAbsent(f.region.id(), k -> new Scan.Found[2])[0] = f;
      }
      for (Scan.Found f : b.scan.found) {
        pairs.computeIfAbsent(f.region.id(), k -> new Scan.Found[2])[1] = f;
      }
      if (memory != null) {
        int first = Select.found(a.scan, memory).region.id();
        Select.found(b.scan, memory);
        pairs.keySet().removeIf(id -> id != first);
      }
      int differing = 0;
      for (Scan.Found[] pair : pairs.values()) {
        differing += compare(out, pair[0], pair[1], keyCodec, valueCodec) ? 0 : 1;
      }
      out.println(
          differing == 0 ? "the images hold the same entries" : differing + " memory(ies) differ");
      out.flush();
      return differing == 0 ? 0 : InspectFailure.FINDINGS;
    }
  }

  private boolean sameFile() {
    try {
      return java.nio.file.Files.isSameFile(imageA, imageB);
    } catch (java.io.IOException e) {
      return false; // A missing file is reported when it is opened.
    }
  }

  /** Compares one memory of both images; true if the same. */
  private boolean compare(
      PrintWriter out, Scan.Found a, Scan.Found b, Codec<?> keyCodec, Codec<?> valueCodec) {
    if (a == null || b == null) {
      Scan.Found only = a == null ? b : a;
      out.println(only.where() + ": only in " + (a == null ? "B" : "A") + " (" + only.kind() + ")");
      return false;
    }
    String where = a.where().equals(b.where()) ? a.where() : a.where() + " / " + b.where();
    if (a.structure == null || b.structure == null) {
      out.println(
          where
              + ": cannot compare: "
              + (a.structure == null ? "A's " + a.kind() + " " + a.error : "")
              + (a.structure == null && b.structure == null ? "; " : "")
              + (b.structure == null ? "B's " + b.kind() + " " + b.error : ""));
      return false;
    }
    if (!a.kind().equals(b.kind())) {
      out.println(where + ": " + a.kind() + " in A, " + b.kind() + " in B");
      return false;
    }
    long[] shown = new long[1];
    StringBuilder lines = new StringBuilder();
    EntryDiff diff =
        new EntryDiff(
            keyCodec,
            valueCodec,
            line -> {
              if (shown[0]++ < max) {
                lines.append("  ").append(line).append('\n');
              }
            });
    try {
      diff.compare(a.structure, b.structure);
    } catch (StableStructureException e) {
      out.println(where + ": a read failed while comparing: " + e.getMessage());
      return false;
    }
    if (diff.differences() == 0) {
      out.println(where + " (" + a.kind() + "): same " + diff.same + " entries");
      return true;
    }
    out.println(
        where
            + " ("
            + a.kind()
            + "): "
            + diff.differences()
            + " entries differ ("
            + diff.onlyInA
            + " only in A, "
            + diff.onlyInB
            + " only in B, "
            + diff.changed
            + " changed; "
            + diff.same
            + " the same)");
    out.print(lines);
    if (shown[0] > max) {
      out.println("  ... " + (shown[0] - max) + " more");
    }
    return false;
  }
}
