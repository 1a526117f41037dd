package dev.creditrules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.Explainer;
import dev.creditrules.runtime.Explanation;
import dev.creditrules.runtime.Explanation.RuleExplanation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code credit-rules explain --request FILE --measure ID}: why a measure is or is not decided. */
@Command(
    mixinStandardHelpOptions = true,
    name = "explain",
    description = {
      "Explains why a measure is or is not in a request's decision: every rule that can produce it,",
      "whether it fired, and otherwise the first condition that failed with the values it saw."
    })
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--request", required = true, paramLabel = "FILE", description = "the request (JSON)")
  Path request;

  @Option(names = "--measure", required = true, paramLabel = "ID", description = "the measure id, as the catalogue of its pack names it")
  String measure;

  @Option(names = "--packs", paramLabel = "DIR", description = "load packs from DIR instead of the class path")
  Path packs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
  String format = "text";

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CreditRulesEngine engine;
    try {
      engine = Main.engine(packs);
    } catch (PackException e) {
      Main.printProblems(err, e);
      return Main.INTERNAL_ERROR;
    }
    ContractJson json = new ContractJson(engine.model());
    Explanation explanation;
    try {
      Request r =
          json.readRequest(JsonLineReader.decode(Files.readAllBytes(request)).requestText());
      explanation = Explainer.explain(engine, r, measure);
    } catch (InvalidRequestException e) {
      out.println(json.writeErrors(e.errors()));
      return Main.INVALID_REQUEST;
    }
    if ("json".equals(format)) {
      out.println(json(explanation, json));
    } else {
      text(out, explanation);
    }
    return Main.DECIDED;
  }

  private static void text(PrintWriter out, Explanation e) {
    if (e.inDecision()) {
      out.println(e.measure() + " is in the decision:");
      for (Outcome o : e.outcomes()) {
        out.println("  " + o.from() + " .. " + (o.until() == null ? "open" : o.until()) + "  "
            + o.rule() + "  facts " + o.facts());
      }
    } else {
      out.println(e.measure() + " is not in the decision.");
    }
    if (e.rules().isEmpty()) {
      out.println("No loaded rule can produce " + e.measure() + ".");
    }
    for (RuleExplanation r : e.rules()) {
      out.println();
      out.println(r.rule() + ": " + r.verdict());
      out.println("  " + r.reason());
      if (r.condition() != null) {
        out.println("  failing condition (" + r.file() + ":" + r.line() + "): " + r.condition());
      }
      if (!r.seen().isEmpty()) {
        out.println("  values it saw:");
        r.seen().forEach(s -> out.println("    " + s));
      } else if (r.condition() != null) {
        out.println("  values it saw: no fact of that type");
      }
    }
  }

  /**
   * The explanation as JSON: the one writer of an {@link Explanation}, shared by {@code explain
   * --format json} and {@code POST /v1/explanations}.
   */
  static String json(Explanation e, ContractJson contract) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("measure", e.measure());
    root.put("inDecision", e.inDecision());
    ArrayNode outcomes = root.putArray("outcomes");
    for (Outcome o : e.outcomes()) {
      outcomes.addObject().put("rule", o.rule()).put("from", o.from().toString())
          .put("until", o.until() == null ? null : o.until().toString())
          .set("facts", mapper.valueToTree(o.facts()));
    }
    ArrayNode rules = root.putArray("rules");
    for (RuleExplanation r : e.rules()) {
      ObjectNode n = rules.addObject();
      n.put("rule", r.rule());
      n.put("verdict", r.verdict().name());
      n.put("reason", r.reason());
      n.put("file", r.file());
      n.put("line", r.line());
      n.put("condition", r.condition());
      n.set("seen", mapper.valueToTree(r.seen()));
    }
    return contract.writePretty(root);
  }
}
