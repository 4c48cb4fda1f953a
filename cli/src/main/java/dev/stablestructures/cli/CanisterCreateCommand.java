package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code canister create NAME}: registers a canister and gives it a principal. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Registers canister NAME in the host directory and prints its new id.")
final class CanisterCreateCommand implements Callable<Integer> {
  @Mixin CanisterName canister;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CanisterFiles files = canister.hostDir.host().create(canister.name);
    spec.commandLine()
        .getOut()
        .println("created canister " + files.name() + ", id " + files.principal());
    return Main.OK;
  }
}
