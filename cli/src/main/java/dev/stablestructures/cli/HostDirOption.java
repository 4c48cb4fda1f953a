package dev.stablestructures.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --host-dir} option every {@code canister} command takes (a picocli mixin). */
final class HostDirOption {
  @Option(
      names = "--host-dir",
      paramLabel = "DIR",
      defaultValue = HostDirectory.DEFAULT,
      description = "the local host directory (default: ${DEFAULT-VALUE})")
  Path dir;

  HostDirectory host() {
    return new HostDirectory(dir);
  }
}
