package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code canister snapshot take|load|list NAME}: the canister's snapshots (see {@link Snapshots}).
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Takes, loads and lists snapshots (a copy of the image and code) of a canister.",
    subcommands = {SnapshotTakeCommand.class, SnapshotLoadCommand.class, SnapshotListCommand.class})
final class CanisterSnapshotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.USAGE;
  }
}
