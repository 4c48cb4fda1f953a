package dev.stablestructures.cli;

import dev.stablestructures.cli.inspect.Json;
import dev.stablestructures.runtime.CallResult;
import dev.stablestructures.runtime.CanisterTrapException;
import dev.stablestructures.runtime.meter.CostReport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canister call NAME METHOD [ARG]}: sends one message, as an update or a query as the method
 * declares (a query's changes are always discarded), and prints the reply as text, or with {@code
 * --json} one JSON object with the reply and the message's cost report (for a trap: the trap's
 * message and the cost up to it, with exit code 1).
 */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description =
        "Calls METHOD of canister NAME with ARG (UTF-8 text, default empty) and prints the reply.")
final class CanisterCallCommand implements Callable<Integer> {
  @Mixin HostDirOption hostDir;

  @Parameters(index = "0", paramLabel = "NAME", description = "the canister's name")
  String name;

  @Parameters(index = "1", paramLabel = "METHOD", description = "an update or query method")
  String method;

  @Parameters(index = "2", paramLabel = "ARG", defaultValue = "", description = "the argument")
  String arg;

  @Option(names = "--json", description = "print {\"reply\": ..., \"cost\": {...}}")
  boolean json;

  @Mixin CallerOption caller;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CanisterFiles files = hostDir.host().canister(name);
    try (CanisterSession session = CanisterSession.open(files, caller.principal())) {
      session.attach();
      CallResult result;
      try {
        result = session.host().call(method, arg.getBytes(StandardCharsets.UTF_8));
      } catch (CanisterTrapException trap) {
        if (!json) {
          throw trap;
        }
        // Still one line, and still the cost: how far the message got before it trapped.
        printJson("trap", trap.getMessage(), trap.report());
        return CanisterCommand.TRAPPED;
      }
      if (json) {
        printJson("reply", result.replyText(), result.report());
      } else {
        spec.commandLine().getOut().println(result.replyText());
      }
    }
    return Main.OK;
  }

  /**
   * One JSON line: the canister, the method, {@code field} (the reply or the trap) and the cost.
   */
  private void printJson(String field, String value, CostReport cost) {
    spec.commandLine()
        .getOut()
        .println(
            "{\"canister\": "
                + Json.quote(name)
                + ", \"method\": "
                + Json.quote(method)
                + ", \""
                + field
                + "\": "
                + Json.quote(value)
                + ", \"cost\": "
                + Reports.json(cost)
                + "}");
  }
}
