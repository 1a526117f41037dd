package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions whose windows differ per fact type, and layer packs selected by a fact field (an
 * enumeration, by its code).
 */
class LayersAndWindowsTest {
  @TempDir static Path packs;
  static CreditRulesEngine engine;

  static final String CATALOGUE =
      """
      measure.M-1.zh=措施
      measure.M-1.en=Measure
      measure.M-1.group=SUPERVISORY
      measure.M-1.areas=INSPECTION
      measure.M-1.basis.1=办法|令第1号|第一条
      measure.M-1.verified=true
      procedure.X-R-1.route=%s
      procedure.X-R-1.basis.1=办法|令第1号|第二条
      procedure.X-R-1.verified=true
      """;

  static final String RULES =
      """
      package dev.creditrules.packs.%1$s
      import dev.creditrules.api.RepairStatus
      import dev.creditrules.facts.%2$s
      import dev.creditrules.pack.*
      import java.util.List

      rule "measure" @measure("M-1")
      when
          $f : %2$s($id : id, $d : %3$s)
          Judged(fact == $id)
      then
          insert(Hit.of($d, null, $id));
      end

      rule "repair" @procedure("X-R-1")
      when
          $f : %2$s($id : id)
          Judged(fact == $id)
      then
          insert(new RepairHit($id, RepairStatus.%4$s, null, List.of()));
      end
      """;

  static void pack(
      String id,
      String version,
      String from,
      String governs,
      String extra,
      String factType,
      String dateField,
      String route,
      String status)
      throws IOException {
    Path dir = Files.createDirectories(packs.resolve(id).resolve(version));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id="
            + id
            + "\nversion="
            + version
            + "\nsector=demo\ntitle=t\nvalidFrom="
            + from
            + "\ngoverns="
            + governs
            + "\nstage=1\n"
            + extra);
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE.formatted(route));
    Files.writeString(
        dir.resolve("rules.drl"),
        RULES.formatted(id.replace('-', '_'), factType, dateField, status));
  }

  @BeforeAll
  static void build() throws IOException {
    FixtureTypes.write(packs, "two", FixtureTypes.LABOR);
    FixtureTypes.write(packs, "base", FixtureTypes.GENERAL);
    pack(
        "two",
        "2017.01",
        "2017-01-01",
        "MAJOR_LABOR_VIOLATION",
        "",
        "MajorLaborViolation",
        "decidedOn",
        "A",
        "NEVER");
    pack(
        "two",
        "2022.01",
        "2022-01-01",
        "WAGE_ARREARS_LISTING",
        "",
        "WageArrearsListing",
        "decidedOn",
        "A",
        "NEVER");
    pack(
        "base",
        "2014.03",
        "2014-03-01",
        "ADMIN_PENALTY",
        "",
        "AdminPenalty",
        "decidedOn",
        "基础",
        "NEVER");
    pack(
        "base-tax",
        "2015.01",
        "2015-01-01",
        "ADMIN_PENALTY",
        "layerOf=base\nselect.sector=tax\n",
        "AdminPenalty",
        "decidedOn",
        "分层",
        "ELIGIBLE");
    engine = CreditRulesEngine.builder().directory(packs).build();
  }

  static Request request(String asOf, Fact... facts) {
    return Request.of(
        LocalDate.parse(asOf),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(facts));
  }

  static Fact penalty(String id, String sector, String decided) {
    return FixtureTypes.penalty(id, sector, "GENERAL", decided);
  }

  @Test
  void eachFactTypeHasItsOwnVersionWindows() {
    Decision d =
        engine.decide(
            request(
                "2024-01-01",
                Fact.of(
                    "MAJOR_LABOR_VIOLATION",
                    "v",
                    Map.of("decidedOn", LocalDate.parse("2023-05-01"), "category", 1)),
                Fact.of(
                    "WAGE_ARREARS_LISTING",
                    "w",
                    Map.of("decidedOn", LocalDate.parse("2021-06-01")))));
    assertThat(d.sanctions())
        .extracting(Outcome::rule, Outcome::verified)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("two@2017.01/measure", true),
            org.assertj.core.groups.Tuple.tuple("two@2022.01/measure", false));
    assertThat(d.packs())
        .extracting(p -> p.id() + "@" + p.version())
        .containsExactly("two@2017.01", "two@2022.01");
  }

  @Test
  void aLayerJudgesTheFactsItSelectsAndItsRepairEntryReplacesTheBasePacks() {
    Decision d =
        engine.decide(
            request(
                "2024-01-01",
                penalty("t", "tax", "2023-01-01"),
                penalty("m", "market", "2023-01-01")));
    assertThat(d.sanctions())
        .extracting(Outcome::rule, Outcome::facts)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("base@2014.03/measure", List.of("m")),
            org.assertj.core.groups.Tuple.tuple("base@2014.03/measure", List.of("t")),
            org.assertj.core.groups.Tuple.tuple("base-tax@2015.01/measure", List.of("t")));
    assertThat(d.repairs())
        .extracting(r -> r.fact() + " " + r.status() + " " + r.route())
        .containsExactly("t ELIGIBLE 分层", "m NEVER 基础");
  }

  @Test
  void aLayerMustNameALoadedBasePack(@TempDir Path other) throws IOException {
    FixtureTypes.write(other, "lonely", FixtureTypes.ENVIRONMENT);
    Path dir = Files.createDirectories(other.resolve("lonely/2020.01"));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id=lonely\nversion=2020.01\nsector=demo\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ENV_GRADE\n"
            + "stage=1\nlayerOf=environment\nselect.province=44\n");
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE.formatted("x"));
    Files.writeString(
        dir.resolve("rules.drl"), RULES.formatted("lonely", "EnvGrade", "publishedOn", "NEVER"));
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(other).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> assertThat(p.message()).contains("layerOf names pack 'environment'")));
  }

  @Test
  void aSelectOnAFieldTheFactDoesNotHaveIsReported(@TempDir Path other) throws IOException {
    FixtureTypes.write(other, "odd", FixtureTypes.ENVIRONMENT);
    Path dir = Files.createDirectories(other.resolve("odd/2020.01"));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id=odd\nversion=2020.01\nsector=demo\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ENV_GRADE\n"
            + "stage=1\nlayerOf=odd\nselect.provnce=44\n");
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE.formatted("x"));
    Files.writeString(
        dir.resolve("rules.drl"), RULES.formatted("odd", "EnvGrade", "publishedOn", "NEVER"));
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(other).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> assertThat(p.message()).contains("ENV_GRADE has no field 'provnce'")));
  }

  @Test
  void repairStatusesStayWithTheirFacts() {
    Decision d = engine.decide(request("2024-01-01", penalty("m", "market", "2023-01-01")));
    assertThat(d.repairs())
        .singleElement()
        .extracting(r -> r.status())
        .isEqualTo(RepairStatus.NEVER);
  }
}
