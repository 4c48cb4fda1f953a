package dev.stablestructures.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The {@code NAME} parameter of a command on one canister, with the host directory it lives in: the
 * part {@code create}, {@code id} and the {@code snapshot} commands share.
 */
final class CanisterName {
  @Mixin HostDirOption hostDir;

  @Parameters(index = "0", paramLabel = "NAME", description = "the canister's name")
  String name;

  /** The named canister's files; a typed error if the host directory has no such canister. */
  CanisterFiles files() {
    return hostDir.host().canister(name);
  }
}
