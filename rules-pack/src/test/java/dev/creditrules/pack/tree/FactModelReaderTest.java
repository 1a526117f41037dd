package dev.creditrules.pack.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import dev.creditrules.api.model.Repairable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fact declarations: the shipped tree reads into the model the old records and validator
 * encoded, and every mistake an analyst can make in a {@code types.yaml} is reported with its file
 * and line.
 */
class FactModelReaderTest {
  static final Path SHIPPED = Path.of("../rules-drl/src/main/packs");

  static final List<String> ORDER =
      List.of(
          "ADMIN_PENALTY",
          "CREDIT_COMMITMENT",
          "REPAIR_GRANTED",
          "TAX_GRADE",
          "TAX_SERIOUS_LISTING",
          "LABOR_GRADE",
          "WAGE_ARREARS_LISTING",
          "WAGE_ARREARS_CASE",
          "MAJOR_LABOR_VIOLATION",
          "ENV_GRADE",
          "ENV_RECTIFICATION",
          "RESEARCH_MISCONDUCT",
          "JUDGMENT_DEFAULTER",
          // packs-v2 (issue 12)
          "CRIMINAL_PENALTY",
          "PROCUREMENT_BAN",
          "PROCUREMENT_SERIOUS_LISTING",
          "BID_DISQUALIFICATION",
          "RESPONSIBLE_PERSON_RECORD",
          "MKT_SERIOUS_LISTING",
          "MKT_ABNORMAL_LISTING",
          "SAF_SERIOUS_LISTING",
          "DISPUTE");

  static final String NOT_REPAIRABLE =
      "target {target} is a {what}, not a repairable record (a penalty, listing, C/D tax grade,"
          + " C labour grade, yellow/red/black environmental grade, violation, misconduct or"
          + " defaulter)";

  /** The problems of one types.yaml in pack folder "x". */
  static List<String> problems(String typesYaml) {
    return FactModelReader.check(Map.of("x/types.yaml", typesYaml)).problems().stream()
        .map(PackProblem::toString)
        .toList();
  }

  /**
   * A declaration of THING whose lines 6- are {@code more}, indented by two more spaces (its keys
   * at two spaces become the type's keys).
   */
  static String thing(String more) {
    return """
        types:
          THING:
            class: Thing
            subjects: any
            ownDate: madeOn
        """
        + more.indent(2);
  }

  static final String FIELDS =
      """
        fields:
          madeOn: { kind: date, required: true }
      """;

  @Nested
  class TheShippedTree {
    final FactModel model = FactModelReader.read(SHIPPED);

    @Test
    void hasNoProblem() {
      assertThat(FactModelReader.check(SHIPPED).problems()).isEmpty();
    }

    @Test
    void listsTheTypesInTheFactOrder() {
      assertThat(model.typeNames()).containsExactlyElementsOf(ORDER);
      assertThat(model.types())
          .extracting(FactTypeDecl::className)
          .startsWith("AdminPenalty", "CreditCommitment", "RepairGranted", "TaxGrade");
      assertThat(model.type("TAX_GRADE").pack()).isEqualTo("tax");
      assertThat(model.grantTypes())
          .extracting(FactTypeDecl::name)
          .containsExactly("REPAIR_GRANTED");
    }

    @Test
    void withoutFactOrderTypesFollowTheirPackFoldersThenTheirFiles() throws IOException {
      Map<String, String> files = texts(SHIPPED);
      files.remove("fact-order.yaml");
      assertThat(FactModelReader.read(files).typeNames())
          .containsExactly(
              "ENV_GRADE",
              "ENV_RECTIFICATION",
              "ADMIN_PENALTY",
              "CREDIT_COMMITMENT",
              "REPAIR_GRANTED",
              "JUDGMENT_DEFAULTER",
              "LABOR_GRADE",
              "WAGE_ARREARS_LISTING",
              "WAGE_ARREARS_CASE",
              "MAJOR_LABOR_VIOLATION",
              "MKT_SERIOUS_LISTING",
              "MKT_ABNORMAL_LISTING",
              "DISPUTE",
              "RESPONSIBLE_PERSON_RECORD",
              "CRIMINAL_PENALTY",
              "PROCUREMENT_BAN",
              "PROCUREMENT_SERIOUS_LISTING",
              "BID_DISQUALIFICATION",
              "RESEARCH_MISCONDUCT",
              "SAF_SERIOUS_LISTING",
              "TAX_GRADE",
              "TAX_SERIOUS_LISTING");
    }

    @Test
    void adminPenalty() {
      FactTypeDecl t = model.type("ADMIN_PENALTY");
      assertThat(t.className()).isEqualTo("AdminPenalty");
      assertThat(t.pack()).isEqualTo("general");
      assertThat(t.subjects()).containsExactly(SubjectType.values());
      assertThat(t.subjectsText()).isEqualTo("any subject");
      assertThat(t.ownDate()).isEqualTo("decidedOn");
      assertThat(t.ownDateIsYearEnd()).isFalse();
      assertThat(t.startField()).isEqualTo("decidedOn");
      assertThat(t.repairable()).isEqualTo(new Repairable(null, List.of(), "penalty"));
      assertThat(t.repairSector()).isEqualTo("sector");
      assertThat(t.grade()).isNull();
      assertThat(t.grant()).isNull();
      assertThat(t.fields())
          .extracting(FieldDecl::name)
          .startsWith(
              "sector",
              "decidedOn",
              "severity",
              "kinds",
              "fine",
              "fulfilledOn",
              "published",
              "specialSerious")
          // the market fields of packs-v2 (market.md s.1.1), after the v1 ones
          .endsWith(
              "procedure",
              "publishedOn",
              "lowFine",
              "domain",
              "violationType",
              "rectifiedOn",
              "restrictedUntil");
      assertThat(t.fields())
          .extracting(FieldDecl::kind)
          .startsWith(
              FieldKind.ENUMERATION,
              FieldKind.DATE,
              FieldKind.ENUMERATION,
              FieldKind.ENUMERATION_LIST,
              FieldKind.DECIMAL,
              FieldKind.DATE,
              FieldKind.BOOLEAN,
              FieldKind.BOOLEAN);
      assertThat(t.fields())
          .extracting(FieldDecl::presence)
          .startsWith(
              Presence.REQUIRED,
              Presence.REQUIRED,
              Presence.REQUIRED,
              Presence.OPTIONAL,
              Presence.OPTIONAL,
              Presence.OPTIONAL,
              Presence.OPTIONAL,
              Presence.OPTIONAL);
      assertThat(t.field("sector").values())
          .containsExactly(
              "market",
              "tax",
              "labor",
              "environment",
              "research",
              "food_drug",
              "construction_quality",
              "production_safety",
              "fire_safety",
              "other");
      assertThat(t.field("sector").description())
          .isEqualTo("the sector of the authority that decided it");
      assertThat(t.field("severity").values()).containsExactly("MINOR", "GENERAL", "SERIOUS");
      assertThat(t.field("severity").what()).isEqualTo("severity");
      assertThat(t.field("kinds").what()).isEqualTo("penalty kind");
      assertThat(t.field("kinds").values())
          .hasSize(12)
          .startsWith("WARNING")
          .contains("DETENTION")
          .endsWith("QUALIFICATION_DOWNGRADE", "BUSINESS_RESTRICTION", "CLOSURE");
      assertThat(t.field("published").description())
          .isEqualTo("MINOR only: whether the sector publishes it");
      assertThat(t.checks())
          .startsWith(
              new Check.NotBefore("fulfilledOn", "decidedOn", null),
              new Check.OnlyWhen(
                  "published",
                  "severity",
                  List.of("MINOR"),
                  "published is only allowed on a MINOR penalty, not on a {severity}"),
              new Check.OnlyWhen(
                  "specialSerious",
                  "severity",
                  List.of("SERIOUS"),
                  "specialSerious is only allowed on a SERIOUS penalty, not on a {severity}"))
          .hasSizeGreaterThan(3);
    }

    @Test
    void taxGrade() {
      FactTypeDecl t = model.type("TAX_GRADE");
      assertThat(t.subjectsText()).isEqualTo("organisations only");
      assertThat(t.ownDate()).isEqualTo("year");
      assertThat(t.ownDateIsYearEnd()).isTrue();
      assertThat(t.startField()).isEqualTo("publishedOn");
      assertThat(t.grade())
          .isEqualTo(
              new GradeScheme(
                  "year",
                  "grade",
                  "publishedOn",
                  List.of("A", "B", "M", "C", "D"),
                  List.of("A"),
                  "newGrade must not be A for a tax grade"));
      assertThat(t.repairable())
          .isEqualTo(new Repairable("grade", List.of("C", "D"), "C/D tax grade"));
      assertThat(t.fields())
          .extracting(FieldDecl::name, FieldDecl::kind, FieldDecl::presence)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("year", FieldKind.INTEGER, Presence.REQUIRED),
              org.assertj.core.groups.Tuple.tuple("grade", FieldKind.TEXT, Presence.REQUIRED),
              org.assertj.core.groups.Tuple.tuple("publishedOn", FieldKind.DATE, Presence.REQUIRED),
              org.assertj.core.groups.Tuple.tuple("score", FieldKind.DECIMAL, Presence.OPTIONAL),
              org.assertj.core.groups.Tuple.tuple(
                  "directReason", FieldKind.INTEGER, Presence.OPTIONAL),
              org.assertj.core.groups.Tuple.tuple(
                  "correctedOn", FieldKind.DATE, Presence.OPTIONAL));
      assertThat(t.field("year").min()).isEqualTo(1L);
      assertThat(t.field("year").max()).isNull();
      // the level field gets the scheme's levels: "grade must be one of A, B, M, C, D"
      assertThat(t.field("grade").oneOf()).containsExactly("A", "B", "M", "C", "D");
      assertThat(t.field("grade").message()).isNull();
      assertThat(t.field("directReason").min()).isEqualTo(1L);
      assertThat(t.field("directReason").max()).isEqualTo(13L);
      assertThat(t.checks())
          .containsExactly(
              new Check.YearOver("year", "publishedOn", null),
              new Check.Unique("year", List.of(), null),
              new Check.OnlyWhen(
                  "directReason",
                  "grade",
                  List.of("D"),
                  "directReason is only allowed on a D grade, not on {grade}"),
              new Check.NotBefore("correctedOn", "publishedOn", null));
      assertThat(model.type("ENV_GRADE").field("province").pattern()).isEqualTo("[0-9]{2}");
      assertThat(model.type("ENV_GRADE").field("province").message())
          .isEqualTo("province must be a 2-digit province code");
    }

    @Test
    void researchMisconduct() {
      FactTypeDecl t = model.type("RESEARCH_MISCONDUCT");
      assertThat(t.subjects())
          .containsExactly(
              SubjectType.NATURAL_PERSON,
              SubjectType.PUBLIC_INSTITUTION,
              SubjectType.ENTERPRISE,
              SubjectType.SOCIAL_ORG);
      assertThat(t.subjectsText())
          .isEqualTo("NATURAL_PERSON, PUBLIC_INSTITUTION, ENTERPRISE or SOCIAL_ORG only");
      FieldDecl misconduct = t.field("misconduct");
      assertThat(misconduct.kind()).isEqualTo(FieldKind.TEXT);
      assertThat(misconduct.oneOf())
          .containsExactly("RM-01", "RM-02", "RM-03", "RM-04", "RM-05", "RM-06", "RM-07", "RM-08");
      assertThat(misconduct.message()).isEqualTo("misconduct must be one of RM-01 ... RM-08");
      FieldDecl banYears = t.field("banYears");
      assertThat(banYears.presence()).isEqualTo(Presence.OPTIONAL);
      assertThat(banYears.min()).isEqualTo(1L);
      assertThat(banYears.yearsFrom())
          .isEqualTo(
              new FieldDecl.YearsFrom(
                  "decidedOn", "banYears too large: the ban would end after 9999-12-31"));
      for (String flag : List.of("permanent", "aggravated", "awardRevoked")) {
        assertThat(t.field(flag).presence()).isEqualTo(Presence.DEFAULTED);
        assertThat(t.field(flag).defaultValue()).isEqualTo(Boolean.FALSE);
      }
      assertThat(t.checks())
          .containsExactly(
              new Check.Exclusive(
                  "permanent",
                  "banYears",
                  "a permanent ban has no banYears; give either permanent or banYears"));
      assertThat(t.withDefaults(Map.of())).containsEntry("permanent", false).hasSize(3);
      FieldDecl termYears = model.type("JUDGMENT_DEFAULTER").field("termYears");
      assertThat(termYears.presence()).isEqualTo(Presence.DEFAULTED);
      assertThat(termYears.defaultValue()).isEqualTo(2);
      assertThat(termYears.min()).isEqualTo(1L);
      assertThat(termYears.max()).isEqualTo(5L);
      assertThat(model.type("TAX_SERIOUS_LISTING").field("priorListingsIn5Years").defaultValue())
          .isEqualTo(0);
    }

    @Test
    void repairGranted() {
      FactTypeDecl t = model.type("REPAIR_GRANTED");
      assertThat(t.grant())
          .isEqualTo(new GrantRole("target", "grantedOn", "revokedOn", "newGrade"));
      assertThat(t.ownDate()).isEqualTo("grantedOn");
      assertThat(t.repairable()).isNull();
      FieldDecl target = t.field("target");
      assertThat(target.kind()).isEqualTo(FieldKind.REFERENCE);
      assertThat(target.presence()).isEqualTo(Presence.REQUIRED);
      assertThat(target.reference().repairableOnly()).isTrue();
      assertThat(target.reference().message()).isEqualTo(NOT_REPAIRABLE);
      assertThat(target.message()).isNull();
      assertThat(t.field("newGrade").kind()).isEqualTo(FieldKind.TEXT);
      assertThat(t.checks())
          .containsExactly(
              new Check.NotBeforeTarget("grantedOn", "target", null),
              new Check.NotBefore("revokedOn", "grantedOn", null));
      assertThat(model.type("CREDIT_COMMITMENT").field("target").reference().message())
          .isEqualTo(NOT_REPAIRABLE);
      assertThat(model.type("ENV_RECTIFICATION").field("target").reference().types())
          .containsExactly("ENV_GRADE");
    }

    @Test
    void theTextsGiveTheSameModelAsTheDirectory() throws IOException {
      Map<String, String> files = texts(SHIPPED);
      files.put("general/2019.07/general.drl", "not read");
      files.put("README.md", "not read");
      assertThat(FactModelReader.read(files).types()).isEqualTo(model.types());
    }

    @Test
    void theClassPathGivesTheSameModelFromADirectoryOrAJar(@TempDir Path tmp) throws IOException {
      Path classes = tmp.resolve("classes");
      Path jar = tmp.resolve("packs.jar");
      Map<String, String> files = texts(SHIPPED);
      try (OutputStream out = Files.newOutputStream(jar);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        // directory entries, as the jar plugin writes them: the class loader finds the tree by them
        Set<String> dirs = new TreeSet<>(List.of("credit-rules/", "credit-rules/packs/"));
        for (String f : files.keySet()) {
          if (f.contains("/")) {
            dirs.add("credit-rules/packs/" + f.substring(0, f.indexOf('/') + 1));
          }
        }
        for (String d : dirs) {
          zip.putNextEntry(new ZipEntry(d));
          zip.closeEntry();
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
          Path p = classes.resolve("credit-rules/packs/" + f.getKey());
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.getValue());
          zip.putNextEntry(new ZipEntry("credit-rules/packs/" + f.getKey()));
          zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
      for (Path root : List.of(classes, jar)) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
          assertThat(FactModelReader.fromClasspath(loader).types()).isEqualTo(model.types());
        }
      }
      // the same tree twice on the class path is read once
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {classes.toUri().toURL(), jar.toUri().toURL()}, null)) {
        assertThat(FactModelReader.fromClasspath(loader).types()).isEqualTo(model.types());
      }
    }

    @Test
    void isDeclarationNamesTheFilesRead() {
      assertThat(FactModelReader.isDeclaration("general/types.yaml")).isTrue();
      assertThat(FactModelReader.isDeclaration("fact-order.yaml")).isTrue();
      assertThat(FactModelReader.isDeclaration("types.yaml")).isFalse();
      assertThat(FactModelReader.isDeclaration("general/2019.07/types.yaml")).isFalse();
      assertThat(FactModelReader.isDeclaration("general/2019.07/general.drl")).isFalse();
    }
  }

  static Map<String, String> texts(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (FactModelReader.isDeclaration(rel)) {
          files.put(rel, Files.readString(p));
        }
      }
    }
    return files;
  }

  @Nested
  class Reading {
    @Test
    void convertsEachDefaultToItsKindsJavaType() {
      FactModel model =
          FactModelReader.read(
              Map.of(
                  "x/types.yaml",
                  thing(
                      """
                      fields:
                        madeOn: { kind: date, required: true }
                        a: { kind: integer, default: -3 }
                        b: { kind: boolean, default: true }
                        c: { kind: date, default: 2020-02-29 }
                        d: { kind: decimal, default: 12.50 }
                        e: { kind: text, default: "07" }
                        f: { kind: enumeration, values: [X, Y], default: Y }
                        g: { kind: enumeration list, values: [X, Y], default: [Y, X] }
                        h: { kind: enumeration list, values: [X, Y], default: [] }
                        i: { kind: decimal, default: 3 }
                        j: { kind: boolean, required: false }
                    """)));
      FactTypeDecl t = model.type("THING");
      Map<String, Object> defaults = new LinkedHashMap<>();
      for (FieldDecl f : t.fields()) {
        defaults.put(f.name(), f.defaultValue());
      }
      assertThat(defaults)
          .containsEntry("madeOn", null)
          .containsEntry("a", -3)
          .containsEntry("b", true)
          .containsEntry("c", LocalDate.of(2020, 2, 29))
          .containsEntry("d", new BigDecimal("12.50"))
          .containsEntry("e", "07")
          .containsEntry("f", "Y")
          .containsEntry("g", List.of("Y", "X"))
          .containsEntry("h", List.of())
          .containsEntry("i", new BigDecimal("3"))
          .containsEntry("j", null);
      assertThat(t.field("j").presence()).isEqualTo(Presence.OPTIONAL);
      assertThat(t.field("a").presence()).isEqualTo(Presence.DEFAULTED);
      assertThat(t.subjects()).hasSize(7);
      assertThat(t.startField()).isEqualTo("madeOn");
    }

    @Test
    void anExplicitStartAndOneOfAreKept() {
      FactTypeDecl t =
          FactModelReader.read(
                  Map.of(
                      "x/types.yaml",
                      """
                      types:
                        SCORE:
                          class: Score
                          subjects: [ENTERPRISE]
                          ownDate: { endOfYear: year }
                          start: publishedOn
                          grade: { year: year, level: level, publishedOn: publishedOn, levels: [HI, LO] }
                          repairable: true
                          fields:
                            year: { kind: integer, required: true }
                            level: { kind: text, required: true, oneOf: [HI, LO, NONE] }
                            publishedOn: { kind: date, required: true }
                      """))
              .type("SCORE");
      assertThat(t.field("level").oneOf()).containsExactly("HI", "LO", "NONE");
      assertThat(t.repairable()).isEqualTo(new Repairable(null, List.of(), null));
      assertThat(t.subjectsText()).isEqualTo("ENTERPRISE only");
    }

    @Test
    void readThrowsEveryProblemAndCheckKeepsTheTypesWithout() {
      String yaml =
          """
          types:
            GOOD:
              class: Good
              subjects: any
              ownDate: on
              fields:
                on: { kind: date }
            BAD:
              class: Bad
              subjects: any
              ownDate: on
              fields:
                on: { kind: dat }
          """;
      FactModelReader.Result result = FactModelReader.check(Map.of("x/types.yaml", yaml));
      assertThat(result.ok()).isFalse();
      assertThat(result.model().typeNames()).containsExactly("GOOD");
      assertThat(result.problems())
          .extracting(PackProblem::toString)
          .containsExactly(
              "x/types.yaml:13:19: rule \"BAD\": unknown kind 'dat' of field on; did you mean 'date'?");
      assertThatThrownBy(() -> FactModelReader.read(Map.of("x/types.yaml", yaml)))
          .isInstanceOf(PackException.class)
          .satisfies(e -> assertThat(((PackException) e).problems()).isEqualTo(result.problems()))
          .hasMessageContaining("x/types.yaml:13:19");
    }

    @Test
    void aDirectoryThatIsNotThereIsAnArgumentError(@TempDir Path tmp) {
      assertThatThrownBy(() -> FactModelReader.read(tmp.resolve("nope")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pack directory does not exist");
    }

    @Test
    void aFileThatIsNotUtf8IsAProblemAtItsLine(@TempDir Path tmp) throws IOException {
      Files.createDirectories(tmp.resolve("x"));
      byte[] text = "types:\n  A: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
      Files.write(tmp.resolve("x/types.yaml"), text);
      assertThat(FactModelReader.check(tmp).problems())
          .extracting(PackProblem::toString)
          .containsExactly("x/types.yaml:2:6: the file is not UTF-8");
    }

    @Test
    void problemsComeByFileThenLine() {
      Map<String, String> files = new LinkedHashMap<>();
      files.put("fact-order.yaml", "order: [NOPE]\n");
      files.put("b/types.yaml", thing("  fields: { madeOn: { kind: date, color: red } }\n"));
      files.put("a/types.yaml", "types:\n  A: {}\nextra: 1\n");
      assertThat(FactModelReader.check(files).problems())
          .extracting(PackProblem::toString)
          .containsExactly(
              "a/types.yaml:2:3: rule \"A\": missing keys class, subjects, ownDate, fields in type A",
              "a/types.yaml:3:1: unknown key 'extra' in the file; expected one of types",
              "b/types.yaml:6:37: rule \"THING\": unknown key 'color' in field madeOn; expected one of kind, required, default, values, what, min, max, oneOf, pattern, message, yearsFrom, to, description, format, java",
              "./fact-order.yaml:1:9: order names NOPE, which no pack declares");
    }
  }

  /** One test per problem the lint reports, each asserting file, line, column and message. */
  @Nested
  class Lint {
    @Test
    void notYaml() {
      assertThat(problems("types:\n  A: [\n"))
          .containsExactly(
              "x/types.yaml:3:1: not valid YAML: while parsing a flow node: expected the node content, but found '<stream end>'");
    }

    @Test
    void anEmptyFile() {
      assertThat(problems("# nothing\n"))
          .containsExactly("x/types.yaml:1:1: the file is empty; expected types:");
    }

    @Test
    void aKeyGivenTwice() {
      assertThat(problems(thing("  ownDate: madeOn\n" + FIELDS)))
          .containsExactly(
              "x/types.yaml:6:5: rule \"THING\": ownDate is given twice in type THING");
    }

    @Test
    void unknownKeyOfATypeWithASuggestion() {
      assertThat(problems(thing("  descripton: x\n" + FIELDS)))
          .containsExactly(
              "x/types.yaml:6:5: rule \"THING\": unknown key 'descripton' in type THING; did you mean 'description'?");
    }

    @Test
    void unknownKeyOfTheFile() {
      assertThat(problems("type:\n  A: {}\n"))
          .containsExactly(
              "x/types.yaml:1:1: unknown key 'type' in the file; did you mean 'types'?",
              "x/types.yaml:1:1: missing types in the file");
    }

    @Test
    void unknownKeyOfAFieldWithoutASuggestion() {
      assertThat(problems(thing("  fields:\n    madeOn: { kind: date, colour: red }\n")))
          .containsExactly(
              "x/types.yaml:7:29: rule \"THING\": unknown key 'colour' in field madeOn; expected one of kind, required, default, values, what, min, max, oneOf, pattern, message, yearsFrom, to, description, format, java");
    }

    @Test
    void unknownKeysOfNestedMappings() {
      assertThat(
              problems(
                  """
                  types:
                    THING:
                      class: Thing
                      subjects: any
                      ownDate: { endOfYaer: year }
                      start: on
                      grade: { year: year, level: level, publishedOn: on, levels: [A], notAsNew: [A] }
                      fields:
                        year: { kind: integer, yearsFrom: { from: on, mesage: x } }
                        level: { kind: text }
                        on: { kind: date }
                      checks:
                        - notBefore: { field: on, then: on }
                  """))
          .containsExactly(
              "x/types.yaml:5:5: rule \"THING\": missing endOfYear in ownDate",
              "x/types.yaml:5:16: rule \"THING\": unknown key 'endOfYaer' in ownDate; did you mean 'endOfYear'?",
              "x/types.yaml:7:70: rule \"THING\": unknown key 'notAsNew' in grade; expected one of year, level, publishedOn, levels, notAsNewGrade, notAsNewGradeMessage",
              "x/types.yaml:9:53: rule \"THING\": unknown key 'mesage' in year.yearsFrom; did you mean 'message'?",
              "x/types.yaml:13:9: rule \"THING\": missing than in check notBefore",
              "x/types.yaml:13:33: rule \"THING\": unknown key 'then' in check notBefore; did you mean 'than'?");
    }

    @Test
    void unknownCheck() {
      assertThat(
              problems(
                  thing(FIELDS + "  checks:\n    - notBefor: { field: madeOn, than: madeOn }\n")))
          .containsExactly(
              "x/types.yaml:9:9: rule \"THING\": unknown key 'notBefor' in checks; did you mean 'notBefore'?");
    }

    @Test
    void unknownKindWithASuggestion() {
      assertThat(problems(thing(FIELDS + "    n: { kind: integr }\n")))
          .containsExactly(
              "x/types.yaml:8:18: rule \"THING\": unknown kind 'integr' of field n; did you mean 'integer'?");
    }

    @Test
    void unknownKindWithoutASuggestion() {
      assertThat(problems(thing(FIELDS + "    n: { kind: money }\n")))
          .containsExactly(
              "x/types.yaml:8:18: rule \"THING\": unknown kind 'money' of field n; expected one of date, integer, decimal, text, enumeration, enumeration list, boolean, reference");
    }

    @Test
    void missingClass() {
      assertThat(
              problems(
                  """
                  types:
                    THING:
                      subjects: any
                      ownDate: madeOn
                      fields:
                        madeOn: { kind: date }
                  """))
          .containsExactly("x/types.yaml:2:3: rule \"THING\": missing class in type THING");
    }

    @Test
    void classNotAJavaIdentifier() {
      assertThat(problems(thing(FIELDS).replace("class: Thing", "class: The-Thing")))
          .containsExactly(
              "x/types.yaml:3:12: rule \"THING\": class 'The-Thing' is not a valid Java identifier");
      assertThat(problems(thing(FIELDS).replace("class: Thing", "class: record")))
          .containsExactly(
              "x/types.yaml:3:12: rule \"THING\": class 'record' is not a valid Java identifier");
    }

    @Test
    void classDeclaredTwice() {
      String other =
          """
            OTHER:
              class: Thing
              subjects: any
              ownDate: madeOn
              fields:
                madeOn: { kind: date }
          """;
      assertThat(problems(thing(FIELDS) + other))
          .containsExactly(
              "x/types.yaml:9:12: rule \"OTHER\": class Thing is already the class of THING");
    }

    @Test
    void typeDeclaredInTwoPacks() {
      Map<String, String> files = new LinkedHashMap<>();
      files.put("zeta/types.yaml", thing(FIELDS));
      files.put("alpha/types.yaml", "# alpha\n" + thing(FIELDS).replace("Thing", "Other"));
      FactModelReader.Result r = FactModelReader.check(files);
      assertThat(r.problems())
          .extracting(PackProblem::toString)
          .containsExactly(
              "zeta/types.yaml:2:3: rule \"THING\": type THING is already declared in pack alpha");
      assertThat(r.model().type("THING").pack()).isEqualTo("alpha");
    }

    @Test
    void typeNameNotUpperCase() {
      FactModelReader.Result r =
          FactModelReader.check(Map.of("x/types.yaml", thing(FIELDS).replace("THING", "Thing")));
      assertThat(r.problems())
          .extracting(PackProblem::toString)
          .containsExactly(
              "x/types.yaml:2:3: rule \"Thing\": type name 'Thing' must match [A-Z][A-Z0-9_]*");
      assertThat(r.model().types()).isEmpty();
    }

    @Test
    void ownDateNotDeclared() {
      assertThat(problems(thing(FIELDS).replace("ownDate: madeOn", "ownDate: madOn")))
          .containsExactly(
              "x/types.yaml:5:14: rule \"THING\": ownDate names field madOn, which is not declared; did you mean madeOn?");
    }

    @Test
    void ownDateNotADate() {
      assertThat(
              problems(
                  thing(FIELDS + "    n: { kind: integer }\n")
                      .replace("ownDate: madeOn", "ownDate: n")))
          .containsExactly(
              "x/types.yaml:5:14: rule \"THING\": ownDate must be a date field, but n is an integer");
    }

    @Test
    void endOfYearNotAnInteger() {
      assertThat(
              problems(
                  thing(FIELDS)
                      .replace(
                          "ownDate: madeOn", "ownDate: { endOfYear: madeOn }\n    start: madeOn")))
          .containsExactly(
              "x/types.yaml:5:27: rule \"THING\": ownDate.endOfYear must be an integer field, but madeOn is a date");
    }

    @Test
    void startNotADate() {
      assertThat(problems(thing("  start: n\n" + FIELDS + "    n: { kind: text }\n")))
          .containsExactly(
              "x/types.yaml:6:12: rule \"THING\": start must be a date field, but n is a text");
    }

    @Test
    void startMissingForEndOfYear() {
      assertThat(
              problems(
                  thing(FIELDS + "    y: { kind: integer }\n")
                      .replace("ownDate: madeOn", "ownDate: { endOfYear: y }")))
          .containsExactly(
              "x/types.yaml:5:5: rule \"THING\": start (a date field) is required when ownDate is endOfYear");
    }

    @Test
    void gradeFieldsOfTheWrongKind() {
      assertThat(
              problems(
                  thing(
                      """
                        grade: { year: madeOn, level: n, publishedOn: y, levels: [A, B], notAsNewGrade: [Z] }
                        fields:
                          madeOn: { kind: date }
                          n: { kind: integer }
                          y: { kind: text }
                      """)))
          .containsExactly(
              "x/types.yaml:6:20: rule \"THING\": grade.year must be an integer field, but madeOn is a date",
              "x/types.yaml:6:35: rule \"THING\": grade.level must be a text field, but n is an integer",
              "x/types.yaml:6:51: rule \"THING\": grade.publishedOn must be a date field, but y is a text",
              "x/types.yaml:6:86: rule \"THING\": grade.notAsNewGrade names Z, which is not one of the levels A, B");
    }

    @Test
    void repairableFieldOfTheWrongKindOrValues() {
      assertThat(problems(thing("  repairable: { field: madeOn, values: [X] }\n" + FIELDS)))
          .containsExactly(
              "x/types.yaml:6:26: rule \"THING\": repairable.field must be an enumeration or a text field, but madeOn is a date");
      assertThat(
              problems(
                  thing(
                      "  repairable: { field: s, values: [A, Q] }\n"
                          + FIELDS
                          + "    s: { kind: enumeration, values: [A, B] }\n")))
          .containsExactly(
              "x/types.yaml:6:41: rule \"THING\": repairable.values names Q, which is not one of the values of s (A, B)");
      assertThat(problems(thing("  repairable: yes\n" + FIELDS)))
          .containsExactly("x/types.yaml:6:17: rule \"THING\": repairable must be true or false");
    }

    @Test
    void repairableValuesOfAGradeLevel() {
      assertThat(
              problems(
                  """
                  types:
                    SCORE:
                      class: Score
                      subjects: organisations
                      ownDate: { endOfYear: year }
                      start: on
                      grade: { year: year, level: level, publishedOn: on, levels: [HI, LO] }
                      repairable: { field: level, values: [LOW] }
                      fields:
                        year: { kind: integer }
                        level: { kind: text }
                        on: { kind: date }
                  """))
          .containsExactly(
              "x/types.yaml:8:42: rule \"SCORE\": repairable.values names LOW, which is not one of the values of level (HI, LO)");
    }

    @Test
    void grantFieldsOfTheWrongKind() {
      assertThat(
              problems(
                  thing(
                      "  grant: { target: madeOn, grantedOn: t, newGrade: madeOn }\n"
                          + FIELDS
                          + "    t: { kind: reference, to: repairable }\n")))
          .containsExactly(
              "x/types.yaml:6:22: rule \"THING\": grant.target must be a reference field, but madeOn is a date",
              "x/types.yaml:6:41: rule \"THING\": grant.grantedOn must be a date field, but t is a reference",
              "x/types.yaml:6:54: rule \"THING\": grant.newGrade must be a text field, but madeOn is a date");
    }

    @Test
    void repairSectorNotDeclared() {
      assertThat(problems(thing("  repairSector: sector\n" + FIELDS)))
          .containsExactly(
              "x/types.yaml:6:19: rule \"THING\": repairSector names field sector, which is not declared");
    }

    @Test
    void checkFieldsOfTheWrongKind() {
      assertThat(
              problems(
                  thing(
                      FIELDS
                          + """
                              n: { kind: integer }
                              s: { kind: enumeration, values: [A, B] }
                              b: { kind: boolean }
                              d: { kind: decimal }
                            checks:
                              - notBefore: { field: madeOn, than: n }
                              - yearOver: { field: madeOn, on: n }
                              - exclusive: { field: n, with: b }
                              - onlyWhen: { field: n, other: d, values: [A] }
                              - onlyWhen: { field: n, other: s, values: [A, C] }
                              - notBeforeTarget: { field: madeOn, target: s }
                              - unique: { field: n, also: [z] }
                          """)))
          .containsExactly(
              "x/types.yaml:13:43: rule \"THING\": notBefore.than must be a date field, but n is an integer",
              "x/types.yaml:14:28: rule \"THING\": yearOver.field must be an integer field, but madeOn is a date",
              "x/types.yaml:14:40: rule \"THING\": yearOver.on must be a date field, but n is an integer",
              "x/types.yaml:15:29: rule \"THING\": exclusive.field must be a boolean field, but n is an integer",
              "x/types.yaml:16:38: rule \"THING\": onlyWhen.other must be an enumeration or a text field, but d is a decimal",
              "x/types.yaml:17:53: rule \"THING\": onlyWhen.values names C, which is not one of the values of s (A, B)",
              "x/types.yaml:18:51: rule \"THING\": notBeforeTarget.target must be a reference field, but s is an enumeration",
              "x/types.yaml:19:36: rule \"THING\": unique.also names field z, which is not declared");
    }

    @Test
    void minGreaterThanMax() {
      assertThat(problems(thing(FIELDS + "    n: { kind: integer, min: 5, max: 1 }\n")))
          .containsExactly(
              "x/types.yaml:8:32: rule \"THING\": min 5 of field n is greater than its max 1");
    }

    @Test
    void minOnlyOnIntegers() {
      assertThat(problems(thing(FIELDS + "    n: { kind: decimal, min: 0 }\n")))
          .containsExactly(
              "x/types.yaml:8:27: rule \"THING\": min is only allowed on an integer, not on a decimal (field n)");
    }

    @Test
    void valuesOnlyOnEnumerations() {
      assertThat(problems(thing(FIELDS + "    n: { kind: text, values: [A] }\n")))
          .containsExactly(
              "x/types.yaml:8:24: rule \"THING\": values is only allowed on an enumeration or an enumeration list, not on a text (field n)");
      assertThat(problems(thing(FIELDS + "    n: { kind: enumeration }\n")))
          .containsExactly(
              "x/types.yaml:8:7: rule \"THING\": field n is an enumeration and needs values");
    }

    @Test
    void oneOfAndPatternOnlyOnTexts() {
      assertThat(
              problems(
                  thing(
                      FIELDS
                          + "    n: { kind: integer, oneOf: [1, 2] }\n    m: { kind: date, pattern: x }\n")))
          .containsExactly(
              "x/types.yaml:8:27: rule \"THING\": oneOf is only allowed on a text, not on an integer (field n)",
              "x/types.yaml:9:24: rule \"THING\": pattern is only allowed on a text, not on a date (field m)");
    }

    @Test
    void aBadRegularExpression() {
      assertThat(problems(thing(FIELDS + "    n: { kind: text, pattern: \"[0-9\" }\n")))
          .containsExactly(
              "x/types.yaml:8:33: rule \"THING\": pattern of field n is not a regular expression: Unclosed character class near index 3");
    }

    @Test
    void aReferenceToAnUndeclaredType() {
      assertThat(problems(thing(FIELDS + "    t: { kind: reference, to: [THNG] }\n")))
          .containsExactly(
              "x/types.yaml:8:34: rule \"THING\": t.to names type THNG, which no pack declares; did you mean THING?");
      assertThat(problems(thing(FIELDS + "    t: { kind: reference }\n")))
          .containsExactly(
              "x/types.yaml:8:7: rule \"THING\": field t is a reference and needs to: repairable or a list of fact types");
    }

    @Test
    void aDefaultOfTheWrongKind() {
      assertThat(
              problems(
                  thing(
                      FIELDS
                          + """
                              a: { kind: integer, default: two }
                              b: { kind: boolean, default: "true" }
                              c: { kind: date, default: 2021-02-29 }
                              d: { kind: enumeration, values: [X], default: Y }
                              e: { kind: integer, default: 9, max: 5 }
                          """)))
          .containsExactly(
              "x/types.yaml:8:36: rule \"THING\": default 'two' of field a is not an integer",
              "x/types.yaml:9:36: rule \"THING\": default 'true' of field b is not a boolean (true or false)",
              "x/types.yaml:10:33: rule \"THING\": default '2021-02-29' of field c is not a date (yyyy-MM-dd)",
              "x/types.yaml:11:53: rule \"THING\": default Y of field d is not one of its values X",
              "x/types.yaml:12:36: rule \"THING\": default 9 of field e is outside ..5");
    }

    @Test
    void aRequiredFieldWithADefault() {
      assertThat(problems(thing(FIELDS + "    n: { kind: integer, required: true, default: 1 }\n")))
          .containsExactly(
              "x/types.yaml:8:43: rule \"THING\": field n is required and has a default; give one or the other");
    }

    @Test
    void aFieldNamedLikeACommonField() {
      assertThat(
              problems(thing(FIELDS + "    id: { kind: text }\n    documentNo: { kind: text }\n")))
          .containsExactly(
              "x/types.yaml:8:7: rule \"THING\": a field may not be named id: every fact has id, type, authority, documentNo",
              "x/types.yaml:9:7: rule \"THING\": a field may not be named documentNo: every fact has id, type, authority, documentNo");
      assertThat(problems(thing(FIELDS + "    first-day: { kind: date }\n")))
          .containsExactly(
              "x/types.yaml:8:7: rule \"THING\": field name 'first-day' is not a valid Java identifier");
    }

    @Test
    void anUnknownPlaceholder() {
      assertThat(
              problems(
                  thing(
                      FIELDS
                          + """
                              n: { kind: integer, min: 1, message: "n must be 1 or more, not {value} on {madeOn} ({id})" }
                              t: { kind: reference, to: repairable, message: "{target} is a {wat}" }
                            checks:
                              - notBefore: { field: madeOn, than: madeOn, message: "{madeOn} before {than}" }
                          """)))
          .containsExactly(
              "x/types.yaml:9:69: rule \"THING\": t.message: unknown placeholder {wat}; expected a field of the type or one of {field}, {target}, {what}, {first}, {type}, {value}",
              "x/types.yaml:11:77: rule \"THING\": notBefore.message: unknown placeholder {than}; expected a field of the type or one of {field}, {target}, {what}, {first}, {type}, {value}");
    }

    @Test
    void anUnknownSubjectType() {
      assertThat(
              problems(
                  thing(FIELDS)
                      .replace("subjects: any", "subjects: [ENTERPRISE, PERSON, NATURAL_PERSONS]")))
          .containsExactly(
              "x/types.yaml:4:28: rule \"THING\": unknown subject type 'PERSON'; expected one of ENTERPRISE, INDIVIDUAL_BUSINESS, FARMER_COOP, PUBLIC_INSTITUTION, SOCIAL_ORG, GOVERNMENT_AGENCY, NATURAL_PERSON",
              "x/types.yaml:4:36: rule \"THING\": unknown subject type 'NATURAL_PERSONS'; did you mean NATURAL_PERSON?");
      assertThat(problems(thing(FIELDS).replace("subjects: any", "subjects: all")))
          .containsExactly(
              "x/types.yaml:4:15: rule \"THING\": subjects must be any, organisations or a list of subject types");
    }

    @Test
    void factOrderNamingAnUndeclaredType() {
      Map<String, String> files =
          Map.of(
              "x/types.yaml",
              thing(FIELDS),
              "fact-order.yaml",
              "# order\norder:\n  - THING\n  - THINGS\n  - THING\n");
      FactModelReader.Result r = FactModelReader.check(files);
      assertThat(r.problems())
          .extracting(PackProblem::toString)
          .containsExactly(
              "./fact-order.yaml:4:5: order names THINGS, which no pack declares; did you mean THING?",
              "./fact-order.yaml:5:5: order names THING twice");
      assertThat(r.problems().get(0).pack()).isEqualTo(FactModelReader.ROOT);
      assertThat(r.problems().get(0).file()).isEqualTo("fact-order.yaml");
      assertThat(r.problems().get(0).rule()).isNull();
      assertThat(FactModelReader.check(Map.of("fact-order.yaml", "ordre: []\n")).problems())
          .extracting(PackProblem::toString)
          .containsExactly(
              "./fact-order.yaml:1:1: unknown key 'ordre' in the file; did you mean 'order'?",
              "./fact-order.yaml:1:1: missing order in the file");
    }
  }

  /** The conditional checks of issue 12: forbid/require with when:, notAfterTerm, sameAsTarget. */
  @Nested
  class ConditionalChecks {
    static final String BODY =
        """
          fields:
            madeOn: { kind: date, required: true }
            kind: { kind: enumeration, values: [A, B], default: A }
            flag: { kind: boolean }
            endsOn: { kind: date }
            years: { kind: integer }
            other: { kind: reference, to: any }
          repairable: { label: thing, when: { kind: [B], flag: true } }
          checks:
            - forbid: { field: flag, when: { any: [ { kind: [A] }, { endsOn: { before: madeOn } } ] } }
            - require: { field: endsOn, when: { kind: { not: [A] }, other: { type: [THING] } } }
            - notAfterTerm: { field: endsOn, start: [madeOn], years: years }
            - sameAsTarget: { field: other, this: madeOn, that: madeOn }
        """;

    @Test
    void readIntoTheModel() {
      FactTypeDecl t = FactModelReader.read(Map.of("x/types.yaml", thing(BODY))).type("THING");
      assertThat(t.checks())
          .extracting(c -> c.getClass().getSimpleName())
          .containsExactly("Forbid", "Require", "NotAfterTerm", "SameAsTarget");
      assertThat(t.repairable().when()).isNotNull();
      assertThat(t.field("other").reference().anyType()).isTrue();
    }

    @Test
    void aConditionNamingAnUndeclaredFieldOrTypeIsAProblemWithItsLine() {
      assertThat(
              problems(
                  thing(
                      """
                      fields:
                        madeOn: { kind: date, required: true }
                        flag: { kind: boolean }
                        other: { kind: reference, to: any }
                      checks:
                        - forbid: { field: flag, when: { colour: present } }
                        - forbid: { field: flag, when: { other: { type: [NOPE] } } }
                        - forbid: { field: flag, when: { madeOn: { below: 3 } } }
                        - require: { field: flag, when: { flag: maybe } }
                      """
                          .indent(2))))
          .hasSize(4)
          .allSatisfy(p -> assertThat(p).startsWith("x/types.yaml:1"))
          .anySatisfy(p -> assertThat(p).contains("names field colour, which is not declared"))
          .anySatisfy(p -> assertThat(p).contains("names type NOPE, which no pack declares"))
          .anySatisfy(p -> assertThat(p).contains("only tests a number field"))
          .anySatisfy(p -> assertThat(p).contains("must be present, absent, true, false"));
    }
  }
}
