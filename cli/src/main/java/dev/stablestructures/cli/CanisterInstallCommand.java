package dev.stablestructures.cli;

import dev.stablestructures.runtime.CallResult;
import dev.stablestructures.runtime.CanisterCode;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canister install NAME|--all --mode install|reinstall|upgrade [--code JAR]}: installs,
 * reinstalls or upgrades code, as {@code dfx canister install} does. The jar is copied into the
 * canister's code folder first and loaded from the copy; the record of the installed code is
 * replaced only after the runtime committed, so a trap leaves both the image and the record as they
 * were.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Installs (empty canister), reinstalls (wipes the stable memory, runs init) or upgrades"
          + " (preUpgrade, new code, postUpgrade; the stable memory kept) canister NAME, or every"
          + " canister with --all.",
      "For an upgrade --code may be left out: the canister's installed jar is loaded again."
    })
final class CanisterInstallCommand implements Callable<Integer> {
  /** The three install modes. */
  enum Mode {
    install,
    reinstall,
    upgrade
  }

  /** NAME or --all. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "NAME", description = "the canister's name")
    String name;

    @Option(names = "--all", required = true, description = "every canister in the host directory")
    boolean all;
  }

  @Mixin HostDirOption hostDir;

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(names = "--mode", required = true, description = "install, reinstall or upgrade")
  Mode mode;

  @Option(names = "--code", paramLabel = "JAR", description = "the code jar")
  Path code;

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description =
          "the Canister class in the jar (default: the jar manifest's Canister-Class, or for an"
              + " upgrade the installed class)")
  String className;

  @Option(
      names = "--skip-pre-upgrade",
      description = "upgrade without running the old code's preUpgrade")
  boolean skipPreUpgrade;

  @Option(
      names = "--arg",
      paramLabel = "TEXT",
      defaultValue = "",
      description = "the argument of init or postUpgrade, as UTF-8 text")
  String arg;

  @Mixin CallerOption caller;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (skipPreUpgrade && mode != Mode.upgrade) {
      throw new Main.CliException(Main.USAGE, "--skip-pre-upgrade needs --mode upgrade");
    }
    HostDirectory host = hostDir.host();
    List<CanisterFiles> canisters = target.all ? host.all() : List.of(host.canister(target.name));
    if (canisters.isEmpty()) {
      throw new Main.CliException(
          CanisterCommand.STATE, "no canisters in " + host.root() + "; create one first");
    }
    for (CanisterFiles files : canisters) {
      install(files);
    }
    return Main.OK;
  }

  private void install(CanisterFiles files) {
    InstalledCode previous = files.installed().orElse(null);
    Path jar = code;
    if (jar == null) {
      if (mode != Mode.upgrade || previous == null) {
        throw new Main.CliException(
            Main.USAGE, "--mode " + mode + " of '" + files.name() + "' needs --code JAR");
      }
      jar = files.jar(previous);
    }
    String cls = className != null ? className : manifestClass(jar);
    if (cls == null && previous != null && mode == Mode.upgrade) {
      cls = previous.className();
    }
    if (cls == null) {
      throw new Main.CliException(
          Main.USAGE,
          "which class of "
              + jar
              + " is the canister? Give --class, or a Canister-Class manifest"
              + " attribute");
    }
    byte[] argBytes = arg.getBytes(StandardCharsets.UTF_8);
    try (CanisterSession session = CanisterSession.open(files, caller.principal())) {
      String copy = files.storeJar(jar);
      InstalledCode next =
          new InstalledCode(copy, cls, CanisterFiles.sha256(jar), Instant.now().toString());
      CanisterCode newCode = CanisterCode.fromJar(files.jar(next), cls);
      Host h = session.host();
      long start = System.nanoTime();
      CallResult result =
          switch (mode) {
            case install -> h.install(newCode, argBytes);
            case reinstall -> {
              session.attach();
              yield h.reinstall(newCode, argBytes);
            }
            case upgrade -> {
              session.attach();
              yield h.upgrade(
                  newCode,
                  argBytes,
                  skipPreUpgrade ? UpgradeOptions.skipPreUpgrade() : UpgradeOptions.DEFAULT);
            }
          };
      long millis = (System.nanoTime() - start) / 1_000_000;
      files.setInstalled(next);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          files.name()
              + ": "
              + past(mode)
              + " "
              + cls
              + " from "
              + (code != null ? code.getFileName() : "its installed jar")
              + " ("
              + Reports.line(result.report())
              + ", "
              + millis
              + " ms)");
    }
  }

  private static String past(Mode mode) {
    return switch (mode) {
      case install -> "installed";
      case reinstall -> "reinstalled";
      case upgrade -> "upgraded to";
    };
  }

  private static String manifestClass(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue("Canister-Class");
    } catch (IOException e) {
      throw new Main.CliException(
          Main.IO_ERROR, "cannot read code jar " + jar + ": " + e.getMessage());
    }
  }
}
