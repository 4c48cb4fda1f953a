package dev.stablestructures.cli;

import dev.stablestructures.runtime.CanisterStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canister status [NAME]}: what {@code dfx canister status} tells, from the image: id, code,
 * code version, stable-memory version, memory size, structures, last upgrade. Without NAME, every
 * canister; one that another command holds is reported as in use (and the exit code says so).
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Prints the status of canister NAME, or of every canister.")
final class CanisterStatusCommand implements Callable<Integer> {
  @Mixin HostDirOption hostDir;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the canister")
  String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    HostDirectory host = hostDir.host();
    List<CanisterFiles> canisters = name != null ? List.of(host.canister(name)) : host.all();
    PrintWriter out = spec.commandLine().getOut();
    if (canisters.isEmpty()) {
      out.println("no canisters in " + host.root() + "; create one with 'canister create NAME'");
    }
    int exit = Main.OK;
    for (CanisterFiles files : canisters) {
      try (CanisterSession session = CanisterSession.open(files)) {
        print(out, files, session.host().status());
      } catch (Main.CliException e) {
        if (e.exitCode != CanisterCommand.IN_USE || name != null) {
          throw e;
        }
        out.println(files.name() + "  " + files.principal() + "  in use by another command");
        exit = CanisterCommand.IN_USE;
      }
    }
    return exit;
  }

  private static void print(PrintWriter out, CanisterFiles files, CanisterStatus s) {
    out.println(files.name() + "  " + files.principal());
    if (!s.installed()) {
      out.println("  no code installed");
      return;
    }
    out.println("  code:           " + s.codeName() + " (sha256 " + s.codeHash() + ")");
    out.println("  code version:   " + s.codeVersion());
    out.println("  stable version: " + s.stableVersion());
    out.println("  memory:         " + s.memorySizeInBytes() + " bytes");
    out.println("  last upgrade:   " + s.lastUpgrade());
    for (CanisterStatus.Structure structure : s.structures()) {
      out.println(
          "  structure:      "
              + structure.declaration().describe()
              + ", "
              + structure.sizeInBytes()
              + " bytes");
    }
  }
}
