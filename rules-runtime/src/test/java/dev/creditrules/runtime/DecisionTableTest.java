package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV decision table is compiled, linted, traced and explained like DRL. */
class DecisionTableTest {
  static final String CATALOGUE =
      """
      measure.M-1.zh=一般公示
      measure.M-1.en=General publication
      measure.M-1.group=SUPERVISORY
      measure.M-1.areas=PUBLICATION
      measure.M-1.basis.1=办法|令第1号|第一条
      measure.M-1.verified=true
      measure.M-2.zh=严重公示
      measure.M-2.en=Serious publication
      measure.M-2.group=SUPERVISORY
      measure.M-2.areas=PUBLICATION
      measure.M-2.basis.1=办法|令第1号|第二条
      measure.M-2.verified=true
      """;

  static final String TABLE =
      """
      RuleSet,dev.creditrules.packs.table,,,
      Import,"dev.creditrules.facts.AdminPenalty, dev.creditrules.pack.*, dev.creditrules.pack.Periods",,,
      ,,,,
      RuleTable severity-publication,,,,
      NAME,METADATA,CONDITION,CONDITION,ACTION
      ,,$p : AdminPenalty,Judged,
      ,measure($param),severity == $param,fact == $param,"insert(Hit.of($p.decidedOn(), Periods.lastDay($p.decidedOn(), $param), $p.id()));"
      rule,measure,severity,judged fact,months
      general-publication,\"\"\"M-1\"\"\",\"\"\"GENERAL\"\"\",$p.id(),12
      serious-publication,\"\"\"M-2\"\"\",%s,$p.id(),12
      """;

  /** The serious row's severity cell: a quoted code compiles, a bare word does not. */
  static final String SERIOUS = "\"\"\"SERIOUS\"\"\"";

  static Path pack(Path root, String serious) throws IOException {
    FixtureTypes.write(root, "table", FixtureTypes.GENERAL);
    Path dir = Files.createDirectories(root.resolve("table/2020.01"));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id=table\nversion=2020.01\nsector=general\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE);
    Files.writeString(dir.resolve("publication.csv"), TABLE.formatted(serious));
    return root;
  }

  static Request request(String severity) {
    Fact p = FixtureTypes.penalty("p", "market", severity, "2020-06-01");
    return Request.of(
        LocalDate.parse("2020-07-01"),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(p));
  }

  @Test
  void aTableDecidesTracesAndExplainsLikeDrl(@TempDir Path root) throws IOException {
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(pack(root, SERIOUS)).build();
    Trace trace = engine.trace(request("SERIOUS"));
    Decision d = trace.decision();
    assertThat(d.sanctions())
        .extracting(Outcome::measure, Outcome::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("M-2", "table@2020.01/serious-publication"));
    assertThat(trace.fired()).containsExactly("table@2020.01/serious-publication");
    assertThat(engine.rules())
        .extracting(RuleInfo::name)
        .containsExactly("general-publication", "serious-publication");
    // coverage links a table's rule to its row, not to the generated DRL
    assertThat(engine.rules())
        .extracting(RuleInfo::file, RuleInfo::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("publication.csv", 9),
            org.assertj.core.groups.Tuple.tuple("publication.csv", 10));
    Explanation e = Explainer.explain(engine, request("GENERAL"), "M-2");
    assertThat(e.rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.file()).isEqualTo("publication.csv");
              assertThat(r.condition()).contains("severity == \"SERIOUS\"");
            });
  }

  @Test
  void aBrokenCellIsReportedWithTheTableAndTheRule(@TempDir Path root) throws IOException {
    pack(root, "NO_SUCH_SEVERITY");
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
        .isInstanceOfSatisfying(
            PackException.class,
            ex ->
                assertThat(ex.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.file()).isEqualTo("publication.csv");
                          assertThat(p.rule()).isEqualTo("serious-publication");
                        }));
  }

  @Test
  void aBrokenCellIsReportedAtItsRowAndCellNotInTheGeneratedDrl(@TempDir Path root)
      throws IOException {
    pack(root, "NO_SUCH_SEVERITY");
    String row = "serious-publication,\"\"\"M-2\"\"\",";
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
        .isInstanceOfSatisfying(
            PackException.class,
            ex ->
                assertThat(ex.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.file()).isEqualTo("publication.csv");
                          assertThat(p.line()).isEqualTo(10);
                          assertThat(p.column()).isEqualTo(row.length() + 1);
                          assertThat(p.rule()).isEqualTo("serious-publication");
                          assertThat(p.message())
                              .isEqualTo(
                                  "cell C10 (severity) 'NO_SUCH_SEVERITY': AdminPenalty has no field NO_SUCH_SEVERITY"
                                      + " (fields: id, type, authority, documentNo, sector, decidedOn, severity); severity"
                                      + " is an enumeration, its values are text in quotes (values: MINOR, GENERAL, SERIOUS)");
                        }));
  }

  @Test
  void theSandboxAppliesToTables(@TempDir Path root) throws IOException {
    Path dir = pack(root, SERIOUS).resolve("table/2020.01");
    Files.writeString(
        dir.resolve("publication.csv"),
        TABLE.formatted(SERIOUS).replace("insert(Hit.of(", "System.exit(0); insert(Hit.of("));
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
        .isInstanceOfSatisfying(
            PackException.class,
            ex ->
                assertThat(ex.problems())
                    .anySatisfy(
                        p -> assertThat(p.toString()).contains("publication.csv", "System")));
  }
}
