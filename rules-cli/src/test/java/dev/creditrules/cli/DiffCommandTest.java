package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credit-rules diff} on two copies of the shipped {@code general} pack, the second with the
 * GENERAL publication of 2026.04 shortened from 12 to 6 months.
 */
class DiffCommandTest {
  static final Path GENERAL = Path.of("../rules-drl/src/main/packs/general");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path before;
  static Path after;
  static Path requests;

  @BeforeAll
  static void files() throws IOException {
    before = copy("before");
    after = copy("after");
    // the GENERAL publication term of 2026.04 (inherited from 2019.07) shortened to 6 months
    Files.writeString(
        after.resolve("general/2026.04/parameters.properties"), "generalPublicationMonths=6\n");
    String gen =
        Files.readString(Path.of("../examples/requests/gen-ex-01.json")).replace("\n", " ");
    requests = tmp.resolve("requests.jsonl");
    Files.writeString(
        requests,
        String.join(
                "\n",
                gen, // 1: until changes
                gen.replace("\"2026-08-11\"", "\"2026-12-01\""), // 2: removed
                "", // 3: blank
                "{not json", // 4: invalid
                gen.replace("\"gen-ex-01\"", "\"serious\"")
                    .replace("\"GENERAL\"", "\"SERIOUS\"")) // 5
            + "\n");
  }

  static Path copy(String name) throws IOException {
    Path target = tmp.resolve(name).resolve("general");
    try (Stream<Path> files = Files.walk(GENERAL)) {
      for (Path f : files.toList()) {
        Path t = target.resolve(GENERAL.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    return tmp.resolve(name);
  }

  static MainTest.Run diff(String... more) {
    String[] base = {
      "diff",
      "--before",
      before.toString(),
      "--after",
      after.toString(),
      "--requests",
      requests.toString()
    };
    String[] args = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    return MainTest.run("", args);
  }

  @Test
  void printsTheJsonAndWritesBothReports() throws IOException {
    Path report = tmp.resolve("report-json");
    MainTest.Run r = diff("--format", "json", "--report", report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("requests").asInt()).isEqualTo(4);
    assertThat(j.get("decided").asInt()).isEqualTo(3);
    assertThat(j.get("changedSubjects").asInt()).isEqualTo(2);
    assertThat(j.at("/byMeasure/1/measure").asText()).isEqualTo("GEN-S-05");
    assertThat(j.at("/byMeasure/1/removed").asInt()).isEqualTo(1);
    assertThat(j.at("/byMeasure/1/changed").asInt()).isEqualTo(1);
    assertThat(j.at("/subjects/0/outcomes/0/fields/0").asText()).isEqualTo("until");
    assertThat(j.at("/subjects/1/outcomes/0/kind").asText()).isEqualTo("REMOVED");
    assertThat(j.at("/errors/0/line").asInt()).isEqualTo(4);
    assertThat(Files.readString(report.resolve("diff.json"))).isEqualTo(r.out());
    assertThat(Files.readString(report.resolve("diff.html")))
        .startsWith("<!DOCTYPE html>")
        .contains("GEN-S-05", "until 2026-11-10");
  }

  @Test
  void printsAHumanSummaryByDefault() {
    Path report = tmp.resolve("report-text");
    MainTest.Run r = diff("--report", report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("4 requests, 3 decided under both pack sets, 1 invalid; 2 subjects changed")
        .contains("general@2026.04:")
        .containsPattern("GEN-S-05: +\\+0 \u22121 ~1")
        .contains("~ sanctions GEN-S-05 [f1] until 2027-05-10 -> 2026-11-10")
        .contains("line 4 -: ")
        .contains("report: " + report.resolve("diff.html"));
    assertThat(Files.isRegularFile(report.resolve("diff.json"))).isTrue();
  }

  @Test
  void packsThatDoNotLoadExitOne() throws IOException {
    Path broken = tmp.resolve("broken");
    Path version = Files.createDirectories(broken.resolve("general/2026.04"));
    Files.writeString(version.resolve("pack.properties"), "id=general\n");
    MainTest.Run r =
        MainTest.run(
            "",
            "diff",
            "--before",
            broken.toString(),
            "--after",
            after.toString(),
            "--requests",
            requests.toString(),
            "--report",
            tmp.resolve("report-broken").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("the --before packs in " + broken + " do not load");
    assertThat(r.out()).isEmpty();
  }

  /**
   * Issue 14: diff printed and wrote natural persons' resident numbers in full, and analysts share
   * diff.html with reviewers. They are masked as in the decision log; a company's code is not.
   */
  @Test
  void masksNaturalPersonsIdsInEveryReportUnlessAskedToShowThem() throws IOException {
    String gen =
        Files.readString(Path.of("../examples/requests/gen-ex-01.json")).replace("\n", " ");
    String person =
        gen.replace("\"91110108MA01TAX03C\"", "\"110108198001150018\"")
            .replace("\"ENTERPRISE\"", "\"NATURAL_PERSON\"")
            .replace("\"gen-ex-01\"", "\"r1\"");
    String badCheck =
        person
            .replace("\"110108198001150018\"", "\"110108198001150017\"")
            .replace("\"r1\"", "\"r1-typo\"");
    Path personal = tmp.resolve("personal.jsonl");
    Files.writeString(personal, String.join("\n", gen, person, badCheck) + "\n");
    Path report = tmp.resolve("report-masked");

    MainTest.Run r =
        MainTest.run(
            "",
            "diff",
            "--before",
            before.toString(),
            "--after",
            after.toString(),
            "--requests",
            personal.toString(),
            "--report",
            report.toString());

    assertThat(r.code()).as(r.err()).isZero();
    String json = Files.readString(report.resolve("diff.json"));
    String html = Files.readString(report.resolve("diff.html"));
    for (String out : new String[] {r.out(), json, html}) {
      assertThat(out)
          .contains("1101**********0018", "91110108MA01TAX03C")
          .doesNotContain("110108198001150018", "110108198001150017");
    }
    assertThat(r.out())
        .contains("line 2 r1 1101**********0018 asOf 2026-08-11")
        .contains("line 3 r1-typo: /subject/id (1101**********0017): check character must be 8");
    assertThat(JSON.readTree(json).at("/subjects/1/subject").asText())
        .isEqualTo("1101**********0018");

    MainTest.Run shown =
        MainTest.run(
            "",
            "diff",
            "--before",
            before.toString(),
            "--after",
            after.toString(),
            "--requests",
            personal.toString(),
            "--report",
            tmp.resolve("report-shown").toString(),
            "--show-ids");
    assertThat(shown.out()).contains("line 2 r1 110108198001150018 asOf", "(110108198001150017)");
    assertThat(Files.readString(tmp.resolve("report-shown/diff.html")))
        .contains("110108198001150018");
  }
}
