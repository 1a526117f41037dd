package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@code credit-rules timeline} on the shipped packs and example requests, as a user runs it. */
class TimelineCommandTest {
  static final Path REQUESTS = Path.of("../examples/requests");
  static final ContractJson JSON = new ContractJson(Main.engine(null).model());
  static final String SCHEMA_BASE = "https://creditrules.dev/schema/v1/";

  /** The timeline schema, its references to the decision schema read from the class path. */
  static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              b ->
                  b.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, "classpath:dev/creditrules/json/")))
          .getSchema(SchemaLocation.of(SCHEMA_BASE + "timeline.schema.json"));

  static String file(String name) {
    return REQUESTS.resolve(name).toString();
  }

  static Request request(String name) throws Exception {
    return JSON.readRequest(Files.readString(REQUESTS.resolve(name)));
  }

  @Test
  void printsTheLibrarysTimelineAsJsonValidAgainstItsSchema() throws Exception {
    MainTest.Run r = MainTest.run("", "timeline", file("gen-ex-01.json"), "--until", "2029-08-11");
    assertThat(r.code()).as(r.err()).isZero();
    Request request = request("gen-ex-01.json");
    String expected =
        JSON.writeTimelinePretty(Main.engine(null).timeline(request, LocalDate.of(2029, 8, 11)));
    assertThat(r.out()).isEqualTo(expected + System.lineSeparator());
    JsonNode t = MainTest.JSON.readTree(r.out());
    assertThat(SCHEMA.validate(t)).isEmpty();
    assertThat(t.get("requestId").asText()).isEqualTo("gen-ex-01");
    assertThat(t.get("until").asText()).isEqualTo("2029-08-11");
    // the start is the decision evaluate prints
    MainTest.Run evaluate = MainTest.run("", "evaluate", file("gen-ex-01.json"));
    assertThat(t.get("start")).isEqualTo(MainTest.JSON.readTree(evaluate.out()));

    MainTest.Run compact =
        MainTest.run("", "timeline", file("gen-ex-01.json"), "--until", "2029-08-11", "--compact");
    assertThat(compact.out().strip()).doesNotContain("\n");
    assertThat(MainTest.JSON.readTree(compact.out())).isEqualTo(t);
  }

  @Test
  void readsStandardInputAndAcceptsUntilEqualToAsOf() throws Exception {
    String text = Files.readString(REQUESTS.resolve("tax-ex-07.json"));
    MainTest.Run r = MainTest.run(text, "timeline", "-", "--until", "2025-10-11", "--compact");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode t = MainTest.JSON.readTree(r.out());
    assertThat(t.get("asOf").asText()).isEqualTo("2025-10-11");
    assertThat(t.get("changes")).isEmpty();
  }

  @Test
  void theTextFormShowsTheStateOnAsOfAndWhatChanges() throws Exception {
    MainTest.Run r =
        MainTest.run("", "timeline", file("gen-ex-01.json"), "--until", "2029-08-11", "--text");
    assertThat(r.code()).as(r.err()).isZero();
    Decision start = Main.engine(null).decide(request("gen-ex-01.json"));
    assertThat(r.out())
        .startsWith(
            "Timeline of gen-ex-01: subject 91110108MA01TAX03C (ENTERPRISE), 2026-08-11 to"
                + " 2029-08-11")
        .contains("2026-08-11  as of")
        .contains("GEN-S-05 " + start.sanctions().get(0).name().en())
        .contains("f1 (market) ELIGIBLE, earliest 2026-08-11");
    assertThat(
            MainTest.run(
                    "",
                    "timeline",
                    file("gen-ex-01.json"),
                    "--until",
                    "2029-08-11",
                    "--format",
                    "text")
                .out())
        .isEqualTo(r.out());
  }

  @Test
  void theGuideNamesEachSanctionInBothLanguagesAndMasksAPersonsId() throws Exception {
    Request person = request("res-ex-01.json");
    String id = person.subject().id();
    MainTest.Run r =
        MainTest.run("", "timeline", file("res-ex-01.json"), "--until", "2031-01-01", "--guide");
    assertThat(r.code()).as(r.err()).isZero();
    Decision start = Main.engine(null).decide(person);
    assertThat(r.out())
        .startsWith("信用修复指南 · Credit repair guide")
        .contains("1101**********" + id.substring(14))
        .doesNotContain(id)
        .contains("无修复程序，期满自动终止")
        .contains("there is no repair procedure");
    start.sanctions().forEach(o -> assertThat(r.out()).contains(o.name().zh(), o.name().en()));
    assertThat(
            MainTest.run(
                    "",
                    "timeline",
                    file("res-ex-01.json"),
                    "--until",
                    "2031-01-01",
                    "--format",
                    "guide-text")
                .out())
        .isEqualTo(r.out());
  }

  @Test
  void theHtmlGuideIsOneSelfContainedPage() throws Exception {
    Request person = request("res-ex-01.json");
    MainTest.Run r =
        MainTest.run(
            "",
            "timeline",
            file("res-ex-01.json"),
            "--until",
            "2031-01-01",
            "--format",
            "guide-html");
    assertThat(r.code()).as(r.err()).isZero();
    String html = r.out();
    assertThat(html)
        .startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .contains("<style>")
        .doesNotContain("<script", "src=", "href=", "http://", "https://", "@import", "url(")
        .doesNotContain(person.subject().id())
        .contains("1101**********")
        .endsWith("</body></html>\n");
    Decision start = Main.engine(null).decide(person);
    start.sanctions().forEach(o -> assertThat(html).contains(o.measure(), o.name().zh()));
  }

  @Test
  void mistakesExitOneAndAnInvalidRequestExitsTwo() throws Exception {
    MainTest.Run before =
        MainTest.run("", "timeline", file("gen-ex-01.json"), "--until", "2026-08-10");
    assertThat(before.code()).isEqualTo(1);
    assertThat(before.err()).contains("--until 2026-08-10 is before the request's asOf 2026-08-11");

    MainTest.Run notADate =
        MainTest.run("", "timeline", file("gen-ex-01.json"), "--until", "2029-02-30");
    assertThat(notADate.code()).isEqualTo(1);
    assertThat(notADate.err()).contains("--until must be a date yyyy-MM-dd but was 2029-02-30");

    MainTest.Run both =
        MainTest.run(
            "", "timeline", file("gen-ex-01.json"), "--until", "2029-01-01", "--text", "--guide");
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).contains("cannot be used together");

    MainTest.Run format =
        MainTest.run(
            "", "timeline", file("gen-ex-01.json"), "--until", "2029-01-01", "--format", "xml");
    assertThat(format.code()).isEqualTo(1);
    assertThat(format.err()).contains("--format must be one of json, text, guide-text, guide-html");

    MainTest.Run noUntil = MainTest.run("", "timeline", file("gen-ex-01.json"));
    assertThat(noUntil.code()).isEqualTo(1);
    assertThat(noUntil.err()).contains("--until");

    String bad =
        Files.readString(REQUESTS.resolve("gen-ex-01.json"))
            .replace("\"decidedOn\": \"2026-05-10\"", "\"decidedOn\": \"2026-05-32\"");
    MainTest.Run invalid = MainTest.run(bad, "timeline", "-", "--until", "2029-01-01");
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(MainTest.JSON.readTree(invalid.out()).at("/errors/0/pointer").asText())
        .isEqualTo("/facts/0/decidedOn");
  }

  @Test
  void theCommandIsInTheUsage() {
    MainTest.Run r = MainTest.run("", "--help");
    assertThat(r.out()).contains("timeline");
    MainTest.Run help = MainTest.run("", "timeline", "--help");
    assertThat(help.out()).contains("--until=DATE", "--guide", "guide-html");
  }
}
