package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code credit-rules}: decide requests, check packs, run regression cases.
 *
 * <p>Exit codes: 0 decided (or packs valid, cases green), 2 a request is invalid, 1 anything else
 * (packs that do not compile, failing cases, internal errors).
 */
@Command(
    name = "credit-rules",
    mixinStandardHelpOptions = true,
    version = "credit-rules 0.1.0",
    description = "Decides Chinese social-credit incentives, sanctions, warnings and repair.",
    subcommands = {
      EvaluateCommand.class,
      TimelineCommand.class,
      ValidateCommand.class,
      TestCommand.class,
      ExplainCommand.class,
      DiffCommand.class,
      GenerateCommand.class,
      FactsCommand.class,
      ServeCommand.class,
      ReplayCommand.class,
      TokenCommand.class,
      RetireCommand.class
    })
public final class Main implements Runnable {
  static final int DECIDED = 0;
  static final int INTERNAL_ERROR = 1;
  static final int INVALID_REQUEST = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Standard input, replaceable for tests. */
  static InputStream stdin = System.in;

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command line on the given streams (UTF-8) and returns the exit code. */
  public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
    stdin = in;
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new Stdout(out));
    cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    // usage mistakes exit 1: 2 is reserved for an invalid request
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("credit-rules: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return INTERNAL_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("credit-rules: internal error: " + e);
          return INTERNAL_ERROR;
        });
    ServeCommand.configure(cli, args);
    return cli.execute(args);
  }

  /**
   * The command line's standard output: text through a UTF-8 writer, and the stream itself for
   * output that is bytes already ({@code evaluate --jsonl}); flush the writer before using it.
   */
  static final class Stdout extends PrintWriter {
    final OutputStream stream;

    Stdout(OutputStream stream) {
      super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
      this.stream = stream;
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The engine for {@code --packs DIR}, or the packs on the class path. */
  static CreditRulesEngine engine(@Nullable Path packs) {
    return packs == null ? classpathEngine() : CreditRulesEngine.builder().directory(packs).build();
  }

  private static @Nullable CreditRulesEngine classpath;

  /** The shipped packs, loaded once per JVM (the engine is immutable and thread-safe). */
  private static synchronized CreditRulesEngine classpathEngine() {
    CreditRulesEngine engine = classpath;
    if (engine == null) {
      engine = CreditRulesEngine.fromClasspath();
      classpath = engine;
    }
    return engine;
  }

  static void printProblems(PrintWriter err, PackException e) {
    e.problems().forEach(p -> err.println(p));
  }
}
