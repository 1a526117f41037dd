package dev.creditrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packs (through the public engine) and the hand-written {@link Oracle} agree on random,
 * boundary-rich subjects: every outcome of the oracle's measures and every repair entry of its
 * records, field by field. Only while this passes does the benchmarks' oracle row mean anything.
 */
class EquivalenceTest {
  static final int SUBJECTS = 3000;
  private static CreditRulesEngine engine;
  private final ContractJson json = new ContractJson();

  @BeforeAll
  static void load() {
    engine = CreditRulesEngine.fromClasspath();
  }

  @Test
  void packsAndOracleAgreeOnRandomSubjects() {
    List<String> failures = new ArrayList<>();
    Map<Oracle.Kind, Integer> seen = new EnumMap<>(Oracle.Kind.class);
    int repairs = 0;
    for (long seed = 0; seed < SUBJECTS; seed++) {
      Request request = Subjects.random(seed);
      Decision decision = engine.decide(request);
      Oracle.Result expected = Oracle.decide(request);
      Oracle.Result actual = Oracle.project(request, decision);
      if (!expected.equals(actual)) {
        failures.add(
            "seed " + seed + "\nrequest: " + json.writeRequest(request)
                + "\ndecision: " + json.writeDecision(decision)
                + "\noracle:  " + diffable(expected) + "\npacks:   " + diffable(actual));
        if (failures.size() >= 5) {
          break;
        }
      }
      expected.outcomes().forEach(o -> seen.merge(o.list(), 1, Integer::sum));
      repairs += expected.repairs().size();
    }
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    // the generator must actually exercise the packs
    assertThat(seen.getOrDefault(Oracle.Kind.INCENTIVES, 0)).isGreaterThan(SUBJECTS / 2);
    assertThat(seen.getOrDefault(Oracle.Kind.SANCTIONS, 0)).isGreaterThan(SUBJECTS);
    assertThat(repairs).isGreaterThan(SUBJECTS);
  }

  @Test
  void packsAndOracleAgreeOnTheBenchmarkSubjects() {
    for (int facts : new int[] {5, 10, 50, 500}) {
      for (Request request : Subjects.benchmarkPool(42, facts, 8)) {
        Oracle.Result expected = Oracle.decide(request);
        Oracle.Result actual = Oracle.project(request, engine.decide(request));
        assertThat(actual).as(json.writeRequest(request)).isEqualTo(expected);
      }
    }
  }

  private static String diffable(Oracle.Result r) {
    StringBuilder sb = new StringBuilder();
    r.outcomes().forEach(o -> sb.append("\n    ").append(o));
    r.repairs().forEach(o -> sb.append("\n    ").append(o));
    return sb.toString();
  }
}
