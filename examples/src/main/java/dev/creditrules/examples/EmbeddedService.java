package dev.creditrules.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Embeds credit-rules in a service of one's own: the engine is built once and shared by every
 * thread, {@link #decide(String)} turns a request's JSON into an HTTP-style status and body, and
 * {@link #start(int)} puts that on a small JDK {@link HttpServer} ({@code POST /decide}).
 *
 * <p>This is what {@code credit-rules serve} does at full size (JSON Lines, pack status, OpenAPI,
 * limits, graceful shutdown); a real service would add its own authentication, logging and metrics
 * around {@link #decide(String)}.
 *
 * <p>Usage: {@code EmbeddedService [port]} (default 8081), then {@code curl -H 'Content-Type:
 * application/json' --data-binary @examples/requests/tax-ex-01.json localhost:8081/decide}.
 */
public final class EmbeddedService {
  private static final System.Logger LOG = System.getLogger(EmbeddedService.class.getName());

  /**
   * What the service answers.
   *
   * @param status 200 with a decision, 422 with the contract's errors, 500 for an internal error
   * @param body the JSON body
   */
  public record Response(int status, String body) {}

  private final CreditRules rules;
  private final ContractJson json;

  /**
   * A service deciding with {@code rules} (thread-safe, built once, e.g. from the class path); it
   * reads requests with the fact types their packs declare ({@code rules.model()}).
   */
  public EmbeddedService(CreditRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.json = new ContractJson(rules.model());
  }

  /** A service deciding with the packs shipped on the class path. */
  public static EmbeddedService fromClasspath() {
    return new EmbeddedService(CreditRulesEngine.fromClasspath());
  }

  /**
   * Decides one request given as contract JSON. Thread-safe.
   *
   * @return 200 and the decision, 422 and {@code {"errors":[…]}} for an invalid request, or 500 and
   *     an error that names no internals (the exception's class is logged, not its message, which
   *     may quote the request)
   */
  public Response decide(String requestJson) {
    try {
      return new Response(200, json.writeDecision(rules.decide(json.readRequest(requestJson))));
    } catch (InvalidRequestException e) {
      return new Response(422, json.writeErrors(e.errors()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "internal error: " + e.getClass().getName());
      return new Response(
          500, json.writeErrors(List.of(new RequestError("", null, "internal error"))));
    }
  }

  /**
   * Serves {@code POST /decide} on {@code port} of the loopback interface (0: any free port) with
   * as many threads as processors; stop it with {@link HttpServer#stop(int)}.
   */
  public HttpServer start(int port) throws IOException {
    // TCP_NODELAY: otherwise small responses wait ~40 ms for the client's delayed ACK
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    // a bounded pool: decisions are CPU work; daemon threads end with the server's dispatcher
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "embedded-service");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/decide", this::handle);
    server.start();
    return server;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        response =
            new Response(405, json.writeErrors(List.of(new RequestError("", null, "use POST"))));
      } else {
        byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
        response = decide(new String(body, StandardCharsets.UTF_8));
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Starts the service on the port given (default 8081) until the JVM is stopped. */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
    HttpServer server = fromClasspath().start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(2)));
    System.out.println(
        "listening on http://127.0.0.1:" + server.getAddress().getPort() + "/decide");
  }
}
