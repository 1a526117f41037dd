package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.audit.DecisionNotRecordedException;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.Limits;
import dev.creditrules.json.RequestDigest;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code credit-rules evaluate [--jsonl] FILE|-}: one request in, one decision out (or many). */
@Command(
    mixinStandardHelpOptions = true,
    name = "evaluate",
    description = {
      "Decides one JSON request (or JSON Lines with --jsonl) and prints the decision.",
      "Exit 0 when decided, 2 when a request is invalid (its errors are printed), 1 on internal errors."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE|-", description = "the request file, or - for stdin")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String input;

  /**
   * JSON Lines: one request per line in, one decision or error line out, in input order; decided in
   * parallel with bounded memory (see {@link JsonLinesBatch}), progress and a summary on stderr.
   */
  @Option(
      names = "--jsonl",
      description = {
        "JSON Lines: one request per line in, one result per line out, in input order;",
        "decided in parallel (--threads) with bounded memory, progress and a summary on stderr"
      })
  boolean jsonl;

  @Option(
      names = "--packs",
      paramLabel = "DIR",
      description = "load packs from DIR (<id>/<version>/) instead of the class path")
  @Nullable Path packs;

  @Option(
      names = "--compact",
      description = "print a single-line decision (always so with --jsonl)")
  boolean compact;

  /** With {@code --jsonl}: worker threads that parse, decide and serialise lines in parallel. */
  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "with --jsonl: worker threads (default: available processors, ${DEFAULT-VALUE})")
  int threads = Runtime.getRuntime().availableProcessors();

  /** With {@code --jsonl}: no progress lines on stderr (the final summary is still written). */
  @Option(
      names = "--quiet",
      description = "with --jsonl: no progress lines on stderr, only the final summary")
  boolean quiet;

  /**
   * With {@code --jsonl}: the state file of a previous run ({@code --state}); lines whose request
   * did not change and whose previous decision still holds are carried instead of decided.
   */
  @Option(
      names = "--previous",
      paramLabel = "STATE",
      description = {
        "with --jsonl: the state a previous run wrote with",
        "--state; re-decide only the lines whose request",
        "changed (all but requestId and asOf) or whose",
        "nextChangeOn has come, carry the rest from",
        "--previous-output; the output is the same bytes",
        "as deciding every line"
      })
  @Nullable Path previous;

  /** With {@code --previous}: the output of the run that wrote that state, unchanged. */
  @Option(
      names = "--previous-output",
      paramLabel = "FILE",
      description = {
        "with --previous: the output of the run that wrote",
        "STATE (the file its stdout went to with >,",
        "unchanged): carried decisions are read from it"
      })
  @Nullable Path previousOutput;

  /**
   * With {@code --jsonl}: where to write this run's state, for the next run's {@code --previous}.
   */
  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = {
        "with --jsonl: write this run's state to FILE",
        "(request digests, dates, and where each decision",
        "is in the output) for the next --previous; send",
        "the output to a file with > (not >> or a pipe)",
        "and keep it for the next --previous-output"
      })
  @Nullable Path state;

  /** {@code --log FILE} and its settings: a decision log of every decision and rejection. */
  @CommandLine.Mixin LogOptions log = new LogOptions();

  /** The largest request (with {@code --jsonl}: line) in UTF-8 bytes; see docs/limits.md. */
  @Option(
      names = "--max-request-bytes",
      paramLabel = "N",
      description = "refuse a request (--jsonl: a line) over N bytes (default ${DEFAULT-VALUE})")
  int maxRequestBytes = Limits.DEFAULT_MAX_REQUEST_BYTES;

  /** The most facts a request may hold. */
  @Option(
      names = "--max-facts",
      paramLabel = "N",
      description = "refuse a request with more than N facts (default ${DEFAULT-VALUE})")
  int maxFacts = Limits.DEFAULT_MAX_FACTS;

  /** The longest string value or field name, in characters. */
  @Option(
      names = "--max-string-length",
      paramLabel = "N",
      description = "refuse a string or field name over N characters (default ${DEFAULT-VALUE})")
  int maxStringLength = Limits.DEFAULT_MAX_STRING_LENGTH;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (threads < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads must be 1 or more but was " + threads);
    }
    Limits limits;
    try {
      limits =
          Limits.DEFAULT
              .withMaxRequestBytes(maxRequestBytes)
              .withMaxFacts(maxFacts)
              .withMaxStringLength(maxStringLength);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if ((previous != null || state != null) && !jsonl) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--previous and --state need --jsonl");
    }
    if (previous != null && log.enabled()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--previous does not go with --log: carried decisions are not decided again, so the log"
              + " would miss them; log the full run instead");
    }
    if ((previous == null) != (previousOutput == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--previous and --previous-output go together: the state of a previous run and the"
              + " output that run printed");
    }
    if (previous != null && !Files.isRegularFile(previous)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--previous " + previous + ": no such file");
    }
    if (previousOutput != null && !Files.isRegularFile(previousOutput)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--previous-output " + previousOutput + ": no such file");
    }
    if (state != null && Files.exists(state)) {
      for (Path read : new Path[] {previous, previousOutput}) {
        if (read != null && Files.isSameFile(read, state)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--state must not be the --previous or --previous-output file ("
                  + state
                  + "): it is read while the run writes");
        }
      }
    }
    CreditRulesEngine engine;
    try {
      engine = Main.engine(packs);
    } catch (PackException e) {
      err.println("credit-rules: the rule packs do not load:");
      Main.printProblems(err, e);
      return Main.INTERNAL_ERROR;
    }
    // reads requests with the engine's fact model, within the limits given
    ContractJson json = ContractJson.withLimits(engine.model(), limits);
    try (InputStream in = "-".equals(input) ? Main.stdin : Files.newInputStream(Path.of(input))) {
      try {
        log.open(engine, spec.commandLine());
      } catch (IOException e) {
        err.println("credit-rules: " + e.getMessage());
        return Main.INTERNAL_ERROR;
      }
      int code =
          jsonl
              ? batch(json, engine, log.rules(engine), in, out)
              : single(json, log.rules(engine), in, out);
      return log.finish(err, code);
    }
  }

  private int single(ContractJson json, CreditRules engine, InputStream in, PrintWriter out)
      throws IOException {
    // Never more than the limit (and a byte, to tell) in memory, whatever the input's size.
    byte[] bytes = in.readNBytes(json.limits().maxRequestBytes() + 1);
    JsonLineReader.Line decoded = JsonLineReader.decode(bytes);
    String text = decoded.text();
    try {
      Request request;
      try {
        request = json.readRequest(decoded.requestText());
      } catch (InvalidRequestException e) {
        log.rejected(text, e);
        throw e;
      }
      Decision decision = engine.decide(request);
      out.println(compact ? json.writeDecision(decision) : json.writeDecisionPretty(decision));
      out.flush();
      return Main.DECIDED;
    } catch (InvalidRequestException e) {
      out.println(json.writeErrors(e.errors()));
      out.flush();
      return Main.INVALID_REQUEST;
    } catch (DecisionNotRecordedException e) {
      // fail closed: nothing on stdout, neither the decision nor the errors of a rejection
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "credit-rules: the decision could not be recorded in the decision log; it was not made"
              + " (decision "
              + e.decisionId()
              + "): "
              + e.getMessage());
      err.flush();
      return Main.INTERNAL_ERROR;
    }
  }

  /**
   * JSON Lines through {@link JsonLinesBatch}: a reader thread, {@link #threads} workers and this
   * thread writing in input order, with bounded memory. Progress (unless {@link #quiet}) and the
   * summary go to stderr; stdout carries only the JSON Lines.
   */
  private int batch(
      ContractJson json,
      CreditRulesEngine loaded,
      CreditRules engine,
      InputStream in,
      PrintWriter out)
      throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    JsonLinesBatch batch = new JsonLinesBatch(engine, json, threads, err, !quiet);
    JsonLinesBatch.Summary summary;
    String fingerprint = RequestDigest.setup(loaded.packs(), json.limits());
    PreviousRun before = null;
    OutputStream stateOut = null;
    try {
      if (previous != null) {
        try {
          // checked in call(): --previous comes with --previous-output
          Path output = Objects.requireNonNull(previousOutput, "--previous-output");
          before = PreviousRun.open(previous, output, fingerprint);
        } catch (IllegalArgumentException e) {
          err.println("credit-rules: --previous: " + e.getMessage());
          return Main.INTERNAL_ERROR;
        }
        if (!before.sameSetup()) {
          err.println(
              "credit-rules: --previous "
                  + previous
                  + " was written with other packs or limits:"
                  + " every line is decided again");
        }
      }
      if (state != null) {
        stateOut = Files.newOutputStream(state);
      }
      if (previous != null || state != null) {
        batch.incremental(before, stateOut, fingerprint);
      }
      LogOptions.Tee tee = log.tee(json);
      if (tee.lines() == null && out instanceof Main.Stdout stdout) {
        // nothing to see in the lines: the workers' UTF-8 goes straight to the stream
        out.flush();
        summary = batch.run(in, stdout.stream, null);
      } else {
        summary = batch.run(in, tee.writer(out), tee.lines());
      }
      if (stateOut != null) {
        stateOut.close();
        stateOut = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("credit-rules: interrupted");
      return Main.INTERNAL_ERROR;
    } catch (IOException | RuntimeException e) {
      out.flush();
      err.println("credit-rules: the batch stopped: " + e);
      return Main.INTERNAL_ERROR;
    } finally {
      if (before != null) {
        before.close();
      }
      if (stateOut != null) {
        stateOut.close();
      }
    }
    err.println("credit-rules: " + summary.text());
    err.flush();
    return summary.exitCode();
  }
}
