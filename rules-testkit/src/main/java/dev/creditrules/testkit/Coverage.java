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
 * Rule coverage of a set of regression cases: per pack version, how often each rule fired, which
 * never did, and which catalogue measures no case expects.
 *
 * @param packs one entry per pack version, sorted by {@code id@version}
 * @param cases how many cases ran
 * @param failed how many of them failed
 */
public record Coverage(List<PackCoverage> packs, int cases, int failed) {

  /**
   * One pack version's coverage.
   *
   * @param pack {@code id@version}
   * @param firings rule name to number of firings (0 for rules that never fired), sorted by name
   * @param unexpectedMeasures catalogue measures that no case names in an {@code include}
   */
  public record PackCoverage(String pack, Map<String, Integer> firings, Set<String> unexpectedMeasures) {
    public PackCoverage {
      firings = Map.copyOf(firings);
      unexpectedMeasures = Set.copyOf(unexpectedMeasures);
    }

    /** The rules that never fired, sorted. */
    public List<String> neverFired() {
      return firings.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().toList();
    }

    /** Rules that fired at least once, in percent of all rules (100 for a pack without rules). */
    public double percent() {
      return firings.isEmpty() ? 100.0 : 100.0 * (firings.size() - neverFired().size()) / firings.size();
    }
  }

  /** Rules that fired at least once, in percent of all rules of all packs. */
  public double percent() {
    int all = packs.stream().mapToInt(p -> p.firings().size()).sum();
    int fired = packs.stream().mapToInt(p -> p.firings().size() - p.neverFired().size()).sum();
    return all == 0 ? 100.0 : 100.0 * fired / all;
  }

  /** Computes the coverage of {@code results}, run on {@code engine}. */
  public static Coverage of(CreditRulesEngine engine, List<CaseResult> results) {
    Map<String, Map<String, Integer>> firings = new TreeMap<>();
    for (RuleInfo r : engine.rules()) {
      firings.computeIfAbsent(r.pack().id() + "@" + r.pack().version(), k -> new TreeMap<>()).put(r.name(), 0);
    }
    Set<String> expected = new TreeSet<>();
    int failed = 0;
    for (CaseResult result : results) {
      if (!result.passed()) {
        failed++;
      }
      for (String id : result.fired()) {
        int slash = id.indexOf('/');
        firings.get(id.substring(0, slash)).merge(id.substring(slash + 1), 1, Integer::sum);
      }
      for (String list : List.of("incentives", "sanctions", "warnings")) {
        for (JsonNode want : result.regressionCase().expect().path(list).path("include")) {
          expected.add(want.isTextual() ? want.asText() : want.path("measure").asText());
        }
      }
    }
    Map<String, Set<String>> measures = engine.measures();
    List<PackCoverage> packs = new ArrayList<>();
    firings.forEach((pack, counts) -> {
      Set<String> unexpected = new TreeSet<>(measures.getOrDefault(pack, Set.of()));
      unexpected.removeAll(expected);
      packs.add(new PackCoverage(pack, counts, unexpected));
    });
    return new Coverage(List.copyOf(packs), results.size(), failed);
  }
}
