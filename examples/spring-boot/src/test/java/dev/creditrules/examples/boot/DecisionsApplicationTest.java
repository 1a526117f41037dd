package dev.creditrules.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.json.ContractJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The example service on a random port, over real HTTP: every worked example gives exactly the
 * contract's bytes, invalid requests get 422 with the contract's errors, and the health, metrics
 * and Prometheus endpoints answer as docs/spring-boot.md shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests leave out the Prometheus registry otherwise
class DecisionsApplicationTest {
  static final Path REQUESTS = Path.of("../requests");
  static final ObjectMapper MAPPER = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired CreditRules rules;
  @Autowired ContractJson json;

  private final HttpClient http = HttpClient.newHttpClient();

  static List<Path> workedExamples() throws IOException {
    try (Stream<Path> files = Files.list(REQUESTS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyWorkedExampleGivesTheContractsBytes() throws Exception {
    List<Path> examples = workedExamples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    for (Path example : examples) {
      String request = Files.readString(example);
      HttpResponse<String> response = post(request);
      assertThat(response.statusCode()).as(example.toString()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body())
          .as(example.toString())
          .isEqualTo(json.writeDecision(rules.decide(json.readRequest(request))));
    }
  }

  @Test
  void aBadFieldGets422WithTheContractsErrorsAndPointers() throws Exception {
    String request =
        Files.readString(REQUESTS.resolve("tax-ex-01.json"))
            .replace("\"asOf\": \"2026-05-01\"", "\"asOf\": \"2026-02-30\"")
            .replace("\"type\": \"ENTERPRISE\"", "\"type\": \"COMPANY\"");
    HttpResponse<String> response = post(request);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo(json.writeErrors(errorsOf(request)));
    assertThat(pointers(response.body())).contains("/asOf", "/subject/type");
  }

  @Test
  void badJsonGets422WithTheContractsErrorBody() throws Exception {
    for (String bad : List.of("{\"asOf\": ", "not json", "{\"asOf\": \"2026-05-01\",}")) {
      HttpResponse<String> response = post(bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(422);
      assertThat(response.body()).as(bad).isEqualTo(json.writeErrors(errorsOf(bad)));
      assertThat(pointers(response.body())).containsExactly("");
    }
    HttpResponse<String> empty = post("");
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(pointers(empty.body())).containsExactly("");
  }

  @Test
  void healthIsUpWithThePacksServed() throws Exception {
    HttpResponse<String> response = get("/actuator/health");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = MAPPER.readTree(response.body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode creditRules = health.path("components").path("creditRules");
    assertThat(creditRules.path("status").asText()).isEqualTo("UP");
    assertThat(creditRules.path("details").path("generation").asInt()).isEqualTo(1);
    List<String> packs = new ArrayList<>();
    creditRules.path("details").path("packs").forEach(p -> packs.add(p.asText()));
    assertThat(packs)
        .isEqualTo(rules.packs().stream().map(Object::toString).toList())
        .contains("tax@2025.07");
  }

  @Test
  void metricsCountTheDecisionsByOutcomeAndTheInvalidRequests() throws Exception {
    double decided = count("creditrules.decision.duration?tag=result:decided");
    double sanctions = count("creditrules.decisions?tag=outcome:sanction");
    double invalid = count("creditrules.requests.invalid");
    // TAX-EX-06 is a D grade: sanctions
    assertThat(post(Files.readString(REQUESTS.resolve("tax-ex-06.json"))).statusCode())
        .isEqualTo(200);
    assertThat(post("{}").statusCode()).isEqualTo(422);
    assertThat(count("creditrules.decision.duration?tag=result:decided")).isEqualTo(decided + 1);
    assertThat(count("creditrules.decisions?tag=outcome:sanction")).isEqualTo(sanctions + 1);
    assertThat(count("creditrules.requests.invalid")).isEqualTo(invalid + 1);

    JsonNode decisions = MAPPER.readTree(get("/actuator/metrics/creditrules.decisions").body());
    List<String> outcomes = new ArrayList<>();
    decisions.path("availableTags").get(0).path("values").forEach(v -> outcomes.add(v.asText()));
    assertThat(outcomes)
        .containsExactlyInAnyOrder("sanction", "warning", "incentive", "repair", "dispute", "none");
    assertThat(count("creditrules.packs.generation")).isEqualTo(1);
    assertThat(count("creditrules.packs.served")).isEqualTo(rules.packs().size());
    assertThat(count("creditrules.packs.rejected")).isZero();

    String prometheus = get("/actuator/prometheus").body();
    assertThat(prometheus)
        .contains("creditrules_decisions_total{", "outcome=\"sanction\"")
        .contains("creditrules_decision_duration_seconds_count{")
        .contains("creditrules_requests_invalid_total")
        .contains("creditrules_packs_generation");
  }

  private List<dev.creditrules.api.RequestError> errorsOf(String request) {
    // as the server reads it: bytes (a parser's column counts bytes then)
    byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
    return catchThrowableOfType(
            InvalidRequestException.class, () -> json.readRequest(new ByteArrayInputStream(bytes)))
        .errors();
  }

  private static List<String> pointers(String body) throws IOException {
    List<String> pointers = new ArrayList<>();
    MAPPER.readTree(body).path("errors").forEach(e -> pointers.add(e.path("pointer").asText()));
    return pointers;
  }

  /** The value of a counter, a timer's count or a gauge from {@code /actuator/metrics}. */
  private double count(String metric) throws Exception {
    HttpResponse<String> response = get("/actuator/metrics/" + metric);
    assertThat(response.statusCode()).as(metric).isEqualTo(200);
    for (JsonNode m : MAPPER.readTree(response.body()).path("measurements")) {
      String statistic = m.path("statistic").asText();
      if (statistic.equals("COUNT") || statistic.equals("VALUE")) {
        return m.path("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT or VALUE in " + response.body());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/decisions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
