package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code credit-rules explain} on the shipped packs and example requests. */
class ExplainCommandTest {
  static final String PACKS = "../rules-drl/src/main/packs";

  @Test
  void namesTheFailingConditionOfARuleThatDidNotFire() {
    MainTest.Run r =
        MainTest.run(
            "",
            "explain",
            "--packs",
            PACKS,
            "--request",
            "../examples/requests/tax-ex-01.json",
            "--measure",
            "TAX-I-04");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("TAX-I-04 is not in the decision.")
        .contains("tax@2025.07/a-grade-three-years-green-channel: FAILED")
        .contains("grade == \"A\"")
        .contains("TaxGrade[id=g2024, year=2024, grade=B");
  }

  @Test
  void reportsAFiredRuleAsJson() throws Exception {
    MainTest.Run r =
        MainTest.run(
            "",
            "explain",
            "--packs",
            PACKS,
            "--format",
            "json",
            "--request",
            "../examples/requests/tax-ex-01.json",
            "--measure",
            "TAX-I-01");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode e = MainTest.JSON.readTree(r.out());
    assertThat(e.get("inDecision").asBoolean()).isTrue();
    assertThat(e.get("rules"))
        .anySatisfy(
            rule -> {
              assertThat(rule.get("rule").asText())
                  .isEqualTo("tax@2025.07/a-grade-list-publication");
              assertThat(rule.get("verdict").asText()).isEqualTo("FIRED");
            });
  }

  @Test
  void anInvalidRequestExitsTwo() {
    MainTest.Run r =
        MainTest.run(
            "",
            "explain",
            "--packs",
            PACKS,
            "--request",
            "../rules-cli/pom.xml",
            "--measure",
            "TAX-I-01");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("\"errors\"");
  }

  /**
   * Issue 14: "No loaded rule can produce GEN-R-03". GEN-EX-01 on 2026-06-01: the GENERAL penalty
   * of 2026-05-10 is within its 3-month minimum publication period.
   */
  @Test
  void explainsARepairEntryWithTheConditionsAndDatesBehindIt() throws Exception {
    java.nio.file.Path request = java.nio.file.Files.createTempFile("gen-ex-01-june", ".json");
    java.nio.file.Files.writeString(
        request,
        java.nio.file.Files.readString(java.nio.file.Path.of("../examples/requests/gen-ex-01.json"))
            .replace("\"2026-08-11\"", "\"2026-06-01\""));
    MainTest.Run r =
        MainTest.run(
            "",
            "explain",
            "--packs",
            PACKS,
            "--request",
            request.toString(),
            "--measure",
            "GEN-R-03");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("No loaded rule can produce")
        .contains("general@2026.04/penalty-repair: FIRED")
        .contains("repair f1 (GEN-R-03): NOT_YET, earliest 2026-08-11, unmet [MIN_PERIOD]")
        .contains("computed by penaltyRepair (../2019.07/general.drl:102)")
        .contains(
            "  MIN_PERIOD: holds\n    ../2019.07/general.drl:120  minOver != null && asOf.isBefore(minOver)\n"
                + "      minOver = 2026-08-11\n      asOf = AsOf[2026-06-01]\n")
        .contains("recordLastDay(p) = 2027-05-10")
        .contains("  OBLIGATIONS_UNFULFILLED: does not hold\n")
        .contains("  EXPIRED: does not hold\n")
        .contains("minOver = minimumPeriodOver(p) = 2026-08-11");

    MainTest.Run j =
        MainTest.run(
            "",
            "explain",
            "--packs",
            PACKS,
            "--format",
            "json",
            "--request",
            request.toString(),
            "--fact",
            "f1");
    assertThat(j.code()).as(j.err()).isZero();
    JsonNode repair = MainTest.JSON.readTree(j.out()).at("/repairs/0");
    assertThat(repair.get("status").asText()).isEqualTo("NOT_YET");
    assertThat(repair.get("function").asText()).isEqualTo("penaltyRepair");
    assertThat(repair.get("conditions"))
        .anySatisfy(
            c -> {
              assertThat(c.at("/conclusions/0").asText()).isEqualTo("MIN_PERIOD");
              assertThat(c.get("holds").asBoolean()).isTrue();
              assertThat(c.get("line").asInt()).isEqualTo(120);
            });
  }
}
