package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.runtime.Explanation.Condition;
import dev.creditrules.runtime.Explanation.RuleExplanation;
import dev.creditrules.runtime.Explanation.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explanations name the first failing condition with the values the rule saw. */
class ExplainerTest {
  @TempDir static Path packs;
  static CreditRulesEngine engine;

  @BeforeAll
  static void build() throws IOException {
    FixtureTypes.write(packs, "demo", FixtureTypes.GENERAL);
    Path dir = Files.createDirectories(packs.resolve("demo/2020.01"));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id=demo\nversion=2020.01\nsector=general\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(
        dir.resolve("measures.properties"),
        """
        measure.S-1.zh=严重公示
        measure.S-1.en=Serious publication
        measure.S-1.group=SUPERVISORY
        measure.S-1.areas=PUBLICATION
        measure.S-1.basis.1=办法|令第1号|第一条
        measure.S-1.verified=true
        measure.W-1.zh=提示
        measure.W-1.en=Reminder
        measure.W-1.group=WARNING
        measure.W-1.areas=PUBLICATION
        measure.W-1.basis.1=办法|令第1号|第二条
        measure.W-1.verified=true
        procedure.R-1.route=信用中国
        procedure.R-1.basis.1=办法|令第1号|第三条
        procedure.R-1.verified=true
        """);
    Files.writeString(dir.resolve("parameters.properties"), "minimumMonths=12\n");
    Files.writeString(
        dir.resolve("rules.drl"),
        """
        package dev.creditrules.packs.demo
        import dev.creditrules.pack.Periods
        import dev.creditrules.facts.AdminPenalty
        import dev.creditrules.pack.*
        import dev.creditrules.api.RepairStatus
        import dev.creditrules.api.UnmetCode
        import java.time.LocalDate
        import java.util.ArrayList
        import java.util.List

        rule "serious-publication"
            @measure("S-1")
        when
            // a serious penalty of the market sector
            $p : AdminPenalty($id : id, $d : decidedOn, sector == "market",
                              severity == "SERIOUS")
            Judged(fact == $id)
        then
            insert(Hit.of($d, Periods.lastDay($d, 36), $id));
        end

        rule "recent-general-reminder"
            @measure("W-1")
        when
            Context($asOf : asOf)
            $p : AdminPenalty($id : id, $d : decidedOn, severity == "GENERAL")
            Judged(fact == $id)
            eval($asOf.isBefore(Periods.dayAfter($d, minimumMonths())))
        then
            insert(Hit.of($d, Periods.lastDay($d, 12), $id));
        end

        // R-1: EXPIRED after 36 months, NEVER for a serious penalty, else NOT_YET until the
        // minimum period is over
        function RepairHit demoRepair(AdminPenalty p, AsOf asOf) {
            if (asOf.isAfter(Periods.lastDay(p.decidedOn(), 36))) {
                return new RepairHit(p.id(), RepairStatus.EXPIRED, null, List.of());
            }
            if ("SERIOUS".equals(p.severity())) {
                return new RepairHit(p.id(), RepairStatus.NEVER, null,
                    List.of(UnmetCode.NOT_REPAIRABLE));
            }
            LocalDate opens = Periods.dayAfter(p.decidedOn(), minimumMonths());
            List unmet = new ArrayList();
            if (asOf.isBefore(opens)) {
                unmet.add(UnmetCode.MIN_PERIOD);
            }
            return new RepairHit(p.id(),
                unmet.isEmpty() ? RepairStatus.ELIGIBLE : RepairStatus.NOT_YET, opens, unmet);
        }

        rule "demo-repair"
            @procedure("R-1")
        when
            Context($asOf : asOf)
            $p : AdminPenalty($id : id)
            Judged(fact == $id)
        then
            insert(demoRepair($p, $asOf));
        end
        """);
    engine = CreditRulesEngine.builder().directory(packs).build();
  }

  static Request request(String asOf, Fact... facts) {
    return Request.of(
        LocalDate.parse(asOf),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(facts));
  }

  static Fact penalty(String id, String severity, String decided) {
    return FixtureTypes.penalty(id, "market", severity, decided);
  }

  @Test
  void aRuleThatFiredIsReportedWithItsOutcome() {
    Explanation e =
        Explainer.explain(
            engine, request("2021-01-01", penalty("p", "SERIOUS", "2020-06-01")), "S-1");
    assertThat(e.inDecision()).isTrue();
    assertThat(e.rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.verdict()).isEqualTo(Verdict.FIRED);
              assertThat(r.rule()).isEqualTo("demo@2020.01/serious-publication");
            });
  }

  @Test
  void theFirstFailingConstraintIsNamedWithTheFactsTheRuleSaw() {
    Explanation e =
        Explainer.explain(
            engine, request("2021-01-01", penalty("p", "GENERAL", "2020-06-01")), "S-1");
    assertThat(e.inDecision()).isFalse();
    RuleExplanation r = e.rules().get(0);
    assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(r.condition()).startsWith("severity == \"SERIOUS\"");
    assertThat(r.file()).isEqualTo("rules.drl");
    assertThat(r.line()).isEqualTo(15);
    assertThat(r.seen()).singleElement().asString().contains("severity=GENERAL", "id=p");
  }

  @Test
  void aFiredRuleWhoseOutcomeIsNotActiveSaysSo() {
    Explanation e =
        Explainer.explain(
            engine, request("2024-01-01", penalty("p", "SERIOUS", "2020-06-01")), "S-1");
    assertThat(e.inDecision()).isFalse();
    assertThat(e.rules().get(0).verdict()).isEqualTo(Verdict.FIRED);
    assertThat(e.rules().get(0).reason()).contains("not in the decision");
  }

  @Test
  void aMeasureNoRuleProducesHasNoRules() {
    Explanation e = Explainer.explain(engine, request("2021-01-01"), "X-9");
    assertThat(e.rules()).isEmpty();
  }

  /**
   * Issue 14: "No loaded rule can produce GEN-R-03"; a repair procedure's id now explains its
   * entries.
   */
  @Test
  void aNotYetRepairShowsEachConditionWithTheDatesBehindIt() {
    Explanation e =
        Explainer.explain(
            engine, request("2020-09-01", penalty("p", "GENERAL", "2020-06-01")), "R-1", null);
    assertThat(e.rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rule()).isEqualTo("demo@2020.01/demo-repair");
              assertThat(r.verdict()).isEqualTo(Verdict.FIRED);
            });
    assertThat(e.repairs())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.fact()).isEqualTo("p");
              assertThat(r.status()).isEqualTo(RepairStatus.NOT_YET);
              assertThat(r.function()).isEqualTo("demoRepair");
              assertThat(r.file()).isEqualTo("rules.drl");
              assertThat(r.conditions())
                  .extracting(Condition::conclusions)
                  .containsExactly(
                      List.of("EXPIRED"),
                      List.of("NEVER", "NOT_REPAIRABLE"),
                      List.of("MIN_PERIOD"));
              Condition expired = r.conditions().get(0);
              assertThat(expired.holds()).isFalse();
              assertThat(expired.condition())
                  .isEqualTo("asOf.isAfter(Periods.lastDay(p.decidedOn(), 36))");
              Condition min = r.conditions().get(2);
              assertThat(min.holds()).isTrue();
              assertThat(min.condition()).isEqualTo("asOf.isBefore(opens)");
              assertThat(min.line()).isEqualTo(45);
              assertThat(min.values())
                  .containsExactly("asOf = AsOf[2020-09-01]", "opens = 2021-06-02");
              assertThat(r.values())
                  .contains(
                      "opens = Periods.dayAfter(p.decidedOn(), minimumMonths()) = 2021-06-02  (rules.drl:43)");
              assertThat(r.values().get(0))
                  .startsWith("p = AdminPenalty[id=p")
                  .contains("decidedOn=2020-06-01");
              assertThat(r.reason()).contains("NOT_YET", "MIN_PERIOD", "2021-06-02");
            });
  }

  @Test
  void aNeverRepairNamesTheConditionThatHeld() {
    Explanation e =
        Explainer.explain(
            engine, request("2020-09-01", penalty("p", "SERIOUS", "2020-06-01")), null, "p");
    assertThat(e.rules()).isEmpty();
    assertThat(e.repairs())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RepairStatus.NEVER);
              Condition never = r.conditions().get(1);
              assertThat(never.holds()).isTrue();
              assertThat(never.condition()).isEqualTo("\"SERIOUS\".equals(p.severity())");
              assertThat(r.conditions().get(2).holds()).isNull();
            });
  }

  /** Issue 14: an eval's failure showed "no fact of that type" instead of the values it read. */
  @Test
  void aFailingEvalShowsTheValuesItRead() {
    Explanation e =
        Explainer.explain(
            engine, request("2021-09-01", penalty("p", "GENERAL", "2020-06-01")), "W-1");
    RuleExplanation r = e.rules().get(0);
    assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(r.condition()).startsWith("eval(");
    assertThat(r.seen())
        .containsExactly(
            "$asOf = AsOf[2021-09-01]",
            "$d = 2020-06-01",
            "minimumMonths() = 12",
            "$asOf.isBefore(Periods.dayAfter($d, minimumMonths())) = false");
  }
}
