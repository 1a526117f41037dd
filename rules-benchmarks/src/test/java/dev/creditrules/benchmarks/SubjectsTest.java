package dev.creditrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Request;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.pack.tree.FactModelReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubjectsTest {
  private static FactModel model;
  private static ContractJson json;

  @BeforeAll
  static void load() {
    model = FactModelReader.fromClasspath(SubjectsTest.class.getClassLoader());
    json = new ContractJson(model);
  }

  @Test
  void everyGeneratedRequestIsValid() {
    for (int facts : new int[] {5, 10, 50, 500}) {
      for (Request r : Subjects.benchmarkPool(model, 42, facts, 20)) {
        assertThat(r.facts()).hasSize(facts);
        assertThat(RequestValidator.validate(r, model)).as(json.writeRequest(r)).isEmpty();
      }
    }
    for (long seed = 0; seed < EquivalenceTest.SUBJECTS; seed++) {
      Request r = Subjects.random(model, seed);
      assertThat(RequestValidator.validate(r, model)).as(json.writeRequest(r)).isEmpty();
      assertThat(r.facts()).allMatch(f -> Subjects.RANDOM_WEIGHTS.containsKey(f.type()));
    }
  }

  @Test
  void generationIsDeterministicBySeed() {
    assertThat(Subjects.benchmark(model, 7, 10)).isEqualTo(Subjects.benchmark(model, 7, 10));
    assertThat(Subjects.random(model, 7)).isEqualTo(Subjects.random(model, 7));
    assertThat(Subjects.random(model, 7)).isNotEqualTo(Subjects.random(model, 8));
  }

  @Test
  void theTypicalSubjectHasTheProportionsOfTheOldOne() {
    // n = 10: three tax grades, four penalties, one serious listing, one defaulter, one commitment
    for (Request r : Subjects.benchmarkPool(model, 1, 10, 20)) {
      Map<String, Integer> counts = new HashMap<>();
      for (Fact f : r.facts()) {
        counts.merge(f.type(), 1, Integer::sum);
      }
      assertThat(counts)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  Oracle.TAX_GRADE, 3,
                  Oracle.ADMIN_PENALTY, 4,
                  Oracle.TAX_SERIOUS_LISTING, 1,
                  Oracle.JUDGMENT_DEFAULTER, 1,
                  Oracle.CREDIT_COMMITMENT, 1));
    }
    // 500 facts: 12 grades at most (one a year), the rest to penalties
    Map<String, Integer> counts = new HashMap<>();
    for (Fact f : Subjects.benchmark(model, 1, 500).facts()) {
      counts.merge(f.type(), 1, Integer::sum);
    }
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Oracle.TAX_GRADE, 12,
                Oracle.ADMIN_PENALTY, 338,
                Oracle.TAX_SERIOUS_LISTING, 50,
                Oracle.JUDGMENT_DEFAULTER, 50,
                Oracle.CREDIT_COMMITMENT, 50));
  }
}
