package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.CLIENT;
import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.compact;
import static dev.creditrules.cli.ServeCommandTest.engine;
import static dev.creditrules.cli.ServeCommandTest.expected;
import static dev.creditrules.cli.ServeCommandTest.get;
import static dev.creditrules.cli.ServeCommandTest.post;
import static dev.creditrules.cli.ServeCommandTest.request;
import static dev.creditrules.cli.ServeCommandTest.settings;
import static dev.creditrules.cli.ServeCommandTest.uri;
import static dev.creditrules.cli.ServiceOperationsTest.metric;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Limits under load and faults, on real Jetty and real sockets: a bounded queue that answers 503 at
 * once, deadlines, slow clients, and clients that drop mid-request. Counts, never timings.
 */
class ServiceLimitsTest {
  private final List<HttpService> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(HttpService::stop);
  }

  HttpService serve(CreditRules rules, HttpService.Settings settings) throws Exception {
    HttpService s = new HttpService(rules, null, settings).start();
    started.add(s);
    return s;
  }

  /** The shipped engine, whose decisions wait until the test lets them go, one permit each. */
  static final class Held implements CreditRules {
    final CreditRules engine = engine();
    final Semaphore permits = new Semaphore(0);
    final AtomicInteger entered = new AtomicInteger();

    @Override
    public Decision decide(Request request) {
      entered.incrementAndGet();
      try {
        if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return engine.decide(request);
    }

    void awaitEntered(int n) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (entered.get() < n && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(entered.get()).isGreaterThanOrEqualTo(n);
    }

    @Override
    public List<PackRef> packs() {
      return engine.packs();
    }

    @Override
    public FactModel model() {
      return engine.model();
    }
  }

  static CompletableFuture<HttpResponse<String>> postAsync(
      HttpService s, String type, String body) {
    return CLIENT.sendAsync(
        HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static void awaitQueued(HttpService s, int n) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (metric(s.metricsText(), "creditrules_queue_depth") < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(metric(s.metricsText(), "creditrules_queue_depth")).isEqualTo(n);
  }

  @Test
  void pastTheQueueRequestsAre503AtOnceAndTheAcceptedOnesAreDecided() throws Exception {
    Held held = new Held();
    HttpService s = serve(held, settings(1 << 20, 1 << 20).withWorkers(1, 1));
    String text = request("tax-ex-01.json");
    CompletableFuture<HttpResponse<String>> running = postAsync(s, "application/json", text);
    held.awaitEntered(1);
    CompletableFuture<HttpResponse<String>> queued = postAsync(s, "application/json", text);
    awaitQueued(s, 1);

    // the worker is busy and the queue full: every further request is refused at once, while
    // the two accepted ones are still held (none of these waits for them)
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = post(s, HttpService.DECISIONS, "application/json", text);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("1");
      JsonNode error = MAPPER.readTree(r.body()).at("/errors/0");
      assertThat(error.get("pointer").asText()).isEmpty();
      assertThat(error.get("reason").asText()).startsWith("overloaded: ");
      refused++;
    }
    assertThat(running).isNotDone();
    assertThat(queued).isNotDone();
    // what does not decide is still answered meanwhile
    assertThat(get(s, HttpService.LIVE).statusCode()).isEqualTo(200);

    held.permits.release(2);
    assertThat(running.get(30, TimeUnit.SECONDS).body()).isEqualTo(expected(text));
    assertThat(queued.get(30, TimeUnit.SECONDS).body()).isEqualTo(expected(text));
    assertThat(
            metric(s.metricsText(), "creditrules_requests_rejected_total{reason=\"overloaded\"}"))
        .isEqualTo(refused);
    assertThat(metric(s.metricsText(), "creditrules_queue_depth")).isZero();
  }

  @Test
  void aDecisionPastItsDeadlineIs503AndAQueuedBatchIs503BeforeItsFirstByte() throws Exception {
    Held held = new Held();
    HttpService s =
        serve(
            held,
            settings(1 << 20, 1 << 20)
                .withWorkers(1, 4)
                .withDeadlines(Duration.ofMillis(300), Duration.ofMillis(300)));
    String text = request("tax-ex-01.json");
    // deciding past the deadline: 503, while the worker is still held
    HttpResponse<String> late = post(s, HttpService.DECISIONS, "application/json", text);
    assertThat(late.statusCode()).isEqualTo(503);
    assertThat(late.headers().firstValue("Retry-After")).isPresent();
    assertThat(MAPPER.readTree(late.body()).at("/errors/0/reason").asText())
        .startsWith("deadline of 300ms passed");
    // waiting past the deadline behind the held worker: 503 too, a batch before any line
    HttpResponse<String> waited =
        post(s, HttpService.DECISIONS, "application/x-ndjson", compact(text) + "\n");
    assertThat(waited.statusCode()).isEqualTo(503);
    assertThat(waited.headers().firstValue("Content-Type")).contains(HttpService.JSON_TYPE);
    assertThat(MAPPER.readTree(waited.body()).at("/errors/0/reason").asText())
        .startsWith("deadline of 300ms passed");
    held.permits.release(1);
    assertThat(metric(s.metricsText(), "creditrules_requests_rejected_total{reason=\"deadline\"}"))
        .isEqualTo(2);
  }

  @Test
  void aBatchThatStartedInTimeAnswersEveryLineAndTheLinesPastItsDeadlineAreErrorLines()
      throws Exception {
    Held held = new Held();
    HttpService s =
        serve(
            held,
            settings(1 << 20, 1 << 20)
                .withWorkers(1, 1)
                .withDeadlines(Duration.ofSeconds(10), Duration.ofMillis(300)));
    String line = compact(request("tax-ex-01.json"));
    CompletableFuture<HttpResponse<String>> batch =
        postAsync(s, "application/x-ndjson", (line + "\n").repeat(3));
    held.awaitEntered(1); // line 1 is deciding: it started before the deadline
    Thread.sleep(600); // the batch's deadline passes while line 1 is held
    held.permits.release(3);
    HttpResponse<String> r = batch.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> lines = r.body().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(expected(line));
    for (String late : lines.subList(1, 3)) {
      JsonNode error = MAPPER.readTree(late);
      assertThat(error.get("requestId").asText()).isEqualTo("tax-ex-01");
      assertThat(error.at("/errors/0/reason").asText())
          .isEqualTo("deadline of 300ms passed before this line; it was not decided");
    }
    assertThat(held.entered.get()).isEqualTo(1);
  }

  /** Opens a connection and sends half a request header, then nothing. */
  static Socket halfHeader(HttpService s) throws IOException {
    Socket socket = new Socket("127.0.0.1", s.port());
    OutputStream out = socket.getOutputStream();
    out.write(
        "POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Ty"
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  @Test
  void twoHundredSlowClientsDoNotStopADecisionAndAreClosedAfterTheIdleTimeout() throws Exception {
    HttpService s =
        serve(
            engine(),
            settings(1 << 20, 1 << 20).withWorkers(2, 8).withIdleTimeout(Duration.ofSeconds(5)));
    int before = s.connections();
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        slow.add(halfHeader(s));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (s.connections() < before + 200 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(s.connections()).isEqualTo(before + 200);
      // a normal request is answered while all 200 hang
      String text = request("tax-ex-01.json");
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(20))
                  .POST(HttpRequest.BodyPublishers.ofString(text))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(expected(text));
      // each slow one is closed by the server (end of stream, or a 408 then end of stream)
      int closed = 0;
      for (Socket socket : slow) {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        try {
          while (in.read() != -1) {
            // whatever the server said before closing
          }
          closed++;
        } catch (IOException e) {
          closed++; // reset by the server
        }
      }
      assertThat(closed).isEqualTo(200);
      until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (s.connections() > before + 1 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      // the HttpClient's own keep-alive connection may still be open
      assertThat(s.connections()).isLessThanOrEqualTo(before + 1);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void aClientThatDropsMidRequestLeavesNoConnectionBehind() throws Exception {
    Held held = new Held();
    HttpService s = serve(held, settings(1 << 20, 1 << 20).withWorkers(1, 4));
    int before = s.connections();
    String text = request("tax-ex-01.json");
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      try (Socket socket = new Socket("127.0.0.1", s.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2); // half the body, then gone
        out.flush();
      }
    }
    // and one that drops while its decision is held
    Socket deciding = new Socket("127.0.0.1", s.port());
    OutputStream out = deciding.getOutputStream();
    out.write(
        ("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    held.awaitEntered(1);
    deciding.close();
    held.permits.release(1);

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ((s.connections() != before || s.inFlight() != 0) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(s.connections()).isEqualTo(before);
    assertThat(s.inFlight()).isZero();
    // and it still decides
    held.permits.release(1);
    assertThat(post(s, HttpService.DECISIONS, "application/json", text).body())
        .isEqualTo(expected(text));
  }
}
