package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The case checks fail when the decision differs, and malformed case files are rejected. */
class ExpectationsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  static final String DECISION =
      """
      {"requestId":null,"asOf":"2026-08-11","subject":{"id":"X","type":"ENTERPRISE"},
       "packs":[{"id":"general","version":"2026.04","digest":"sha256:00"}],
       "incentives":[],"warnings":[],
       "sanctions":[{"measure":"GEN-S-05","from":"2026-05-10","until":"2027-05-10","verified":true,
                     "rule":"general@2026.04/general-penalty-publication","facts":["f1"]}],
       "repairs":[{"fact":"f1","sector":"market","status":"ELIGIBLE","earliest":"2026-08-11",
                   "unmet":[],"route":"信用中国","verified":true,"rule":"general@2026.04/penalty-repair"}]}
      """;

  static java.util.List<String> check(String expectYaml) throws Exception {
    JsonNode expect = YAML.readTree(expectYaml);
    return new Expectations(expect, JSON.readTree(DECISION), false).check();
  }

  @Test
  void matchingExpectationsPass() throws Exception {
    assertThat(
            check(
                """
                sanctions:
                  include: [{ measure: GEN-S-05, from: 2026-05-10, until: 2027-05-10, facts: [f1] }]
                  exclude: [GEN-S-01]
                repairs: [{ fact: f1, status: ELIGIBLE, earliest: 2026-08-11, unmet: [] }]
                packs: [general@2026.04]
                """))
        .isEmpty();
  }

  @Test
  void everyDifferenceIsReported() throws Exception {
    assertThat(
            check(
                """
                sanctions:
                  include: [{ measure: GEN-S-05, until: 2027-05-11 }, GEN-S-01]
                  exclude: [GEN-S-05]
                incentives: { include: [GEN-I-01] }
                repairs: [{ fact: f1, status: NOT_YET, earliest: null, unmet: [MIN_PERIOD] }, { fact: f9 }]
                packs: [general@2023.05]
                """))
        .hasSize(7)
        .anySatisfy(
            f -> assertThat(f).contains("until expected \"2027-05-11\" but was \"2027-05-10\""))
        .anySatisfy(f -> assertThat(f).contains("expected GEN-S-01 but it is absent"))
        .anySatisfy(f -> assertThat(f).contains("expected no GEN-S-05"))
        .anySatisfy(f -> assertThat(f).contains("status expected \"NOT_YET\" but was \"ELIGIBLE\""))
        .anySatisfy(f -> assertThat(f).contains("expected an entry for fact f9 but there is none"));
  }

  @Test
  void onlyChecksTheExactSetOfMeasures() throws Exception {
    assertThat(check("sanctions: { only: [GEN-S-05] }\nincentives: { only: [] }")).isEmpty();
    assertThat(check("sanctions: { only: [] }"))
        .containsExactly("sanctions: expected exactly the measures [] but got [GEN-S-05]");
  }

  @Test
  void absentChecksThatARecordHasNoRepairEntry() throws Exception {
    assertThat(check("repairs: [{ fact: f9, absent: true }]")).isEmpty();
    assertThat(check("repairs: [{ fact: f1, absent: true }]"))
        .singleElement()
        .asString()
        .startsWith("repairs: expected no entry for fact f1");
  }

  @Test
  void anErrorExpectationFailsOnADecision() throws Exception {
    assertThat(check("errors: [{ pointer: /subject/id }]"))
        .containsExactly("expected errors but the request was decided");
  }

  @Test
  void typosInCaseFilesAreRejectedWithTheFileName(@TempDir Path dir) throws Exception {
    Path cases = Files.createDirectories(dir.resolve("p/2026.01/cases"));
    Path file = cases.resolve("typo.yaml");
    Files.writeString(file, "name: x\nrequest: {}\nexpect:\n  sanction: {}\n");
    assertThatThrownBy(() -> new Cases().loadFile(file))
        .hasMessageContaining(
            "typo.yaml:4:3: unknown expectation 'sanction'; did you mean sanctions?");
  }

  /** Issue 14: "facts expected [f2] but was [f1]" while an f2 outcome existed. */
  @Test
  void anIncludeIsComparedWithTheOutcomeOfItsFactsNotTheFirstOfItsMeasure() throws Exception {
    String two =
        """
        {"packs":[],"incentives":[],"warnings":[],"repairs":[],
         "sanctions":[{"measure":"GEN-S-05","from":"2026-05-10","until":"2027-05-10","facts":["f1"]},
                      {"measure":"GEN-S-05","from":"2026-06-01","until":"2027-06-01","facts":["f2"]}]}
        """;
    java.util.function.Function<String, java.util.List<String>> run =
        yaml -> {
          try {
            return new Expectations(YAML.readTree(yaml), JSON.readTree(two), false).check();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    assertThat(
            run.apply(
                "sanctions: { include: [{ measure: GEN-S-05, facts: [f2], until: 2027-06-01 }] }"))
        .isEmpty();
    assertThat(
            run.apply(
                "sanctions: { include: [{ measure: GEN-S-05, facts: [f2], until: 2027-06-02 }] }"))
        .containsExactly(
            "sanctions: GEN-S-05: until expected \"2027-06-02\" but was \"2027-06-01\"");
    assertThat(run.apply("sanctions: { include: [{ measure: GEN-S-05, facts: [f3] }] }"))
        .containsExactly(
            "sanctions: expected GEN-S-05 for facts [f3] but GEN-S-05 is there only for facts [f1], [f2]");
  }

  @Test
  void aFailureShowsTheMismatchedItemNotTheWholeDecision() throws Exception {
    assertThat(check("sanctions: { exclude: [GEN-S-05] }"))
        .singleElement()
        .asString()
        .startsWith("sanctions: expected no GEN-S-05 but found {")
        .contains("\"until\":\"2027-05-10\"")
        .doesNotContain("basis", "\"name\"");
  }
}
