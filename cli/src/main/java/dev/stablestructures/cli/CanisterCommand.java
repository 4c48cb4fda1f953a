package dev.stablestructures.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code canister}: runs canisters in a local host directory, as {@code dfx canister} does on a
 * local replica. Every command is a fresh process that finds the canisters' state in the directory
 * (see {@link HostDirectory}); a command that finds a canister's image locked by another command
 * fails with exit code {@value #IN_USE} and changes nothing.
 */
@Command(
    name = "canister",
    mixinStandardHelpOptions = true,
    description = "Creates, installs, upgrades, calls and snapshots canisters in a host directory.",
    subcommands = {
      CanisterCreateCommand.class,
      CanisterIdCommand.class,
      CanisterInstallCommand.class,
      CanisterCallCommand.class,
      CanisterStatusCommand.class,
      CanisterSnapshotCommand.class
    },
    exitCodeListHeading = Main.EXIT_CODES_HEADING,
    exitCodeList = {
      "0:success",
      "1:the canister trapped; its state is as before the command",
      "2:bad usage",
      "3:a file is missing or cannot be read or written",
      "4:the canister is in use by another command; nothing was changed",
      "5:wrong canister state (no such canister, nothing installed, incompatible upgrade, ...)"
    })
final class CanisterCommand implements Callable<Integer> {
  /** Exit code: the canister trapped (its state was rolled back). */
  static final int TRAPPED = 1;

  /** Exit code: another command holds the canister's image. */
  static final int IN_USE = 4;

  /** Exit code: the canister is not in a state that allows the command. */
  static final int STATE = 5;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.USAGE;
  }
}
