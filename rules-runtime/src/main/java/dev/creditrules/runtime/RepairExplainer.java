package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Unmet;
import dev.creditrules.pack.ExplainTrace;
import dev.creditrules.pack.RepairHit;
import dev.creditrules.runtime.Explanation.Condition;
import dev.creditrules.runtime.Explanation.RepairExplanation;
import dev.creditrules.runtime.TracedFunction.Guard;
import dev.creditrules.runtime.TracedFunction.Kind;
import dev.creditrules.runtime.TracedFunction.Place;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kie.api.runtime.KieSession;

/**
 * Explains a repair entry from the pack's own code: the rule that concluded it calls a pack
 * function ({@code penaltyRepair($p, $asOf, $cs)}); a traced copy of that function ({@link
 * TracedFunction}) runs in a probe rule with the rule's own conditions on the facts the rule saw,
 * and records every condition, variable and call. Nothing of a procedure is known here.
 */
final class RepairExplainer {
  private static final Pattern CALL = Pattern.compile("(?<![\\w.$])(\\w+)\\s*\\(");
  private static final Pattern INSERT = Pattern.compile("\\binsert(?:Logical)?\\s*\\(");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+[^\\n]+");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;?");

  private RepairExplainer() {}

  static RepairExplanation explain(
      CompiledPack pack, String ruleName, Repair entry, @Nullable List<Object> input) {
    PackVersion version = pack.source();
    // the rule made a repair entry, so it names its procedure (the assembler refuses it otherwise)
    String procedure =
        Objects.requireNonNull(pack.procedures().get(ruleName), () -> ruleName + ": no @procedure");
    PackVersion.Site site = version.rules().get(ruleName);
    List<String> unmet = entry.unmet().stream().map(u -> u.code().name()).toList();
    if (site == null || input == null) {
      return new RepairExplanation(
          entry.fact(),
          procedure,
          entry.status(),
          entry.earliest(),
          unmet,
          entry.rule(),
          null,
          "",
          0,
          List.of(),
          List.of(),
          "the rule's text or facts are not available");
    }
    String ruleText = site.text();
    String code = PackLinter.blankCommentsAndStrings(ruleText);
    int then = thenAt(code);
    String consequence = then < 0 ? "" : ruleText.substring(then + 4, code.lastIndexOf("end"));
    TracedFunction fn = null;
    Matcher call = CALL.matcher(PackLinter.blankCommentsAndStrings(consequence));
    while (fn == null && call.find()) {
      PackVersion.Site f = version.functions().get(call.group(1));
      if (f != null && !f.unit().generated()) {
        fn = new TracedFunction(f.text(), f.path(), f.line(), version.functions().keySet());
      }
    }
    if (fn == null) {
      return new RepairExplanation(
          entry.fact(),
          procedure,
          entry.status(),
          entry.earliest(),
          unmet,
          entry.rule(),
          null,
          site.path(),
          site.line(),
          List.of(),
          List.of(),
          reason(entry, unmet) + "; the rule concludes it directly: " + consequence.strip());
    }
    // the probe: the rule's conditions, its consequence calling the traced copy
    Explainer.RuleSource src = Explainer.RuleSource.find(version, ruleName);
    Set<String> header = new LinkedHashSet<>();
    Matcher pkg = PACKAGE.matcher(site.unit().text());
    header.add(pkg.find() ? pkg.group().strip() : "");
    // fn is the copy of one of the version's functions, found by its name just above
    PackVersion.Site fnSite = Objects.requireNonNull(version.functions().get(fn.name), fn.name);
    for (String text : List.of(site.unit().text(), fnSite.unit().text())) {
      Matcher imp = IMPORT.matcher(text);
      while (imp.find()) {
        header.add(imp.group().strip());
      }
    }
    String body =
        consequence.replaceAll(
            "(?<![\\w.$])" + fn.name + "\\s*\\(", "__explain_" + fn.name + "(__t, ");
    body = INSERT.matcher(body).replaceAll("__t.result(");
    String drl =
        String.join("\n", header)
            + "\nglobal java.util.List __explainTraces;\n"
            + fn.copy
            + "\nrule \"__explain repair\"\nwhen\n"
            + String.join("\n", src.conditions)
            + "\nthen\n    dev.creditrules.pack.ExplainTrace __t = new dev.creditrules.pack.ExplainTrace();\n"
            + "    __explainTraces.add(__t);\n"
            + body
            + "\nend\n";
    List<PackVersion.Unit> files = new ArrayList<>(version.units());
    files.add(new PackVersion.Unit("__explain_repair.drl", drl, Set.of(), false));
    List<PackProblem> problems = new ArrayList<>();
    // the probes are compiled here and now: that needs the opt-in compiler (OptIn)
    String missing = OptIn.missingCompiler();
    if (missing != null) {
      problems.add(new PackProblem(pack.key(), "", 0, 0, null, missing));
    }
    Collection<org.kie.api.definition.KiePackage> packages =
        missing != null
            ? null
            : DrlBuilder.build(pack.key(), files, null, pack.classes(), problems);
    if (packages == null) {
      return new RepairExplanation(
          entry.fact(),
          procedure,
          entry.status(),
          entry.earliest(),
          unmet,
          entry.rule(),
          fn.name,
          fn.file,
          fn.line,
          List.of(),
          List.of(),
          reason(entry, unmet) + "; its function could not be traced: " + problems);
    }
    List<ExplainTrace> traces = new ArrayList<>();
    KieSession session =
        SessionBase.newKieBase(packages, false, pack.classes().loader()).newKieSession();
    try {
      session.setGlobal("__explainTraces", traces);
      input.forEach(session::insert);
      session.fireAllRules();
    } finally {
      session.dispose();
    }
    ExplainTrace trace = null;
    for (ExplainTrace t : traces) {
      if (t.result() instanceof RepairHit h && h.fact().equals(entry.fact())) {
        trace = t;
      }
    }
    if (trace == null) {
      return new RepairExplanation(
          entry.fact(),
          procedure,
          entry.status(),
          entry.earliest(),
          unmet,
          entry.rule(),
          fn.name,
          fn.file,
          fn.line,
          List.of(),
          List.of(),
          reason(entry, unmet) + "; the traced copy of " + fn.name + " concluded nothing for it");
    }
    return new RepairExplanation(
        entry.fact(),
        procedure,
        entry.status(),
        entry.earliest(),
        unmet,
        entry.rule(),
        fn.name,
        fn.file,
        fn.line,
        conditions(pack, fn, trace, entry),
        values(pack, fn, trace),
        reason(entry, unmet));
  }

  private static int thenAt(String code) {
    Matcher m = Pattern.compile("(?m)(?<![\\w.$])then(?![\\w$])").matcher(code);
    return m.find() ? m.start() : -1;
  }

  private static String reason(Repair entry, List<String> unmet) {
    return switch (entry.status()) {
      case NOT_YET ->
          "NOT_YET: "
              + unmet.size()
              + " condition(s) unmet ("
              + String.join(", ", unmet)
              + ")"
              + (entry.earliest() == null
                  ? "; no day is known yet when the time conditions hold"
                  : "; the time conditions hold from " + entry.earliest());
      case ELIGIBLE ->
          "ELIGIBLE: every condition is met"
              + (entry.earliest() == null ? "" : " (since " + entry.earliest() + ")");
      case NEVER -> "NEVER: " + String.join(", ", unmet);
      case EXPIRED -> "EXPIRED: the record's term is over";
      case REPAIRED -> "REPAIRED: a repair grant covers the record";
    };
  }

  /** Each guarded conclusion, with whether its condition held and what it read. */
  private static List<Condition> conditions(
      CompiledPack pack, TracedFunction fn, ExplainTrace trace, Repair entry) {
    List<ExplainTrace.Event> events = trace.events();
    List<Condition> out = new ArrayList<>();
    for (Guard g : fn.guards) {
      if (g.condition() < 0) {
        boolean applies =
            g.conclusions().stream()
                .anyMatch(
                    c ->
                        c.equals(entry.status().name())
                            || entry.unmet().stream()
                                .map(Unmet::code)
                                .anyMatch(u -> u.name().equals(c)));
        out.add(new Condition(g.conclusions(), applies, null, fn.file, fn.line, List.of()));
        continue;
      }
      Place p = fn.places.get(g.condition());
      int at = -1;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).id() == g.condition()) {
          boolean v = (Boolean) events.get(i).value();
          at = i;
          if (v != g.negated()) {
            break;
          }
        }
      }
      Boolean holds = at < 0 ? null : ((Boolean) events.get(at).value()) != g.negated();
      List<String> values = new ArrayList<>();
      if (at >= 0) {
        for (String name : fn.namesIn(p.code())) {
          values.add(name + " = " + describe(pack, lastValue(fn, events, at, name)));
        }
        for (int id = 0; id < fn.places.size(); id++) {
          Place c = fn.places.get(id);
          if (c.kind() == Kind.CALL && c.start() >= p.start() && c.end() <= p.end()) {
            Object v = lastEvent(events, at, id);
            values.add(c.code() + " = " + describe(pack, v));
          }
        }
      }
      out.add(
          new Condition(
              g.conclusions(),
              holds,
              g.negated() ? "not (" + p.code() + ")" : p.code(),
              fn.file,
              p.line(),
              values));
    }
    return out;
  }

  /** Every parameter and variable of the function with its last value, in the order written. */
  private static List<String> values(CompiledPack pack, TracedFunction fn, ExplainTrace trace) {
    List<String> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (Place p : fn.places) {
      String name = p.name();
      if (p.kind() != Kind.VARIABLE || name == null || !done.add(name)) {
        continue;
      }
      Object v = lastValue(fn, trace.events(), trace.events().size(), name);
      out.add(
          name
              + " = "
              + (p.text() == null ? "" : p.text() + " = ")
              + describe(pack, v)
              + "  ("
              + fn.file
              + ":"
              + p.line()
              + ")");
    }
    return out;
  }

  private static Object lastValue(
      TracedFunction fn, List<ExplainTrace.Event> events, int before, String name) {
    for (int i = Math.min(before, events.size()) - 1; i >= 0; i--) {
      Place p = fn.places.get(events.get(i).id());
      if (p.kind() == Kind.VARIABLE && name.equals(p.name())) {
        return events.get(i).value();
      }
    }
    return "(not set)";
  }

  private static Object lastEvent(List<ExplainTrace.Event> events, int before, int id) {
    for (int i = before - 1; i >= 0; i--) {
      if (events.get(i).id() == id) {
        return events.get(i).value();
      }
    }
    return "(not called)";
  }

  private static String describe(CompiledPack pack, Object v) {
    return Explainer.describe(pack, v);
  }
}
