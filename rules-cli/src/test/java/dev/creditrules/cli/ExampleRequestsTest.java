package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code credit-rules evaluate} on each worked example the issues name, against what the reference
 * and packs-v1 call for (the detailed boundaries are in the packs' cases).
 */
class ExampleRequestsTest {

  static String summary(JsonNode d) {
    List<String> parts = new ArrayList<>();
    for (String list : List.of("incentives", "sanctions", "warnings")) {
      for (JsonNode o : d.get(list)) {
        parts.add(o.get("measure").asText() + ".." + o.get("until").asText());
      }
    }
    for (JsonNode r : d.get("repairs")) {
      List<String> unmet = new ArrayList<>();
      r.get("unmet").forEach(u -> unmet.add(u.get("code").asText()));
      parts.add(
          "repair "
              + r.get("fact").asText()
              + " "
              + r.get("status").asText()
              + " "
              + r.get("earliest").asText()
              + " "
              + unmet);
    }
    return String.join("; ", parts);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gen-ex-01|GEN-S-05..2027-05-10; repair f1 ELIGIBLE 2026-08-11 []",
        "tax-ex-01|GEN-I-01..null; TAX-I-01..2027-04-20; TAX-I-02..2027-04-20; TAX-I-03..2027-04-20; TAX-I-05..2027-04-20; TAX-I-08..2027-04-20; TAX-I-09..2027-04-20",
        "tax-ex-06|TAX-S-01..2027-04-20; TAX-S-02..2027-04-20; TAX-S-03..2027-04-20; TAX-S-04..2027-04-20; TAX-S-05..2027-04-20; TAX-S-06..2027-04-20; TAX-S-07..2027-12-31; TAX-S-12..2027-04-20; repair g2025 NOT_YET null [CORRECTION_MISSING]",
        // PRC-S-05: the procurement review rule reads the tax serious listing (packs-v2 s.1)
        "tax-ex-07|GEN-S-01..2028-04-10; GEN-S-02..2028-04-10; GEN-S-03..2028-04-10; GEN-S-04..2028-04-10; PRC-S-05..2028-04-10; TAX-S-09..2028-04-10; TAX-S-10..2028-04-10; repair l1 ELIGIBLE 2025-10-11 []",
        "lab-ex-01|GEN-S-01..2029-03-02; GEN-S-02..2029-03-02; GEN-S-03..2029-03-02; GEN-S-04..2029-03-02; LAB-S-01..2029-03-02; LAB-S-02..2029-03-02; LAB-S-03..2029-03-02; LAB-S-04..2029-03-02; LAB-S-05..2029-03-02; LAB-S-06..2029-03-02; LAB-S-07..2029-03-02; LAB-S-09..2029-03-02; repair w1 NOT_YET null [MIN_PERIOD, OBLIGATIONS_UNFULFILLED, COMMITMENT_MISSING]",
        "lab-ex-02|GEN-S-01..2029-03-02; GEN-S-02..2029-03-02; GEN-S-03..2029-03-02; GEN-S-04..2029-03-02; LAB-S-01..2029-03-02; LAB-S-02..2029-03-02; LAB-S-03..2029-03-02; LAB-S-04..2029-03-02; LAB-S-05..2029-03-02; LAB-S-06..2029-03-02; LAB-S-07..2029-03-02; LAB-S-09..2029-03-02; repair w1 ELIGIBLE 2026-11-21 []",
        "env-ex-03|ENV-S-10..2027-06-09; ENV-S-11..2027-06-09; ENV-S-12..2027-06-09; ENV-S-13..2027-06-09; ENV-S-14..2027-06-09; ENV-S-15..2027-06-09; ENV-S-16..2027-06-09; ENV-S-17..2027-06-09; ENV-S-18..2027-06-09; ENV-S-19..2027-06-09; GEN-S-05..2028-09-01; repair e2025 NOT_YET null [CORRECTION_MISSING]; repair p1 NOT_YET null [MIN_PERIOD, OBLIGATIONS_UNFULFILLED, COMMITMENT_MISSING]",
        "env-ex-05|ENV-S-10..2027-06-09; ENV-S-11..2027-06-09; ENV-S-12..2027-06-09; ENV-S-13..2027-06-09; ENV-S-14..2027-06-09; ENV-S-15..2027-06-09; ENV-S-16..2027-06-09; ENV-S-17..2027-06-09; ENV-S-18..2027-06-09; ENV-S-19..2027-06-09; repair e2025 ELIGIBLE 2026-10-15 []",
        "res-ex-01|GEN-S-01..2030-05-15; GEN-S-02..2030-05-15; GEN-S-03..2030-05-15; GEN-S-04..2030-05-15; RES-S-05..2030-05-15; RES-S-10..2030-05-15; RES-S-11..2030-05-15; repair m1 NEVER null [NO_PROCEDURE]",
        "res-ex-08|GEN-S-01..2026-06-01; GEN-S-02..2026-06-01; GEN-S-03..2026-06-01; GEN-S-04..2026-06-01; RES-S-05..2026-06-01; RES-S-10..2026-06-01; RES-S-11..2026-06-01; repair m1 NEVER null [NO_PROCEDURE]",
      })
  void decidesTheWorkedExample(String example, String expected) throws Exception {
    MainTest.Run r = MainTest.run("", "evaluate", "../examples/requests/" + example + ".json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(summary(MainTest.JSON.readTree(r.out()))).isEqualTo(expected);
  }
}
