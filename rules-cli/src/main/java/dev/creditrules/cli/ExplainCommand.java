package dev.creditrules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.Explainer;
import dev.creditrules.runtime.Explanation;
import dev.creditrules.runtime.Explanation.Condition;
import dev.creditrules.runtime.Explanation.RepairExplanation;
import dev.creditrules.runtime.Explanation.RuleExplanation;
import dev.creditrules.runtime.Explanation.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules explain --request FILE --measure ID [--fact ID]}: why a measure is or is not
 * decided, and why a repair entry has its status. {@link #json(Explanation)} is the one JSON form
 * of an {@link Explanation} (the HTTP service writes it too).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "explain",
    description = {
      "Explains why a measure is or is not in a request's decision: every rule that can produce it,",
      "whether it fired, and otherwise the first condition that failed with the values it saw (for",
      "an eval, the values of its variables and calls). For a repair procedure (its id) or a",
      "fact (--fact f1): each repair entry's status, with every condition of the procedure that",
      "decides a status or an unmet code, whether it held on asOf, and the dates and facts it read."
    })
final class ExplainCommand implements Callable<Integer> {
  /** Writes the explanation's tree, which holds no fact: no fact type is needed. */
  private static final ContractJson PRETTY = new ContractJson(new FactModel(List.of()));

  @Spec CommandSpec spec;

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "the request (JSON)")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path request;

  @Option(
      names = "--measure",
      paramLabel = "ID",
      description = "the measure or repair procedure id, as the catalogue of its pack names it")
  @Nullable String measure;

  @Option(
      names = "--fact",
      paramLabel = "ID",
      description =
          "explain the repair entry of this fact (with --measure: of that procedure only)")
  @Nullable String fact;

  @Option(
      names = "--packs",
      paramLabel = "DIR",
      description = "load packs from DIR instead of the class path")
  @Nullable Path packs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
  String format = "text";

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (measure == null && fact == null) {
      err.println("credit-rules: explain needs --measure ID, --fact ID or both");
      return Main.INTERNAL_ERROR;
    }
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
      explanation = Explainer.explain(engine, r, measure, fact);
    } catch (InvalidRequestException e) {
      out.println(json.writeErrors(e.errors()));
      return Main.INVALID_REQUEST;
    }
    if ("json".equals(format)) {
      out.println(json(explanation));
    } else {
      out.print(text(explanation));
      out.flush();
    }
    return Main.DECIDED;
  }

  /** The explanation as text for people. */
  static String text(Explanation e) {
    StringBuilder out = new StringBuilder();
    if (e.measure() != null && (!e.rules().isEmpty() || e.repairs().isEmpty())) {
      if (e.inDecision()) {
        out.append(e.measure()).append(" is in the decision:\n");
        for (Outcome o : e.outcomes()) {
          out.append("  ")
              .append(o.from())
              .append(" .. ")
              .append(o.until() == null ? "open" : o.until())
              .append("  ")
              .append(o.rule())
              .append("  facts ")
              .append(o.facts())
              .append('\n');
        }
      } else if (e.repairs().isEmpty()
          && e.rules().stream().noneMatch(r -> r.verdict() == Verdict.FIRED)) {
        out.append(e.measure()).append(" is not in the decision.\n");
      }
      if (e.rules().isEmpty()) {
        out.append("No loaded rule can produce ").append(e.measure()).append(".\n");
      }
    }
    for (RuleExplanation r : e.rules()) {
      out.append('\n').append(r.rule()).append(": ").append(r.verdict()).append('\n');
      out.append("  ").append(r.reason()).append('\n');
      if (r.condition() != null) {
        out.append("  failing condition (")
            .append(r.file())
            .append(':')
            .append(r.line())
            .append("): ")
            .append(r.condition())
            .append('\n');
      }
      if (!r.seen().isEmpty()) {
        out.append("  values it saw:\n");
        r.seen().forEach(s -> out.append("    ").append(s).append('\n'));
      } else if (r.condition() != null) {
        out.append("  values it saw: no fact of that type\n");
      }
    }
    if (e.fact() != null && e.repairs().isEmpty()) {
      out.append("No repair entry for ")
          .append(e.fact())
          .append(e.measure() == null ? "" : " of " + e.measure())
          .append(" in the decision.\n");
    }
    for (RepairExplanation r : e.repairs()) {
      out.append("\nrepair ")
          .append(r.fact())
          .append(r.procedure() == null ? "" : " (" + r.procedure() + ")")
          .append(": ")
          .append(r.status())
          .append(r.earliest() == null ? "" : ", earliest " + r.earliest())
          .append(r.unmet().isEmpty() ? "" : ", unmet " + r.unmet())
          .append('\n');
      out.append("  ").append(r.reason()).append('\n');
      out.append("  rule ").append(r.rule());
      if (r.function() != null) {
        out.append(", computed by ")
            .append(r.function())
            .append(" (")
            .append(r.file())
            .append(':')
            .append(r.line())
            .append(')');
      }
      out.append('\n');
      for (Condition c : r.conditions()) {
        String verdict = c.holds() == null ? "not reached" : c.holds() ? "holds" : "does not hold";
        out.append("  ")
            .append(String.join(", ", c.conclusions()))
            .append(": ")
            .append(c.condition() == null ? "(always, when reached)" : verdict)
            .append('\n');
        if (c.condition() != null) {
          out.append("    ")
              .append(c.file())
              .append(':')
              .append(c.line())
              .append("  ")
              .append(c.condition())
              .append('\n');
        }
        c.values().forEach(v -> out.append("      ").append(v).append('\n'));
      }
      if (!r.values().isEmpty()) {
        out.append("  values:\n");
        r.values().forEach(v -> out.append("    ").append(v).append('\n'));
      }
    }
    return out.toString();
  }

  /** The explanation as JSON: the one form the CLI and the HTTP service write. */
  static String json(Explanation e) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("measure", e.measure());
    root.put("fact", e.fact());
    root.put("inDecision", e.inDecision());
    ArrayNode outcomes = root.putArray("outcomes");
    for (Outcome o : e.outcomes()) {
      outcomes
          .addObject()
          .put("rule", o.rule())
          .put("from", o.from().toString())
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
    ArrayNode repairs = root.putArray("repairs");
    for (RepairExplanation r : e.repairs()) {
      ObjectNode n = repairs.addObject();
      n.put("fact", r.fact());
      n.put("procedure", r.procedure());
      n.put("status", r.status().name());
      n.put("earliest", r.earliest() == null ? null : r.earliest().toString());
      n.set("unmet", mapper.valueToTree(r.unmet()));
      n.put("rule", r.rule());
      n.put("function", r.function());
      n.put("file", r.file());
      n.put("line", r.line());
      n.put("reason", r.reason());
      ArrayNode conditions = n.putArray("conditions");
      for (Condition c : r.conditions()) {
        ObjectNode cn = conditions.addObject();
        cn.set("conclusions", mapper.valueToTree(c.conclusions()));
        if (c.holds() == null) {
          cn.putNull("holds");
        } else {
          cn.put("holds", c.holds());
        }
        cn.put("condition", c.condition());
        cn.put("file", c.file());
        cn.put("line", c.line());
        cn.set("values", mapper.valueToTree(c.values()));
      }
      n.set("values", mapper.valueToTree(r.values()));
    }
    return PRETTY.trees().writePretty(root);
  }
}
