package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage-2 rule's logical insert that loses its justification later in the same session is not a
 * conclusion: the decision holds only what is still in the session when it ends.
 */
class WithdrawnConclusionTest {
  private static final String DRL =
      """
      package dev.creditrules.packs.demo

      import dev.creditrules.pack.Periods
      import dev.creditrules.pack.*
      import dev.creditrules.facts.AdminPenalty

      // fires first: nothing bad is known yet
      rule "clean-record"
          @measure("DEMO-S-01")
          salience 10
      when
          $c : Context(current == true)
          not BadRecord()
      then
          insertLogical(new Hit($c.asOf().day(), null, java.util.List.of()));
      end

      // fires second and takes the first rule's justification away
      rule "penalty-bad-record"
          @record("bad") @sector("general") @basis("示例办法 第二条")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          insert(new BadRecord($id, $d, Periods.lastDay($d, 12)));
      end
      """;

  @Test
  void aLogicalInsertWithdrawnLaterInTheSessionIsNotAnOutcome(@TempDir Path packs)
      throws IOException {
    FixtureTypes.write(packs, "demo", FixtureTypes.GENERAL);
    Path dir = Files.createDirectories(packs.resolve("demo").resolve("2020.01"));
    Files.writeString(
        dir.resolve("pack.properties"),
        CreditRulesEngineTest.MANIFEST
            .formatted("2020.01", "2020-01-01")
            .replace("stage=1", "stage=2"),
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("measures.properties"),
        CreditRulesEngineTest.CATALOGUE.substring(
            0, CreditRulesEngineTest.CATALOGUE.indexOf("measure.DEMO-S-02")),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("rules.drl"), DRL, StandardCharsets.UTF_8);
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(packs).build();

    Decision clean = engine.decide(CreditRulesEngineTest.request("2020-06-01"));
    assertThat(clean.sanctions()).extracting(Outcome::measure).containsExactly("DEMO-S-01");

    Decision penalised =
        engine.decide(
            CreditRulesEngineTest.request(
                "2020-06-01", CreditRulesEngineTest.penalty("P-1", "2020-03-01")));
    assertThat(penalised.sanctions()).isEmpty();
    assertThat(penalised.incentives()).isEmpty();
  }
}
