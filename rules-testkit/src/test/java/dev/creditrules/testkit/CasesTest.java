package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case files are checked as analysts write them: every problem at its file, line and column, and
 * one bad file or case never stops the others (issue 14, "case files are not checked").
 */
class CasesTest {
  static final Set<String> CATALOGUE = Set.of("GEN-S-05", "GEN-S-01", "GEN-W-01");
  static final String REQUEST =
      "{ asOf: 2026-08-11, subject: { id: X, type: ENTERPRISE }, facts: [{ id: f1, type: ADMIN_PENALTY }] }";

  static Path casesOf(Path root) throws Exception {
    return Files.createDirectories(root.resolve("general/2026.04/cases"));
  }

  @Test
  void everyProblemIsAtItsLineAndTheOtherFilesAndCasesStillLoad(@TempDir Path root)
      throws Exception {
    Path cases = casesOf(root);
    Files.writeString(cases.resolve("a-syntax.yaml"), "name: broken\nrequest: {\nexpect: {}\n");
    Files.writeString(
        cases.resolve("b-keys.yaml"),
        """
        cases:
          - name: a typo in a case key
            request: %s
            expectt: {}
          - name: the good one beside it
            request: %s
            expect: { sanctions: { include: [GEN-S-05] } }
          - request: %s
            expect: {}
          - name: a request file that is not there
            requestFile: nowhere.json
            expect: {}
        """
            .formatted(REQUEST, REQUEST, REQUEST));
    Files.writeString(
        cases.resolve("c-good.yaml"), "name: good\nrequest: " + REQUEST + "\nexpect: {}\n");

    Cases.Loaded loaded = new Cases().read(root, Set.of(), CATALOGUE);

    assertThat(loaded.cases())
        .extracting(RegressionCase::name, RegressionCase::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("the good one beside it", 5),
            org.assertj.core.groups.Tuple.tuple("good", 1));
    assertThat(loaded.problems())
        .extracting(p -> p.file().getFileName() + ":" + p.line() + ":" + p.column())
        .containsExactly(
            "a-syntax.yaml:3:11",
            "b-keys.yaml:2:5",
            "b-keys.yaml:4:5",
            "b-keys.yaml:8:5",
            "b-keys.yaml:11:5");
    assertThat(loaded.problems())
        .extracting(CaseProblem::message)
        .anySatisfy(m -> assertThat(m).startsWith("not valid YAML: "))
        .anySatisfy(m -> assertThat(m).isEqualTo("unknown key 'expectt'; did you mean expect?"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("'expect' (a mapping of what the decision must hold) is required"))
        .anySatisfy(
            m -> assertThat(m).startsWith("'name' (a sentence saying what must hold) is required"))
        .anySatisfy(m -> assertThat(m).startsWith("requestFile nowhere.json: no such file "));
  }

  /** Issue 14: {@code exclude: [GEN-S-5]} (no such measure) passed. */
  @Test
  void unknownMeasureIdsFactIdsAndKeysInExpectationsAreErrorsAtTheirLine(@TempDir Path root)
      throws Exception {
    Path file = casesOf(root).resolve("ids.yaml");
    Files.writeString(
        file,
        """
        name: ids the packs and the request do not have
        request: %s
        expect:
          sanctions:
            include: [{ measure: GEN-S-05, facts: [f2] }]
            exclude: [GEN-S-5]
          repairs:
            - { fact: f1, status: ELIGBLE, unmett: [] }
        """
            .formatted(REQUEST));

    Cases.Loaded loaded = new Cases().readFile(file, CATALOGUE);

    assertThat(loaded.cases()).isEmpty();
    assertThat(loaded.problems())
        .extracting(CaseProblem::toString)
        .containsExactly(
            file + ":5:44: unknown fact id 'f2': the case's request has the facts [f1]",
            file
                + ":6:15: unknown measure id 'GEN-S-5': no loaded pack's catalogue has it; did you mean GEN-S-05?",
            file + ":8:19: unknown repair status 'ELIGBLE'; did you mean ELIGIBLE?",
            file + ":8:36: unknown key of a repair entry 'unmett'; did you mean unmet?");
  }

  @Test
  void aNameSelectsByGlobWhenItHasAWildcardAndBySubstringOtherwise(@TempDir Path root)
      throws Exception {
    Files.writeString(
        casesOf(root).resolve("n.yaml"),
        """
        cases:
          - { name: GEN-EX-01 on its last day, request: %s, expect: {} }
          - { name: GEN-EX-02 minor, request: %s, expect: {} }
          - { name: a boundary of GEN-EX-01, request: %s, expect: {} }
        """
            .formatted(REQUEST, REQUEST, REQUEST));
    List<RegressionCase> all = new Cases().load(root, Set.of());

    assertThat(Cases.named(all, "gen-ex-01"))
        .extracting(RegressionCase::name)
        .containsExactly("GEN-EX-01 on its last day", "a boundary of GEN-EX-01");
    assertThat(Cases.named(all, "GEN-EX-0?*"))
        .extracting(RegressionCase::name)
        .containsExactly("GEN-EX-01 on its last day", "GEN-EX-02 minor");
    assertThat(Cases.named(all, "*minor"))
        .extracting(RegressionCase::name)
        .containsExactly("GEN-EX-02 minor");
  }
}
