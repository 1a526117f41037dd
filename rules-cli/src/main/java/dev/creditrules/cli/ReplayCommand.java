package dev.creditrules.cli;

import dev.creditrules.audit.PackLibrary;
import dev.creditrules.audit.Replayer;
import dev.creditrules.audit.RequestCipher;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules replay LOG}: re-evaluates the records of a decision log with the pack
 * versions named by their digests and reports every record not reproduced (see {@link Replayer}).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "replay",
    description = {
      "Re-evaluates the records of a JSON Lines decision log with the pack versions named by their"
          + " digests, and reports every record whose result is different or cannot be reproduced.",
      "Records stored without their request by the log's policy (natural persons under the"
          + " default --log-requests organisations, everything under none) are counted as not"
          + " stored by policy.",
      "Exit 0 when no record is different or not reproducible (with --require-inputs: and none"
          + " was stored without its request), 1 otherwise."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG|-", description = "the decision log, or - for stdin")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String log;

  @Option(
      names = "--packs",
      paramLabel = "DIR",
      description =
          "where pack versions are looked up by digest (<id>/<version>/); repeatable, so that old"
              + " versions can be found; without it, the shipped packs")
  List<Path> packs = new ArrayList<>();

  @Option(names = "--shipped", description = "with --packs: look in the shipped packs too")
  boolean shipped;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "the AES-256 key (Base64) of encrypted requests")
  @Nullable Path key;

  @Option(
      names = "--all",
      description = "print every record's verdict, not only those not reproduced")
  boolean all;

  @Option(
      names = "--require-inputs",
      description =
          "fail (exit 1) when a record was stored without its request by policy, and print each")
  boolean requireInputs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PackLibrary library;
    RequestCipher cipher;
    try {
      library = PackLibrary.scan(packs, packs.isEmpty() || shipped);
      cipher = key == null ? null : RequestCipher.fromFile(key);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Replayer.Summary summary;
    try (Replayer replayer =
            new Replayer(
                library, dir -> CreditRulesEngine.builder().directory(dir).build(), cipher);
        InputStream in = "-".equals(log) ? Main.stdin : Files.newInputStream(Path.of(log))) {
      summary =
          replayer.replay(
              new InputStreamReader(in, StandardCharsets.UTF_8),
              r -> {
                boolean failure =
                    switch (r.status()) {
                      case REPRODUCED -> false;
                      case NOT_STORED -> requireInputs;
                      case DIFFERENT, NOT_REPRODUCIBLE -> true;
                    };
                if (all || failure) {
                  out.println(r.text());
                }
              });
    } catch (IOException e) {
      out.flush();
      err.println("credit-rules: cannot read the log: " + e);
      return Main.INTERNAL_ERROR;
    }
    out.flush();
    err.println("credit-rules: " + summary.text());
    err.flush();
    return summary.passed(requireInputs) ? Main.DECIDED : Main.INTERNAL_ERROR;
  }
}
