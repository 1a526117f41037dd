package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} through a real HTTP client ({@link HttpClient}) against the service on an ephemeral
 * loopback port, with the shipped packs.
 */
class ServeCommandTest {
  static final Path REQUESTS = Path.of("../examples/requests");
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ContractJson JSON = new ContractJson(engine().model());
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<HttpService> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(HttpService::stop);
  }

  static CreditRulesEngine engine() {
    return Main.engine(null);
  }

  static HttpService.Settings settings(int maxBody, int maxJsonl) {
    return new HttpService.Settings("127.0.0.1", 0, 4, maxBody, maxJsonl, Duration.ofSeconds(5));
  }

  HttpService serve(CreditRules rules, HttpService.Settings settings) throws IOException {
    HttpService s = new HttpService(rules, null, settings).start();
    started.add(s);
    return s;
  }

  HttpService serve() throws IOException {
    return serve(engine(), settings(1 << 20, 16 << 20));
  }

  static URI uri(HttpService s, String path) {
    return URI.create("http://127.0.0.1:" + s.port() + path);
  }

  static HttpResponse<String> post(HttpService s, String path, String type, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(s, path))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> get(HttpService s, String path)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(s, path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String request(String file) throws IOException {
    return Files.readString(REQUESTS.resolve(file), StandardCharsets.UTF_8);
  }

  /** What the library itself writes for {@code text}. */
  static String expected(String text) {
    return JSON.writeDecision(engine().decide(JSON.readRequest(text)));
  }

  static String compact(String text) throws IOException {
    return MAPPER.writeValueAsString(MAPPER.readTree(text));
  }

  static void assertJsonError(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains(HttpService.JSON_TYPE);
    JsonNode errors = MAPPER.readTree(r.body()).get("errors");
    assertThat(errors.isArray()).isTrue();
    assertThat(errors.size()).isPositive();
    assertThat(errors.get(0).get("pointer").asText()).isEmpty();
    assertThat(errors.get(0).get("reason").asText()).isNotBlank();
  }

  // ------------------------------------------------------------------------------ decisions

  @Test
  void oneDecisionIsTheLibrarysBytes() throws Exception {
    HttpService s = serve();
    for (String file :
        List.of("tax-ex-01.json", "tax-ex-07.json", "gen-ex-01.json", "env-ex-03.json")) {
      String text = request(file);
      HttpResponse<byte[]> r =
          CLIENT.send(
              HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .contains("application/json; charset=utf-8");
      assertThat(r.body()).isEqualTo(expected(text).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void anInvalidRequestIs422WithEveryPointer() throws Exception {
    HttpService s = serve();
    String text =
        request("tax-ex-01.json")
            .replace("91110108MA01TAX03C", "91110108MA01TAX03D")
            .replace("\"publishedOn\": \"2026-04-20\"", "\"publishedOn\": \"2026-02-30\"");
    HttpResponse<String> r = post(s, HttpService.DECISIONS, "application/json", text);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.headers().firstValue("Content-Type")).contains(HttpService.JSON_TYPE);
    JsonNode errors = MAPPER.readTree(r.body()).get("errors");
    List<String> pointers = new ArrayList<>();
    errors.forEach(e -> pointers.add(e.get("pointer").asText()));
    assertThat(pointers).contains("/subject/id", "/facts/1/publishedOn");
    // the same bytes as the library's error object
    dev.creditrules.api.InvalidRequestException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.creditrules.api.InvalidRequestException.class, () -> JSON.readRequest(text));
    assertThat(r.body()).isEqualTo(JSON.writeErrors(e.errors()));
  }

  @Test
  void aBodyThatIsNotJsonIs422ForTheWholeDocument() throws Exception {
    HttpService s = serve();
    for (String body : List.of("not json", "", "[1,2]", "{\"asOf\":")) {
      HttpResponse<String> r = post(s, HttpService.DECISIONS, "application/json", body);
      assertJsonError(r, 422);
    }
  }

  @Test
  void jsonLinesComeBackInOrderWithTheBadLineInItsPlace() throws Exception {
    HttpService s = serve();
    String a = compact(request("tax-ex-01.json"));
    String bad = compact(request("tax-ex-07.json")).replace("\"asOf\":\"", "\"asOf\":\"x");
    String c = compact(request("gen-ex-01.json"));
    String d = compact(request("lab-ex-01.json"));
    String body = a + "\n" + bad + "\r\n\n" + "{oops\n" + c + "\n" + d; // no final newline
    for (String[] variant :
        List.of(
            new String[] {HttpService.DECISIONS, "application/x-ndjson"},
            new String[] {HttpService.DECISIONS + "?format=jsonl", "application/json"})) {
      HttpResponse<String> r = post(s, variant[0], variant[1], body);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains(HttpService.JSONL_TYPE);
      List<String> lines = r.body().lines().toList();
      assertThat(lines).hasSize(5);
      assertThat(lines.get(0)).isEqualTo(expected(a));
      JsonNode error = MAPPER.readTree(lines.get(1));
      assertThat(error.get("requestId").asText()).isEqualTo("tax-ex-07");
      assertThat(error.get("line").asInt()).isEqualTo(2);
      assertThat(error.get("errors").get(0).get("pointer").asText()).isEqualTo("/asOf");
      JsonNode unparsable = MAPPER.readTree(lines.get(2));
      assertThat(unparsable.get("requestId").isNull()).isTrue();
      assertThat(unparsable.get("line").asInt()).isEqualTo(4); // the blank line 3 counts
      assertThat(lines.get(3)).isEqualTo(expected(c));
      assertThat(lines.get(4)).isEqualTo(expected(d));
    }
  }

  @Test
  void manyThreadsAllGetTheirOwnDecision() throws Exception {
    HttpService s = serve();
    List<String> texts = new ArrayList<>();
    List<String> wanted = new ArrayList<>();
    for (String f :
        List.of(
            "tax-ex-01.json",
            "tax-ex-06.json",
            "tax-ex-07.json",
            "gen-ex-01.json",
            "env-ex-03.json",
            "env-ex-05.json",
            "lab-ex-01.json",
            "lab-ex-02.json",
            "res-ex-01.json",
            "res-ex-08.json")) {
      texts.add(request(f));
      wanted.add(expected(request(f)));
    }
    int threads = 8;
    int perThread = 40;
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        done.add(
            callers.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    int k = (offset + i) % texts.size();
                    try {
                      HttpResponse<String> r =
                          post(s, HttpService.DECISIONS, "application/json", texts.get(k));
                      if (r.statusCode() != 200 || !r.body().equals(wanted.get(k))) {
                        failures.add(k + ": " + r.statusCode());
                      }
                    } catch (Exception e) {
                      failures.add(k + ": " + e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(failures).isEmpty();
  }

  // ------------------------------------------------------------------------------ other endpoints

  @Test
  void packsHealthAndOpenApi() throws Exception {
    HttpService s = serve();
    JsonNode packs = MAPPER.readTree(get(s, HttpService.PACKS).body());
    List<PackRef> refs = new ArrayList<>();
    packs
        .get("packs")
        .forEach(
            p ->
                refs.add(
                    new PackRef(
                        p.get("id").asText(),
                        p.get("version").asText(),
                        p.get("digest").asText())));
    assertThat(refs).isEqualTo(engine().packs());
    assertThat(packs.get("live").isNull()).isTrue();

    HttpResponse<String> health = get(s, HttpService.HEALTH);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode h = MAPPER.readTree(health.body());
    assertThat(h.get("status").asText()).isEqualTo("UP");
    assertThat(h.get("packs").asInt()).isEqualTo(engine().packs().size());

    HttpResponse<String> api = get(s, HttpService.OPENAPI);
    assertThat(api.statusCode()).isEqualTo(200);
    JsonNode doc = MAPPER.readTree(api.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    List<String> paths = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            HttpService.DECISIONS,
            HttpService.PACKS,
            HttpService.HEALTH,
            HttpService.OPENAPI,
            HttpService.REQUEST_SCHEMA,
            HttpService.DECISION_SCHEMA);
    assertThat(doc.at("/paths/~1v1~1decisions/post/responses").has("422")).isTrue();
    assertThat(
            doc.at("/paths/~1v1~1decisions/post/requestBody/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("schemas/request.schema.json");

    // every $ref resolves: local ones in the document, relative ones on this server
    List<String> refsSeen = new ArrayList<>();
    collectRefs(doc, refsSeen);
    assertThat(refsSeen).isNotEmpty();
    for (String ref : refsSeen) {
      int hash = ref.indexOf('#');
      String file = hash < 0 ? ref : ref.substring(0, hash);
      String pointer = hash < 0 ? "" : ref.substring(hash + 1);
      JsonNode target = doc;
      if (!file.isEmpty()) {
        URI resolved = uri(s, HttpService.OPENAPI).resolve(file);
        HttpResponse<String> r =
            CLIENT.send(
                HttpRequest.newBuilder(resolved).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(ref).isEqualTo(200);
        target = MAPPER.readTree(r.body());
        assertThat(target.get("$schema").asText()).contains("2020-12");
      }
      assertThat(target.at(pointer).isMissingNode()).as(ref).isFalse();
    }
    // the request schema served is the one of the served packs' fact model: for the shipped
    // packs, the one they publish
    assertThat(get(s, HttpService.REQUEST_SCHEMA).body()).isEqualTo(JSON.requestSchema());
    assertThat(get(s, HttpService.REQUEST_SCHEMA).body())
        .isEqualTo(
            new String(
                ContractJson.class.getResourceAsStream(ContractJson.REQUEST_SCHEMA).readAllBytes(),
                StandardCharsets.UTF_8));
  }

  static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("$ref")) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }

  @Test
  void unknownPathWrongMethodTooLargeAndWrongTypeAreJsonErrors() throws Exception {
    HttpService s = serve(engine(), settings(2000, 5000));
    assertJsonError(get(s, "/v1/nothing"), 404);
    assertJsonError(get(s, "/v1"), 404); // "/" is the workbench page (WorkbenchServeTest)

    HttpResponse<String> wrong = get(s, HttpService.DECISIONS);
    assertJsonError(wrong, 405);
    assertThat(wrong.headers().firstValue("Allow")).contains("POST");
    HttpResponse<String> wrong2 = post(s, HttpService.HEALTH, "application/json", "{}");
    assertJsonError(wrong2, 405);
    assertThat(wrong2.headers().firstValue("Allow")).contains("GET, HEAD");
    HttpResponse<String> delete =
        CLIENT.send(
            HttpRequest.newBuilder(uri(s, HttpService.PACKS)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertJsonError(delete, 405);

    String big = "{\"requestId\":\"" + "x".repeat(2500) + "\"}";
    HttpResponse<String> tooLarge = post(s, HttpService.DECISIONS, "application/json", big);
    assertJsonError(tooLarge, 413);
    assertThat(MAPPER.readTree(tooLarge.body()).at("/errors/0/reason").asText()).contains("2000");
    // JSON Lines have their own, larger limit
    String line = compact(request("tax-ex-01.json"));
    assertThat(
            post(s, HttpService.DECISIONS, "application/x-ndjson", (line + "\n").repeat(7))
                .statusCode())
        .isEqualTo(200);
    assertJsonError(
        post(s, HttpService.DECISIONS, "application/x-ndjson", (line + "\n").repeat(30)), 413);
    // a body without Content-Length (chunked) is counted as it is read
    HttpResponse<String> chunked =
        CLIENT.send(
            HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertJsonError(chunked, 413);

    assertJsonError(post(s, HttpService.DECISIONS, "text/plain", line), 415);
    assertJsonError(
        post(s, HttpService.DECISIONS, "application/json; charset=ISO-8859-1", line), 415);
    assertJsonError(post(s, HttpService.DECISIONS + "?format=xml", "application/json", line), 400);
    // the service still answers after all that
    assertThat(post(s, HttpService.DECISIONS, "application/json; charset=UTF-8", line).body())
        .isEqualTo(expected(line));
  }

  @Test
  void anInternalErrorIs500WithoutInternals() throws Exception {
    CreditRules failing =
        new CreditRules() {
          @Override
          public Decision decide(Request request) {
            throw new IllegalStateException("secret detail about " + request.subject().id());
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
    HttpService s = serve(failing, settings(1 << 20, 1 << 20));
    String text = request("tax-ex-01.json");
    HttpResponse<String> r = post(s, HttpService.DECISIONS, "application/json", text);
    assertJsonError(r, 500);
    assertThat(r.body())
        .contains("internal error; incident ")
        .doesNotContain("secret", "IllegalState", "91110108MA01TAX03C", "at dev.");
    HttpResponse<String> lines =
        post(s, HttpService.DECISIONS, "application/x-ndjson", compact(text));
    assertThat(lines.statusCode()).isEqualTo(200);
    JsonNode line = MAPPER.readTree(lines.body());
    assertThat(line.get("line").asInt()).isEqualTo(1);
    assertThat(line.get("requestId").asText()).isEqualTo("tax-ex-01");
    assertThat(line.at("/errors/0/reason").asText()).startsWith("internal error; incident ");
    assertThat(lines.body()).doesNotContain("secret", "IllegalState");
    assertThat(
            HttpService.describe(
                new IllegalStateException("secret", new RuntimeException("also secret"))))
        .contains("IllegalStateException caused by java.lang.RuntimeException")
        .doesNotContain("secret");
  }

  // ------------------------------------------------------------------------------ shutdown

  @Test
  void stopLetsTheRequestInFlightFinishAndRefusesNewOnes() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CreditRulesEngine engine = engine();
    CreditRules slow =
        new CreditRules() {
          @Override
          public Decision decide(Request request) {
            entered.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return engine.decide(request);
          }

          @Override
          public List<PackRef> packs() {
            return engine.packs();
          }

          @Override
          public FactModel model() {
            return engine.model();
          }
        };
    HttpService s = serve(slow, settings(1 << 20, 1 << 20));
    int port = s.port();
    String text = request("tax-ex-01.json");
    CompletableFuture<HttpResponse<String>> inFlight =
        CLIENT.sendAsync(
            HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    long t0 = System.nanoTime();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
    // new requests are refused (connection refused, or 503 from a connection that got in first)
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    boolean refused = false;
    for (int i = 0; i < 100 && !refused; i++) {
      try {
        HttpResponse<String> r =
            fresh.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        refused = r.statusCode() == 503;
        if (refused) {
          assertJsonError(r, 503);
        }
      } catch (IOException e) {
        refused = true;
      }
      if (!refused) {
        Thread.sleep(20);
      }
    }
    assertThat(refused).isTrue();
    assertThat(stopping).isNotDone();
    assertThat(inFlight).isNotDone();

    release.countDown();
    HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(expected(text));
    stopping.get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(s.inFlight()).isZero();
    s.stop(); // idempotent
  }

  @Test
  void stopWithNothingInFlightIsImmediate() throws Exception {
    HttpService s = serve();
    assertThat(get(s, HttpService.HEALTH).statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    s.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    s.awaitStop();
  }

  // ------------------------------------------------------------------------------ the command

  @Test
  void theCommandServesALiveDirectoryAndShowsItsStatus(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("packs");
    copy(Path.of("../rules-drl/src/main/packs"), dir);
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--live",
            dir.toString(),
            "--gate",
            "none",
            "--threads",
            "2",
            "--no-auth");
    HttpService s = command.start();
    started.add(s);

    JsonNode packs = MAPPER.readTree(get(s, HttpService.PACKS).body());
    JsonNode live = packs.get("live");
    assertThat(live.get("generation").asInt()).isEqualTo(1);
    assertThat(live.get("healthy").asBoolean()).isTrue();
    assertThat(live.get("folders").size()).isEqualTo(packs.get("packs").size());
    live.get("folders").forEach(f -> assertThat(f.get("verdict").asText()).isEqualTo("ACCEPTED"));
    String text = request("tax-ex-01.json");
    assertThat(post(s, HttpService.DECISIONS, "application/json", text).body())
        .isEqualTo(expected(text));

    // a broken pack is rejected, shown with its problems, and the last good version serves on
    Path drl = dir.resolve("general/2026.04/general.drl");
    Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then oops(; end\n");
    JsonNode general = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode now = MAPPER.readTree(get(s, HttpService.PACKS).body()).get("live");
      for (JsonNode f : now.get("folders")) {
        if (f.get("pack").asText().equals("general@2026.04")
            && f.get("verdict").asText().equals("REJECTED")) {
          general = f;
        }
      }
      if (general != null) {
        assertThat(now.get("healthy").asBoolean()).isFalse();
        break;
      }
      Thread.sleep(100);
    }
    assertThat(general).as("general@2026.04 rejected").isNotNull();
    assertThat(general.get("problems").size()).isPositive();
    assertThat(general.at("/problems/0/file").asText()).isEqualTo("general.drl");
    JsonNode health = MAPPER.readTree(get(s, HttpService.HEALTH).body());
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/live/healthy").asBoolean()).isFalse();
    assertThat(post(s, HttpService.DECISIONS, "application/json", text).body())
        .isEqualTo(expected(text));
    s.stop();
  }

  static void copy(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted().toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }

  @Test
  void theCommandRefusesContradictoryOptions() {
    MainTest.Run r =
        MainTest.run("", "serve", "--port", "0", "--no-auth", "--packs", "a", "--live", "b");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("--packs and --live cannot be used together");
    MainTest.Run g =
        MainTest.run("", "serve", "--port", "0", "--no-auth", "--live", "b", "--gate", "maybe");
    assertThat(g.code()).isEqualTo(1);
    assertThat(g.err()).contains("--gate must be cases or none");
  }
}
