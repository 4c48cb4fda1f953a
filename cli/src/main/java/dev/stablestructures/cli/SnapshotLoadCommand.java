package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code canister snapshot load NAME ID}: puts a snapshot's image and code back. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Replaces the image and the installed code of canister NAME with snapshot ID's; fails"
            + " with 'in use' while another command runs on the canister.")
final class SnapshotLoadCommand implements Callable<Integer> {
  @Mixin CanisterName canister;

  @Parameters(index = "1", paramLabel = "ID", description = "the snapshot's number")
  int id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Snapshots.load(canister.files(), id);
    spec.commandLine().getOut().println(canister.name + ": loaded snapshot " + id);
    return Main.OK;
  }
}
