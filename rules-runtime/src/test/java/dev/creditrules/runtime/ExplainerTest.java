package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
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
    Files.writeString(dir.resolve("pack.properties"),
        "id=demo\nversion=2020.01\nsector=general\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(dir.resolve("measures.properties"),
        """
        measure.S-1.zh=严重公示
        measure.S-1.en=Serious publication
        measure.S-1.group=SUPERVISORY
        measure.S-1.areas=PUBLICATION
        measure.S-1.basis.1=办法|令第1号|第一条
        measure.S-1.verified=true
        """);
    Files.writeString(dir.resolve("rules.drl"),
        """
        package dev.creditrules.packs.demo
        import dev.creditrules.pack.Periods
        import dev.creditrules.facts.AdminPenalty
        import dev.creditrules.pack.*

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
        """);
    engine = CreditRulesEngine.builder().directory(packs).build();
  }

  static Request request(String asOf, Fact... facts) {
    return Request.of(LocalDate.parse(asOf), Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE), List.of(facts));
  }

  static Fact penalty(String id, String severity, String decided) {
    return FixtureTypes.penalty(id, "market", severity, decided);
  }

  @Test
  void aRuleThatFiredIsReportedWithItsOutcome() {
    Explanation e = Explainer.explain(engine, request("2021-01-01", penalty("p", "SERIOUS", "2020-06-01")), "S-1");
    assertThat(e.inDecision()).isTrue();
    assertThat(e.rules()).singleElement().satisfies(r -> {
      assertThat(r.verdict()).isEqualTo(Verdict.FIRED);
      assertThat(r.rule()).isEqualTo("demo@2020.01/serious-publication");
    });
  }

  @Test
  void theFirstFailingConstraintIsNamedWithTheFactsTheRuleSaw() {
    Explanation e = Explainer.explain(engine, request("2021-01-01", penalty("p", "GENERAL", "2020-06-01")), "S-1");
    assertThat(e.inDecision()).isFalse();
    RuleExplanation r = e.rules().get(0);
    assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(r.condition()).startsWith("severity == \"SERIOUS\"");
    assertThat(r.file()).isEqualTo("rules.drl");
    assertThat(r.line()).isEqualTo(10);
    assertThat(r.seen()).singleElement().asString().contains("severity=GENERAL", "id=p");
  }

  @Test
  void aFiredRuleWhoseOutcomeIsNotActiveSaysSo() {
    Explanation e = Explainer.explain(engine, request("2024-01-01", penalty("p", "SERIOUS", "2020-06-01")), "S-1");
    assertThat(e.inDecision()).isFalse();
    assertThat(e.rules().get(0).verdict()).isEqualTo(Verdict.FIRED);
    assertThat(e.rules().get(0).reason()).contains("not in the decision");
  }

  @Test
  void aMeasureNoRuleProducesHasNoRules() {
    Explanation e = Explainer.explain(engine, request("2021-01-01"), "X-9");
    assertThat(e.rules()).isEmpty();
  }
}
