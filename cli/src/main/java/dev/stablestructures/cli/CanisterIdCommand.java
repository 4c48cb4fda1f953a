package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code canister id NAME}: prints a canister's principal, as {@code dfx canister id} does. */
@Command(
    name = "id",
    mixinStandardHelpOptions = true,
    description = "Prints the id (principal) of canister NAME.")
final class CanisterIdCommand implements Callable<Integer> {
  @Mixin HostDirOption hostDir;

  @Parameters(index = "0", paramLabel = "NAME", description = "the canister's name")
  String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(hostDir.host().canister(name).principal());
    return Main.OK;
  }
}
