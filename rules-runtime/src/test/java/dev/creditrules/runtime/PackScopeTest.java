package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.PackException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage-1 pack versions share one knowledge base (PackScope; that each version still judges only its
 * own facts is CreditRulesEngineTest.eachFactIsJudgedByTheVersionOfItsOwnDate). Rules that would
 * behave differently in the shared, sequential base are refused at load with file, line and rule.
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
        .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
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
        .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
          assertThat(p.rule()).isEqualTo("merged");
          assertThat(p.message()).contains("cannot insertLogical");
        }));
  }
}
