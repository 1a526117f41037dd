package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import dev.creditrules.pack.tree.ResolvedFolder;
import dev.creditrules.runtime.Explanation.RuleExplanation;
import dev.creditrules.runtime.Explanation.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack version inherits from the version before it and carries only what changed: catalogue
 * entries and parameters overlaid key by key, rules replaced or added by name, {@code removes},
 * grade tables; and its digest covers what it inherits.
 */
class PackInheritanceTest {
  static final String CATALOGUE =
      """
      measure.DEMO-S-01.zh=公示
      measure.DEMO-S-01.en=Publication
      measure.DEMO-S-01.group=SUPERVISORY
      measure.DEMO-S-01.areas=PUBLICATION
      measure.DEMO-S-01.basis.1=示例办法|示例令第1号|第一条
      measure.DEMO-S-01.basis.2=示例细则|示例令第2号|第一条
      measure.DEMO-S-01.verified=true
      measure.DEMO-S-02.zh=限制
      measure.DEMO-S-02.en=Restriction
      measure.DEMO-S-02.group=RIGHTS_REDUCING
      measure.DEMO-S-02.areas=BIDDING
      measure.DEMO-S-02.basis.1=示例办法|示例令第1号|第二条
      measure.DEMO-S-02.verified=true
      procedure.DEMO-R-01.route=信用中国
      procedure.DEMO-R-01.basis.1=示例办法|示例令第1号|第三条
      procedure.DEMO-R-01.verified=true
      """;

  static final String RULES =
      """
      package dev.creditrules.packs.demo

      import dev.creditrules.pack.Periods
      import dev.creditrules.api.RepairStatus
      import dev.creditrules.pack.*
      import dev.creditrules.facts.AdminPenalty
      import java.time.LocalDate
      import java.util.List

      function LocalDate publicationEnd(LocalDate decided) {
          return Periods.lastDay(decided, publicationMonths());
      }

      rule "publication"
          @measure("DEMO-S-01")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          insert(Hit.of($d, publicationEnd($d), $id));
      end

      rule "restriction"
          @measure("DEMO-S-02")
      when
          $p : AdminPenalty($id : id, $d : decidedOn, severity == "SERIOUS")
          Judged(fact == $id)
      then
          insert(Hit.of($d, Periods.lastDay($d, restrictionMonths()), $id));
      end

      rule "repair"
          @procedure("DEMO-R-01")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          insert(new RepairHit($id, RepairStatus.ELIGIBLE, Periods.dayAfter($d, repairDays()), List.of()));
      end
      """;

  static void manifest(Path root, String version, String from, String extra) throws IOException {
    Path dir = Files.createDirectories(root.resolve("demo").resolve(version));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id=demo\nversion="
            + version
            + "\nsector=general\ntitle=demo "
            + version
            + "\nvalidFrom="
            + from
            + "\ngoverns=ADMIN_PENALTY\nstage=1\n"
            + extra);
  }

  static void file(Path root, String version, String name, String text) throws IOException {
    Files.writeString(
        root.resolve("demo").resolve(version).resolve(name), text, StandardCharsets.UTF_8);
  }

  /**
   * demo@2020.01 (everything), 2024.01 (a longer publication term and a new English name only),
   * 2025.01 (the restriction removed, the repair rule replaced).
   */
  static Path tree(Path root) throws IOException {
    FixtureTypes.write(root, "demo", FixtureTypes.GENERAL);
    manifest(root, "2020.01", "2020-01-01", "");
    file(root, "2020.01", "measures.properties", CATALOGUE);
    file(
        root,
        "2020.01",
        "parameters.properties",
        "# terms\npublicationMonths=12\nrestrictionMonths=36\nrepairDays=3\n");
    file(root, "2020.01", "rules.drl", RULES);
    file(root, "2020.01", "README.md", "# demo 2020.01\n");
    Path cases = Files.createDirectories(root.resolve("demo/2020.01/cases"));
    Files.writeString(cases.resolve("c.yaml"), "name: stays with its version\n");

    manifest(root, "2024.01", "2024-01-01", "");
    file(root, "2024.01", "parameters.properties", "publicationMonths=24\n");
    file(
        root,
        "2024.01",
        "measures.properties",
        "measure.DEMO-S-01.en=Publication (2024)\nmeasure.DEMO-S-01.basis.1=新办法|示例令第9号|第一条\n");

    manifest(root, "2025.01", "2025-01-01", "removes=restriction\n");
    file(root, "2025.01", "measures.properties", "measure.DEMO-S-02.removed=true\n");
    file(root, "2025.01", "parameters.properties", "restrictionMonths.removed=true\n");
    file(
        root,
        "2025.01",
        "repair.drl",
        """
        package dev.creditrules.packs.demo

        import dev.creditrules.pack.Periods
        import dev.creditrules.api.RepairStatus
        import dev.creditrules.pack.*
        import dev.creditrules.facts.AdminPenalty
        import java.util.List

        rule "repair"
            @procedure("DEMO-R-01")
        when
            $p : AdminPenalty($id : id, $d : decidedOn)
            Judged(fact == $id)
        then
            insert(new RepairHit($id, RepairStatus.NOT_YET, Periods.dayAfter($d, repairDays() * 2), List.of()));
        end
        """);
    return root;
  }

  static Request request(String asOf, Fact... facts) {
    return Request.of(
        LocalDate.parse(asOf),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(facts));
  }

  static Fact serious(String id, String decided) {
    return FixtureTypes.penalty(id, "market", "SERIOUS", decided);
  }

  static List<PackProblem> problems(Path root) {
    try {
      CreditRulesEngine.builder().directory(root).build();
      return List.of();
    } catch (PackException e) {
      return e.problems();
    }
  }

  @Test
  void aVersionTakesWhatItDoesNotChangeFromTheVersionBefore(@TempDir Path root) throws IOException {
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(tree(root)).build();

    Decision first = engine.decide(request("2020-07-01", serious("p", "2020-06-01")));
    assertThat(first.sanctions())
        .extracting(Outcome::measure, Outcome::until, Outcome::rule)
        .containsExactly(
            tuple("DEMO-S-01", LocalDate.parse("2021-06-01"), "demo@2020.01/publication"),
            tuple("DEMO-S-02", LocalDate.parse("2023-06-01"), "demo@2020.01/restriction"));
    assertThat(first.sanctions().get(0).basis()).hasSize(2);

    // 2024.01: its own parameter and catalogue entries, everything else inherited
    Decision second = engine.decide(request("2024-07-01", serious("p", "2024-06-01")));
    assertThat(second.sanctions())
        .extracting(Outcome::measure, Outcome::until, Outcome::rule)
        .containsExactly(
            tuple("DEMO-S-01", LocalDate.parse("2026-06-01"), "demo@2024.01/publication"),
            tuple("DEMO-S-02", LocalDate.parse("2027-06-01"), "demo@2024.01/restriction"));
    Outcome publication = second.sanctions().get(0);
    assertThat(publication.name().en()).isEqualTo("Publication (2024)");
    assertThat(publication.name().zh()).isEqualTo("公示");
    // a basis list is replaced as a whole
    assertThat(publication.basis()).extracting(b -> b.title()).containsExactly("新办法");
    assertThat(second.repairs())
        .extracting(Repair::rule, Repair::earliest)
        .containsExactly(tuple("demo@2024.01/repair", LocalDate.parse("2024-09-02")));

    // 2025.01: the restriction is removed, the repair rule replaced, the rest from 2024.01
    Decision third = engine.decide(request("2025-07-01", serious("p", "2025-06-01")));
    assertThat(third.sanctions())
        .extracting(Outcome::measure, Outcome::until, Outcome::rule)
        .containsExactly(
            tuple("DEMO-S-01", LocalDate.parse("2027-06-01"), "demo@2025.01/publication"));
    assertThat(third.repairs())
        .extracting(Repair::rule, Repair::earliest)
        .containsExactly(tuple("demo@2025.01/repair", LocalDate.parse("2025-12-02")));
    assertThat(engine.measures().get("demo@2025.01")).containsExactly("DEMO-S-01");
    assertThat(engine.rules())
        .extracting(RuleInfo::id)
        .contains("demo@2024.01/restriction", "demo@2025.01/publication", "demo@2025.01/repair")
        .doesNotContain("demo@2025.01/restriction");
  }

  @Test
  void theParametersAreDatedByTheVersionThatSetsThem(@TempDir Path root) throws IOException {
    List<PackFolder> folders = PackReader.directory(tree(root));
    List<PackVersion> versions = PackVersion.resolve(folders, PackReader.declarations(root));
    PackVersion v2024 = versions.get(1);
    assertThat(v2024.key()).isEqualTo("demo@2024.01");
    assertThat(v2024.parent().key()).isEqualTo("demo@2020.01");
    assertThat(v2024.parameters().values())
        .extracting(
            ResolvedFolder.Parameter::name,
            ResolvedFolder.Parameter::value,
            ResolvedFolder.Parameter::javaType,
            ResolvedFolder.Parameter::setBy,
            ResolvedFolder.Parameter::validFrom)
        .containsExactly(
            tuple("publicationMonths", "24", "int", "demo@2024.01", LocalDate.parse("2024-01-01")),
            tuple("repairDays", "3", "int", "demo@2020.01", LocalDate.parse("2020-01-01")),
            tuple("restrictionMonths", "36", "int", "demo@2020.01", LocalDate.parse("2020-01-01")));
    assertThat(v2024.rules().get("publication").path()).isEqualTo("../2020.01/rules.drl");
    assertThat(versions.get(2).rules().get("repair").path()).isEqualTo("repair.drl");
    assertThat(versions.get(2).rules()).doesNotContainKey("restriction");
  }

  @Test
  void parametersOfEveryKindBecomeFunctions(@TempDir Path root) throws IOException {
    tree(root);
    file(
        root,
        "2020.01",
        "parameters.properties",
        "publicationMonths=12\nrestrictionMonths=36\nrepairDays=3\nthreshold=1.5\nstart=2020-03-01\nlabel=公示\n");
    file(
        root,
        "2020.01",
        "rules.drl",
        RULES.replace(
            "insert(Hit.of($d, publicationEnd($d), $id));",
            "if (threshold().signum() > 0 && start().getYear() == 2020 && label().length() == 2) {"
                + " insert(Hit.of($d, publicationEnd($d), $id)); }"));
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(root).build();
    assertThat(engine.decide(request("2020-07-01", serious("p", "2020-06-01"))).sanctions())
        .extracting(Outcome::measure)
        .contains("DEMO-S-01");
  }

  @Test
  void aDigestCoversWhatTheVersionInherits(@TempDir Path root) throws IOException {
    tree(root);
    Map<String, String> before = digests(root);
    assertThat(before).containsOnlyKeys("demo@2020.01", "demo@2024.01", "demo@2025.01");
    assertThat(before.values()).allMatch(d -> d.matches("sha256:[0-9a-f]{64}"));

    // an ancestor's README, an ancestor's case: no descendant changes
    file(root, "2020.01", "README.md", "# demo 2020.01, reworded\n");
    Map<String, String> readme = digests(root);
    assertThat(readme.get("demo@2020.01")).isNotEqualTo(before.get("demo@2020.01"));
    assertThat(readme.get("demo@2024.01")).isEqualTo(before.get("demo@2024.01"));
    assertThat(readme.get("demo@2025.01")).isEqualTo(before.get("demo@2025.01"));

    // an ancestor's rules: every descendant changes
    file(root, "2020.01", "rules.drl", RULES + "\n// edited\n");
    Map<String, String> rules = digests(root);
    assertThat(rules.get("demo@2024.01")).isNotEqualTo(readme.get("demo@2024.01"));
    assertThat(rules.get("demo@2025.01")).isNotEqualTo(readme.get("demo@2025.01"));

    // the fact declarations the rules use
    FixtureTypes.write(root, "demo", "# edited\n" + FixtureTypes.GENERAL);
    Map<String, String> types = digests(root);
    assertThat(types.values()).doesNotContainAnyElementsOf(rules.values());
    // ... and not those of a pack folder whose classes the rules do not name
    FixtureTypes.write(root, "elsewhere", FixtureTypes.ENVIRONMENT);
    assertThat(digests(root)).isEqualTo(types);

    // the engine reports the digest the version was resolved with
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(root).build();
    assertThat(engine.packs())
        .extracting(PackRef::digest)
        .containsExactlyElementsOf(types.values());
  }

  static Map<String, String> digests(Path root) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (PackVersion v :
        PackVersion.resolve(PackReader.directory(root), PackReader.declarations(root))) {
      out.put(v.key(), v.digest());
    }
    return out;
  }

  @Test
  void aVersionThatStartsAfreshInheritsNothing(@TempDir Path root) throws IOException {
    tree(root);
    manifest(root, "2025.01", "2025-01-01", "inherit=false\nremoves=restriction\n");
    Files.delete(root.resolve("demo/2025.01/measures.properties"));
    Files.delete(root.resolve("demo/2025.01/parameters.properties"));
    assertThat(problems(root))
        .extracting(PackProblem::pack, PackProblem::message)
        .containsExactlyInAnyOrder(
            tuple("demo@2025.01", "missing measure catalogue"),
            tuple("demo@2025.01", "removes names rules but this version inherits none"));
  }

  @Test
  void removingWhatIsNotInheritedIsRefusedWithFileAndLine(@TempDir Path root) throws IOException {
    tree(root);
    manifest(root, "2025.01", "2025-01-01", "removes=restriction,publicaton\n");
    file(
        root,
        "2025.01",
        "measures.properties",
        "measure.DEMO-S-02.removed=true\nprocedure.DEMO-R-09.removed=true\n");
    assertThat(problems(root))
        .extracting(PackProblem::file, PackProblem::line, PackProblem::message)
        .contains(
            tuple(
                "pack.properties",
                8,
                "removes names rule 'publicaton', which demo@2024.01 does not have"),
            tuple(
                "measures.properties",
                2,
                "procedure.DEMO-R-09.removed: procedure DEMO-R-09 is not inherited"));
  }

  @Test
  void anInheritedRuleIsCheckedAgainstTheEffectiveCatalogueInItsOwnFile(@TempDir Path root)
      throws IOException {
    tree(root);
    manifest(root, "2025.01", "2025-01-01", "");
    file(root, "2025.01", "parameters.properties", "");
    assertThat(problems(root))
        .extracting(
            PackProblem::pack,
            PackProblem::file,
            PackProblem::line,
            PackProblem::rule,
            PackProblem::message)
        .containsExactly(
            tuple(
                "demo@2025.01",
                "../2020.01/rules.drl",
                23,
                "restriction",
                "@measure(\"DEMO-S-02\") is not in measures.properties"));
  }

  @Test
  void aParameterNameIsAJavaIdentifier(@TempDir Path root) throws IOException {
    tree(root);
    file(root, "2024.01", "parameters.properties", "publicationMonths=24\n\n2ndTerm=3\n");
    assertThat(problems(root))
        .extracting(PackProblem::pack, PackProblem::file, PackProblem::line, PackProblem::message)
        .containsExactly(
            tuple(
                "demo@2024.01",
                "parameters.properties",
                3,
                "parameter name '2ndTerm' is not a Java identifier (letters, digits, _ and $, not starting"
                    + " with a digit, not a Java keyword)"));
  }

  @Test
  void everyParameterIsRead(@TempDir Path root) throws IOException {
    tree(root);
    file(root, "2024.01", "parameters.properties", "publicationMonths=24\n\nunusedDays=5\n");
    file(root, "2025.01", "parameters.properties", "# restrictionMonths is still inherited\n");
    assertThat(problems(root))
        .extracting(PackProblem::pack, PackProblem::file, PackProblem::line, PackProblem::message)
        .containsExactlyInAnyOrder(
            tuple(
                "demo@2024.01",
                "parameters.properties",
                3,
                "parameter unusedDays is read by no rule or function of demo@2024.01 (write unusedDays()"
                    + " where its value is meant, or drop it)"),
            // a descendant inherits the unread parameter and is told where it was set
            tuple(
                "demo@2025.01",
                "../2024.01/parameters.properties",
                3,
                "parameter unusedDays is read by no rule or function of demo@2025.01 (write unusedDays()"
                    + " where its value is meant, or drop it)"),
            // the only rule reading it is removed: the version drops it
            // (restrictionMonths.removed=true)
            tuple(
                "demo@2025.01",
                "../2020.01/parameters.properties",
                3,
                "parameter restrictionMonths is read by no rule or function of demo@2025.01 (write"
                    + " restrictionMonths() where its value is meant, or drop it)"));
  }

  static final String GRADES =
      """
      measure.GRN-I-01.zh=优先支持
      measure.GRN-I-01.en=Priority support
      measure.GRN-I-01.group=INCENTIVE
      measure.GRN-I-01.areas=
      measure.GRN-I-01.basis.1=示例办法|示例令第1号|第一条
      measure.GRN-I-01.verified=true
      measure.GRN-S-01.zh=严格审查
      measure.GRN-S-01.en=Strict review
      measure.GRN-S-01.group=SUPERVISORY
      measure.GRN-S-01.areas=INSPECTION
      measure.GRN-S-01.basis.1=示例办法|示例令第1号|第二条
      measure.GRN-S-01.verified=false
      """;

  static Path grades(Path root, String table) throws IOException {
    FixtureTypes.write(root, "green", FixtureTypes.ENVIRONMENT);
    Path dir = Files.createDirectories(root.resolve("green/2020.01"));
    Files.writeString(
        dir.resolve("pack.properties"),
        "id=green\nversion=2020.01\nsector=environment\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ENV_GRADE\nstage=1\n");
    Files.writeString(dir.resolve("measures.properties"), GRADES);
    Files.writeString(dir.resolve("grade-measures.csv"), table);
    return root;
  }

  static Fact grade(String level) {
    return Fact.of(
        "ENV_GRADE",
        "g",
        Map.of("year", 2020, "grade", level, "publishedOn", LocalDate.parse("2021-03-01")));
  }

  @Test
  void aGradeTableDecidesLikeTheRulesItStandsFor(@TempDir Path root) throws IOException {
    grades(
        root,
        """
        # grade -> measures, one rule per row
        rule,type,grades,measure
        green-support,ENV_GRADE,GREEN,GRN-I-01
        red-black-review,ENV_GRADE,"RED BLACK",GRN-S-01
        """);
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(root).build();
    Decision red = engine.decide(request("2021-06-01", grade("RED")));
    assertThat(red.sanctions())
        .extracting(
            Outcome::measure, Outcome::from, Outcome::until, Outcome::rule, Outcome::verified)
        .containsExactly(
            tuple(
                "GRN-S-01",
                LocalDate.parse("2021-03-01"),
                LocalDate.parse("2022-03-01"),
                "green@2020.01/red-black-review",
                false));
    assertThat(engine.decide(request("2021-06-01", grade("GREEN"))).incentives())
        .extracting(Outcome::rule)
        .containsExactly("green@2020.01/green-support");
    assertThat(engine.rules())
        .extracting(RuleInfo::name, RuleInfo::measure)
        .containsExactly(tuple("green-support", "GRN-I-01"), tuple("red-black-review", "GRN-S-01"));

    // an explanation names the row
    Explanation e = Explainer.explain(engine, request("2021-06-01", grade("GREEN")), "GRN-S-01");
    RuleExplanation r = e.rules().get(0);
    assertThat(r.rule()).isEqualTo("green@2020.01/red-black-review");
    assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(r.file()).isEqualTo("grade-measures.csv");
    assertThat(r.line()).isEqualTo(4);
    assertThat(r.condition()).contains("grade in ( \"RED\", \"BLACK\" )");
  }

  @Test
  void aGradeTableIsCheckedRowByRow(@TempDir Path root) throws IOException {
    grades(
        root,
        """
        rule,type,grades,measure
        green-support,ENV_GRADE,GREEN,GRN-I-01
        red-black-review,ENV_GRADE,RED PURPLE,GRN-S-01
        other,TAX_GRADE,D,GRN-S-01
        short,ENV_GRADE,RED
        """);
    assertThat(problems(root))
        .extracting(PackProblem::file, PackProblem::line, PackProblem::message)
        .containsExactly(
            tuple(
                "grade-measures.csv",
                5,
                "a row has 4 cells (rule,type,grades,measure) but this one has 3"));
    grades(
        root,
        """
        rule,type,grades,measure
        green-support,ENV_GRADE,GREEN,GRN-I-01
        red-black-review,ENV_GRADE,RED PURPLE,GRN-S-01
        other,TAX_GRADE,D,GRN-S-01
        """);
    assertThat(problems(root))
        .extracting(PackProblem::file, PackProblem::line, PackProblem::rule, PackProblem::message)
        .containsExactly(
            tuple(
                "grade-measures.csv",
                3,
                "red-black-review",
                "grade 'PURPLE' is not a level of ENV_GRADE [GREEN, BLUE, YELLOW, RED, BLACK]"),
            tuple(
                "grade-measures.csv", 4, "other", "type 'TAX_GRADE' is not a declared grade type"));
  }

  @Test
  void theDecisionTableSupportStaysBesideTheGradeTable(@TempDir Path root) throws IOException {
    assertThat(PackFolder.isDecisionTable("green-incentives.csv")).isTrue();
    assertThat(PackFolder.isDecisionTable("grade-measures.csv")).isFalse();
    assertThat(PackFolder.isDecisionTable("cases/x.csv")).isFalse();
  }

  @Test
  void aLiveDirectoryCompilesTheDescendantsOfAChangedAncestor(@TempDir Path root)
      throws IOException {
    tree(root);
    try (LivePacks live = LivePacks.open(root, PackGate.NONE)) {
      long compiled = live.compilations();
      assertThat(compiled).isEqualTo(3);
      file(root, "2020.01", "README.md", "# reworded, nothing takes effect differently\n");
      live.reload();
      assertThat(live.compilations()).isEqualTo(4);
      file(
          root,
          "2020.01",
          "parameters.properties",
          "publicationMonths=6\nrestrictionMonths=36\nrepairDays=3\n");
      live.reload();
      // 2020.01 changed; 2024.01 and 2025.01 inherit from it, so they change too
      assertThat(live.compilations()).isEqualTo(7);
      assertThat(
              live.decide(request("2020-07-01", serious("p", "2020-06-01")))
                  .sanctions()
                  .get(0)
                  .until())
          .isEqualTo(LocalDate.parse("2020-12-01"));
      assertThat(
              live.decide(request("2024-07-01", serious("p", "2024-06-01")))
                  .sanctions()
                  .get(0)
                  .until())
          .isEqualTo(LocalDate.parse("2026-06-01"));
    }
  }

  @Test
  void aConflictingMergeIsACompileErrorInTheRightFile(@TempDir Path root) throws IOException {
    tree(root);
    file(
        root,
        "2024.01",
        "extra.drl",
        """
        package dev.creditrules.packs.demo
        import dev.creditrules.pack.*
        import dev.creditrules.facts.AdminPenalty
        rule "extra"
            @measure("DEMO-S-01")
        when
            $p : AdminPenalty($id : id, $d : decidedOn)
            Judged(fact == $id)
        then
            insert(Hit.of($d, publicationEnds($d), $id));
        end
        """);
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.pack()).isEqualTo("demo@2024.01");
                          assertThat(p.file()).isEqualTo("extra.drl");
                          assertThat(p.rule()).isEqualTo("extra");
                        }));
  }
}
