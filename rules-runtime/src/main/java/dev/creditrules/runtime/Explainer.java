package dev.creditrules.runtime;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Request;
import dev.creditrules.runtime.Explanation.RepairExplanation;
import dev.creditrules.runtime.Explanation.RuleExplanation;
import dev.creditrules.runtime.Explanation.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.kie.api.runtime.KieSession;

/**
 * Explains why a measure is or is not in a decision. For every rule that can produce the measure
 * ({@code @measure} metadata), it reports whether the rule fired; when it did not, it finds the
 * first condition that failed by compiling <em>probe rules</em>: for a rule with conditions {@code
 * C1 … Cn}, probe k has the conditions {@code C1 … Ck}, and for a pattern its constraints one by
 * one. Drools itself evaluates the probes on the very facts the rule saw, so the answer is what the
 * engine did, not a re-implementation of it.
 */
public final class Explainer {
  private static final Pattern RULE_HEADER = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;?");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+[^\\n]+");
  private static final Pattern EVAL = Pattern.compile("^eval\\s*\\((.*)\\)$", Pattern.DOTALL);
  private static final Pattern PATTERN_ELEMENT =
      Pattern.compile("^(\\$\\w+\\s*:\\s*)?([A-Z]\\w*)\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

  private Explainer() {}

  /**
   * Explains {@code measure} for {@code request}.
   *
   * @throws InvalidRequestException if the request breaks the contract
   */
  public static Explanation explain(CreditRulesEngine engine, Request request, String measure) {
    return explain(engine, request, Objects.requireNonNull(measure, "measure"), null);
  }

  /**
   * Explains a measure or repair procedure, a fact's repair entry, or both, for {@code request}.
   * For a measure: every rule that can produce it. For a repair procedure ({@code @procedure} of a
   * rule): its rules, and each repair entry they concluded with the conditions of the pack function
   * behind it. For a fact: its repair entry.
   *
   * @param measure a measure or procedure id, or null to explain the fact's repair entry
   * @param fact a fact id to explain the repair entry of, or null for every entry of the procedure
   * @throws InvalidRequestException if the request breaks the contract
   */
  public static Explanation explain(
      CreditRulesEngine engine, Request request, @Nullable String measure, @Nullable String fact) {
    if (measure == null && fact == null) {
      throw new NullPointerException("measure and fact");
    }
    List<String> fired = new ArrayList<>();
    Map<String, List<Object>> inputs = new LinkedHashMap<>();
    Decision decision =
        engine.decide(
            request,
            new DecisionListener() {
              @Override
              public boolean wantsFirings() {
                return true;
              }

              @Override
              public void fired(String rule) {
                fired.add(rule);
              }

              @Override
              public boolean wantsPackInputs() {
                return true;
              }

              @Override
              public void packInput(String packKey, List<Object> facts) {
                inputs.put(packKey, facts);
              }
            });
    List<Outcome> outcomes =
        Stream.of(decision.incentives(), decision.sanctions(), decision.warnings())
            .flatMap(List::stream)
            .filter(o -> o.measure().equals(measure))
            .toList();
    List<RuleExplanation> rules = new ArrayList<>();
    List<RepairExplanation> repairs = new ArrayList<>();
    for (CompiledPack pack : engine.packSet().all()) {
      for (var pkg : pack.packages()) {
        for (var rule : pkg.getRules()) {
          Object m = rule.getMetaData().get("measure");
          String id = pack.key() + "/" + rule.getName();
          boolean procedure = measure != null && procedures(pack, id).contains(measure);
          if (measure != null
              && (procedure || (m != null && PackLinter.unquote(m).equals(measure)))) {
            rules.add(
                explainRule(
                    pack,
                    rule.getName(),
                    fired,
                    inputs.get(pack.key()),
                    outcomes,
                    procedure ? entries(decision, id, fact) : null));
          }
        }
      }
    }
    for (Repair entry : decision.repairs()) {
      if ((fact == null || entry.fact().equals(fact))
          && (measure == null || procedures(engine, entry.rule()).contains(measure))) {
        CompiledPack pack = packOf(engine, entry.rule());
        if (pack != null) {
          String name = entry.rule().substring(entry.rule().indexOf('/') + 1);
          repairs.add(RepairExplainer.explain(pack, name, entry, inputs.get(pack.key())));
        }
      }
    }
    rules.sort(java.util.Comparator.comparing(RuleExplanation::rule));
    return new Explanation(measure, fact, outcomes, rules, repairs);
  }

  /** The procedures a rule names in {@code @procedure} ({@code "A, B"}). */
  private static List<String> procedures(CompiledPack pack, String ruleId) {
    String p = pack.procedures().get(ruleId.substring(ruleId.indexOf('/') + 1));
    return p == null ? List.of() : List.of(p.split("\\s*,\\s*"));
  }

  private static List<String> procedures(CreditRulesEngine engine, String ruleId) {
    CompiledPack pack = packOf(engine, ruleId);
    return pack == null ? List.of() : procedures(pack, ruleId);
  }

  private static @Nullable CompiledPack packOf(CreditRulesEngine engine, String ruleId) {
    String key = ruleId.substring(0, Math.max(0, ruleId.indexOf('/')));
    for (CompiledPack pack : engine.packSet().all()) {
      if (pack.key().equals(key)) {
        return pack;
      }
    }
    return null;
  }

  private static List<Repair> entries(Decision decision, String ruleId, @Nullable String fact) {
    return decision.repairs().stream()
        .filter(r -> r.rule().equals(ruleId) && (fact == null || r.fact().equals(fact)))
        .toList();
  }

  /**
   * @param entries for a repair rule, the decision's entries it concluded; null for a measure's
   */
  private static RuleExplanation explainRule(
      CompiledPack pack,
      String name,
      List<String> fired,
      @Nullable List<Object> input,
      List<Outcome> outcomes,
      @Nullable List<Repair> entries) {
    String id = pack.key() + "/" + name;
    RuleSource src = RuleSource.find(pack.source(), name);
    if (fired.contains(id) && entries != null) {
      String reason =
          entries.isEmpty()
              ? "fired, but no repair entry of it is in the decision (another version's or a layer's"
                  + " entry replaced it)"
              : "fired: repair entries for "
                  + entries.stream().map(Repair::fact).toList()
                  + " (see repairs)";
      return new RuleExplanation(id, Verdict.FIRED, reason, src.file, src.line, null, List.of());
    }
    if (fired.contains(id)) {
      List<Outcome> mine = outcomes.stream().filter(o -> o.rule().equals(id)).toList();
      String reason =
          mine.isEmpty()
              ? "fired, but its outcome is not in the decision: its window does not contain asOf, the"
                  + " request's areas exclude it, or a repair grant ended it"
              : "fired: "
                  + mine.size()
                  + " outcome(s) in the decision, citing "
                  + mine.get(0).facts();
      return new RuleExplanation(id, Verdict.FIRED, reason, src.file, src.line, null, List.of());
    }
    if (input == null) {
      return new RuleExplanation(
          id,
          Verdict.NOT_RUN,
          "not evaluated: "
              + pack.key()
              + " judges no fact of this request and is not the version"
              + " in force on asOf",
          src.file,
          src.line,
          null,
          List.of());
    }
    return probe(pack, id, src, input);
  }

  /** Compiles the probes of one rule next to its pack and runs them on the rule's session facts. */
  private static RuleExplanation probe(
      CompiledPack pack, String id, RuleSource src, List<Object> input) {
    StringBuilder drl = new StringBuilder();
    Matcher pkg = PACKAGE.matcher(src.text);
    drl.append(pkg.find() ? pkg.group().strip() : "").append('\n');
    Matcher imp = IMPORT.matcher(src.text);
    while (imp.find()) {
      drl.append(imp.group().strip()).append('\n');
    }
    drl.append("global java.util.List __explainValues;\n");
    List<String> elements = src.conditions;
    Map<String, String> probeCondition = new LinkedHashMap<>();
    for (int k = 0; k < elements.size(); k++) {
      String prefix = String.join("\n", elements.subList(0, k));
      addProbe(drl, k + "", prefix + "\n" + elements.get(k));
      probeCondition.put(k + "", elements.get(k));
      Matcher eval = EVAL.matcher(elements.get(k).strip());
      if (eval.matches()) {
        addValues(drl, k, prefix, eval.group(1), pack.source().functions().keySet());
      }
      Matcher p = PATTERN_ELEMENT.matcher(elements.get(k).strip());
      if (p.matches() && !elements.get(k).contains(" from ")) {
        List<String> constraints = splitTopLevel(p.group(3));
        for (int j = 0; j < constraints.size(); j++) {
          String partial =
              (p.group(1) == null ? "" : p.group(1))
                  + p.group(2)
                  + "("
                  + String.join(", ", constraints.subList(0, j + 1))
                  + ")";
          addProbe(drl, k + "." + j, prefix + "\n" + partial);
          probeCondition.put(k + "." + j, constraints.get(j).strip());
        }
      }
    }
    // the version's effective rules (what it inherits included) and the probes beside them
    List<PackVersion.Unit> files = new ArrayList<>(pack.source().units());
    files.add(new PackVersion.Unit("__explain.drl", drl.toString(), Set.of(), false));
    List<PackProblem> problems = new ArrayList<>();
    // the probes are compiled here and now: that needs the opt-in compiler (OptIn)
    String missing = OptIn.missingCompiler();
    if (missing != null) {
      problems.add(new PackProblem(pack.key(), "", 0, 0, null, missing));
    }
    var packages =
        missing != null
            ? null
            : DrlBuilder.build(pack.key(), files, null, pack.classes(), problems);
    if (packages == null) {
      return new RuleExplanation(
          id,
          Verdict.FAILED,
          "did not fire; its conditions could not be probed: " + problems,
          src.file,
          src.line,
          null,
          List.of());
    }
    Set<String> matched = new HashSet<>();
    List<Object[]> values = new ArrayList<>();
    KieSession session =
        SessionBase.newKieBase(packages, false, pack.classes().loader()).newKieSession();
    try {
      session.setGlobal("__explainValues", values);
      input.forEach(session::insert);
      session.fireAllRules();
      for (Object o : session.getObjects(o -> o instanceof String s && s.startsWith("__probe:"))) {
        matched.add(((String) o).substring("__probe:".length()));
      }
    } finally {
      session.dispose();
    }
    for (int k = 0; k < elements.size(); k++) {
      if (matched.contains(k + "")) {
        continue;
      }
      String element = elements.get(k);
      String failing = element.strip();
      for (int j = 0; probeCondition.containsKey(k + "." + j); j++) {
        if (!matched.contains(k + "." + j)) {
          // there: the loop's condition
          failing = Objects.requireNonNull(probeCondition.get(k + "." + j));
          break;
        }
      }
      String type = typeOf(element);
      List<String> seen = new ArrayList<>();
      for (Object o : input) {
        if (type != null && o.getClass().getSimpleName().equals(type)) {
          seen.add(pack.classes().describe(o));
        }
      }
      if (EVAL.matcher(element.strip()).matches()) {
        // an eval reads variables and calls, not a fact type: what each had, per match of the
        // conditions before it
        int activation = -1;
        int n = 0;
        for (Object[] v : values) {
          if ((Integer) v[0] != k) {
            continue;
          }
          if ((Integer) v[1] != activation) {
            activation = (Integer) v[1];
            n++;
          }
          seen.add((n > 1 ? "(match " + n + ") " : "") + v[2] + " = " + describe(pack, v[3]));
        }
      }
      String reason =
          k == 0
              ? "did not fire: its first condition matched nothing"
              : "did not fire: conditions 1-" + k + " matched, condition " + (k + 1) + " did not";
      return new RuleExplanation(
          id,
          Verdict.FAILED,
          reason,
          src.file,
          src.line + src.offsets.get(k),
          failing.equals(element.strip()) ? failing : failing + "   (in " + element.strip() + ")",
          seen);
    }
    return new RuleExplanation(
        id,
        Verdict.FAILED,
        "did not fire although each condition matched on its own (a consequence or agenda effect)",
        src.file,
        src.line,
        null,
        List.of());
  }

  /**
   * A rule with the conditions before eval {@code k} that records, for each match, the values of
   * the variables, the version's function calls and the whole expression the eval reads.
   */
  private static void addValues(
      StringBuilder drl, int k, String prefix, String expression, Set<String> functions) {
    Set<String> parts = new java.util.LinkedHashSet<>();
    String code = PackLinter.blankCommentsAndStrings(expression);
    Matcher v = Pattern.compile("\\$\\w+").matcher(code);
    while (v.find()) {
      parts.add(v.group());
    }
    Matcher call = Pattern.compile("(?<![\\w.$])(\\w+)\\s*\\(").matcher(code);
    while (call.find()) {
      if (functions.contains(call.group(1))) {
        int depth = 0;
        int end = call.end() - 1;
        for (; end < code.length(); end++) {
          if (code.charAt(end) == '(') {
            depth++;
          } else if (code.charAt(end) == ')' && --depth == 0) {
            break;
          }
        }
        parts.add(expression.substring(call.start(), Math.min(end + 1, expression.length())));
      }
    }
    parts.add(expression.strip());
    drl.append("rule \"__values ")
        .append(k)
        .append("\"\nwhen\n")
        .append(prefix)
        .append("\nthen\n")
        .append("    int __n = __explainValues.size();\n");
    for (String p : parts) {
      drl.append("    try { __explainValues.add(new Object[] {")
          .append(k)
          .append(", __n, \"")
          .append(p.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\", (Object) (")
          .append(p)
          .append(")}); } catch (RuntimeException __e) { __explainValues.add(new Object[] {")
          .append(k)
          .append(", __n, \"")
          .append(p.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\", __e.toString()}); }\n");
    }
    drl.append("end\n");
  }

  /** A value as an explanation shows it: a fact with its fields, a list item by item. */
  static String describe(CompiledPack pack, Object v) {
    if (v instanceof java.util.Collection<?> c) {
      List<String> items = new ArrayList<>();
      c.forEach(o -> items.add(pack.classes().describe(o)));
      return "[" + String.join(", ", items) + "]";
    }
    return v == null ? "null" : pack.classes().describe(v);
  }

  private static void addProbe(StringBuilder drl, String key, String conditions) {
    drl.append("rule \"__probe ")
        .append(key)
        .append("\"\nwhen\n")
        .append(conditions)
        .append("\nthen\n    insert(\"__probe:")
        .append(key)
        .append("\");\nend\n");
  }

  /** The fact type a condition matches: {@code X} in {@code $x : X(..)}, {@code not X(..)}, etc. */
  static @Nullable String typeOf(String element) {
    Matcher m =
        Pattern.compile("^(?:not\\s+|exists\\s+)?(?:\\$\\w+\\s*:\\s*)?([A-Z]\\w*)\\s*\\(")
            .matcher(element.strip());
    if (m.find()) {
      return m.group(1);
    }
    Matcher from = Pattern.compile("from\\s+collect\\s*\\(\\s*([A-Z]\\w*)").matcher(element);
    return from.find() ? from.group(1) : null;
  }

  /** Splits on commas at parenthesis depth 0, outside string literals. */
  static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (!inString && (c == '(' || c == '[' || c == '{')) {
        depth++;
      } else if (!inString && (c == ')' || c == ']' || c == '}')) {
        depth--;
      } else if (!inString && depth == 0 && c == ',') {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (!s.substring(start).isBlank()) {
      parts.add(s.substring(start));
    }
    return parts;
  }

  /** A rule's text split into its conditions, with the line of each. */
  static final class RuleSource {
    final String file;
    final String text;
    final int line;
    final List<String> conditions = new ArrayList<>();
    final List<Integer> offsets = new ArrayList<>();

    private RuleSource(String file, String text, int line) {
      this.file = file;
      this.text = text;
      this.line = line;
    }

    /**
     * The effective rule {@code name} of a version: in its own files, or in the ancestor's file it
     * inherits it from ({@code ../<version>/<file>}).
     */
    static RuleSource find(PackVersion version, String name) {
      PackVersion.Site site = version.rules().get(name);
      if (site == null) {
        return new RuleSource("", "", 0);
      }
      String text = site.unit().text();
      RuleSource src = new RuleSource(site.path(), text, site.line());
      String rule = site.text();
      if (rule.indexOf('\n') < 0) {
        // a rule written on one line (a grade table's row): one condition per pattern, so the
        // probes can tell which one failed; every condition is on the row's line
        rule =
            rule.replaceFirst("\\s+when\\s+", "\nwhen\n")
                .replaceFirst("\\s+then\\s+", "\nthen\n")
                .replaceAll(
                    "\\)\\s+(?=(?:not\\s+|exists\\s+)?(?:\\$\\w+\\s*:\\s*)?[A-Z]\\w*\\s*\\()",
                    ")\n");
        src.split(rule);
        src.offsets.replaceAll(o -> 0);
      } else {
        src.split(text.substring(site.start()));
      }
      return src;
    }

    /** Splits the text between {@code when} and {@code then} into top-level conditions. */
    private void split(String ruleText) {
      String[] lines = ruleText.split("\n", -1);
      int i = 0;
      while (i < lines.length && !lines[i].strip().equals("when")) {
        i++;
      }
      int depth = 0;
      StringBuilder current = new StringBuilder();
      int currentStart = 0;
      for (i = i + 1; i < lines.length && !lines[i].strip().equals("then"); i++) {
        String code = stripComment(lines[i]);
        if (code.isBlank()) {
          continue;
        }
        boolean continuation =
            depth > 0 || code.strip().matches("^(from|&&|\\|\\||or|and|over)\\b.*");
        if (!continuation && current.length() > 0) {
          conditions.add(current.toString());
          offsets.add(currentStart);
          current.setLength(0);
        }
        if (current.length() == 0) {
          currentStart = i;
        } else {
          current.append('\n');
        }
        current.append(code);
        for (char c : code.toCharArray()) {
          if (c == '(') {
            depth++;
          } else if (c == ')') {
            depth--;
          }
        }
      }
      if (current.length() > 0) {
        conditions.add(current.toString());
        offsets.add(currentStart);
      }
    }

    private static String stripComment(String line) {
      boolean inString = false;
      for (int i = 0; i + 1 < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          inString = !inString;
        } else if (!inString && c == '/' && line.charAt(i + 1) == '/') {
          return line.substring(0, i);
        }
      }
      return line;
    }
  }
}
