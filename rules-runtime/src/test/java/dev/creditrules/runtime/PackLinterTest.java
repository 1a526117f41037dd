package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The lint is the sandbox for analysts' DRL: each test writes a pack that tries one forbidden
 * thing and checks that the engine refuses it with the file, line and rule.
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
      import dev.creditrules.api.pack.*
      import java.time.LocalDate
      %s
      """;

  static final String RULE =
      """
      rule "tries-something"
          @measure("M-1") @sector("x") @basis("办法 第一条")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          %s
          insert(Hit.of("M-1", $d, null, $id));
      end
      """;

  static List<PackProblem> problems(Path dir, String imports, String consequence, String catalogue)
      throws IOException {
    FixtureTypes.write(dir, "sandbox", FixtureTypes.GENERAL);
    Path pack = Files.createDirectories(dir.resolve("sandbox/2020.01"));
    Files.writeString(pack.resolve("pack.properties"),
        "id=sandbox\nversion=2020.01\nsector=x\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(pack.resolve("measures.properties"), catalogue);
    Files.writeString(pack.resolve("rules.drl"), HEADER.formatted(imports) + RULE.formatted(consequence));
    try {
      CreditRulesEngine.builder().directory(dir).build();
      return List.of();
    } catch (PackException e) {
      return e.problems();
    }
  }

  @Test
  void aCleanPackPasses(@TempDir Path dir) throws IOException {
    assertThat(problems(dir, "import java.util.List", "List<String> ids = List.of($id);", CATALOGUE)).isEmpty();
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
  void forbiddenThingsAreRefusedWithFileLineAndRule(String what, String imports, String consequence, String reason, @TempDir Path dir)
      throws IOException {
    List<PackProblem> problems = problems(dir, imports == null ? "" : imports, consequence, CATALOGUE);
    assertThat(problems).as(what).isNotEmpty();
    assertThat(problems).anySatisfy(p -> {
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

  @Test
  void aMeasureMissingFromTheCatalogueIsRefused(@TempDir Path dir) throws IOException {
    assertThat(problems(dir, "", "insert(Hit.of(\"M-2\", $d, null, $id));", CATALOGUE))
        .anySatisfy(p -> {
          assertThat(p.message()).contains("emits measure M-2, which is not in measures.properties");
          assertThat(p.rule()).isEqualTo("tries-something");
        });
  }

  @Test
  void aCatalogueEntryNoRuleEmitsIsRefused(@TempDir Path dir) throws IOException {
    String extra = CATALOGUE + CATALOGUE.replace("M-1", "M-9");
    assertThat(problems(dir, "", "", extra))
        .anySatisfy(p -> assertThat(p.message()).contains("measure M-9 is in the catalogue but no rule emits it"));
  }

  @Test
  void aRuleWithoutMetadataIsRefused(@TempDir Path dir) throws IOException {
    FixtureTypes.write(dir, "sandbox", FixtureTypes.GENERAL);
    Path pack = Files.createDirectories(dir.resolve("sandbox/2020.01"));
    Files.writeString(pack.resolve("pack.properties"),
        "id=sandbox\nversion=2020.01\nsector=x\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(pack.resolve("measures.properties"), CATALOGUE);
    Files.writeString(pack.resolve("rules.drl"), HEADER.formatted("")
        + RULE.formatted("").replace("@measure(\"M-1\") @sector(\"x\") @basis(\"办法 第一条\")", ""));
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(dir).build())
        .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems())
            .extracting(PackProblem::message)
            .contains(
                "rule carries no @measure, @procedure or @record metadata naming what it concludes",
                "rule carries no @sector metadata (this pack's sector is 'x')",
                "rule carries no @basis metadata citing its legal basis"));
  }

  @Test
  void aRuleClaimingAnotherSectorIsRefused(@TempDir Path dir) throws IOException {
    FixtureTypes.write(dir, "sandbox", FixtureTypes.GENERAL);
    Path pack = Files.createDirectories(dir.resolve("sandbox/2020.01"));
    Files.writeString(pack.resolve("pack.properties"),
        "id=sandbox\nversion=2020.01\nsector=x\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(pack.resolve("measures.properties"), CATALOGUE);
    Files.writeString(pack.resolve("rules.drl"), HEADER.formatted("")
        + RULE.formatted("").replace("@sector(\"x\")", "@sector(\"tax\")"));
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(dir).build())
        .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.problems())
            .extracting(PackProblem::message)
            .contains("@sector(\"tax\") differs from the pack's sector 'x'"));
  }

  @Test
  void commentsAndStringsMayMentionAnything() {
    String text = "// System.exit\n/* Thread */ insert(\"java.io.File\");";
    assertThat(PackLinter.blankCommentsAndStrings(text)).doesNotContain("System", "Thread", "java.io");
  }
}
