package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, on the shipped packs and example requests. */
class MainTest {
  static final Path REQUESTS = Path.of("../examples/requests");
  static final ObjectMapper JSON = new ObjectMapper();

  /** The fact type the demo packs below govern, declared beside their versions. */
  static final String DEMO_TYPES =
      """
      types:
        ADMIN_PENALTY:
          class: AdminPenalty
          subjects: any
          ownDate: decidedOn
          fields:
            decidedOn: { kind: date, required: true }
      """;

  record Run(int code, String out, String err) {}

  static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> measures(JsonNode decision, String list) {
    List<String> ids = new ArrayList<>();
    decision.get(list).forEach(o -> ids.add(o.get("measure").asText()));
    return ids;
  }

  @Test
  void evaluatesTaxEx07IntoTheSeriousListSanctions() throws Exception {
    Run r = run("", "evaluate", REQUESTS.resolve("tax-ex-07.json").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = JSON.readTree(r.out());
    assertThat(measures(d, "sanctions"))
        .contains("TAX-S-09", "TAX-S-10", "GEN-S-01", "GEN-S-02", "GEN-S-03", "GEN-S-04");
    assertThat(d.get("repairs").get(0).get("status").asText()).isEqualTo("ELIGIBLE");
    assertThat(d.get("repairs").get(0).get("earliest").asText()).isEqualTo("2025-10-11");
  }

  @Test
  void evaluatesGenEx01IntoAnEligibleRepair() throws Exception {
    Run r = run("", "evaluate", REQUESTS.resolve("gen-ex-01.json").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = JSON.readTree(r.out());
    assertThat(measures(d, "sanctions")).contains("GEN-S-05");
    JsonNode repair = d.get("repairs").get(0);
    assertThat(repair.get("status").asText()).isEqualTo("ELIGIBLE");
    assertThat(repair.get("earliest").asText()).isEqualTo("2026-08-11");
  }

  @Test
  void readsStandardInputAndExitsTwoOnAnInvalidRequest() throws Exception {
    String bad =
        """
        {"asOf":"2026-11-22","subject":{"id":"91350211M000100Y43","type":"ENTERPRISE"},
         "facts":[{"id":"f1","type":"ADMIN_PENALTY","sector":"tax","decidedOn":"2026-02-30",
                   "severity":"GENERAL","fulfiledOn":"2026-03-01"}]}
        """;
    Run r = run(bad, "evaluate", "-");
    assertThat(r.code()).isEqualTo(2);
    JsonNode errors = JSON.readTree(r.out()).get("errors");
    List<String> pointers = new ArrayList<>();
    errors.forEach(e -> pointers.add(e.get("pointer").asText()));
    assertThat(pointers)
        .containsExactly("/subject/id", "/facts/0/decidedOn", "/facts/0/fulfiledOn");
  }

  @Test
  void jsonLinesKeepOrderAndABadLineNeverStopsTheRest() throws Exception {
    String good = Files.readString(REQUESTS.resolve("tax-ex-01.json")).replace("\n", " ");
    String input = good + "\n{not json\n" + good.replace("\"tax-ex-01\"", "\"second\"") + "\n";
    Run r = run(input, "evaluate", "--jsonl", "-");
    assertThat(r.code()).isEqualTo(2);
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines[0]).get("requestId").asText()).isEqualTo("tax-ex-01");
    JsonNode error = JSON.readTree(lines[1]);
    assertThat(error.get("line").asInt()).isEqualTo(2);
    assertThat(error.get("requestId").isNull()).isTrue();
    assertThat(error.get("errors")).isNotEmpty();
    assertThat(JSON.readTree(lines[2]).get("requestId").asText()).isEqualTo("second");
  }

  @Test
  void validatePassesOnTheShippedPacks() {
    Run r = run("", "validate", "../rules-drl/src/main/packs");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("ok tax@2025.07", "ok general@2026.04", "ok joint@2016.05");
  }

  @Test
  void validateReportsFileLineAndRuleOfABrokenPack(@TempDir Path dir) throws Exception {
    Path pack = Files.createDirectories(dir.resolve("demo/2020.01"));
    Files.writeString(dir.resolve("demo/types.yaml"), DEMO_TYPES);
    Files.writeString(
        pack.resolve("pack.properties"),
        "id=demo\nversion=2020.01\nsector=general\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(
        pack.resolve("measures.properties"),
        "measure.D-1.zh=x\nmeasure.D-1.en=x\nmeasure.D-1.group=WARNING\nmeasure.D-1.areas=\n"
            + "measure.D-1.basis.1=a|b|c\nmeasure.D-1.verified=true\n");
    Files.writeString(
        pack.resolve("rules.drl"),
        "package dev.creditrules.packs.demo\nimport dev.creditrules.facts.*\n\n"
            + "rule \"broken-rule\"\nwhen\n  AdminPenalty(nosuchfield == 1)\nthen\nend\n");
    Run r = run("", "validate", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("demo@2020.01/rules.drl:", "rule \"broken-rule\"");
  }

  @Test
  void validateWritesJsonForTools(@TempDir Path dir) throws Exception {
    Path pack = Files.createDirectories(dir.resolve("demo/2020.01"));
    Files.writeString(dir.resolve("demo/types.yaml"), DEMO_TYPES);
    Files.writeString(
        pack.resolve("pack.properties"),
        "id=demo\nversion=2020.01\nsector=general\ntitle=t\nvalidFrom=2020-01-01\ngoverns=ADMIN_PENALTY\nstage=1\n");
    Files.writeString(
        pack.resolve("measures.properties"),
        "measure.D-1.zh=x\nmeasure.D-1.en=x\nmeasure.D-1.group=WARNING\nmeasure.D-1.areas=\n"
            + "measure.D-1.basis.1=a|b|c\nmeasure.D-1.verified=true\n");
    Files.writeString(
        pack.resolve("rules.drl"),
        "package dev.creditrules.packs.demo\nimport dev.creditrules.facts.*\nimport dev.creditrules.pack.*\n\n"
            + "rule \"spy\" @measure(\"D-1\")\nwhen\n  $p : AdminPenalty()\nthen\n"
            + "  System.out.println($p);\n  insert(Hit.of($p.decidedOn(), null, $p.id()));\nend\n");
    Run r = run("", "validate", "--format", "json", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("valid").asBoolean()).isFalse();
    assertThat(report.get("problems"))
        .anySatisfy(
            p -> {
              assertThat(p.get("file").asText()).isEqualTo("rules.drl");
              assertThat(p.get("line").asInt()).isEqualTo(9);
              assertThat(p.get("rule").asText()).isEqualTo("spy");
              assertThat(p.get("message").asText()).contains("System");
            });
  }

  @Test
  void aUsageMistakeExitsOneNotTwo() {
    Run r = run("", "evaluate");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Missing required parameter");
  }

  @Test
  void testRunsThePacksCases() {
    Run r = run("", "test", "../rules-drl/src/main/packs", "--pack", "tax-serious", "--verbose");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("PASS ../rules-drl/src/main/packs/tax-serious/2022.02/cases/")
        .contains(" 0 failed");
  }
}
