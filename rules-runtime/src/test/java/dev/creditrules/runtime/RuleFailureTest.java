package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule whose consequence throws fails the decision, naming the rule and its pack version. */
class RuleFailureTest {
  @Test
  void aThrowingConsequenceNamesItsRule(@TempDir Path dir) throws IOException {
    String drl =
        CreditRulesEngineTest.DRL.replace(
            "insert(Hit.of($d, Periods.lastDay($d, 12), $id));",
            "insert(Hit.of($d, Periods.lastDay($d, Integer.parseInt($id)), $id));");
    CreditRulesEngineTest.writePack(dir, "2020.01", "2020-01-01", "12", drl);
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(dir).build();
    assertThatThrownBy(
            () ->
                engine.decide(
                    CreditRulesEngineTest.request(
                        "2020-06-01", CreditRulesEngineTest.penalty("P-1", "2020-03-01"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rule demo@2020.01/merged failed while evaluating")
        .hasMessageContaining("NumberFormatException");
  }
}
