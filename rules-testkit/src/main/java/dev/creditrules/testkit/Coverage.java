package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rule coverage of a set of regression cases: per pack version, the cases that fire each rule, the
 * rules that never fire, the catalogue measures no case reaches, and for each repair procedure rule
 * the outcome branches the cases reach.
 *
 * @param packs one entry per pack version, sorted by {@code id@version}
 * @param cases how many cases ran
 * @param failed how many of them failed
 */
public record Coverage(List<PackCoverage> packs, int cases, int failed) {
  /** The outcome branches of a repair procedure; {@code NOT_YET} is also split by unmet code. */
  static final List<String> BRANCHES = List.of("ELIGIBLE", "NOT_YET", "NEVER", "EXPIRED");

  public Coverage {
    packs = List.copyOf(packs);
  }

  /**
   * One pack version's coverage.
   *
   * @param pack {@code id@version}
   * @param firedBy rule name to the cases that fire it ({@code file:line: name}), empty for rules
   *     that never fire
   * @param sources rule name to where it is written ({@code general.drl:12}, a table's row), as
   *     {@link RuleInfo} names it; absent when unknown
   * @param unexpectedMeasures catalogue measures that no case names in an {@code include}
   * @param unreachedMeasures catalogue measures in no case's decision
   * @param repairs per repair procedure rule that some case's repair entry cites, each branch
   *     ({@code ELIGIBLE}, {@code NOT_YET}, {@code NOT_YET MIN_PERIOD}, …, {@code NEVER}, {@code
   *     EXPIRED}) to the cases that reach it (empty for a branch no case reaches)
   */
  public record PackCoverage(
      String pack,
      Map<String, List<String>> firedBy,
      Map<String, String> sources,
      Set<String> unexpectedMeasures,
      Set<String> unreachedMeasures,
      Map<String, Map<String, List<String>>> repairs) {
    public PackCoverage {
      firedBy = copy(firedBy);
      sources = Map.copyOf(sources);
      unexpectedMeasures = Set.copyOf(unexpectedMeasures);
      unreachedMeasures = Set.copyOf(unreachedMeasures);
      Map<String, Map<String, List<String>>> r = new TreeMap<>();
      repairs.forEach((k, v) -> r.put(k, copy(v)));
      repairs = java.util.Collections.unmodifiableMap(r);
    }

    /** Rule name to the number of cases that fire it, sorted by name. */
    public Map<String, Integer> firings() {
      Map<String, Integer> out = new TreeMap<>();
      firedBy.forEach((rule, cases) -> out.put(rule, cases.size()));
      return java.util.Collections.unmodifiableMap(out);
    }

    /** The rules that never fired, sorted. */
    public List<String> neverFired() {
      return firedBy.entrySet().stream()
          .filter(e -> e.getValue().isEmpty())
          .map(Map.Entry::getKey)
          .toList();
    }

    /** The repair branches no case reaches, as {@code rule: BRANCH}, sorted. */
    public List<String> unreachedBranches() {
      List<String> out = new ArrayList<>();
      repairs.forEach(
          (rule, branches) ->
              branches.forEach(
                  (b, cases) -> {
                    if (cases.isEmpty()) {
                      out.add(rule + ": " + b);
                    }
                  }));
      return out;
    }

    /** Rules that fired at least once, in percent of all rules (100 for a pack without rules). */
    public double percent() {
      return firedBy.isEmpty()
          ? 100.0
          : 100.0 * (firedBy.size() - neverFired().size()) / firedBy.size();
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
      Map<String, List<String>> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, List.copyOf(v)));
      return java.util.Collections.unmodifiableMap(out);
    }
  }

  /** Rules that fired at least once, in percent of all rules of all packs. */
  public double percent() {
    int all = packs.stream().mapToInt(p -> p.firedBy().size()).sum();
    int fired = packs.stream().mapToInt(p -> p.firedBy().size() - p.neverFired().size()).sum();
    return all == 0 ? 100.0 : 100.0 * fired / all;
  }

  /** Computes the coverage of {@code results}, run on {@code engine}, over all its packs. */
  public static Coverage of(CreditRulesEngine engine, List<CaseResult> results) {
    return of(engine, results, Set.of());
  }

  /**
   * Computes the coverage of {@code results}, run on {@code engine}, over the versions of the packs
   * {@code packIds} (empty: all): the cases of some packs say nothing of the others' rules.
   */
  public static Coverage of(
      CreditRulesEngine engine, List<CaseResult> results, Set<String> packIds) {
    Map<String, Map<String, List<String>>> firedBy = new TreeMap<>();
    Map<String, Map<String, String>> sources = new TreeMap<>();
    Map<String, Map<String, Map<String, List<String>>>> repairs = new TreeMap<>();
    for (RuleInfo r : engine.rules()) {
      if (!packIds.isEmpty() && !packIds.contains(r.pack().id())) {
        continue;
      }
      String pack = r.pack().id() + "@" + r.pack().version();
      firedBy.computeIfAbsent(pack, k -> new TreeMap<>()).put(r.name(), new ArrayList<>());
      if (!r.file().isEmpty()) {
        sources
            .computeIfAbsent(pack, k -> new TreeMap<>())
            .put(r.name(), r.file() + (r.line() > 0 ? ":" + r.line() : ""));
      }
      if (r.metadata().containsKey("procedure")) {
        Map<String, List<String>> branches = new TreeMap<>();
        BRANCHES.forEach(b -> branches.put(b, new ArrayList<>()));
        repairs.computeIfAbsent(pack, k -> new TreeMap<>()).put(r.name(), branches);
      }
    }
    Set<String> expected = new TreeSet<>();
    Set<String> reached = new TreeSet<>();
    int failed = 0;
    for (CaseResult result : results) {
      if (!result.passed()) {
        failed++;
      }
      RegressionCase c = result.regressionCase();
      String label = c.where() + ": " + c.name();
      for (String id : new TreeSet<>(result.fired())) {
        int slash = id.indexOf('/');
        Map<String, List<String>> rules = firedBy.get(id.substring(0, slash));
        if (rules != null) {
          rules.computeIfAbsent(id.substring(slash + 1), k -> new ArrayList<>()).add(label);
        }
      }
      for (String list : Expectations.LISTS) {
        for (JsonNode want : c.expect().path(list).path("include")) {
          expected.add(want.isTextual() ? want.asText() : want.path("measure").asText());
        }
        result.actual().path(list).forEach(o -> reached.add(o.path("measure").asText()));
      }
      for (JsonNode repair : result.actual().path("repairs")) {
        String rule = repair.path("rule").asText();
        int slash = rule.indexOf('/');
        if (slash < 0) {
          continue;
        }
        Map<String, List<String>> branches =
            repairs.getOrDefault(rule.substring(0, slash), Map.of()).get(rule.substring(slash + 1));
        if (branches == null) {
          continue;
        }
        String status = repair.path("status").asText();
        add(branches, status, label);
        if (status.equals("NOT_YET")) {
          for (JsonNode u : repair.path("unmet")) {
            add(branches, status + " " + u.path("code").asText(), label);
          }
        }
      }
    }
    // a procedure rule that no repair entry cites concludes something else (a dispute channel) or
    // never fired (listed as such): no branches for it
    repairs
        .values()
        .forEach(
            rules -> rules.values().removeIf(b -> b.values().stream().allMatch(List::isEmpty)));
    Map<String, Set<String>> measures = engine.measures();
    List<PackCoverage> packs = new ArrayList<>();
    firedBy.forEach(
        (pack, rules) -> {
          Set<String> unexpected = new TreeSet<>(measures.getOrDefault(pack, Set.of()));
          unexpected.removeAll(expected);
          Set<String> unreached = new TreeSet<>(measures.getOrDefault(pack, Set.of()));
          unreached.removeAll(reached);
          packs.add(
              new PackCoverage(
                  pack,
                  rules,
                  sources.getOrDefault(pack, Map.of()),
                  unexpected,
                  unreached,
                  repairs.getOrDefault(pack, Map.of())));
        });
    return new Coverage(packs, results.size(), failed);
  }

  /** Adds {@code label} to the cases of {@code branch}, once (a case may have two entries). */
  private static void add(Map<String, List<String>> branches, String branch, String label) {
    List<String> cases = branches.computeIfAbsent(branch, k -> new ArrayList<>());
    if (!cases.contains(label)) {
      cases.add(label);
    }
  }
}
