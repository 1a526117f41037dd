package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.CLIENT;
import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.compact;
import static dev.creditrules.cli.ServeCommandTest.engine;
import static dev.creditrules.cli.ServeCommandTest.get;
import static dev.creditrules.cli.ServeCommandTest.post;
import static dev.creditrules.cli.ServeCommandTest.request;
import static dev.creditrules.cli.ServeCommandTest.settings;
import static dev.creditrules.cli.ServeCommandTest.uri;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.audit.DecisionNotRecordedException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What an operator relies on besides the decisions: HEAD, health, metrics, request ids, the access
 * log, and 503 when the decision log cannot record. Real Jetty on a loopback port.
 */
class ServiceOperationsTest {
  private final List<HttpService> started = new ArrayList<>();
  @TempDir Path tmp;

  @AfterEach
  void stopAll() {
    started.forEach(HttpService::stop);
  }

  HttpService serve(CreditRules rules) throws Exception {
    HttpService s = new HttpService(rules, null, settings(1 << 20, 16 << 20)).start();
    started.add(s);
    return s;
  }

  /** The raw bytes the server sends for {@code head} (a request written by hand). */
  static String raw(HttpService s, String head) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void headAnswersEveryGetRouteWithItsHeadersAndNoBody() throws Exception {
    HttpService s = serve(engine());
    for (String path :
        List.of(
            HttpService.HEALTH,
            HttpService.LIVE,
            HttpService.READY,
            HttpService.PACKS,
            HttpService.OPENAPI,
            HttpService.WORKBENCH,
            HttpService.METRICS,
            HttpService.REQUEST_SCHEMA)) {
      byte[] body = get(s, path).body().getBytes(StandardCharsets.UTF_8);
      String answer =
          raw(s, "HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(path).startsWith("HTTP/1.1 200 ");
      int end = answer.indexOf("\r\n\r\n");
      assertThat(answer.substring(end + 4)).as(path + ": no body").isEmpty();
      if (!path.equals(HttpService.METRICS)) { // the metrics change between two scrapes
        assertThat(answer.toLowerCase(java.util.Locale.ROOT))
            .contains("content-length: " + body.length + "\r\n");
      }
    }
    HttpResponse<String> post = post(s, HttpService.HEALTH, "application/json", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void requestIdsAreEchoedWhenWellFormedAndGeneratedOtherwise() throws Exception {
    HttpService s = serve(engine());
    String text = request("tax-ex-01.json");
    for (String given : List.of("abc-123", "trace:9f.2_x", "x".repeat(128))) {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
                  .header("Content-Type", "application/json")
                  .header("X-Request-Id", given)
                  .POST(HttpRequest.BodyPublishers.ofString(text))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("X-Request-Id")).contains(given);
    }
    for (String bad : List.of("", "has space", "x".repeat(129), "<script>")) {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(uri(s, HttpService.LIVE)).header("X-Request-Id", bad).build(),
              HttpResponse.BodyHandlers.ofString());
      String id = r.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(id).isNotEqualTo(bad);
      assertThat(UUID.fromString(id)).isNotNull();
    }
    // errors carry one too
    HttpResponse<String> missing = get(s, "/v1/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(UUID.fromString(missing.headers().firstValue("X-Request-Id").orElseThrow()))
        .isNotNull();
  }

  @Test
  void theAccessLogHasOneJsonLinePerRequestWithoutRequestDataOrTokens() throws Exception {
    Path file = tmp.resolve("tokens");
    String token = ServiceAuthTest.token(file, "ci");
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    HttpService s =
        new HttpService(engine(), null, settings(1 << 20, 1 << 20).withTokens(TokenFile.read(file)))
            .accessLog(lines::add)
            .start();
    started.add(s);
    String text = request("tax-ex-01.json");
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(uri(s, HttpService.DECISIONS + "?format=json"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", "req-42")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(get(s, "/v1/secret-path-91110108MA01TAX03C").statusCode()).isEqualTo(401);
    awaitSize(lines, 2);
    List<JsonNode> logged = new ArrayList<>();
    for (String l : lines) {
      assertThat(l).doesNotContain("\n", token, "91110108MA01TAX03C", "tax-ex-01");
      logged.add(MAPPER.readTree(l));
    }
    JsonNode decision = logged.get(0);
    assertThat(decision.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(decision.get("requestId").asText()).isEqualTo("req-42");
    assertThat(decision.get("method").asText()).isEqualTo("POST");
    assertThat(decision.get("route").asText()).isEqualTo(HttpService.DECISIONS);
    assertThat(decision.get("status").asInt()).isEqualTo(200);
    assertThat(decision.get("durationMs").asDouble()).isPositive();
    assertThat(decision.get("bytesIn").asLong())
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    assertThat(decision.get("bytesOut").asLong())
        .isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
    assertThat(decision.get("client").asText()).isEqualTo("127.0.0.1");
    JsonNode unknown = logged.get(1);
    assertThat(unknown.get("route").asText()).isEqualTo("unknown"); // never the path asked for
    assertThat(unknown.get("status").asInt()).isEqualTo(401);
  }

  static void awaitSize(java.util.Collection<?> c, int size) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (c.size() < size && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(c).hasSizeGreaterThanOrEqualTo(size);
  }

  /** The value of {@code name{labels}} in a Prometheus text, or -1 when absent. */
  static double metric(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void metricsNameEverySeriesAndCount() throws Exception {
    HttpService s = serve(engine());
    assertThat(get(s, HttpService.LIVE).statusCode()).isEqualTo(200); // a series appears once used
    String before = get(s, HttpService.METRICS).body();
    for (String name :
        List.of(
            "creditrules_http_requests_total",
            "creditrules_decision_seconds_bucket",
            "creditrules_decision_seconds_count",
            "creditrules_queue_depth",
            "creditrules_requests_rejected_total{reason=\"overloaded\"}",
            "creditrules_requests_rejected_total{reason=\"deadline\"}",
            "creditrules_requests_rejected_total{reason=\"unrecorded\"}",
            "creditrules_packs_generation",
            "creditrules_packs_reload_failures",
            "creditrules_decision_log_failures_total",
            "creditrules_decision_log_lag_seconds")) {
      assertThat(before).as(name).contains(name);
    }
    assertThat(metric(before, "creditrules_packs_generation")).isEqualTo(1);
    String text = compact(request("tax-ex-01.json"));
    for (int i = 0; i < 3; i++) {
      assertThat(post(s, HttpService.DECISIONS, "application/json", text).statusCode())
          .isEqualTo(200);
    }
    assertThat(post(s, HttpService.DECISIONS, "application/json", "{}").statusCode())
        .isEqualTo(422);
    // a JSON Lines request of 4 lines: one request, four decisions
    assertThat(
            post(s, HttpService.DECISIONS, "application/x-ndjson", (text + "\n").repeat(4))
                .statusCode())
        .isEqualTo(200);
    String after = get(s, HttpService.METRICS).body();
    assertThat(
            metric(
                after, "creditrules_http_requests_total{route=\"/v1/decisions\",status=\"200\"}"))
        .isEqualTo(4);
    assertThat(
            metric(
                after, "creditrules_http_requests_total{route=\"/v1/decisions\",status=\"422\"}"))
        .isEqualTo(1);
    assertThat(metric(after, "creditrules_decision_seconds_count")).isEqualTo(7);
    assertThat(metric(after, "creditrules_http_requests_total{route=\"/metrics\",status=\"200\"}"))
        .isEqualTo(1);
  }

  @Test
  void readyIs503WhileTheLiveDirectoryIsUnhealthyWhenSoConfiguredAndLiveStays200(@TempDir Path dir)
      throws Exception {
    ServeCommandTest.copy(Path.of("../rules-drl/src/main/packs"), dir.resolve("packs"));
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--live",
            dir.resolve("packs").toString(),
            "--gate",
            "none",
            "--threads",
            "1",
            "--no-auth",
            "--ready-needs-healthy-packs");
    HttpService s = command.start();
    started.add(s);
    assertThat(get(s, HttpService.READY).statusCode()).isEqualTo(200);
    assertThat(get(s, HttpService.HEALTH).statusCode()).isEqualTo(200);

    Path drl = dir.resolve("packs/general/2026.04/general.drl");
    Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then oops(; end\n");
    HttpResponse<String> ready = get(s, HttpService.READY);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ready.statusCode() == 200 && System.nanoTime() < until) {
      Thread.sleep(100);
      ready = get(s, HttpService.READY);
    }
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonNode body = MAPPER.readTree(ready.body());
    assertThat(body.get("status").asText()).isEqualTo("DOWN");
    assertThat(body.at("/live/healthy").asBoolean()).isFalse();
    assertThat(get(s, HttpService.HEALTH).statusCode()).isEqualTo(503);
    assertThat(get(s, HttpService.LIVE).statusCode()).isEqualTo(200);
    assertThat(metric(get(s, HttpService.METRICS).body(), "creditrules_packs_reload_failures"))
        .isEqualTo(1);
    // the last good version still decides
    String text = request("tax-ex-01.json");
    assertThat(post(s, HttpService.DECISIONS, "application/json", text).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentHasEveryRouteAndSaysWhichNeedAToken() throws Exception {
    HttpService s = serve(engine());
    JsonNode doc = MAPPER.readTree(get(s, HttpService.OPENAPI).body());
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/security/0").has("bearer")).isTrue();
    for (HttpService.Route route : HttpService.Route.values()) {
      if (route == HttpService.Route.ROOT) {
        continue; // the workbench's second address
      }
      JsonNode operation =
          doc.at("/paths/" + route.path.replace("/", "~1"))
              .path(route.method.toLowerCase(java.util.Locale.ROOT));
      assertThat(operation.isObject()).as(route.path).isTrue();
      JsonNode security = operation.get("security");
      if (route.open) {
        assertThat(security.isArray() && security.isEmpty()).as(route.path + " open").isTrue();
      } else {
        assertThat(security).as(route.path + " needs the document's bearer token").isNull();
        assertThat(operation.at("/responses/401/$ref").asText()).endsWith("Unauthorized");
        assertThat(operation.at("/responses/403/$ref").asText()).endsWith("Forbidden");
      }
    }
  }

  /** Decides nothing: its decision log could not record (as a fail-closed DecisionLog throws). */
  static CreditRules unrecorded(UUID id) {
    return new CreditRules() {
      @Override
      public Decision decide(Request request) {
        throw new DecisionNotRecordedException(id, "file sink: NoSuchFileException");
      }

      @Override
      public List<PackRef> packs() {
        return engine().packs();
      }

      @Override
      public FactModel model() {
        return engine().model();
      }
    };
  }

  @Test
  void aDecisionTheLogCannotRecordIs503WithItsIdAndNeverTheDecision() throws Exception {
    UUID id = UUID.randomUUID();
    HttpService s = serve(unrecorded(id));
    String text = compact(request("tax-ex-01.json"));
    HttpResponse<String> r = post(s, HttpService.DECISIONS, "application/json", text);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    JsonNode error = MAPPER.readTree(r.body()).at("/errors/0");
    assertThat(error.get("pointer").asText()).isEmpty();
    assertThat(error.get("value").asText()).isEqualTo(id.toString());
    assertThat(error.get("reason").asText()).isEqualTo(HttpService.UNRECORDED);

    HttpResponse<String> lines =
        post(s, HttpService.DECISIONS, "application/x-ndjson", text + "\n" + text + "\n");
    assertThat(lines.statusCode()).isEqualTo(200);
    List<String> out = lines.body().lines().toList();
    assertThat(out).hasSize(2);
    for (String l : out) {
      assertThat(MAPPER.readTree(l).at("/errors/0/reason").asText())
          .isEqualTo(HttpService.UNRECORDED);
    }
    assertThat(
            metric(
                get(s, HttpService.METRICS).body(),
                "creditrules_requests_rejected_total{reason=\"unrecorded\"}"))
        .isEqualTo(3);
  }

  @Test
  void serveLogRecordsEveryDecisionInItsFile() throws Exception {
    Path log = tmp.resolve("decisions.jsonl");
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs("--port", "0", "--no-auth", "--threads", "1", "--log", log.toString());
    HttpService s = command.start();
    started.add(s);
    String text = compact(request("tax-ex-01.json"));
    assertThat(post(s, HttpService.DECISIONS, "application/json", text).statusCode())
        .isEqualTo(200);
    assertThat(post(s, HttpService.DECISIONS, "application/json", "{oops").statusCode())
        .isEqualTo(422);
    assertThat(
            post(s, HttpService.DECISIONS, "application/x-ndjson", text + "\n{oops\n").statusCode())
        .isEqualTo(200);
    s.stop();
    command.log.finish(new java.io.PrintWriter(new ByteArrayOutputStream()), 0);
    List<String> records = Files.readAllLines(log);
    assertThat(records).hasSize(4);
    assertThat(records.stream().filter(l -> l.contains("\"DECIDED\"")).count()).isEqualTo(2);
    assertThat(records.stream().filter(l -> l.contains("\"REJECTED\"")).count()).isEqualTo(2);
  }

  @Test
  void serveLogToAFileThatCannotBeWrittenAnswers503AndDecidesNothing() throws Exception {
    Path notADirectory = tmp.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--no-auth",
            "--log",
            notADirectory.resolve("decisions.jsonl").toString());
    HttpService s = command.start();
    started.add(s);
    HttpResponse<String> r =
        post(s, HttpService.DECISIONS, "application/json", request("tax-ex-01.json"));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(MAPPER.readTree(r.body()).at("/errors/0/reason").asText())
        .isEqualTo(HttpService.UNRECORDED);
    assertThat(r.body()).doesNotContain("\"measures\"", "91110108MA01TAX03C");
  }
}
