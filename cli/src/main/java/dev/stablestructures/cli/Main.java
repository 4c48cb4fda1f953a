package dev.stablestructures.cli;

import dev.stablestructures.cli.inspect.DiffCommand;
import dev.stablestructures.cli.inspect.DumpCommand;
import dev.stablestructures.cli.inspect.InspectCommand;
import dev.stablestructures.cli.inspect.VerifyCommand;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vectors.VectorScript;
import dev.stablestructures.vectors.VectorScripts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code stable-structures} command-line tool: replays and checks the compatibility vectors,
 * and tells what a memory image holds. Run {@code java -jar stable-structures-cli.jar --help}.
 */
@Command(
    name = "stable-structures",
    mixinStandardHelpOptions = true,
    version = "stable-structures-cli 0.1.0",
    description =
        "Replays and checks compatibility vectors; inspects memory images; runs canisters in a"
            + " local host directory.",
    subcommands = {
      Main.ReplayCommand.class,
      Main.CheckCommand.class,
      Main.ListCommand.class,
      InspectCommand.class,
      VerifyCommand.class,
      DumpCommand.class,
      DiffCommand.class,
      CanisterCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = Main.EXIT_CODES_HEADING,
    exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2, Main.EXIT_3})
public final class Main implements Callable<Integer> {
  static final String EXIT_CODES_HEADING = "%nExit codes:%n";
  static final String EXIT_0 = "0:success (for check: the images match the script)";
  static final String EXIT_1 = "1:check found differences";
  static final String EXIT_2 = "2:bad usage: unknown option, unknown script name";
  static final String EXIT_3 =
      "3:an image file is missing, unreadable, or not a whole number of 64 KiB pages";

  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: a check found differences, or an image holds nothing known. */
  public static final int DIFFERENCES = 1;

  /** Exit code: bad usage (picocli's own code for parameter errors). */
  public static final int USAGE = 2;

  /** Exit code: an image file is missing or unreadable. */
  public static final int IO_ERROR = 3;

  @Spec CommandSpec spec;

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String... args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Builds the configured command line, for {@link #main} and for in-process tests.
   *
   * @return the command line; call {@code execute(args)} on it
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(Failures.message(e));
          return Failures.exitCode(e);
        });
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }

  /** A failure with a message for the user and an exit code. */
  static final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    CliException(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  static VectorScript script(String name) {
    return VectorScripts.byName(name)
        .orElseThrow(
            () ->
                new CliException(
                    USAGE,
                    "unknown script '"
                        + name
                        + "'; known scripts: "
                        + VectorScripts.all().stream()
                            .map(VectorScript::name)
                            .collect(Collectors.joining(", "))));
  }

  /** Options shared by replay and check (a picocli mixin). */
  static final class ScriptOptions {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "script name (see 'list')")
    String script;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "random stream seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--n",
        defaultValue = "5000",
        description = "script size parameter n (default: ${DEFAULT-VALUE})")
    int n;

    @Option(
        names = "--dir",
        required = true,
        paramLabel = "DIR",
        description = "folder of the images")
    Path dir;
  }

  /** {@code replay}: writes the images a script leaves. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      exitCodeListHeading = Main.EXIT_CODES_HEADING,
      exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2, Main.EXIT_3},
      description = "Replays SCRIPT with the Java library and writes DIR/<image>.bin per image.")
  static final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Mixin ScriptOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      VectorScript script = script(options.script);
      Map<String, Memory> images = script.replay(options.seed, options.n);
      PrintWriter out = spec.commandLine().getOut();
      for (String image : script.images()) {
        Path file = options.dir.resolve(image + ".bin");
        Images.write(file, images.get(image));
        out.println("wrote " + file + " (" + images.get(image).size() + " pages)");
      }
      return OK;
    }
  }

  /** {@code check}: compares images with a script's content. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      exitCodeListHeading = Main.EXIT_CODES_HEADING,
      exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2, Main.EXIT_3},
      description =
          "Opens DIR/<image>.bin (or .bin.gz) with the Java library and compares it with what"
              + " SCRIPT leaves.")
  static final class CheckCommand implements Callable<Integer> {
    @CommandLine.Mixin ScriptOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      VectorScript script = script(options.script);
      Map<String, Memory> images = new LinkedHashMap<>();
      for (String image : script.images()) {
        images.put(image, Images.readImage(options.dir, image));
      }
      List<String> differences = script.check(options.seed, options.n, images);
      if (differences.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println(
                script.name() + ": images match (seed " + options.seed + ", n " + options.n + ")");
        return OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println(script.name() + ": " + differences.size() + " difference(s):");
      for (String difference : differences) {
        err.println("  " + difference);
      }
      return DIFFERENCES;
    }
  }

  /** {@code list}: names the scripts. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the scripts and the images each writes.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      for (VectorScript script : VectorScripts.all()) {
        spec.commandLine()
            .getOut()
            .println(script.name() + "  images: " + String.join(", ", script.images()));
      }
      return OK;
    }
  }
}
