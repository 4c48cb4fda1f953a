package dev.stablestructures.cli.inspect;

import dev.stablestructures.codec.Codec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dump IMAGE --memory ID}: a structure's entries, one per line, decoded with named codecs or
 * shown as hex. Entries are read and written one at a time, so the heap stays constant however
 * large the image.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every entry was written",
      "1:the structure does not open, a read failed, or some values did not decode (shown as !hex)",
      "2:bad usage: unknown codec, no such memory",
      "3:the image cannot be opened"
    },
    description = {
      "Writes the entries of the structure in memory ID (a map's keys and values, a set's keys, a"
          + " vector's, heap's or log's elements with their index, a cell's value) as CSV or JSON,"
          + " streaming.",
      "Codecs: hex (default), u8, u16, u32, u64, u128, i8, i16, i32, i64, f32, f64, bool, string,"
          + " unit, principal, uuid, instant. IMAGE may be gzip'd; it is never modified."
    })
public final class DumpCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image file")
  Path image;

  @Option(
      names = "--memory",
      paramLabel = "ID",
      description =
          "the memory id (0 to 254) in a MemoryManager image; either of a Log's two memories; not"
              + " needed for an image of one structure")
  Integer memory;

  @Mixin ImageOptions options;

  @Option(names = "--value", paramLabel = "CODEC", description = "the values' codec (default: hex)")
  String value;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv or json (default: ${DEFAULT-VALUE})")
  String format;

  @Spec CommandSpec spec;

  /** For picocli. */
  public DumpCommand() {}

  @Override
  public Integer call() {
    return Guard.run(spec.commandLine().getErr(), this::dump);
  }

  private int dump() {
    boolean json =
        switch (format) {
          case "json" -> true;
          case "csv" -> false;
          default ->
              throw new InspectFailure(
                  InspectFailure.USAGE, "unknown format '" + format + "'; expected csv or json");
        };
    Codec<?> keyCodec = NamedCodecs.byName(options.key);
    Codec<?> valueCodec = NamedCodecs.byName(value);
    PrintWriter out = spec.commandLine().getOut();
    try (Opened opened = Opened.open(image, options)) {
      Scan.Found found = Select.found(opened.scan, memory);
      if (found.structure == null) {
        throw new InspectFailure(
            InspectFailure.FINDINGS, found.where() + " does not open: " + found.error);
      }
      Structure structure = found.structure;
      boolean keyed = structure.keyed();
      // A set's values are all empty (unit): its entries are its keys.
      boolean valued = structure.valued() || !keyed;
      long[] failures = new long[1];
      long unexpectedValues = 0;
      if (json) {
        out.println("[");
      } else {
        out.println(!keyed ? "index,value" : valued ? "index,key,value" : "index,key");
      }
      Iterator<RawEntry> entries = structure.entries();
      boolean first = true;
      while (entries.hasNext()) {
        RawEntry e = entries.next();
        String k = keyed ? NamedCodecs.renderOrHex(keyCodec, e.key(), failures) : null;
        String v = valued ? NamedCodecs.renderOrHex(valueCodec, e.value(), failures) : null;
        if (!valued && e.value().length != 0) {
          unexpectedValues++; // the probe took a map for a set: say so rather than drop it
        }
        if (json) {
          out.print(first ? "  " : ",\n  ");
          out.print("{\"index\": " + e.index());
          if (keyed) {
            out.print(", \"key\": " + Json.quote(k));
          }
          out.print(valued ? ", \"value\": " + Json.quote(v) + "}" : "}");
        } else {
          out.println(
              e.index()
                  + ","
                  + (keyed ? csv(k) + (valued ? "," : "") : "")
                  + (valued ? csv(v) : ""));
        }
        first = false;
      }
      if (json) {
        out.println(first ? "]" : "\n]");
      }
      out.flush();
      if (unexpectedValues > 0) {
        spec.commandLine()
            .getErr()
            .println(
                unexpectedValues
                    + " entries of what its first entries showed as a set hold a value (a map);"
                    + " their values are not shown");
        return InspectFailure.FINDINGS;
      }
      if (failures[0] > 0) {
        spec.commandLine()
            .getErr()
            .println(failures[0] + " key(s) or value(s) did not decode; shown as !hex");
        return InspectFailure.FINDINGS;
      }
      return 0;
    }
  }

  /** A CSV field: quoted when it holds a comma, a quote or a line break. */
  static String csv(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }
}
