package dev.creditrules.cli;

import dev.creditrules.runtime.LivePacks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules retire DIR id@version --reason TEXT}: takes a pack version out of service.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "retire",
    description = {
      "Retires a pack version of a live directory: writes DIR/<id>/<version>/RETIRED (first line the",
      "reason) atomically, and a live directory (serve --live) stops serving the version at its next",
      "reload. The folder stays (what inherits from it still resolves, replay still finds it).",
      "A version folder that vanishes without this marker is held: the last good version serves."
    })
final class RetireCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the live pack directory")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path dir;

  @Parameters(
      index = "1",
      paramLabel = "ID@VERSION",
      description = "the version, as its folder <id>/<version>/ names it")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String pack;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "why it is retired (the marker's first line, logged by the live directory)")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String reason;

  @Override
  public Integer call() {
    Path marker;
    try {
      marker = LivePacks.retire(dir, pack, reason);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      spec.commandLine().getErr().println("credit-rules: cannot retire " + pack + ": " + e);
      return Main.INTERNAL_ERROR;
    }
    spec.commandLine()
        .getOut()
        .println(
            "retired "
                + pack
                + ": wrote "
                + marker
                + "; a live directory stops serving it at its next reload");
    return Main.DECIDED;
  }
}
