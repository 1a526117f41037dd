package dev.creditrules.cli;

import static dev.creditrules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code credit-rules test} as an analyst runs it (issue 14, items 2 and 3): selection, case-file
 * errors, compact failures, CI output, accepting an intended change, scoped coverage.
 */
class TestCommandTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A copy of the general and joint packs (general's cases name joint's measures) and of the
   * example requests, laid out as in the repository so that the cases find their requests.
   */
  static Path copy(Path tmp) throws IOException {
    Path packs = Files.createDirectories(tmp.resolve("rules-drl/src/main/packs"));
    for (String pack : new String[] {"general", "joint"}) {
      ServeCommandTest.copy(PACKS.resolve(pack), packs.resolve(pack));
    }
    ServeCommandTest.copy(Path.of("../examples/requests"), tmp.resolve("examples/requests"));
    return packs;
  }

  /**
   * Issue 14: {@code --pack general --min-coverage 95} failed at 13.1 % (it counted every pack).
   */
  @Test
  void packScopesTheCoverageWhichNamesTheCasesAndLinesOfEachRule(@TempDir Path tmp)
      throws Exception {
    Path report = tmp.resolve("report");
    Path junit = tmp.resolve("ci/cases.xml");
    Run r =
        run(
            "",
            "test",
            PACKS.toString(),
            "--pack",
            "general",
            "--coverage",
            "--min-coverage",
            "95",
            "--report",
            report.toString(),
            "--junit",
            junit.toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("coverage general@2026.04          100.0 % of 6 rules")
        .contains("coverage total 100.0 %")
        .doesNotContain("coverage tax@");
    JsonNode cov = JSON.readTree(report.resolve("coverage.json").toFile());
    assertThat(cov.get("packs"))
        .extracting(p -> p.get("pack").asText())
        .containsExactly("general@2019.07", "general@2023.05", "general@2026.04");
    JsonNode v2026 = cov.get("packs").get(2);
    JsonNode rule = v2026.get("rules").get("general-penalty-publication");
    assertThat(rule.get("source").asText()).matches("\\.\\./2019\\.07/general\\.drl:\\d+");
    assertThat(rule.get("cases").get(0).asText())
        .contains("general/2026.04/cases/")
        .contains(".yaml:");
    JsonNode repair = v2026.get("repairs").get("penalty-repair");
    assertThat(repair.get("ELIGIBLE")).isNotEmpty();
    assertThat(repair.get("NOT_YET MIN_PERIOD")).isNotEmpty();
    assertThat(repair.get("NOT_YET COMMITMENT_MISSING")).isNotEmpty();
    assertThat(repair.get("EXPIRED")).isNotEmpty();
    assertThat(v2026.get("repairBranchesNoCaseReaches"))
        .extracting(JsonNode::asText)
        .containsExactly("penalty-repair: NEVER");
    String html = Files.readString(report.resolve("coverage.html"));
    assertThat(html)
        .contains("general.drl#L")
        .contains(">../2019.07/general.drl:")
        .contains("penalty-repair");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(70);
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
  }

  /** Issue 14: {@code --pack genral} printed "0 cases" and exited 1 with no reason. */
  @Test
  void anUnknownPackIsNamedWithTheKnownOnesAndAnEmptySelectionSaysWhy(@TempDir Path tmp)
      throws Exception {
    Path packs = copy(tmp);
    Run typo = run("", "test", packs.toString(), "--pack", "genral");
    assertThat(typo.code()).isEqualTo(1);
    assertThat(typo.err())
        .contains(
            "--pack genral: no such pack under "
                + packs
                + " (did you mean general?); the packs are general, joint");

    Run none = run("", "test", packs.toString(), "--pack", "general", "--name", "no such case");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.out())
        .contains("0 cases, 0 passed, 0 failed")
        .contains(
            "no case to run: none of the 70 cases of --pack general has a name matching --name 'no such case'"
                + " (a substring, ignoring case)");
  }

  /**
   * Issue 14: a typo in a key or a YAML syntax error aborted the whole run as "internal error";
   * {@code exclude: [GEN-S-5]} passed.
   */
  @Test
  void aBrokenCaseFileIsAnErrorAtItsLineAndTheOtherCasesStillRun(@TempDir Path tmp)
      throws Exception {
    Path packs = copy(tmp);
    Path cases = packs.resolve("general/2026.04/cases");
    Files.writeString(
        cases.resolve("broken.yaml"),
        "name: a missing bracket\nrequest: { asOf: 2026-08-11\nexpect: {}\n");
    Files.writeString(
        cases.resolve("typo.yaml"),
        """
        name: GEN-EX-01 with two typos
        requestFile: requests/gen-ex-01.json
        expect:
          sanction: { include: [GEN-S-05] }
          incentives: { exclude: [GEN-S-5] }
        """);

    Run r = run("", "test", packs.toString(), "--pack", "general", "--name", "GEN-EX-01*");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "ERROR "
                + cases.resolve("broken.yaml")
                + ":3:7: not valid YAML: while parsing a flow mapping"
                + " (line 2, column 10): expected ',' or '}', but got : (line 3, column 7)\n")
        .contains(
            "ERROR "
                + cases.resolve("typo.yaml")
                + ":4:3: unknown expectation 'sanction'; did you mean sanctions?")
        .contains(
            "ERROR "
                + cases.resolve("typo.yaml")
                + ":5:27: unknown measure id 'GEN-S-5': no loaded pack's"
                + " catalogue has it; did you mean GEN-S-05?")
        .contains("4 cases, 4 passed, 0 failed, 3 case-file errors");
  }

  /**
   * Issue 14: changing one term gave 811 lines for 11 failures, no list at the end and no way to
   * accept an intended change. Here: the general publication term 12 -> 6 months in 2026.04.
   */
  @Test
  void aChangedTermFailsCompactlyInTextJunitAndJsonAndUpdateAcceptsIt(@TempDir Path tmp)
      throws Exception {
    Path packs = copy(tmp);
    Files.writeString(
        packs.resolve("general/2026.04/parameters.properties"), "generalPublicationMonths=6\n");
    Path caseFile = packs.resolve("general/2026.04/cases/gen-ex-01.yaml");
    String dir = packs.toString();

    Run fail =
        run(
            "",
            "test",
            dir,
            "--pack",
            "general",
            "--name",
            "GEN-EX-01*",
            "--junit",
            tmp.resolve("j.xml").toString());
    assertThat(fail.code()).isEqualTo(1);
    assertThat(fail.out().lines().count()).isLessThan(20);
    assertThat(fail.out())
        .contains(
            "FAIL "
                + caseFile
                + ":2: GEN-EX-01 general penalty, minimum period not over on its last day\n"
                + "  - sanctions: GEN-S-05: until expected \"2027-05-10\" but was \"2026-11-10\"\n")
        .contains("4 cases, 1 passed, 3 failed\nfailing cases:\n  " + caseFile + ":2: GEN-EX-01")
        .doesNotContain("basis", "digest");
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(tmp.resolve("j.xml").toFile());
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(3);

    Run json =
        run("", "test", dir, "--pack", "general", "--name", "GEN-EX-01*", "--format", "json");
    JsonNode result = JSON.readTree(json.out());
    assertThat(result.get("failed").asInt()).isEqualTo(3);
    assertThat(result.get("results")).hasSize(4);
    assertThat(result.get("results").get(0).get("failures").get(0).asText())
        .isEqualTo("sanctions: GEN-S-05: until expected \"2027-05-10\" but was \"2026-11-10\"");

    Run update = run("", "test", dir, "--pack", "general", "--name", "GEN-EX-01*", "--update");
    assertThat(update.code()).as(update.out()).isZero();
    assertThat(update.out())
        .contains("--- a/")
        .contains(
            "\n-          - { measure: GEN-S-05, from: 2026-05-10, until: 2027-05-10, facts: [f1], verified: true }\n")
        .contains(
            "\n+          - { measure: GEN-S-05, from: 2026-05-10, until: 2026-11-10, facts: [f1], verified: true }\n")
        .contains("updated 3 of 3 failing cases in 1 files");
    assertThat(Files.readString(caseFile))
        .contains(
            "nextChangeOn: 2026-08-11      # the repair entry opens the day after the minimum period");

    Run green = run("", "test", dir, "--pack", "general", "--name", "GEN-EX-01*");
    assertThat(green.code()).as(green.out()).isZero();
    assertThat(green.out()).contains("4 cases, 4 passed, 0 failed");
  }
}
