package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code canister snapshot take NAME}: copies the canister's image and code into a snapshot. */
@Command(
    name = "take",
    mixinStandardHelpOptions = true,
    description = "Copies the image and the installed code of canister NAME into a new snapshot.")
final class SnapshotTakeCommand implements Callable<Integer> {
  @Mixin CanisterName canister;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CanisterFiles files = canister.files();
    int id = Snapshots.take(files);
    spec.commandLine().getOut().println(canister.name + ": took snapshot " + id);
    return Main.OK;
  }
}
