package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code canister id NAME}: prints a canister's principal, as {@code dfx canister id} does. */
@Command(
    name = "id",
    mixinStandardHelpOptions = true,
    description = "Prints the id (principal) of canister NAME.")
final class CanisterIdCommand implements Callable<Integer> {
  @Mixin CanisterName canister;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(canister.files().principal());
    return Main.OK;
  }
}
