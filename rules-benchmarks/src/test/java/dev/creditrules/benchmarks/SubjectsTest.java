package dev.creditrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Request;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.json.ContractJson;
import org.junit.jupiter.api.Test;

class SubjectsTest {
  private final ContractJson json = new ContractJson();

  @Test
  void everyGeneratedRequestIsValid() {
    for (int facts : new int[] {5, 10, 50, 500}) {
      for (Request r : Subjects.benchmarkPool(42, facts, 20)) {
        assertThat(r.facts()).hasSize(facts);
        assertThat(RequestValidator.validate(r)).as(json.writeRequest(r)).isEmpty();
      }
    }
    for (long seed = 0; seed < EquivalenceTest.SUBJECTS; seed++) {
      Request r = Subjects.random(seed);
      assertThat(RequestValidator.validate(r)).as(json.writeRequest(r)).isEmpty();
    }
  }

  @Test
  void generationIsDeterministicBySeed() {
    assertThat(Subjects.benchmark(7, 10)).isEqualTo(Subjects.benchmark(7, 10));
    assertThat(Subjects.random(7)).isEqualTo(Subjects.random(7));
    assertThat(Subjects.random(7)).isNotEqualTo(Subjects.random(8));
  }

  @Test
  void theTypicalSubjectSpansThreeSectors() {
    Request r = Subjects.benchmark(1, 10);
    assertThat(r.facts())
        .extracting(f -> f.type().name())
        .contains("TAX_GRADE", "ADMIN_PENALTY", "TAX_SERIOUS_LISTING", "JUDGMENT_DEFAULTER");
  }
}
