package dev.creditrules.examples;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embeds credit-rules in a plain Java program: builds the engine once from the packs on the class
 * path, reads a request in the contract's JSON, decides it and prints a summary and the decision.
 *
 * <p>Usage: {@code DecideExample [request.json]} (default {@code
 * examples/requests/tax-ex-01.json}).
 */
public final class DecideExample {
  private DecideExample() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/requests/tax-ex-01.json");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(run(file, out));
  }

  /** Decides the request in {@code file} and prints it to {@code out}; returns the exit code. */
  public static int run(Path file, PrintStream out) throws IOException {
    // Build once, share everywhere: the engine is immutable and thread-safe.
    CreditRules rules = CreditRulesEngine.fromClasspath();
    // requests are read with the fact types the loaded packs declare
    ContractJson json = new ContractJson(rules.model());
    Request request;
    Decision decision;
    try {
      request = json.readRequest(Files.readString(file, StandardCharsets.UTF_8));
      decision = rules.decide(request);
    } catch (InvalidRequestException e) {
      out.println("the request is invalid:");
      e.errors().forEach(err -> out.println("  " + err));
      return 2;
    }
    out.println(
        "Subject "
            + decision.subject().id()
            + " ("
            + decision.subject().type()
            + ") as of "
            + decision.asOf());
    print(out, "incentives", decision.incentives());
    print(out, "sanctions", decision.sanctions());
    print(out, "warnings", decision.warnings());
    for (Repair r : decision.repairs()) {
      out.println(
          "  repair of "
              + r.fact()
              + ": "
              + r.status()
              + (r.earliest() == null ? "" : " (earliest " + r.earliest() + ")")
              + " via "
              + r.route()
              + "  ["
              + r.rule()
              + "]");
    }
    out.println();
    out.println(json.writeDecisionPretty(decision));
    return 0;
  }

  private static void print(PrintStream out, String title, java.util.List<Outcome> outcomes) {
    out.println(title + ": " + outcomes.size());
    for (Outcome o : outcomes) {
      out.println(
          "  "
              + o.measure()
              + " "
              + o.name().en()
              + " ("
              + o.name().zh()
              + ") "
              + o.from()
              + " .. "
              + (o.until() == null ? "open" : o.until())
              + "  ["
              + o.rule()
              + " "
              + o.facts()
              + "]");
    }
  }
}
