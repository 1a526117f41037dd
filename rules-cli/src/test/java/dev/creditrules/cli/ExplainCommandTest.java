package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code credit-rules explain} on the shipped packs and example requests. */
class ExplainCommandTest {
  static final String PACKS = "../rules-drl/src/main/packs";

  @Test
  void namesTheFailingConditionOfARuleThatDidNotFire() {
    MainTest.Run r = MainTest.run("", "explain", "--packs", PACKS,
        "--request", "../examples/requests/tax-ex-01.json", "--measure", "TAX-I-04");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("TAX-I-04 is not in the decision.")
        .contains("tax@2025.07/a-grade-three-years-green-channel: FAILED")
        .contains("grade == \"A\"")
        .contains("TaxGrade[id=g2024, year=2024, grade=B");
  }

  @Test
  void reportsAFiredRuleAsJson() throws Exception {
    MainTest.Run r = MainTest.run("", "explain", "--packs", PACKS, "--format", "json",
        "--request", "../examples/requests/tax-ex-01.json", "--measure", "TAX-I-01");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode e = MainTest.JSON.readTree(r.out());
    assertThat(e.get("inDecision").asBoolean()).isTrue();
    assertThat(e.get("rules")).anySatisfy(rule -> {
      assertThat(rule.get("rule").asText()).isEqualTo("tax@2025.07/a-grade-list-publication");
      assertThat(rule.get("verdict").asText()).isEqualTo("FIRED");
    });
  }

  @Test
  void anInvalidRequestExitsTwo() {
    MainTest.Run r = MainTest.run("", "explain", "--packs", PACKS,
        "--request", "../rules-cli/pom.xml", "--measure", "TAX-I-01");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("\"errors\"");
  }
}
