package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.PackException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage-1 pack versions share one knowledge base (PackScope; that each version still judges only
 * its own facts is CreditRulesEngineTest.eachFactIsJudgedByTheVersionOfItsOwnDate). Rules that
 * would behave differently in the shared, sequential base are refused at load with file, line and
 * rule.
 */
class PackScopeTest {
  @Test
  void aStage1RuleMatchingAConclusionIsRefused(@TempDir Path dir) throws IOException {
    String drl =
        CreditRulesEngineTest.DRL.replace(
            "    Judged(fact == $id)\nthen\n    insert(Hit.of($d, Periods.lastDay($d, 12)",
            "    Judged(fact == $id)\n    Hit(until == null)\nthen\n"
                + "    insert(Hit.of($d, Periods.lastDay($d, 12)");
    assertThat(drl).isNotEqualTo(CreditRulesEngineTest.DRL);
    CreditRulesEngineTest.writePack(dir, "2020.01", "2020-01-01", "12", drl);
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(dir).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.file()).isEqualTo("rules.drl");
                          assertThat(p.rule()).isEqualTo("merged");
                          assertThat(p.line()).isPositive();
                          assertThat(p.message()).contains("cannot match Hit");
                        }));
  }

  @Test
  void aStage1ConsequenceThatModifiesIsRefused(@TempDir Path dir) throws IOException {
    String drl =
        CreditRulesEngineTest.DRL.replace(
            "insert(Hit.of($d, Periods.lastDay($d, 12), $id));",
            "insertLogical(Hit.of($d, Periods.lastDay($d, 12), $id));");
    assertThat(drl).isNotEqualTo(CreditRulesEngineTest.DRL);
    CreditRulesEngineTest.writePack(dir, "2020.01", "2020-01-01", "12", drl);
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(dir).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.rule()).isEqualTo("merged");
                          assertThat(p.message()).contains("cannot insertLogical");
                        }));
  }

  /**
   * PackScope compiles {@code Judged( fact == $id )} after its binder, and {@code Judged( $id :
   * fact )} before a pattern taking {@code id == $id}, into a check on the fact; any other form
   * joins the marker. All three decide the same: each fact by the version of its own date.
   */
  @Test
  void everyFormOfJudgedJudgesTheSameFacts(@TempDir Path dir, @TempDir Path plain)
      throws IOException {
    String drl =
        CreditRulesEngineTest.DRL
            .replace(
                "    $p : AdminPenalty($id : id, $d : decidedOn)\n    Judged(fact == $id)\nthen\n"
                    + "    insert(Hit.of($d, Periods.lastDay($d, %s)",
                "    $p : AdminPenalty($id : id, $d : decidedOn)\n    $j : Judged(fact == $id)\n"
                    + "then\n    insert(Hit.of($d, Periods.lastDay($d, %s)")
            .replace(
                "    $p : AdminPenalty($id : id, $d : decidedOn)\n    Judged(fact == $id)\nthen\n"
                    + "    insert(Hit.of($d, Periods.lastDay($d, 12)",
                "    Judged($id : fact)\n    $p : AdminPenalty(id == $id, $d : decidedOn)\nthen\n"
                    + "    insert(Hit.of($d, Periods.lastDay($d, 12)");
    assertThat(drl).contains("$j : Judged").contains("Judged($id : fact)");
    CreditRulesEngineTest.writePack(dir, "2020.01", "2020-01-01", "12", drl);
    CreditRulesEngineTest.writePack(dir, "2024.01", "2024-01-01", "24", drl);
    CreditRulesEngine forms = CreditRulesEngine.builder().directory(dir).build();
    CreditRulesEngineTest.writePack(
        plain, "2020.01", "2020-01-01", "12", CreditRulesEngineTest.DRL);
    CreditRulesEngineTest.writePack(
        plain, "2024.01", "2024-01-01", "24", CreditRulesEngineTest.DRL);
    CreditRulesEngine standard = CreditRulesEngine.builder().directory(plain).build();
    assertThat(forms.packSet().all()).allMatch(CompiledPack::markers);
    for (String asOf : new String[] {"2020-06-01", "2023-12-31", "2024-06-01", "2025-03-01"}) {
      var request =
          CreditRulesEngineTest.request(
              asOf,
              CreditRulesEngineTest.penalty("old", "2019-12-01"),
              CreditRulesEngineTest.penalty("mid", "2023-12-01"),
              CreditRulesEngineTest.penalty("new", "2024-03-01"));
      var expected = standard.decide(request);
      var actual = forms.decide(request);
      assertThat(actual.sanctions()).isNotEmpty().isEqualTo(expected.sanctions());
      assertThat(actual.repairs()).isEqualTo(expected.repairs());
    }
    assertThat(standard.packSet().all()).noneMatch(CompiledPack::markers);
  }
}
