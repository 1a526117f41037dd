package dev.creditrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.UnmetCode;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
  private static ContractJson json;

  @BeforeAll
  static void load() {
    engine = CreditRulesEngine.fromClasspath();
    json = new ContractJson(engine.model());
  }

  @Test
  void packsAndOracleAgreeOnRandomSubjects() {
    List<String> failures = new ArrayList<>();
    Map<Oracle.Kind, Integer> seen = new EnumMap<>(Oracle.Kind.class);
    Set<String> measures = new TreeSet<>();
    Set<RepairStatus> statuses = EnumSet.noneOf(RepairStatus.class);
    Set<UnmetCode> unmet = EnumSet.noneOf(UnmetCode.class);
    int repairs = 0;
    for (long seed = 0; seed < SUBJECTS; seed++) {
      Request request = Subjects.random(engine.model(), seed);
      Decision decision = engine.decide(request);
      Oracle.Result expected = Oracle.decide(request);
      Oracle.Result actual = Oracle.project(request, decision);
      if (!expected.equals(actual)) {
        failures.add(
            "seed "
                + seed
                + "\nrequest: "
                + json.writeRequest(request)
                + "\ndecision: "
                + json.writeDecision(decision)
                + "\noracle:  "
                + diffable(expected)
                + "\npacks:   "
                + diffable(actual));
        if (failures.size() >= 5) {
          break;
        }
      }
      expected.outcomes().forEach(o -> seen.merge(o.list(), 1, Integer::sum));
      expected.outcomes().forEach(o -> measures.add(o.measure()));
      expected.repairs().forEach(r -> statuses.add(r.status()));
      expected.repairs().forEach(r -> unmet.addAll(r.unmet()));
      repairs += expected.repairs().size();
    }
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    // the generator must actually exercise the packs
    assertThat(seen.getOrDefault(Oracle.Kind.INCENTIVES, 0)).isGreaterThan(SUBJECTS / 2);
    assertThat(seen.getOrDefault(Oracle.Kind.SANCTIONS, 0)).isGreaterThan(SUBJECTS);
    assertThat(repairs).isGreaterThan(SUBJECTS);
    // every measure, repair status and unmet condition the oracle decides, at least once
    assertThat(measures)
        .containsExactlyInAnyOrder(
            "GEN-I-01",
            "GEN-S-01",
            "GEN-S-02",
            "GEN-S-03",
            "GEN-S-04",
            "GEN-S-06",
            "TAX-I-01",
            "TAX-I-02",
            "TAX-I-03",
            "TAX-I-04",
            "TAX-I-05",
            "TAX-I-07",
            "TAX-I-08",
            "TAX-I-09",
            "TAX-S-01",
            "TAX-S-02",
            "TAX-S-03",
            "TAX-S-04",
            "TAX-S-05",
            "TAX-S-06",
            "TAX-S-07",
            "TAX-S-08",
            "TAX-S-09",
            "TAX-S-10",
            "TAX-S-12");
    assertThat(statuses)
        .containsExactlyInAnyOrder(
            RepairStatus.ELIGIBLE,
            RepairStatus.NOT_YET,
            RepairStatus.NEVER,
            RepairStatus.EXPIRED,
            RepairStatus.REPAIRED);
    assertThat(unmet)
        .containsExactlyInAnyOrder(
            UnmetCode.NO_PROCEDURE,
            UnmetCode.WINDOW_CLOSED,
            UnmetCode.NEW_VIOLATION,
            UnmetCode.CORRECTION_MISSING,
            UnmetCode.NOT_REPAIRABLE,
            UnmetCode.MIN_PERIOD,
            UnmetCode.OBLIGATIONS_UNFULFILLED);
  }

  @Test
  void packsAndOracleAgreeOnTheBenchmarkSubjects() {
    for (int facts : new int[] {5, 10, 50, 500}) {
      for (Request request : Subjects.benchmarkPool(engine.model(), 42, facts, 8)) {
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
