package dev.creditrules.cli;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
  String input;

  @Option(names = "--jsonl", description = "JSON Lines: one request per line in, one result per line out, in input order")
  boolean jsonl;

  @Option(names = "--packs", paramLabel = "DIR", description = "load packs from DIR (<id>/<version>/) instead of the class path")
  Path packs;

  @Option(names = "--compact", description = "print a single-line decision (always so with --jsonl)")
  boolean compact;

  private final ContractJson json = new ContractJson();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CreditRulesEngine engine;
    try {
      engine = Main.engine(packs);
    } catch (PackException e) {
      err.println("credit-rules: the rule packs do not load:");
      Main.printProblems(err, e);
      return Main.INTERNAL_ERROR;
    }
    try (InputStream in = "-".equals(input) ? Main.stdin : Files.newInputStream(Path.of(input))) {
      return jsonl ? batch(engine, in, out) : single(engine, in, out);
    }
  }

  private int single(CreditRulesEngine engine, InputStream in, PrintWriter out) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    try {
      Request request = json.readRequest(text);
      Decision decision = engine.decide(request);
      out.println(compact ? json.writeDecision(decision) : json.writeDecisionPretty(decision));
      out.flush();
      return Main.DECIDED;
    } catch (InvalidRequestException e) {
      out.println(json.writeErrors(e.errors()));
      out.flush();
      return Main.INVALID_REQUEST;
    }
  }

  private int batch(CreditRulesEngine engine, InputStream in, PrintWriter out) throws IOException {
    int code = Main.DECIDED;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Request request = json.readRequest(line);
        out.println(json.writeDecision(engine.decide(request)));
      } catch (InvalidRequestException e) {
        out.println(json.writeBatchErrors(json.requestIdOf(line), number, e.errors()));
        code = Main.INVALID_REQUEST;
      }
    }
    out.flush();
    return code;
  }
}
