package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a failing case printed the whole actual decision with a natural person's resident
 * number in full. The report masks it as the decision log does; the expectations still see it.
 */
class CaseReportTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static CreditRulesEngine engine;

  @BeforeAll
  static void packs() throws IOException {
    // the shipped general pack alone
    Path packs = Files.createDirectories(tmp.resolve("packs"));
    Files.createSymbolicLink(packs.resolve("general"), PackDiffTest.GENERAL.toAbsolutePath());
    engine = CreditRulesEngine.builder().directory(packs).build();
  }

  static RegressionCase personCase(String id, String expect) throws IOException {
    String request =
        Files.readString(Path.of("../examples/requests/gen-ex-01.json"))
            .replace("\"91110108MA01TAX03C\"", "\"" + id + "\"")
            .replace("\"ENTERPRISE\"", "\"NATURAL_PERSON\"");
    return new RegressionCase(
        tmp.resolve("general/2026.04/cases/person.yaml"),
        "a person's penalty",
        "",
        JSON.readTree(request),
        JSON.readTree(expect));
  }

  @Test
  void aFailingDecisionShowsTheSubjectIdMasked() throws IOException {
    CaseResult r =
        new Cases()
            .run(
                engine,
                personCase("110108198001150018", "{\"sanctions\": {\"include\": [\"GEN-S-99\"]}}"));
    assertThat(r.passed()).isFalse();
    assertThat(r.report(true)).contains("1101**********0018").doesNotContain("110108198001150018");
  }

  @Test
  void aRejectedRequestShowsItsPersonalValuesMasked() throws IOException {
    CaseResult r = new Cases().run(engine, personCase("110108198001150017", "{\"sanctions\": []}"));
    assertThat(r.passed()).isFalse();
    JsonNode shown = r.shown();
    assertThat(shown.at("/errors/0/pointer").asText()).isEqualTo("/subject/id");
    assertThat(shown.at("/errors/0/value").asText()).isEqualTo("1101**********0017");
    assertThat(r.report(true))
        .contains("check character must be 8")
        .doesNotContain("110108198001150017");
  }
}
