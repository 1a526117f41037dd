package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lint is the sandbox for analysts' DRL: each test writes a pack that tries one forbidden thing
 * and checks that the engine refuses it with the file, line and rule.
 */
class PackLinterTest {
  static final String CATALOGUE =
      """
      measure.M-1.zh=措施
      measure.M-1.en=Measure
      measure.M-1.group=SUPERVISORY
      measure.M-1.areas=INSPECTION
      measure.M-1.basis.1=办法|令第1号|第一条
      measure.M-1.verified=true
      """;

  static final String HEADER =
      """
      package dev.creditrules.packs.sandbox
      import dev.creditrules.facts.AdminPenalty
      import dev.creditrules.pack.*
      import java.time.LocalDate
      %s
      """;

  static final String RULE =
      """
      rule "tries-something"
          @measure("M-1")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          %s
          insert(Hit.of($d, null, $id));
      end
      """;

  static List<PackProblem> problems(Path dir, String imports, String consequence, String catalogue)
      throws IOException {
    FixtureTypes.write(dir, "sandbox", FixtureTypes.GENERAL);
    Path pack = Files.createDirectories(dir.resolve("sandbox/2020.01"));
    Files.writeString(
        pack.resolve("pack.properties"),
        "id=sandbox\nversion=2020.01\nsector=x\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(pack.resolve("measures.properties"), catalogue);
    Files.writeString(
        pack.resolve("rules.drl"), HEADER.formatted(imports) + RULE.formatted(consequence));
    try {
      CreditRulesEngine.builder().directory(dir).build();
      return List.of();
    } catch (PackException e) {
      return e.problems();
    }
  }

  @Test
  void aCleanPackPasses(@TempDir Path dir) throws IOException {
    assertThat(
            problems(dir, "import java.util.List", "List<String> ids = List.of($id);", CATALOGUE))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "console output|| System.out.println($id);|System",
        "reading the clock|| LocalDate today = LocalDate.now(java.time.Clock.systemUTC()); long t = System.currentTimeMillis();|System",
        "exiting the JVM|| Runtime.getRuntime().exit(0);|Runtime",
        "starting a thread|| new Thread(() -> {}).start();|threads",
        "an executor|| java.util.concurrent.Executors.newSingleThreadExecutor();|threads",
        "reflection|| Object m = $p.getClass().getMethods();|class loading",
        "reflection by name|| Object f = AdminPenalty.class.getDeclaredFields();|reflection",
        "class loading|| Object c = Class.forName(\"java.lang.String\");|class loading",
        "reading a file|| Object b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/etc/passwd\"));|file",
        "a socket|| Object s = new java.net.Socket(\"example.org\", 80);|network",
        "a URL|| Object u = new java.net.URL(\"http://example.org\");|network",
        "starting a process|| new ProcessBuilder(\"sh\").start();|processes",
        "reaching into the engine|| kcontext.getKieRuntime().halt();|engine",
        "importing outside the fact model|import java.io.File| File f = null;|import java.io.File",
        "importing concurrency|import java.util.concurrent.Executors| Object e = null;|import java.util.concurrent.Executors",
      })
  void forbiddenThingsAreRefusedWithFileLineAndRule(
      String what, String imports, String consequence, String reason, @TempDir Path dir)
      throws IOException {
    List<PackProblem> problems =
        problems(dir, imports == null ? "" : imports, consequence, CATALOGUE);
    assertThat(problems).as(what).isNotEmpty();
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo("rules.drl");
              assertThat(p.line()).isPositive();
              assertThat(p.toString()).contains(reason);
            });
  }

  @Test
  void aGlobalIsRefused(@TempDir Path dir) throws IOException {
    assertThat(problems(dir, "global java.util.List sink", "", CATALOGUE))
        .anySatisfy(p -> assertThat(p.message()).contains("globals are not allowed"));
  }

  /** Writes a one-version pack {@code sandbox@2020.01} with these rules and catalogue. */
  static Path pack(Path dir, String drl, String catalogue) throws IOException {
    FixtureTypes.write(dir, "sandbox", FixtureTypes.GENERAL);
    Path pack = Files.createDirectories(dir.resolve("sandbox/2020.01"));
    Files.writeString(
        pack.resolve("pack.properties"),
        "id=sandbox\nversion=2020.01\nsector=x\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(pack.resolve("measures.properties"), catalogue);
    Files.writeString(pack.resolve("rules.drl"), drl);
    return pack;
  }

  static List<PackProblem> build(Path dir) {
    try {
      CreditRulesEngine.builder().directory(dir).build();
      return List.of();
    } catch (PackException e) {
      return e.problems();
    }
  }

  static String rules(String rule) {
    return HEADER.formatted("import dev.creditrules.api.RepairStatus\nimport java.util.List")
        + rule;
  }

  @Test
  void aMeasureMissingFromTheCatalogueIsRefused(@TempDir Path dir) throws IOException {
    pack(
        dir,
        HEADER.formatted("") + RULE.formatted("").replace("@measure(\"M-1\")", "@measure(\"M-2\")"),
        CATALOGUE + CATALOGUE.replace("M-1", "M-3").replace("INSPECTION", "INSPECTION"));
    assertThat(build(dir))
        .anySatisfy(
            p -> {
              assertThat(p.message()).isEqualTo("@measure(\"M-2\") is not in measures.properties");
              assertThat(p.rule()).isEqualTo("tries-something");
              assertThat(p.file()).isEqualTo("rules.drl");
              assertThat(p.line()).isEqualTo(6);
            });
  }

  @Test
  void aCatalogueEntryNoRuleNamesIsRefused(@TempDir Path dir) throws IOException {
    String extra = CATALOGUE + CATALOGUE.replace("M-1", "M-9");
    assertThat(problems(dir, "", "", extra))
        .anySatisfy(
            p -> {
              assertThat(p.message())
                  .isEqualTo("measure M-9 is in the catalogue but no rule names it in @measure");
              assertThat(p.file()).isEqualTo("measures.properties");
              assertThat(p.line()).isEqualTo(7);
            });
  }

  @Test
  void aRuleWithoutMetadataIsRefused(@TempDir Path dir) throws IOException {
    pack(
        dir,
        HEADER.formatted("")
            + RULE.formatted("")
                .replace("@measure(\"M-1\")", "")
                .replace("insert(Hit.of($d, null, $id));", ""),
        CATALOGUE.replace("M-1", "M-9"));
    assertThat(build(dir))
        .extracting(PackProblem::message)
        .contains(
            "rule carries no @measure, @procedure or @record metadata naming what it concludes");
  }

  @Test
  void aRuleConcludesExactlyOneThing(@TempDir Path dir) throws IOException {
    pack(
        dir,
        HEADER.formatted("")
            + RULE.formatted("").replace("@measure(\"M-1\")", "@measure(\"M-1\") @record(\"bad\")"),
        CATALOGUE);
    assertThat(build(dir))
        .anySatisfy(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "rule names @measure and @record: a rule concludes exactly one of @measure, @procedure or @record");
              assertThat(p.line()).isEqualTo(6);
            });
  }

  @Test
  void aRuleNamingAMeasureCarriesNoSectorOrBasis(@TempDir Path dir) throws IOException {
    pack(
        dir,
        HEADER.formatted("")
            + RULE.formatted("")
                .replace(
                    "@measure(\"M-1\")", "@measure(\"M-1\") @sector(\"x\") @basis(\"办法 第一条\")"),
        CATALOGUE);
    assertThat(build(dir))
        .extracting(PackProblem::file, PackProblem::line, PackProblem::rule, PackProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "rules.drl",
                6,
                "tries-something",
                "@sector is not written on a rule that names a @measure: the decision takes the sector from"
                    + " pack.properties ('x')"),
            org.assertj.core.groups.Tuple.tuple(
                "rules.drl",
                6,
                "tries-something",
                "@basis is not written on a rule that names a @measure: the decision takes the basis from"
                    + " measures.properties (measure./procedure.<id>.basis.N)"));
  }

  @Test
  void aRecordRuleMayCiteItsBasisButNotAnotherSector(@TempDir Path dir) throws IOException {
    String record =
        """
        rule "record"
            @record("bad") @sector("%s") @basis("办法 第二条")
        when
            $p : AdminPenalty($id : id, $d : decidedOn)
            Judged(fact == $id)
        then
            insert(new BadRecord($id, $d, null));
        end
        """;
    pack(dir, HEADER.formatted("") + RULE.formatted("") + record.formatted("x"), CATALOGUE);
    assertThat(build(dir)).isEmpty();
    Path other = dir.resolve("other");
    pack(other, HEADER.formatted("") + RULE.formatted("") + record.formatted("tax"), CATALOGUE);
    assertThat(build(other))
        .extracting(PackProblem::message)
        .containsExactly("@sector(\"tax\") differs from the pack's sector 'x'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a measure id in new Hit|insert(new Hit(\"M-1\", $d, null, List.of($id), true));|new Hit names its measure: write new Hit(start, until, facts); the measure is the rule's @measure",
        "a measure id in Hit.of|insert(Hit.of(\"M-1\", $d, null, $id));|Hit.of names its measure: write new Hit(start, until, facts); the measure is the rule's @measure",
        "a constant false|insert(new Hit($d, null, List.of($id), false));|new Hit(…, false): a constant verified flag belongs in measures.properties (verified=false on the measure); pass a flag here only when it is computed per conclusion",
        "a constant true|insert(new Hit($d, null, List.of($id), true));|new Hit(…, true): a conclusion is verified unless measures.properties says otherwise; leave the flag out",
      })
  void aConclusionIsBuiltWithoutWhatTheCatalogueHolds(
      String what, String consequence, String message, @TempDir Path dir) throws IOException {
    pack(
        dir,
        rules(RULE.formatted("").replace("insert(Hit.of($d, null, $id));", consequence)),
        CATALOGUE);
    assertThat(build(dir))
        .as(what)
        .anySatisfy(
            p -> {
              assertThat(p.message()).isEqualTo(message);
              assertThat(p.file()).isEqualTo("rules.drl");
              assertThat(p.line()).isEqualTo(14);
              assertThat(p.rule()).isEqualTo("tries-something");
            });
  }

  @Test
  void aComputedFlagIsAllowed(@TempDir Path dir) throws IOException {
    pack(
        dir,
        rules(
            RULE.formatted("")
                .replace(
                    "insert(Hit.of($d, null, $id));",
                    "insert(new Hit($d, null, List.of($id), $d.getYear() > 2000));")),
        CATALOGUE);
    assertThat(build(dir)).isEmpty();
  }

  @Test
  void aRuleInsertingAHitNamesItsMeasure(@TempDir Path dir) throws IOException {
    String procedure =
        """
        rule "repair"
            @procedure("R-1")
        when
            $p : AdminPenalty($id : id, $d : decidedOn)
            Judged(fact == $id)
        then
            insert(Hit.of($d, null, $id));
        end
        """;
    pack(
        dir,
        rules(RULE.formatted("") + procedure),
        CATALOGUE
            + "procedure.R-1.route=r\nprocedure.R-1.basis.1=办法|令第1号|第三条\nprocedure.R-1.verified=true\n");
    assertThat(build(dir))
        .extracting(PackProblem::rule, PackProblem::line, PackProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "repair",
                22,
                "inserts a Hit but names no @measure: the Hit's measure is the rule's @measure"));
  }

  @Test
  void commentsAndStringsMayMentionAnything() {
    String text = "// System.exit\n/* Thread */ insert(\"java.io.File\");";
    assertThat(PackLinter.blankCommentsAndStrings(text))
        .doesNotContain("System", "Thread", "java.io");
  }
}
