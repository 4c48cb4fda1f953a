package dev.stablestructures.cli.inspect;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by inspect, verify and dump (a picocli mixin). */
final class ImageOptions {
  @Option(
      names = "--key",
      paramLabel = "CODEC",
      description =
          "the codec of B-tree keys (and min-heap items): their layout and order; default: found"
              + " by probing, ordered as unsigned bytes")
  String key;

  @Option(
      names = "--log-data",
      paramLabel = "DATA_IMAGE",
      description =
          "when IMAGE is a Log's index memory alone, the image of its data memory (also read-only)")
  Path logData;
}
