package dev.stablestructures.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code canister snapshot list NAME}: one line per snapshot. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists the snapshots of canister NAME: number, image size, code class, when it was"
            + " installed.")
final class SnapshotListCommand implements Callable<Integer> {
  @Mixin CanisterName canister;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CanisterFiles files = canister.files();
    for (int id : Snapshots.list(files)) {
      Path dir = Snapshots.dir(files, id);
      Path codeFile = dir.resolve(CanisterFiles.CODE);
      try {
        InstalledCode code = InstalledCode.parse(Files.readString(codeFile), codeFile);
        long bytes = Files.size(dir.resolve(CanisterFiles.IMAGE));
        spec.commandLine()
            .getOut()
            .println(
                id
                    + "  "
                    + bytes / 65_536
                    + " pages  "
                    + code.className()
                    + "  installed "
                    + code.installed());
      } catch (IOException e) {
        throw new Main.CliException(Main.IO_ERROR, "cannot read " + dir + ": " + e.getMessage());
      }
    }
    return Main.OK;
  }
}
