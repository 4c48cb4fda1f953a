package dev.stablestructures.cli;

import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.codec.Principal;
import dev.stablestructures.runtime.CanisterCode;
import dev.stablestructures.runtime.CanisterStatus;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.HostOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One command's hold on one canister: its {@link Host} opened on the canister's image, which locks
 * the image file for as long as the command runs (FileMemory's exclusive lock), so a second command
 * on the same canister fails at once with "in use" and can damage nothing.
 */
final class CanisterSession implements AutoCloseable {
  private final CanisterFiles files;
  private final Host host;

  private CanisterSession(CanisterFiles files, Host host) {
    this.files = files;
    this.host = host;
  }

  /**
   * Opens the canister's host, locking its image.
   *
   * @param files the canister
   * @return the session
   * @throws Main.CliException ({@link CanisterCommand#IN_USE}) if another command holds the image
   */
  static CanisterSession open(CanisterFiles files) {
    return open(files, null);
  }

  /**
   * Opens the canister's host with a chosen controller (the caller of install, upgrade and
   * reinstall, and of calls given no caller).
   *
   * @param files the canister
   * @param controller the controller, or null for the anonymous principal
   * @return the session
   * @throws Main.CliException ({@link CanisterCommand#IN_USE}) if another command holds the image
   */
  static CanisterSession open(CanisterFiles files, Principal controller) {
    HostOptions options = HostOptions.defaults().principal(Principal.fromText(files.principal()));
    if (controller != null) {
      options = options.controller(controller);
    }
    try {
      return new CanisterSession(files, Host.open(files.image(), options));
    } catch (MemoryLockedException e) {
      throw inUse(files);
    }
  }

  static Main.CliException inUse(CanisterFiles files) {
    return new Main.CliException(
        CanisterCommand.IN_USE,
        "canister '"
            + files.name()
            + "' is in use by another command (its image "
            + files.image()
            + " is locked); nothing was changed, try again when that command ends");
  }

  Host host() {
    return host;
  }

  CanisterFiles files() {
    return files;
  }

  /**
   * Returns the code the image says is installed (its name and hash are in the image's runtime
   * metadata, committed with the install), loaded from this canister's copy of that jar ({@code
   * code/code-HASH.jar}). The image is the truth, not {@code code.txt}: a process killed between
   * the runtime's commit and the record's rewrite still finds the right jar.
   *
   * @return the code
   * @throws Main.CliException ({@link CanisterCommand#STATE}) if nothing is installed
   */
  CanisterCode installedCode() {
    CanisterStatus status = host.status();
    if (!status.installed()) {
      throw new Main.CliException(
          CanisterCommand.STATE,
          "canister '"
              + files.name()
              + "' has no code installed; run 'canister install "
              + files.name()
              + " --mode install --code JAR'");
    }
    Path jar = files.jarByHash(status.codeHash());
    if (!Files.isRegularFile(jar)) {
      throw new Main.CliException(
          Main.IO_ERROR,
          "canister '"
              + files.name()
              + "' runs "
              + status.codeName()
              + " with hash "
              + status.codeHash()
              + ", but its copy "
              + jar
              + " is missing");
    }
    return CanisterCode.fromJar(jar, status.codeName());
  }

  /** Attaches the installed code to the host, running no hook, before a call or an upgrade. */
  void attach() {
    host.attach(installedCode());
  }

  @Override
  public void close() {
    host.close();
  }
}
