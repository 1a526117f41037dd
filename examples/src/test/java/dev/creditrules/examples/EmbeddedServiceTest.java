package dev.creditrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedding service: its {@code decide} method, and the same over its own HTTP server. */
class EmbeddedServiceTest {
  static CreditRulesEngine engine;
  static EmbeddedService service;

  @BeforeAll
  static void build() {
    engine = CreditRulesEngine.fromClasspath();
    service = new EmbeddedService(engine);
  }

  static String request() throws Exception {
    return Files.readString(Path.of("requests/tax-ex-01.json"), StandardCharsets.UTF_8);
  }

  @Test
  void decidesAValidRequest() throws Exception {
    ContractJson json = new ContractJson(engine.model());
    EmbeddedService.Response r = service.decide(request());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(json.writeDecision(engine.decide(json.readRequest(request()))));
    assertThat(r.body()).contains("TAX-I-01");
  }

  @Test
  void anInvalidRequestIs422WithItsPointers() throws Exception {
    EmbeddedService.Response r = service.decide(request().replace("2026-05-01", "2026-05-32"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).startsWith("{\"errors\":[").contains("\"pointer\":\"/asOf\"");
    assertThat(service.decide("not json").status()).isEqualTo(422);
  }

  @Test
  void servesOverItsOwnHttpServer() throws Exception {
    HttpServer server = service.start(0);
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/decide");
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(request(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(service.decide(request()).body());
      HttpResponse<String> get =
          client.send(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).contains("POST");
    } finally {
      server.stop(0);
    }
  }
}
