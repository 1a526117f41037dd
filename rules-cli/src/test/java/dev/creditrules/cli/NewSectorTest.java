package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "Done when": a sector that exists nowhere in the code, 港口经营信用 ({@code harbour}), is
 * added to a copy of the shipped pack tree as text only (its fact types in {@code
 * harbour/types.yaml}, a pack with two versions, its catalogue, parameters, grade table, DRL and
 * cases), and the command line validates, tests, decides, diffs and explains it with no Java
 * written.
 *
 * <p>The sector: a yearly grade {@code HARBOUR_GRADE} (its own scheme AAA … C, C repairable, one
 * grade per year, published after its year) and a listing {@code HARBOUR_LISTING} (repairable, a
 * defaulted {@code termYears}, a rectification that may not precede the listing). {@code
 * harbour@2020.01} holds everything; {@code harbour@2024.07} holds only its differences: a
 * parameter (six months to repair a listing instead of twelve), a catalogue entry (HBR-S-02 renamed
 * with a new basis), a replaced rule (a listing's publication stops on rectification) and a removed
 * rule with its catalogue entry (the B-grade reminder). A listing is a serious and a bad record, so
 * the shipped {@code joint} pack adds its joint sanctions; commitments and grants of the shipped
 * {@code general} types may name the new records, as they are declared repairable.
 *
 * <p>One tree is written once; each command loads it once.
 */
class NewSectorTest {
  static final Path SHIPPED = Path.of("../rules-drl/src/main/packs");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  /** The shipped tree (without its cases) plus the harbour sector. */
  static Path packs;

  /** A request with harbour facts of both versions and a commitment. */
  static Path request;

  /**
   * Generated requests (JSON Lines) over the tree's declarations, made once by {@code generate}.
   */
  private static Path generated;

  @BeforeAll
  static void writeTheTree() throws IOException {
    packs = tmp.resolve("packs");
    copy(SHIPPED, packs);
    assertThat(packs.resolve("general/types.yaml")).exists();
    assertThat(packs.resolve("harbour")).doesNotExist();
    harbour(packs.resolve("harbour"));
    request = write(tmp.resolve("request.json"), REQUEST);
  }

  /** Copies a pack tree, leaving out its cases. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path rel = from.relativize(f);
        boolean isCase = false;
        for (Path part : rel) {
          isCase |= part.toString().equals("cases");
        }
        if (isCase) {
          continue;
        }
        Path t = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Writes the harbour pack folder: its declarations and both versions, with their cases. */
  static void harbour(Path dir) throws IOException {
    write(dir.resolve("types.yaml"), TYPES);
    Path v1 = dir.resolve("2020.01");
    write(v1.resolve("pack.properties"), MANIFEST_2020);
    write(v1.resolve("measures.properties"), CATALOGUE_2020);
    write(v1.resolve("parameters.properties"), PARAMETERS_2020);
    write(v1.resolve("grade-measures.csv"), GRADE_TABLE_2020);
    write(v1.resolve("listing.drl"), RULES_2020);
    write(v1.resolve("README.md"), README_2020);
    write(v1.resolve("CHANGES.md"), CHANGES_2020);
    write(v1.resolve("cases/grades.yaml"), GRADE_CASES_2020);
    write(v1.resolve("cases/listings.yaml"), LISTING_CASES_2020);
    write(v1.resolve("cases/errors.yaml"), ERROR_CASES_2020);
    Path v2 = dir.resolve("2024.07");
    write(v2.resolve("pack.properties"), MANIFEST_2024);
    write(v2.resolve("measures.properties"), CATALOGUE_2024);
    write(v2.resolve("parameters.properties"), PARAMETERS_2024);
    write(v2.resolve("listing.drl"), RULES_2024);
    write(v2.resolve("README.md"), README_2024);
    write(v2.resolve("CHANGES.md"), CHANGES_2024);
    write(v2.resolve("cases/grades.yaml"), GRADE_CASES_2024);
    write(v2.resolve("cases/listings.yaml"), LISTING_CASES_2024);
  }

  static MainTest.Run run(String... args) {
    return MainTest.run("", args);
  }

  /** The generated requests, written by {@code generate --packs} on first use. */
  static synchronized Path generated() throws IOException {
    if (generated == null) {
      Path file = tmp.resolve("generated.jsonl");
      MainTest.Run r =
          run(
              "generate",
              "--packs",
              packs.toString(),
              "--count",
              "60",
              "--seed",
              "11",
              "--facts",
              "6",
              "--out",
              file.toString());
      assertThat(r.code()).as(r.err()).isZero();
      generated = file;
    }
    return generated;
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  static JsonNode outcome(JsonNode decision, String list, String measure) {
    for (JsonNode o : decision.get(list)) {
      if (o.get("measure").asText().equals(measure)) {
        return o;
      }
    }
    throw new AssertionError(measure + " is not in " + list + ": " + decision.get(list));
  }

  static JsonNode repair(JsonNode decision, String fact) {
    for (JsonNode r : decision.get("repairs")) {
      if (r.get("fact").asText().equals(fact)) {
        return r;
      }
    }
    throw new AssertionError("no repair entry for " + fact + ": " + decision.get("repairs"));
  }

  @Test
  void validateCompilesTheTreeWithBothHarbourVersions() {
    MainTest.Run r = run("validate", packs.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("(?m)^ok harbour@2020\\.01 sha256:[0-9a-f]{64}$")
        .containsPattern("(?m)^ok harbour@2024\\.07 sha256:[0-9a-f]{64}$")
        .contains("ok general@2026.04 ", "ok joint@2016.05 ");
  }

  @Test
  void theCasesOfBothVersionsPassAndCoverEveryHarbourRule() throws IOException {
    Path report = tmp.resolve("coverage");
    MainTest.Run r =
        run(
            "test",
            packs.toString(),
            "--pack",
            "harbour",
            "--coverage",
            "--min-coverage",
            "100",
            "--report",
            report.toString(),
            "--verbose");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern(
            "PASS \\S*/harbour/2020\\.01/cases/listings\\.yaml:\\d+: a listing of 30 June 2024, the last day before")
        .containsPattern(
            "PASS \\S*/harbour/2024\\.07/cases/listings\\.yaml:\\d+: a listing of 1 July 2024, the first day of")
        .containsPattern("PASS \\S*/harbour/2020\\.01/cases/errors\\.yaml:\\d+: ")
        .contains("22 cases, 22 passed, 0 failed")
        // every rule of each version fired, inherited ones included, and every measure is expected
        .containsPattern("(?m)^coverage harbour@2020\\.01 +100\\.0 % of 9 rules$")
        .containsPattern("(?m)^coverage harbour@2024\\.07 +100\\.0 % of 8 rules$")
        .containsPattern("(?m)^coverage total 100\\.0 % ")
        .doesNotContain(
            "never fired", "measures no case expects", "coverage joint@", "coverage general@");
    JsonNode json = JSON.readTree(report.resolve("coverage.json").toFile());
    assertThat(json.toString())
        .contains("harbour@2024.07", "listing-publication", "c-grade-shoreline-restriction");
  }

  @Test
  void evaluateDecidesHarbourFactsWithTheCatalogueOfTheVersionThatJudgesThem() throws IOException {
    MainTest.Run r = run("evaluate", "--packs", packs.toString(), request.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = JSON.readTree(r.out());
    assertThat(d.get("requestId").asText()).isEqualTo("harbour-1");
    List<String> versions = new ArrayList<>();
    d.get("packs")
        .forEach(p -> versions.add(p.get("id").asText() + "@" + p.get("version").asText()));
    assertThat(versions).containsExactly("harbour@2020.01", "harbour@2024.07", "joint@2016.05");
    assertThat(d.get("incentives")).isEmpty();
    assertThat(d.get("warnings")).isEmpty();
    assertThat(texts(d.get("sanctions"), "measure"))
        .containsExactly(
            "GEN-S-01", "GEN-S-02", "GEN-S-03", "GEN-S-04", "HBR-S-01", "HBR-S-02", "HBR-S-03");

    // the 2024 C grade: the grade table inherited from 2020.01, judged by 2024.07
    JsonNode supervision = outcome(d, "sanctions", "HBR-S-01");
    assertThat(supervision.get("rule").asText())
        .isEqualTo("harbour@2024.07/b-c-grade-key-supervision");
    assertThat(supervision.get("sector").asText()).isEqualTo("harbour");
    assertThat(supervision.get("from").asText()).isEqualTo("2025-02-20");
    assertThat(supervision.get("until").asText()).isEqualTo("2026-02-20");
    assertThat(supervision.get("facts").toString()).isEqualTo("[\"g24\"]");
    // HBR-S-02: 2024.07's English name and basis over 2020.01's Chinese name, group and areas
    JsonNode shoreline = outcome(d, "sanctions", "HBR-S-02");
    assertThat(shoreline.get("rule").asText())
        .isEqualTo("harbour@2024.07/c-grade-shoreline-restriction");
    assertThat(shoreline.at("/name/en").asText())
        .isEqualTo("Barred from shoreline and anchorage allocation");
    assertThat(shoreline.at("/name/zh").asText()).isEqualTo("限制参与港口岸线资源配置");
    assertThat(shoreline.get("group").asText()).isEqualTo("RIGHTS_REDUCING");
    assertThat(shoreline.get("areas").toString()).isEqualTo("[\"BIDDING\",\"MARKET_ACCESS\"]");
    assertThat(shoreline.get("basis")).hasSize(1);
    assertThat(shoreline.at("/basis/0/title").asText()).isEqualTo("港口经营信用管理办法（2024年修订）");
    assertThat(shoreline.at("/basis/0/article").asText()).isEqualTo("第十五条");
    assertThat(shoreline.get("verified").asBoolean()).isTrue();
    // the listing of 2023 is published by 2020.01's rule for its two-year term; the listing of
    // 2024, rectified on 2025-01-10, is no longer published under 2024.07's own rule
    JsonNode publication = outcome(d, "sanctions", "HBR-S-03");
    assertThat(publication.get("rule").asText()).isEqualTo("harbour@2020.01/listing-publication");
    assertThat(publication.get("facts").toString()).isEqualTo("[\"l2\"]");
    assertThat(publication.get("until").asText()).isEqualTo("2025-04-03");
    assertThat(publication.at("/basis/0/article").asText()).isEqualTo("第二十条");
    // both listings are serious records: the joint pack's sanctions, merged
    JsonNode joint = outcome(d, "sanctions", "GEN-S-01");
    assertThat(joint.get("rule").asText())
        .isEqualTo("joint@2016.05/serious-record-key-supervision");
    assertThat(joint.get("sector").asText()).isEqualTo("general");
    assertThat(joint.get("facts").toString()).isEqualTo("[\"l1\",\"l2\"]");
    assertThat(joint.get("from").asText()).isEqualTo("2023-04-03");
    assertThat(joint.get("until").asText()).isEqualTo("2027-08-15");

    // repairs: one per repairable record, by the version that judges it
    assertThat(texts(d.get("repairs"), "fact")).containsExactly("g24", "l1", "l2");
    JsonNode grade = repair(d, "g24");
    assertThat(grade.get("status").asText()).isEqualTo("NEVER");
    assertThat(texts(grade.get("unmet"), "code")).containsExactly("NO_PROCEDURE");
    assertThat(grade.get("route").isNull()).isTrue();
    assertThat(grade.get("rule").asText()).isEqualTo("harbour@2024.07/c-grade-repair");
    // six months (2024.07's parameter) after 2024-08-15, rectified and committed
    JsonNode listing = repair(d, "l1");
    assertThat(listing.get("status").asText()).isEqualTo("ELIGIBLE");
    assertThat(listing.get("earliest").asText()).isEqualTo("2025-02-16");
    assertThat(listing.get("unmet")).isEmpty();
    assertThat(listing.get("sector").asText()).isEqualTo("harbour");
    assertThat(listing.get("route").asText()).isEqualTo("港口行政管理部门");
    assertThat(listing.at("/basis/0/article").asText()).isEqualTo("第二十二条");
    assertThat(listing.get("verified").asBoolean()).isTrue();
    assertThat(listing.get("rule").asText()).isEqualTo("harbour@2024.07/listing-repair");
    JsonNode older = repair(d, "l2");
    assertThat(older.get("status").asText()).isEqualTo("NOT_YET");
    assertThat(older.get("earliest").isNull()).isTrue();
    assertThat(texts(older.get("unmet"), "code"))
        .containsExactly("CORRECTION_MISSING", "COMMITMENT_MISSING");
    assertThat(older.get("rule").asText()).isEqualTo("harbour@2020.01/listing-repair");
  }

  @Test
  void factsPrintsTheNewTypesFromTheirDeclarations() {
    // no class of the sector exists before its packs load: they are generated from types.yaml
    assertThatThrownBy(() -> Class.forName("dev.creditrules.facts.HarbourListing"))
        .isInstanceOf(ClassNotFoundException.class);
    MainTest.Run r = run("facts", packs.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "| [`HARBOUR_GRADE`](#harbour_grade) | `HarbourGrade` | `harbour/types.yaml` | organisations only"
                + " | 31 December of `year` | when `level` is C |")
        .contains(
            "| [`HARBOUR_LISTING`](#harbour_listing) | `HarbourListing` | `harbour/types.yaml` | any subject"
                + " | `listedOn` | yes |")
        .contains(
            "- Grade scheme: `level` of year `year`, in force from `publishedOn`; levels, best first: AAA, AA, A,"
                + " B, C; never given as `newGrade`: AAA.")
        .contains("| `level` | text | required | AAA, AA, A, B, C | AAA, AA, A, B or C |")
        .contains("| `termYears` | integer | default 3 | 1-5 | the listing term in years |")
        .contains("- `rectifiedOn` not before `listedOn`")
        .contains("- one fact of this type per `year`")
        // the shipped types are still there
        .contains("| [`ADMIN_PENALTY`](#admin_penalty) |");
  }

  /**
   * One batch, one load of the tree: the requests {@code generate} wrote from the tree's
   * declarations, harbour facts among them, are all decided; then invalid harbour facts (an unknown
   * level, a listing date contradiction, a type not allowed for the subject and more) are refused
   * with an error at each field.
   */
  @Test
  void aBatchDecidesGeneratedHarbourRequestsAndRefusesInvalidHarbourFactsAtTheirFields()
      throws IOException {
    String generatedLines = Files.readString(generated());
    List<String> requests = generatedLines.lines().toList();
    assertThat(requests).hasSize(60);
    assertThat(requests).anyMatch(l -> l.contains("\"type\":\"HARBOUR_GRADE\""));
    assertThat(requests).anyMatch(l -> l.contains("\"type\":\"HARBOUR_LISTING\""));
    String invalid =
        String.join(
                "\n",
                // an unknown level of the grade scheme
                "{\"requestId\":\"level\",\"asOf\":\"2025-03-01\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
                    + "\"facts\":[{\"id\":\"g24\",\"type\":\"HARBOUR_GRADE\",\"year\":2024,\"level\":\"AAAA\",\"publishedOn\":\"2025-02-20\"}]}",
                // a listing rectified the day before it was listed
                "{\"requestId\":\"dates\",\"asOf\":\"2025-03-01\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
                    + "\"facts\":[{\"id\":\"l1\",\"type\":\"HARBOUR_LISTING\",\"listedOn\":\"2024-08-15\",\"rectifiedOn\":\"2024-08-14\"}]}",
                // a grade for a natural person (a listing is allowed)
                "{\"requestId\":\"subject\",\"asOf\":\"2025-03-01\",\"subject\":{\"id\":\"110101199003074514\",\"type\":\"NATURAL_PERSON\"},"
                    + "\"facts\":[{\"id\":\"l1\",\"type\":\"HARBOUR_LISTING\",\"listedOn\":\"2024-08-15\"},"
                    + "{\"id\":\"g24\",\"type\":\"HARBOUR_GRADE\",\"year\":2024,\"level\":\"C\",\"publishedOn\":\"2025-02-20\"}]}",
                // a second grade for a year, a grade published before its year is over, a misspelt
                // field, a
                // term out of range, a new grade the scheme refuses, a commitment for a B grade
                "{\"requestId\":\"more\",\"asOf\":\"2025-03-01\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
                    + "\"facts\":[{\"id\":\"g23\",\"type\":\"HARBOUR_GRADE\",\"year\":2023,\"level\":\"C\",\"publishedOn\":\"2024-02-20\"},"
                    + "{\"id\":\"g23b\",\"type\":\"HARBOUR_GRADE\",\"year\":2023,\"level\":\"B\",\"publishedOn\":\"2024-03-20\"},"
                    + "{\"id\":\"g25\",\"type\":\"HARBOUR_GRADE\",\"year\":2025,\"level\":\"B\",\"publishedOn\":\"2025-02-20\"},"
                    + "{\"id\":\"l1\",\"type\":\"HARBOUR_LISTING\",\"listedOn\":\"2024-08-15\",\"termYears\":9,\"rectifedOn\":\"2024-09-01\"},"
                    + "{\"id\":\"r1\",\"type\":\"REPAIR_GRANTED\",\"target\":\"g23\",\"grantedOn\":\"2024-05-01\",\"newGrade\":\"AAA\"},"
                    + "{\"id\":\"c1\",\"type\":\"CREDIT_COMMITMENT\",\"target\":\"g25\",\"madeOn\":\"2025-02-21\"}]}")
            + "\n";
    MainTest.Run r =
        MainTest.run(
            generatedLines + invalid,
            "evaluate",
            "--packs",
            packs.toString(),
            "--jsonl",
            "--quiet",
            "-");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("64 lines: 60 decisions, 4 errors (4 invalid, 0 internal)");
    String[] out = r.out().split("\n");
    assertThat(out).hasSize(64);
    // every generated request is decided, some by each harbour version
    assertThat(Arrays.copyOfRange(out, 0, 60)).noneMatch(l -> l.contains("\"errors\""));
    assertThat(r.out()).contains("\"rule\":\"harbour@2020.01/", "\"rule\":\"harbour@2024.07/");
    assertThat(Arrays.copyOfRange(out, 60, 64))
        .containsExactly(
            "{\"requestId\":\"level\",\"line\":61,\"errors\":[{\"pointer\":\"/facts/0/level\",\"value\":\"AAAA\","
                + "\"reason\":\"level must be one of AAA, AA, A, B, C\"}]}",
            "{\"requestId\":\"dates\",\"line\":62,\"errors\":[{\"pointer\":\"/facts/0/rectifiedOn\",\"value\":\"2024-08-14\","
                + "\"reason\":\"rectifiedOn 2024-08-14 is before listedOn 2024-08-15\"}]}",
            "{\"requestId\":\"subject\",\"line\":63,\"errors\":[{\"pointer\":\"/facts/1/type\",\"value\":\"HARBOUR_GRADE\","
                + "\"reason\":\"HARBOUR_GRADE is allowed for organisations only, not for a NATURAL_PERSON\"}]}",
            "{\"requestId\":\"more\",\"line\":64,\"errors\":["
                + "{\"pointer\":\"/facts/1/year\",\"value\":2023,"
                + "\"reason\":\"/facts/0 is already a HARBOUR_GRADE for year 2023; one grade per scheme and year\"},"
                + "{\"pointer\":\"/facts/2/year\",\"value\":2025,"
                + "\"reason\":\"a grade for year 2025 cannot be published on 2025-02-20, before the year is over\"},"
                + "{\"pointer\":\"/facts/3/rectifedOn\",\"value\":\"2024-09-01\",\"reason\":\"unknown field\"},"
                + "{\"pointer\":\"/facts/3/termYears\",\"value\":9,\"reason\":\"termYears must be 1-5\"},"
                + "{\"pointer\":\"/facts/4/newGrade\",\"value\":\"AAA\",\"reason\":\"newGrade must not be AAA for a harbour grade\"},"
                + "{\"pointer\":\"/facts/5/target\",\"value\":\"g25\",\"reason\":\"target g25 is a HARBOUR_GRADE B, not a"
                + " repairable record (a penalty, listing, C/D tax grade, C labour grade, yellow/red/black environmental"
                + " grade, violation, misconduct or defaulter)\"}]}");
  }

  @Test
  void diffReportsWhatTheChangedParameterChanges() throws IOException {
    Path after = tmp.resolve("packs-after");
    copy(packs, after);
    Path parameters = after.resolve("harbour/2024.07/parameters.properties");
    String text = Files.readString(parameters);
    assertThat(text).contains("listingRepairMonths=6\n");
    Files.writeString(
        parameters, text.replace("listingRepairMonths=6\n", "listingRepairMonths=9\n"));
    Path requests = tmp.resolve("diff-requests.jsonl");
    Files.writeString(
        requests,
        Files.readString(generated()) + JSON.readTree(request.toFile()).toString() + "\n");

    MainTest.Run r =
        run(
            "diff",
            "--before",
            packs.toString(),
            "--after",
            after.toString(),
            "--requests",
            requests.toString(),
            "--report",
            tmp.resolve("diff").toString(),
            "--format",
            "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("requests").asInt()).isEqualTo(61);
    assertThat(j.get("decided").asInt()).isEqualTo(61);
    assertThat(j.get("errors")).isEmpty();
    // only 2024.07's listing repair changes: its earliest day, and so its status and conditions
    assertThat(texts(j.get("byMeasure"), "measure")).containsExactly("HBR-R-01");
    assertThat(texts(j.get("byRule"), "rule")).containsExactly("harbour/listing-repair");
    assertThat(j.at("/byRule/0/rules").toString())
        .isEqualTo("[\"harbour@2024.07/listing-repair\"]");
    assertThat(j.get("changedSubjects").asInt()).isEqualTo(j.get("subjects").size()).isPositive();
    JsonNode mine = null;
    for (JsonNode s : j.get("subjects")) {
      assertThat(s.get("outcomes")).isEmpty();
      if (s.get("requestId").asText().equals("harbour-1")) {
        mine = s;
      }
    }
    assertThat(mine).as("the hand-written request changes").isNotNull();
    assertThat(mine.get("line").asInt()).isEqualTo(61);
    JsonNode change = mine.at("/repairs/0");
    assertThat(mine.get("repairs")).hasSize(1);
    assertThat(change.get("fact").asText()).isEqualTo("l1");
    assertThat(change.get("kind").asText()).isEqualTo("CHANGED");
    assertThat(change.get("fields").toString()).isEqualTo("[\"status\",\"earliest\",\"unmet\"]");
    assertThat(change.at("/before/status").asText()).isEqualTo("ELIGIBLE");
    assertThat(change.at("/before/earliest").asText()).isEqualTo("2025-02-16");
    assertThat(change.at("/after/status").asText()).isEqualTo("NOT_YET");
    assertThat(change.at("/after/earliest").asText()).isEqualTo("2025-05-16");
    assertThat(change.at("/after/unmet").toString()).isEqualTo("[\"MIN_PERIOD\"]");
  }

  @Test
  void explainShowsAMeasureThatFiredAndOneThatDidNot() throws IOException {
    MainTest.Run fired =
        run(
            "explain",
            "--packs",
            packs.toString(),
            "--request",
            request.toString(),
            "--measure",
            "HBR-S-02");
    assertThat(fired.code()).as(fired.err()).isZero();
    assertThat(fired.out())
        .startsWith(
            "HBR-S-02 is in the decision:\n"
                + "  2025-02-20 .. 2026-02-20  harbour@2024.07/c-grade-shoreline-restriction  facts [g24]\n")
        .contains("harbour@2024.07/c-grade-shoreline-restriction: FIRED")
        // 2020.01 judges only the older listing: its Judged marker is not the grade's
        .contains("harbour@2020.01/c-grade-shoreline-restriction: FAILED");

    MainTest.Run not =
        run(
            "explain",
            "--packs",
            packs.toString(),
            "--request",
            request.toString(),
            "--measure",
            "HBR-I-01",
            "--format",
            "json");
    assertThat(not.code()).as(not.err()).isZero();
    JsonNode e = JSON.readTree(not.out());
    assertThat(e.get("inDecision").asBoolean()).isFalse();
    assertThat(texts(e.get("rules"), "rule"))
        .containsExactly(
            "harbour@2020.01/aaa-grade-priority-berthing",
            "harbour@2024.07/aaa-grade-priority-berthing");
    for (JsonNode rule : e.get("rules")) {
      assertThat(rule.get("verdict").asText()).isEqualTo("FAILED");
      assertThat(rule.get("line").asInt()).isEqualTo(4);
      assertThat(rule.get("condition").asText()).startsWith("grade in ( \"AAA\" )");
      assertThat(rule.get("seen").toString())
          .contains("fact=g24", "scheme=HARBOUR_GRADE", "grade=C");
    }
    // the row of the inherited grade table, named from the version that judged
    assertThat(texts(e.get("rules"), "file"))
        .containsExactly("grade-measures.csv", "../2020.01/grade-measures.csv");
  }

  @Test
  void aBrokenDeclarationStopsValidateWithItsFileAndLine() throws IOException {
    Path broken = tmp.resolve("packs-broken");
    copy(packs, broken);
    Path types = broken.resolve("harbour/types.yaml");
    String text = Files.readString(types);
    String line = "      termYears: { kind: integer, default: 3,";
    assertThat(text).contains(line);
    Files.writeString(types, text.replace(line, "      termYears: { kind: integer, defualt: 3,"));
    List<String> lines = text.lines().toList();
    int number =
        1
            + IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).startsWith(line))
                .findFirst()
                .orElseThrow();

    MainTest.Run r = run("validate", broken.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("harbour/types.yaml:" + number + ":")
        .contains("unknown key 'defualt' in field termYears; did you mean 'default'?");
  }

  // ------------------------------------------------------------------ the sector, as text

  static final String REQUEST =
      """
      {
        "requestId": "harbour-1",
        "asOf": "2025-03-01",
        "subject": { "id": "91110108MA01TAX03C", "type": "ENTERPRISE", "establishedOn": "2012-05-01" },
        "facts": [
          { "id": "g24", "type": "HARBOUR_GRADE", "year": 2024, "level": "C", "publishedOn": "2025-02-20" },
          { "id": "l1", "type": "HARBOUR_LISTING", "listedOn": "2024-08-15", "rectifiedOn": "2025-01-10" },
          { "id": "c1", "type": "CREDIT_COMMITMENT", "madeOn": "2025-01-15", "target": "l1" },
          { "id": "l2", "type": "HARBOUR_LISTING", "listedOn": "2023-04-03", "termYears": 2 }
        ]
      }
      """;

  /** harbour/types.yaml */
  static final String TYPES =
      """
      # Fact types declared by the harbour pack (港口经营信用): a sector no Java names, declared as data
      # (docs/packs.md, "Fact types"). Commitments and grants (general/types.yaml) may name its records.
      types:
        HARBOUR_GRADE:
          class: HarbourGrade
          description: 港口经营信用等级 — a yearly credit grade of a harbour operator
          subjects: organisations
          ownDate: { endOfYear: year }
          start: publishedOn
          grade:
            year: year
            level: level
            publishedOn: publishedOn
            levels: [AAA, AA, A, B, C]
            notAsNewGrade: [AAA]
            notAsNewGradeMessage: newGrade must not be AAA for a harbour grade
          repairable: { field: level, values: [C], label: C harbour grade }
          fields:
            year: { kind: integer, required: true, min: 1, description: the evaluation year }
            level: { kind: text, required: true, description: "AAA, AA, A, B or C" }
            publishedOn: { kind: date, required: true }
          checks:
            - yearOver: { field: year, on: publishedOn }
            - unique: { field: year }

        HARBOUR_LISTING:
          class: HarbourListing
          description: 港口经营严重失信名单 — a listing as a seriously dishonest harbour operator
          subjects: any
          ownDate: listedOn
          repairable: { label: harbour listing }
          fields:
            listedOn: { kind: date, required: true }
            termYears: { kind: integer, default: 3, min: 1, max: 5, description: the listing term in years }
            rectifiedOn: { kind: date, description: the day the conduct was rectified }
          checks:
            - notBefore: { field: rectifiedOn, than: listedOn }
      """;

  /** harbour/2020.01/pack.properties */
  static final String MANIFEST_2020 =
      """
      # harbour@2020.01: 港口经营信用 (an example sector), facts from 2020-01-01.
      id=harbour
      version=2020.01
      sector=harbour
      title=港口经营信用管理办法（示例）
      validFrom=2020-01-01
      governs=HARBOUR_GRADE,HARBOUR_LISTING
      stage=1
      source.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|施行日2020-01-01
      """;

  /** harbour/2020.01/measures.properties */
  static final String CATALOGUE_2020 =
      """
      # harbour@2020.01: measure and repair-procedure catalogue.
      measure.HBR-I-01.zh=优先安排靠泊作业，简化行政审批手续
      measure.HBR-I-01.en=Priority berthing and simplified administrative procedures
      measure.HBR-I-01.group=INCENTIVE
      measure.HBR-I-01.areas=ADMINISTRATIVE_SERVICES
      measure.HBR-I-01.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第十条
      # the article's list of procedures is recalled from memory ([M])
      measure.HBR-I-01.verified=false

      measure.HBR-W-01.zh=信用提醒约谈
      measure.HBR-W-01.en=Credit reminder interview
      measure.HBR-W-01.group=WARNING
      measure.HBR-W-01.areas=INSPECTION
      measure.HBR-W-01.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第十一条
      measure.HBR-W-01.verified=true

      measure.HBR-S-01.zh=列为重点监管对象，提高检查频次
      measure.HBR-S-01.en=Key supervision object, more frequent inspection
      measure.HBR-S-01.group=SUPERVISORY
      measure.HBR-S-01.areas=INSPECTION
      measure.HBR-S-01.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第十二条
      measure.HBR-S-01.verified=true

      measure.HBR-S-02.zh=限制参与港口岸线资源配置
      measure.HBR-S-02.en=Barred from harbour shoreline allocation
      measure.HBR-S-02.group=RIGHTS_REDUCING
      measure.HBR-S-02.areas=BIDDING,MARKET_ACCESS
      measure.HBR-S-02.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第十三条
      measure.HBR-S-02.verified=true

      measure.HBR-S-03.zh=在港口行政管理部门网站和“信用中国”网站公示严重失信名单
      measure.HBR-S-03.en=Listing published on the port authority's website and Credit China
      measure.HBR-S-03.group=SUPERVISORY
      measure.HBR-S-03.areas=PUBLICATION
      measure.HBR-S-03.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第二十条
      measure.HBR-S-03.verified=true

      # HBR-R-01: repair of a listing: rectified, a credit commitment made, listed for the minimum period
      procedure.HBR-R-01.route=港口行政管理部门
      procedure.HBR-R-01.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第二十二条
      procedure.HBR-R-01.verified=true

      # HBR-R-00: no repair procedure: a C grade improves only at the next annual evaluation
      procedure.HBR-R-00.basis.1=港口经营信用管理办法|交通运输部令2019年第99号（示例）|第十四条
      procedure.HBR-R-00.verified=true
      """;

  /** harbour/2020.01/parameters.properties */
  static final String PARAMETERS_2020 =
      """
      # harbour@2020.01: the terms its rules read.
      # A listing can be repaired once it has been listed this many months (第二十二条).
      listingRepairMonths=12
      """;

  /** harbour/2020.01/grade-measures.csv */
  static final String GRADE_TABLE_2020 =
      """
      # While a grade of <type> among <grades> is in force, its measure applies (docs/packs.md, "Grade tables").
      rule,type,grades,measure
      # AAA: priority berthing ([M], catalogue verified=false).
      aaa-grade-priority-berthing,HARBOUR_GRADE,AAA,HBR-I-01
      # B: a credit reminder interview.
      b-grade-reminder,HARBOUR_GRADE,B,HBR-W-01
      # B and C: key supervision.
      b-c-grade-key-supervision,HARBOUR_GRADE,B C,HBR-S-01
      # C: no shoreline allocation.
      c-grade-shoreline-restriction,HARBOUR_GRADE,C,HBR-S-02
      """;

  /** harbour/2020.01/listing.drl */
  static final String RULES_2020 =
      """
      // harbour@2020.01: listings (港口经营严重失信名单) and the repair entries of listings and C grades.
      // harbour@2024.07 inherits these rules and replaces listing-publication.
      package dev.creditrules.packs.harbour

      import dev.creditrules.pack.Periods
      import dev.creditrules.api.RepairStatus
      import dev.creditrules.api.UnmetCode
      import dev.creditrules.pack.*
      import dev.creditrules.facts.CreditCommitment
      import dev.creditrules.facts.HarbourListing
      import java.time.LocalDate
      import java.util.ArrayList
      import java.util.List

      // The last day of a listing: L(listedOn, 12·termYears).
      function LocalDate listingLastDay(HarbourListing l) {
          return Periods.lastDay(l.listedOn(), 12 * l.termYears());
      }

      // EXPIRED after the listing's term; otherwise ELIGIBLE once listed for listingRepairMonths,
      // rectified and committed, else NOT_YET with every unmet condition.
      function RepairHit listingRepair(HarbourListing l, boolean committed, AsOf asOf) {
          if (asOf.isAfter(listingLastDay(l))) {
              return new RepairHit(l.id(), RepairStatus.EXPIRED, null, List.of());
          }
          LocalDate minimumOver = Periods.dayAfter(l.listedOn(), listingRepairMonths());
          List<UnmetCode> unmet = new ArrayList<>();
          if (asOf.isBefore(minimumOver)) {
              unmet.add(UnmetCode.MIN_PERIOD);
          }
          if (!Periods.onOrBefore(l.rectifiedOn(), asOf)) {
              unmet.add(UnmetCode.CORRECTION_MISSING);
          }
          if (!committed) {
              unmet.add(UnmetCode.COMMITMENT_MISSING);
          }
          return new RepairHit(l.id(), unmet.isEmpty() ? RepairStatus.ELIGIBLE : RepairStatus.NOT_YET,
              Periods.later(l.rectifiedOn(), minimumOver), unmet);
      }

      // A C grade has no repair procedure: NEVER while in force, EXPIRED after.
      function RepairHit gradeRepair(String fact, GradeTerm term, AsOf asOf) {
          if (asOf.isAfter(term.until())) {
              return new RepairHit(fact, RepairStatus.EXPIRED, null, List.of());
          }
          return new RepairHit(fact, RepairStatus.NEVER, null, List.of(UnmetCode.NO_PROCEDURE));
      }

      rule "listing-publication"
          @measure("HBR-S-03")
      when
          $l : HarbourListing($id : id, $d : listedOn)
          Judged(fact == $id)
      then
          insert(Hit.of($d, listingLastDay($l), $id));
      end

      // A listing is a serious-dishonesty record: the joint pack adds its joint sanctions.
      rule "listing-serious-record"
          @record("serious")
          @basis("港口经营信用管理办法 第二十一条（示例）；国发〔2016〕33号")
      when
          $l : HarbourListing($id : id, $d : listedOn)
          Judged(fact == $id)
      then
          insert(new SeriousRecord($id, $d, listingLastDay($l), true));
      end

      // ... and a bad record for the green channel GEN-I-01.
      rule "listing-bad-record"
          @record("bad")
          @basis("国发〔2016〕33号 (连续三年无不良信用记录)")
      when
          $l : HarbourListing($id : id, $d : listedOn)
          Judged(fact == $id)
      then
          insert(new BadRecord($id, $d, listingLastDay($l)));
      end

      rule "listing-repair"
          @procedure("HBR-R-01")
      when
          Context($asOf : asOf)
          $l : HarbourListing($id : id)
          Judged(fact == $id)
          $commitments : List() from collect(CreditCommitment(target == $id, breachedOn == null || $asOf.isBefore(breachedOn)))
      then
          insert(listingRepair($l, !$commitments.isEmpty(), $asOf));
      end

      rule "c-grade-repair"
          @procedure("HBR-R-00")
      when
          Context($asOf : asOf)
          $t : GradeTerm(scheme == "HARBOUR_GRADE", replacement == false, grade == "C", $f : fact)
          Judged(fact == $f)
      then
          insert(gradeRepair($f, $t, $asOf));
      end
      """;

  /** harbour/2020.01/README.md */
  static final String README_2020 =
      """
      # harbour@2020.01 — 港口经营信用 (an example sector)

      Judges harbour-operation grades (`HARBOUR_GRADE`, AAA to C, by grade year) and listings
      (`HARBOUR_LISTING`, by `listedOn`) from 2020-01-01. AAA: priority berthing (unverified); B: a
      reminder; B and C: key supervision; C: no shoreline allocation. A listing is published for its
      term (`termYears`, 3 unless given), is a serious record for the joint pack and a bad record for
      GEN-I-01, and can be repaired after `listingRepairMonths` once rectified and committed.
      """;

  /** harbour/2020.01/CHANGES.md */
  static final String CHANGES_2020 =
      """
      # harbour@2020.01 — changes

      - First release.
      """;

  /** harbour/2020.01/cases/grades.yaml */
  static final String GRADE_CASES_2020 =
      """
      # Grades judged by harbour@2020.01 (grade years up to 2023): the grade table and the C-grade repair entry.
      cases:
        - name: a C grade is in force until the same day a year after its publication
          description: L(2023-03-15, 12) = 2024-03-15, the last day of HBR-S-01 and HBR-S-02
          request:
            asOf: 2024-03-15
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g22, type: HARBOUR_GRADE, year: 2022, level: C, publishedOn: 2023-03-15 }
          expect:
            sanctions:
              only: [HBR-S-01, HBR-S-02]
              include:
                - { measure: HBR-S-01, from: 2023-03-15, until: 2024-03-15, facts: [g22], verified: true }
                - { measure: HBR-S-02, from: 2023-03-15, until: 2024-03-15, facts: [g22], verified: true }
            repairs:
              - { fact: g22, status: NEVER, earliest: null, unmet: [NO_PROCEDURE] }
            packs: [harbour@2020.01]

        - name: the day after, the C grade is out of force and its repair entry has expired
          request:
            asOf: 2024-03-16
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g22, type: HARBOUR_GRADE, year: 2022, level: C, publishedOn: 2023-03-15 }
          expect:
            sanctions: { only: [] }
            repairs:
              - { fact: g22, status: EXPIRED, earliest: null, unmet: [] }

        - name: an AAA grade gives priority berthing, unverified as its catalogue entry says
          request:
            asOf: 2022-06-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g21, type: HARBOUR_GRADE, year: 2021, level: AAA, publishedOn: 2022-02-10 }
          expect:
            incentives:
              include:
                - { measure: HBR-I-01, from: 2022-02-10, until: 2023-02-10, facts: [g21], verified: false }
            sanctions: { only: [] }
            repairs:
              - { fact: g21, absent: true }

        - name: a B grade of 2023 still gets its reminder after 2024-07-01, as the grade year picks the version
          request:
            asOf: 2024-09-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g23, type: HARBOUR_GRADE, year: 2023, level: B, publishedOn: 2024-03-01 }
          expect:
            warnings:
              include:
                - { measure: HBR-W-01, from: 2024-03-01, until: 2025-03-01, facts: [g23], verified: true }
            sanctions:
              only: [HBR-S-01]
            repairs:
              - { fact: g23, absent: true }
            packs: [harbour@2020.01]

        - name: a granted repair with a new grade B replaces the C grade from the grant on
          description: the C outcomes end the day before the grant; the B term cites the grade and the grant
          request:
            asOf: 2023-07-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g22, type: HARBOUR_GRADE, year: 2022, level: C, publishedOn: 2023-03-15 }
              - { id: r1, type: REPAIR_GRANTED, target: g22, grantedOn: 2023-06-01, newGrade: B }
          expect:
            sanctions:
              only: [HBR-S-01]
              include:
                - { measure: HBR-S-01, from: 2023-06-01, until: 2024-03-15, facts: [g22, r1] }
            warnings:
              include:
                - { measure: HBR-W-01, from: 2023-06-01, until: 2024-03-15, facts: [g22, r1] }
            repairs:
              - { fact: g22, status: REPAIRED, earliest: null, unmet: [] }
      """;

  /** harbour/2020.01/cases/listings.yaml */
  static final String LISTING_CASES_2020 =
      """
      # Listings judged by harbour@2020.01 (listed before 2024-07-01): publication, joint sanctions, repair.
      cases:
        - name: a listing is published for its default three-year term, with the joint sanctions
          description: L(2021-05-10, 36) = 2024-05-10 is the last day; the listing is a serious and a bad record
          request:
            asOf: 2024-05-10
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE, establishedOn: 2010-01-01 }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2021-05-10 }
          expect:
            sanctions:
              include:
                - { measure: HBR-S-03, from: 2021-05-10, until: 2024-05-10, facts: [l1], verified: true }
                - { measure: GEN-S-01, from: 2021-05-10, until: 2024-05-10, facts: [l1], verified: true }
                - GEN-S-02
                - GEN-S-03
                - GEN-S-04
            incentives: { exclude: [GEN-I-01] }
            repairs:
              - { fact: l1, status: NOT_YET, earliest: null, unmet: [CORRECTION_MISSING, COMMITMENT_MISSING] }
            packs: [harbour@2020.01, joint@2016.05]

        - name: the day after its term the listing is neither published nor repairable
          request:
            asOf: 2024-05-11
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE, establishedOn: 2010-01-01 }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2021-05-10 }
          expect:
            sanctions: { only: [] }
            incentives: { exclude: [GEN-I-01] }
            repairs:
              - { fact: l1, status: EXPIRED, earliest: null, unmet: [] }

        - name: a rectified and committed listing cannot be repaired before twelve months of listing
          description: E(2022-03-01, 12) = 2023-03-02
          request:
            asOf: 2023-03-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2022-03-01, termYears: 2, rectifiedOn: 2022-06-01 }
              - { id: c1, type: CREDIT_COMMITMENT, target: l1, madeOn: 2022-07-01 }
          expect:
            sanctions:
              include:
                - { measure: HBR-S-03, from: 2022-03-01, until: 2024-03-01, facts: [l1] }
            repairs:
              - { fact: l1, status: NOT_YET, earliest: 2023-03-02, unmet: [MIN_PERIOD] }

        - name: on the first day after twelve months the listing can be repaired
          request:
            asOf: 2023-03-02
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2022-03-01, termYears: 2, rectifiedOn: 2022-06-01 }
              - { id: c1, type: CREDIT_COMMITMENT, target: l1, madeOn: 2022-07-01 }
          expect:
            repairs:
              - { fact: l1, status: ELIGIBLE, earliest: 2023-03-02, unmet: [] }

        - name: a listing of 30 June 2024, the last day before harbour@2024.07, is judged by harbour@2020.01
          description: twelve months to repair (2020.01), not six; its publication runs the whole term
          request:
            asOf: 2024-08-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-06-30, rectifiedOn: 2024-07-15 }
              - { id: c1, type: CREDIT_COMMITMENT, target: l1, madeOn: 2024-07-16 }
          expect:
            sanctions:
              include:
                - { measure: HBR-S-03, from: 2024-06-30, until: 2027-06-30, facts: [l1] }
            repairs:
              - { fact: l1, status: NOT_YET, earliest: 2025-07-01, unmet: [MIN_PERIOD] }
            packs: [harbour@2020.01, joint@2016.05]

        - name: a granted repair ends the publication the day before the grant and the joint sanctions with it
          request:
            asOf: 2023-05-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2022-03-01 }
              - { id: r1, type: REPAIR_GRANTED, target: l1, grantedOn: 2023-05-01 }
          expect:
            sanctions: { only: [] }
            repairs:
              - { fact: l1, status: REPAIRED, earliest: null, unmet: [] }
      """;

  /** harbour/2020.01/cases/errors.yaml */
  static final String ERROR_CASES_2020 =
      """
      # Harbour facts are checked against harbour/types.yaml: each error points at its field.
      cases:
        - name: an unknown level, a grade published before its year is over and a second grade for a year
          request:
            asOf: 2025-03-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g23, type: HARBOUR_GRADE, year: 2023, level: D, publishedOn: 2024-02-20 }
              - { id: g23b, type: HARBOUR_GRADE, year: 2023, level: B, publishedOn: 2024-03-20 }
              - { id: g25, type: HARBOUR_GRADE, year: 2025, level: B, publishedOn: 2025-02-20 }
          expect:
            errors:
              - { pointer: /facts/0/level, reason: "level must be one of AAA, AA, A, B, C" }
              - { pointer: /facts/1/year, reason: "is already a HARBOUR_GRADE for year 2023" }
              - { pointer: /facts/2/year, reason: "cannot be published on 2025-02-20, before the year is over" }

        - name: a rectification before the listing, a term out of range and a grade for a natural person
          request:
            asOf: 2025-03-01
            subject: { id: 110101199003074514, type: NATURAL_PERSON }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-08-15, termYears: 9, rectifiedOn: 2024-08-14 }
              - { id: g24, type: HARBOUR_GRADE, year: 2024, level: C, publishedOn: 2025-02-20 }
          expect:
            errors:
              - { pointer: /facts/0/termYears, reason: "termYears must be 1-5" }
              - { pointer: /facts/0/rectifiedOn, reason: "rectifiedOn 2024-08-14 is before listedOn 2024-08-15" }
              - { pointer: /facts/1/type, reason: "HARBOUR_GRADE is allowed for organisations only, not for a NATURAL_PERSON" }
      """;

  /** harbour/2024.07/pack.properties */
  static final String MANIFEST_2024 =
      """
      # harbour@2024.07: the 2024 revision; holds only what changed from harbour@2020.01.
      id=harbour
      version=2024.07
      sector=harbour
      title=港口经营信用管理办法（示例，2024年修订）
      validFrom=2024-07-01
      governs=HARBOUR_GRADE,HARBOUR_LISTING
      stage=1
      source.1=港口经营信用管理办法（2024年修订）|交通运输部令2024年第99号（示例）|施行日2024-07-01
      removes=b-grade-reminder
      """;

  /** harbour/2024.07/measures.properties */
  static final String CATALOGUE_2024 =
      """
      # harbour@2024.07: what changes in the catalogue of harbour@2020.01.
      measure.HBR-S-02.en=Barred from shoreline and anchorage allocation
      measure.HBR-S-02.basis.1=港口经营信用管理办法（2024年修订）|交通运输部令2024年第99号（示例）|第十五条
      # the B-grade reminder is abolished (its rule is removed in pack.properties)
      measure.HBR-W-01.removed=true
      """;

  /** harbour/2024.07/parameters.properties */
  static final String PARAMETERS_2024 =
      """
      # harbour@2024.07: a listing can be repaired after six months (第二十二条, 2024).
      listingRepairMonths=6
      """;

  /** harbour/2024.07/listing.drl */
  static final String RULES_2024 =
      """
      // harbour@2024.07: the 2024 revision stops the publication of a listing once the conduct is
      // rectified. Every other rule is inherited from harbour@2020.01.
      package dev.creditrules.packs.harbour

      import dev.creditrules.pack.Periods
      import dev.creditrules.pack.*
      import dev.creditrules.facts.HarbourListing
      import java.time.LocalDate

      // The last day a listing is published: the end of its term, or the day before its rectification.
      function LocalDate publicationLastDay(HarbourListing l) {
          if (l.rectifiedOn() == null) {
              return listingLastDay(l);
          }
          return Periods.earlierEnd(listingLastDay(l), l.rectifiedOn().minusDays(1));
      }

      rule "listing-publication"
          @measure("HBR-S-03")
      when
          $l : HarbourListing($id : id, $d : listedOn)
          Judged(fact == $id)
      then
          insert(Hit.of($d, publicationLastDay($l), $id));
      end
      """;

  /** harbour/2024.07/README.md */
  static final String README_2024 =
      """
      # harbour@2024.07 — the 2024 revision

      Grades of evaluation years from 2024 and listings from 2024-07-01. What changes: a listing's
      publication stops the day before its rectification; a listing can be repaired after 6 months
      (`listingRepairMonths`); the B-grade reminder HBR-W-01 is abolished; HBR-S-02 is renamed and cites
      the revision. Everything else is inherited from harbour@2020.01.
      """;

  /** harbour/2024.07/CHANGES.md */
  static final String CHANGES_2024 =
      """
      # harbour@2024.07 — changes

      - Publication stops on rectification; repair after 6 months; no B-grade reminder; HBR-S-02 renamed.
      """;

  /** harbour/2024.07/cases/grades.yaml */
  static final String GRADE_CASES_2024 =
      """
      # Grades judged by harbour@2024.07 (grade years from 2024): the inherited grade table less the
      # B-grade reminder, HBR-S-02 renamed.
      cases:
        - name: a C grade of 2024 is judged by harbour@2024.07
          request:
            asOf: 2025-06-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g24, type: HARBOUR_GRADE, year: 2024, level: C, publishedOn: 2025-03-20 }
          expect:
            sanctions:
              only: [HBR-S-01, HBR-S-02]
              include:
                - { measure: HBR-S-02, from: 2025-03-20, until: 2026-03-20, facts: [g24], verified: true }
            repairs:
              - { fact: g24, status: NEVER, earliest: null, unmet: [NO_PROCEDURE] }
            packs: [harbour@2024.07]

        - name: a B grade of 2024 gets key supervision but no reminder any more
          request:
            asOf: 2025-06-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g24, type: HARBOUR_GRADE, year: 2024, level: B, publishedOn: 2025-03-20 }
          expect:
            sanctions:
              include:
                - { measure: HBR-S-01, from: 2025-03-20, until: 2026-03-20, facts: [g24] }
            warnings: { only: [] }
            packs: [harbour@2024.07]

        - name: an AAA grade of 2025 gives priority berthing for a year from its publication
          request:
            asOf: 2027-01-14
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g25, type: HARBOUR_GRADE, year: 2025, level: AAA, publishedOn: 2026-02-01 }
          expect:
            incentives:
              include:
                - { measure: HBR-I-01, from: 2026-02-01, until: 2027-02-01, facts: [g25], verified: false }
            packs: [harbour@2024.07]

        - name: the next year's grade ends the AAA grade's term the day before its publication
          request:
            asOf: 2027-01-15
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g25, type: HARBOUR_GRADE, year: 2025, level: AAA, publishedOn: 2026-02-01 }
              - { id: g26, type: HARBOUR_GRADE, year: 2026, level: AA, publishedOn: 2027-01-15 }
          expect:
            incentives: { exclude: [HBR-I-01] }
            sanctions: { only: [] }

        - name: each version judges its own facts in one request
          request:
            asOf: 2024-10-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: g23, type: HARBOUR_GRADE, year: 2023, level: C, publishedOn: 2024-03-01 }
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-09-01 }
          expect:
            sanctions:
              include:
                - { measure: HBR-S-01, from: 2024-03-01, until: 2025-03-01, facts: [g23] }
                - { measure: HBR-S-03, from: 2024-09-01, until: 2027-09-01, facts: [l1] }
            repairs:
              - { fact: g23, status: NEVER, earliest: null, unmet: [NO_PROCEDURE] }
              - { fact: l1, status: NOT_YET, earliest: null, unmet: [MIN_PERIOD, CORRECTION_MISSING, COMMITMENT_MISSING] }
            packs: [harbour@2020.01, harbour@2024.07, joint@2016.05]
      """;

  /** harbour/2024.07/cases/listings.yaml */
  static final String LISTING_CASES_2024 =
      """
      # Listings judged by harbour@2024.07 (listed from 2024-07-01): six months to repair, publication
      # ending on rectification.
      cases:
        - name: a listing of 1 July 2024, the first day of harbour@2024.07, can be repaired after six months
          description: E(2024-07-01, 6) = 2025-01-02; its publication ended the day before the rectification
          request:
            asOf: 2025-01-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-07-01, rectifiedOn: 2024-09-01 }
              - { id: c1, type: CREDIT_COMMITMENT, target: l1, madeOn: 2024-09-02 }
          expect:
            sanctions:
              include:
                - { measure: GEN-S-01, from: 2024-07-01, until: 2027-07-01, facts: [l1] }
              exclude: [HBR-S-03]
            repairs:
              - { fact: l1, status: NOT_YET, earliest: 2025-01-02, unmet: [MIN_PERIOD] }
            packs: [harbour@2024.07, joint@2016.05]

        - name: on 2 January 2025 the listing of 1 July 2024 can be repaired
          request:
            asOf: 2025-01-02
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-07-01, rectifiedOn: 2024-09-01 }
              - { id: c1, type: CREDIT_COMMITMENT, target: l1, madeOn: 2024-09-02 }
          expect:
            repairs:
              - { fact: l1, status: ELIGIBLE, earliest: 2025-01-02, unmet: [] }

        - name: the publication of a rectified listing lasts until the day before the rectification
          request:
            asOf: 2025-02-28
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-08-15, rectifiedOn: 2025-03-01 }
          expect:
            sanctions:
              include:
                - { measure: HBR-S-03, from: 2024-08-15, until: 2025-02-28, facts: [l1], verified: true }
            repairs:
              - { fact: l1, status: NOT_YET, earliest: 2025-03-01, unmet: [CORRECTION_MISSING, COMMITMENT_MISSING] }

        - name: from the rectification on, the listing is no longer published but still a serious record
          request:
            asOf: 2025-03-01
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: l1, type: HARBOUR_LISTING, listedOn: 2024-08-15, rectifiedOn: 2025-03-01 }
          expect:
            sanctions:
              include: [GEN-S-01, GEN-S-02, GEN-S-03, GEN-S-04]
              exclude: [HBR-S-03]
            repairs:
              - { fact: l1, status: NOT_YET, earliest: 2025-03-01, unmet: [COMMITMENT_MISSING] }
      """;
}
