package dev.creditrules.cli;

import static dev.creditrules.cli.MainTest.JSON;
import static dev.creditrules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --max-request-bytes / --max-facts / --max-string-length}. */
class EvaluateLimitsTest {
  static String request(String name, int facts) {
    StringBuilder b =
        new StringBuilder("{\"requestId\":\"r\",\"asOf\":\"2026-11-22\",\"subject\":")
            .append("{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\",\"name\":\"")
            .append(name)
            .append("\"},\"facts\":[");
    for (int i = 0; i < facts; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":\"f")
          .append(i)
          .append("\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"market\",")
          .append("\"decidedOn\":\"2026-05-10\",\"severity\":\"GENERAL\"}");
    }
    return b.append("]}").toString();
  }

  static String onlyError(MainTest.Run r) throws Exception {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    JsonNode errors = JSON.readTree(r.out()).get("errors");
    assertThat(errors).hasSize(1);
    JsonNode e = errors.get(0);
    assertThat(e.get("value").isNull()).isTrue();
    return e.get("pointer").asText() + " | " + e.get("reason").asText();
  }

  @Test
  void maxFacts() throws Exception {
    assertThat(run(request("n", 2), "evaluate", "--max-facts", "2", "-").code()).isZero();
    assertThat(onlyError(run(request("n", 3), "evaluate", "--max-facts", "2", "-")))
        .isEqualTo("/facts | facts has 3 items, more than the limit of 2 (maxFacts)");
    assertThat(onlyError(run(request("n", 1001), "evaluate", "-")))
        .isEqualTo("/facts | facts has 1001 items, more than the limit of 1000 (maxFacts)");
  }

  @Test
  void maxStringLength() throws Exception {
    assertThat(run(request("0123456789", 0), "evaluate", "--max-string-length", "18", "-").code())
        .isZero();
    assertThat(
            onlyError(
                run(
                    request("0123456789".repeat(2), 0),
                    "evaluate",
                    "--max-string-length",
                    "18",
                    "-")))
        .isEqualTo(
            "/subject/name | string of 20 characters is longer than the limit of 18 characters"
                + " (maxStringLength)");
  }

  @Test
  void maxRequestBytes(@TempDir Path dir) throws Exception {
    String text = request("n", 1);
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    Path file = Files.writeString(dir.resolve("r.json"), text);
    assertThat(run("", "evaluate", "--max-request-bytes", "" + size, file.toString()).code())
        .isZero();
    String expected =
        " | the request is larger than the limit of " + (size - 1) + " bytes (maxRequestBytes)";
    assertThat(
            onlyError(run("", "evaluate", "--max-request-bytes", "" + (size - 1), file.toString())))
        .isEqualTo(expected);
    assertThat(onlyError(run(text, "evaluate", "--max-request-bytes", "" + (size - 1), "-")))
        .isEqualTo(expected);
  }

  @Test
  void withJsonLinesEachLineIsHeldToTheLimits() throws Exception {
    String input = request("n", 1) + "\n" + request("n", 3) + "\n" + request("n", 0) + "\n";
    MainTest.Run r =
        run(input, "evaluate", "--jsonl", "--quiet", "--threads", "1", "--max-facts", "2", "-");
    assertThat(r.code()).isEqualTo(2);
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines[0]).has("sanctions")).isTrue();
    JsonNode error = JSON.readTree(lines[1]);
    assertThat(error.get("requestId").asText()).isEqualTo("r");
    assertThat(error.get("line").asInt()).isEqualTo(2);
    assertThat(error.get("errors").get(0).get("pointer").asText()).isEqualTo("/facts");
    assertThat(JSON.readTree(lines[2]).has("sanctions")).isTrue();
  }

  @Test
  void aLimitOutOfRangeIsAUsageMistake() {
    MainTest.Run r = run(request("n", 0), "evaluate", "--max-facts", "-1", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("maxFacts must be 0 or more but was -1");
    MainTest.Run bytes = run(request("n", 0), "evaluate", "--max-request-bytes", "0", "-");
    assertThat(bytes.code()).isEqualTo(1);
    assertThat(bytes.err()).contains("maxRequestBytes must be 1-");
  }

  @Test
  void helpShowsTheLimitsAndTheirDefaults() {
    MainTest.Run r = run("", "evaluate", "--help");
    assertThat(r.out())
        .contains("--max-request-bytes=N", "(default 1048576)")
        .contains("--max-facts=N", "(default 1000)")
        .contains("--max-string-length=N");
  }
}
