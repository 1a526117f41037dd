package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test --update} rewrites only the expect block of a failing case, comments kept. */
class CaseUpdateTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String FILE =
      """
      # two cases of one penalty; the comments are the analyst's
      cases:
        - name: publication runs twelve months
          request: { asOf: 2026-08-11, subject: { id: X, type: ENTERPRISE }, facts: [{ id: f1 }] }
          expect:
            sanctions:
              include:
                - { measure: GEN-S-05, from: 2026-05-10, until: 2027-05-10, facts: [f1] }
              exclude: [GEN-S-01, GEN-S-02]
            incentives: { exclude: [GEN-I-01] }   # never an incentive
            repairs:
              - { fact: f1, status: NOT_YET, unmet: [MIN_PERIOD] }
            nextChangeOn: 2027-05-11      # the publication ends
          # after the block: kept

        - name: an untouched case
          request: { asOf: 2026-08-11, subject: { id: X, type: ENTERPRISE }, facts: [{ id: f1 }] }
          expect: { sanctions: { include: [GEN-S-05] } }
      """;

  static final String NOW =
      """
      {"packs":[],"incentives":[],"warnings":[],
       "sanctions":[{"measure":"GEN-S-05","from":"2026-05-10","until":"2026-11-10","facts":["f1"],"basis":[]},
                    {"measure":"GEN-S-02","from":"2026-05-10","until":"2026-11-10","facts":["f1"]}],
       "repairs":[{"fact":"f1","status":"NOT_YET","earliest":"2026-08-11",
                   "unmet":[{"code":"MIN_PERIOD"},{"code":"COMMITMENT_MISSING"}]}],
       "nextChangeOn":"2026-11-11"}
      """;

  @Test
  void rewritesTheFailingCasesExpectBlockAndNothingElse(@TempDir Path dir) throws Exception {
    Path file = Files.createDirectories(dir.resolve("general/2026.04/cases")).resolve("c.yaml");
    Files.writeString(file, FILE);
    RegressionCase c = new Cases().readFile(file, Set.of()).cases().get(0);
    JsonNode actual = JSON.readTree(NOW);
    List<String> failures = new Expectations(c.expect(), actual, false).check();
    assertThat(failures).hasSize(4);

    CaseUpdate.Plan plan =
        CaseUpdate.plan(List.of(new CaseResult(c, failures, actual, false, List.of())));

    assertThat(plan.skipped()).isEmpty();
    CaseUpdate.FileUpdate update = plan.files().get(0);
    assertThat(update.cases()).containsExactly("publication runs twelve months");
    assertThat(update.after())
        .isEqualTo(
            FILE.replace("until: 2027-05-10", "until: 2026-11-10")
                .replace("exclude: [GEN-S-01, GEN-S-02]", "exclude: [GEN-S-01]")
                .replace("unmet: [MIN_PERIOD] }", "unmet: [MIN_PERIOD, COMMITMENT_MISSING] }")
                .replace(
                    "nextChangeOn: 2027-05-11      # the publication ends",
                    "nextChangeOn: 2026-11-11"));
    assertThat(update.diff())
        .startsWith(
            "--- a/" + file.toString().replace('\\', '/').replaceFirst("^/+", "") + "\n+++ b/")
        .contains(
            "\n-          - { measure: GEN-S-05, from: 2026-05-10, until: 2027-05-10, facts: [f1] }\n")
        .contains(
            "\n+          - { measure: GEN-S-05, from: 2026-05-10, until: 2026-11-10, facts: [f1] }\n")
        .contains("\n       incentives: { exclude: [GEN-I-01] }   # never an incentive\n")
        .doesNotContain("-      incentives", "expect: { sanctions: { include: [GEN-S-05] } }");

    update.write();
    RegressionCase again = new Cases().readFile(file, Set.of()).cases().get(0);
    assertThat(new Expectations(again.expect(), actual, false).check()).isEmpty();
  }

  @Test
  void aRequestNowRejectedGetsTheErrorsItHas(@TempDir Path dir) throws Exception {
    Path file = Files.createDirectories(dir.resolve("general/2026.04/cases")).resolve("e.yaml");
    Files.writeString(
        file, "name: decided\nrequest: { asOf: 2026-08-11 }\nexpect:\n  sanctions: { only: [] }\n");
    RegressionCase c = new Cases().loadFile(file).get(0);
    JsonNode errors =
        JSON.readTree("{\"errors\":[{\"pointer\":\"/subject\",\"reason\":\"is required\"}]}");
    List<String> failures = new Expectations(c.expect(), errors, true).check();

    CaseUpdate.plan(List.of(new CaseResult(c, failures, errors, true, List.of())))
        .files()
        .get(0)
        .write();

    assertThat(Files.readString(file))
        .isEqualTo(
            "name: decided\nrequest: { asOf: 2026-08-11 }\nexpect:\n  errors:\n    - { pointer: /subject, reason: \"is required\" }\n");
  }

  @Test
  void aMeasureNowAbsentMovesFromIncludeToExclude() throws Exception {
    JsonNode old =
        JSON.readTree(
            "{\"sanctions\":{\"include\":[{\"measure\":\"GEN-S-05\",\"facts\":[\"f1\"]}],"
                + "\"exclude\":[\"GEN-S-01\"]},\"incentives\":{\"include\":[\"GEN-I-01\"]}}");
    JsonNode actual =
        JSON.readTree("{\"sanctions\":[],\"incentives\":[],\"warnings\":[],\"repairs\":[]}");

    assertThat(CaseUpdate.expected(old, actual, false))
        .hasToString(
            "{\"sanctions\":{\"exclude\":[\"GEN-S-01\",\"GEN-S-05\"]},\"incentives\":{\"exclude\":[\"GEN-I-01\"]}}");
  }
}
