package dev.creditrules.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.RequestError;
import dev.creditrules.audit.DecisionLog;
import dev.creditrules.audit.DecisionNotRecordedException;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.ExplanationRequest;
import dev.creditrules.json.TimelineRequest;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.Explainer;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON service behind {@code credit-rules serve}, on Jetty 12's core handlers (no
 * servlets); {@code docs/service.md} is its manual.
 *
 * <ul>
 *   <li>{@code POST /v1/decisions}: {@code application/json} gives one decision (200) or the
 *       contract's error object (422); {@code application/x-ndjson} (or {@code ?format=jsonl})
 *       gives JSON Lines in input order, each line a decision or {@code
 *       {"requestId","line","errors"}} (200).
 *   <li>{@code POST /v1/timelines}, {@code POST /v1/explanations}: one timeline, one explanation.
 *   <li>{@code GET /v1/packs}, {@code GET /v1/examples}, {@code GET /workbench} (and {@code /}).
 *   <li>{@code GET /health} (= ready), {@code /health/live}, {@code /health/ready}, {@code
 *       /metrics} (Prometheus), {@code /openapi.json} and the schemas under {@code /schemas/}.
 * </ul>
 *
 * <p>Jetty's selector threads read requests, so a slow or stalled client holds no thread; its
 * connection is closed after the idle timeout. A request that decides (the three {@code POST}
 * routes) is read completely, then handed to a fixed pool of {@code threads} workers with a bounded
 * queue of {@code queue} requests: past it the answer is 503 with {@code Retry-After} at once. A
 * request still waiting, or still deciding, when its deadline passes is answered 503; a JSON Lines
 * batch answers 503 only before its first byte, after that each line decided past the deadline is
 * an error line.
 *
 * <p>Every error body is the contract's {@code {"errors":[{"pointer","value","reason"}]}}; an
 * internal error never shows a stack trace or an exception to the client: it gets 500 and an
 * incident id, and the log gets the incident id and the exception's classes and frames at WARN
 * (never messages, which may quote request data). Every response carries {@code X-Request-Id};
 * every request gives one JSON line to the {@code credit-rules.access} logger.
 */
final class HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("credit-rules.access");

  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String JSONL_TYPE = "application/x-ndjson; charset=utf-8";
  static final String SCHEMA_TYPE = "application/schema+json; charset=utf-8";

  static final String DECISIONS = "/v1/decisions";
  static final String TIMELINES = "/v1/timelines";
  static final String EXPLANATIONS = "/v1/explanations";
  static final String EXAMPLES = "/v1/examples";
  static final String WORKBENCH = "/workbench";
  static final String PACKS = "/v1/packs";
  static final String HEALTH = "/health";
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";
  static final String METRICS = "/metrics";
  static final String OPENAPI = "/openapi.json";
  static final String REQUEST_SCHEMA = "/schemas/request.schema.json";
  static final String DECISION_SCHEMA = "/schemas/decision.schema.json";
  static final String TIMELINE_SCHEMA = "/schemas/timeline.schema.json";

  static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern GOOD_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  static final String UNRECORDED =
      "the decision could not be recorded in the decision log; it was not made";

  /** Media types read as JSON Lines (without parameters, lower case). */
  static final Set<String> JSONL_TYPES =
      Set.of("application/x-ndjson", "application/jsonl", "application/x-jsonlines");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * How the service runs.
   *
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, 0 for an ephemeral one
   * @param threads workers deciding requests, 1 or more
   * @param queue decision requests that may wait for a worker; past it, 503 at once
   * @param maxBodyBytes the largest body of a single JSON request
   * @param maxJsonlBytes the largest body of a JSON Lines request
   * @param grace how long {@link #stop()} waits for requests in flight
   * @param deadline how long a decision (or timeline, explanation) may wait and take, counted from
   *     the moment its body has arrived
   * @param batchDeadline the same for a JSON Lines request
   * @param idleTimeout how long a connection may send nothing (in a header, a body, or between
   *     requests) before it is closed
   * @param tokens the bearer tokens that may call, or {@code null} for no authentication
   * @param readyNeedsHealthyPacks whether ready is 503 while a live directory is unhealthy
   */
  record Settings(
      String host,
      int port,
      int threads,
      int queue,
      int maxBodyBytes,
      int maxJsonlBytes,
      Duration grace,
      Duration deadline,
      Duration batchDeadline,
      Duration idleTimeout,
      @Nullable TokenFile tokens,
      boolean readyNeedsHealthyPacks) {
    Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(grace, "grace");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(batchDeadline, "batchDeadline");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535 but was " + port);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be 1 or more but was " + threads);
      }
      if (queue < 0) {
        throw new IllegalArgumentException("--queue must be 0 or more but was " + queue);
      }
      if (maxBodyBytes < 1
          || maxJsonlBytes < 1
          || maxBodyBytes > Integer.MAX_VALUE - 16
          || maxJsonlBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException(
            "--max-body-bytes and --max-jsonl-bytes must be 1 or more");
      }
      if (grace.isNegative()) {
        throw new IllegalArgumentException("--grace must not be negative but was " + grace);
      }
      for (Duration d : List.of(deadline, batchDeadline, idleTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(
              "--deadline, --batch-deadline and --idle-timeout must be more than 0 but one was "
                  + d);
        }
      }
    }

    /** The defaults of {@code serve} with no authentication (tests, embedding). */
    Settings(
        String host, int port, int threads, int maxBodyBytes, int maxJsonlBytes, Duration grace) {
      this(
          host,
          port,
          threads,
          64,
          maxBodyBytes,
          maxJsonlBytes,
          grace,
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofSeconds(30),
          null,
          false);
    }

    Settings withWorkers(int threads, int queue) {
      return new Settings(
          host,
          port,
          threads,
          queue,
          maxBodyBytes,
          maxJsonlBytes,
          grace,
          deadline,
          batchDeadline,
          idleTimeout,
          tokens,
          readyNeedsHealthyPacks);
    }

    Settings withDeadlines(Duration deadline, Duration batchDeadline) {
      return new Settings(
          host,
          port,
          threads,
          queue,
          maxBodyBytes,
          maxJsonlBytes,
          grace,
          deadline,
          batchDeadline,
          idleTimeout,
          tokens,
          readyNeedsHealthyPacks);
    }

    Settings withIdleTimeout(Duration idleTimeout) {
      return new Settings(
          host,
          port,
          threads,
          queue,
          maxBodyBytes,
          maxJsonlBytes,
          grace,
          deadline,
          batchDeadline,
          idleTimeout,
          tokens,
          readyNeedsHealthyPacks);
    }

    Settings withTokens(@Nullable TokenFile tokens) {
      return new Settings(
          host,
          port,
          threads,
          queue,
          maxBodyBytes,
          maxJsonlBytes,
          grace,
          deadline,
          batchDeadline,
          idleTimeout,
          tokens,
          readyNeedsHealthyPacks);
    }
  }

  /** The routes: path, method (GET routes also answer HEAD), and whether a token is needed. */
  enum Route {
    DECISIONS(HttpService.DECISIONS, "POST", false),
    TIMELINES(HttpService.TIMELINES, "POST", false),
    EXPLANATIONS(HttpService.EXPLANATIONS, "POST", false),
    ROOT("/", "GET", false),
    WORKBENCH(HttpService.WORKBENCH, "GET", false),
    EXAMPLES(HttpService.EXAMPLES, "GET", false),
    PACKS(HttpService.PACKS, "GET", false),
    METRICS(HttpService.METRICS, "GET", false),
    HEALTH(HttpService.HEALTH, "GET", true),
    LIVE(HttpService.LIVE, "GET", true),
    READY(HttpService.READY, "GET", true),
    OPENAPI(HttpService.OPENAPI, "GET", true),
    REQUEST_SCHEMA(HttpService.REQUEST_SCHEMA, "GET", true),
    DECISION_SCHEMA(HttpService.DECISION_SCHEMA, "GET", true),
    TIMELINE_SCHEMA(HttpService.TIMELINE_SCHEMA, "GET", true);

    final String path;
    final String method;
    final boolean open;

    Route(String path, String method, boolean open) {
      this.path = path;
      this.method = method;
      this.open = open;
    }

    static @Nullable Route of(@Nullable String path) {
      for (Route r : values()) {
        if (r.path.equals(path)) {
          return r;
        }
      }
      return null;
    }

    boolean allows(String m) {
      return method.equals(m) || (method.equals("GET") && m.equals("HEAD"));
    }

    String allow() {
      return method.equals("GET") ? "GET, HEAD" : method;
    }
  }

  private final CreditRules rules;
  private final CreditRules engine;
  private final @Nullable LivePacks live;
  private final Settings settings;
  private final ContractJson json;
  private final byte[] openapi;
  private final byte[] requestSchema;
  private final byte[] decisionSchema;
  private final byte[] timelineSchema;
  private final Workbench workbench;
  private final byte[] workbenchPage;
  private final ServiceMetrics metrics;
  private final @Nullable DecisionLog decisionLog;
  private Consumer<String> accessLog = ACCESS::info;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private boolean stopStarted; // guarded by this
  private @Nullable Server server; // set by start
  private @Nullable ServerConnector connector; // set by start
  private @Nullable ThreadPoolExecutor workers; // set by start
  private @Nullable ScheduledThreadPoolExecutor timers; // set by start

  /**
   * A service deciding with {@code rules}.
   *
   * @param rules decides requests; thread-safe; a {@link DecisionLog} also records the requests
   *     rejected while they are read
   * @param live the live directory behind {@code rules} (whose status {@code GET /v1/packs} shows
   *     and which {@link #stop()} closes), or {@code null} for a fixed engine
   */
  HttpService(CreditRules rules, @Nullable LivePacks live, Settings settings) {
    this(rules, live, settings, List.of());
  }

  /**
   * A service deciding with {@code rules} whose workbench offers the worked examples under {@code
   * examples} (see {@link Workbench}).
   */
  HttpService(CreditRules rules, @Nullable LivePacks live, Settings settings, List<Path> examples) {
    this(rules, rules, live, settings, examples);
  }

  /**
   * A service deciding with {@code rules} (for example a {@link DecisionLog} over {@code engine}),
   * explaining with {@code engine}.
   */
  HttpService(
      CreditRules rules,
      CreditRules engine,
      @Nullable LivePacks live,
      Settings settings,
      List<Path> examples) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.live = live;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.json = new ContractJson(rules.model());
    this.openapi = resource(HttpService.class, "openapi.json");
    // the schema of the requests this service reads: derived from its packs' fact model
    this.requestSchema = json.requestSchema().getBytes(StandardCharsets.UTF_8);
    this.decisionSchema = resource(ContractJson.class, ContractJson.DECISION_SCHEMA);
    this.timelineSchema = resource(ContractJson.class, ContractJson.TIMELINE_SCHEMA);
    this.workbench = new Workbench(examples);
    this.workbenchPage = Workbench.page();
    this.decisionLog = rules instanceof DecisionLog d ? d : null;
    this.metrics =
        new ServiceMetrics(
            () -> {
              ThreadPoolExecutor w = workers;
              return w == null ? 0 : w.getQueue().size();
            },
            () -> live == null ? 1 : live.status().generation(),
            () -> live == null ? 0 : rejectedFolders(live.status()),
            () -> decisionLog == null ? 0 : decisionLog.failures().failures());
  }

  private static long rejectedFolders(LiveStatus status) {
    return status.folders().stream()
        .filter(f -> f.verdict() == LiveStatus.Verdict.REJECTED)
        .count();
  }

  static byte[] resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the access log lines go (the {@code credit-rules.access} logger unless replaced). */
  HttpService accessLog(Consumer<String> sink) {
    this.accessLog = Objects.requireNonNull(sink, "sink");
    return this;
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws IOException if the address cannot be bound (for example, the port is in use)
   */
  synchronized HttpService start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    AtomicInteger n = new AtomicInteger();
    BlockingQueue<Runnable> queue =
        settings.queue() == 0
            ? new SynchronousQueue<>()
            : new ArrayBlockingQueue<>(settings.queue());
    ThreadPoolExecutor w =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            0,
            TimeUnit.MILLISECONDS,
            queue,
            r -> {
              Thread t = new Thread(r, "credit-rules-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    w.prestartAllCoreThreads();
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "credit-rules-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    t.setRemoveOnCancelPolicy(true);

    // Jetty's own threads only read, route and write: the deciding happens on the workers above
    QueuedThreadPool io = new QueuedThreadPool(64, 8);
    io.setName("credit-rules-http");
    io.setDaemon(true);
    Server s = new Server(io);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(true);
    ServerConnector c = new ServerConnector(s, new HttpConnectionFactory(config));
    c.setHost(settings.host());
    c.setPort(settings.port());
    c.setIdleTimeout(settings.idleTimeout().toMillis());
    s.addConnector(c);
    s.setHandler(new GracefulHandler(new Service()));
    s.setErrorHandler(new ContractErrors());
    s.setStopTimeout(settings.grace().toMillis());
    s.setStopAtShutdown(false);
    try {
      s.start();
    } catch (IOException e) {
      stopQuietly(s);
      w.shutdownNow();
      t.shutdownNow();
      throw e;
    } catch (Exception e) {
      stopQuietly(s);
      w.shutdownNow();
      t.shutdownNow();
      if (e.getCause() instanceof IOException io2) {
        throw io2;
      }
      throw new IOException(e.getMessage(), e);
    }
    workers = w;
    timers = t;
    connector = c;
    server = s;
    return this;
  }

  private static void stopQuietly(Server s) {
    try {
      s.stop();
    } catch (Exception e) {
      LOG.debug("stopping a server that did not start: {}", e.getClass().getName());
    }
  }

  /** The bound address (with the real port when 0 was asked for). */
  synchronized InetSocketAddress address() {
    ServerConnector c = connector;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    return new InetSocketAddress(settings.host(), c.getLocalPort());
  }

  /** The bound port. */
  int port() {
    return address().getPort();
  }

  /** Requests being handled now. */
  int inFlight() {
    return inFlight.get();
  }

  /** The connections open now (Jetty's connector), for tests that look for leaks. */
  int connections() {
    ServerConnector c = connector;
    return c == null ? 0 : c.getConnectedEndPoints().size();
  }

  /** The text of {@code GET /metrics} now. */
  String metricsText() {
    return new String(metrics.scrape(), StandardCharsets.UTF_8);
  }

  /**
   * Stops gracefully: no new connections are accepted, a request that arrives on an open connection
   * gets 503, requests in flight finish (waiting at most the grace period), then the workers stop
   * and the live directory is closed. Idempotent; a second caller waits for the first to finish.
   */
  void stop() {
    synchronized (this) {
      if (stopStarted) {
        awaitQuietly();
        return;
      }
      stopStarted = true;
      stopping = true;
    }
    Server s = this.server;
    ThreadPoolExecutor w = this.workers;
    ScheduledThreadPoolExecutor t = this.timers;
    try {
      if (s != null) {
        // Jetty's graceful stop: the connector stops accepting, GracefulHandler answers new
        // requests 503 and waits (at most the stop timeout, --grace) for those in flight
        s.stop();
      }
    } catch (Exception e) {
      LOG.warn("the HTTP server did not stop cleanly: {}", e.getClass().getName());
    } finally {
      try {
        if (w != null) {
          w.shutdownNow();
        }
        if (t != null) {
          t.shutdownNow();
        }
        if (live != null) {
          live.close();
        }
      } finally {
        stopped.countDown();
      }
    }
  }

  /** Waits until {@link #stop()} has finished. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void awaitQuietly() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------ one exchange

  /** One request and its response: the helpers that answer it. */
  private final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;

    /** Set once the whole body has been read (the routes that decide read it first). */
    volatile boolean bodyRead;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void send(int status, String type, byte[] body) {
      if (!bodyRead && hasBody()) {
        // answered before its body was read (401, 403, 404, 405, 413): Jetty closes such a
        // connection rather than read a body nobody wants, so the client must not reuse it
        close();
      }
      response.setStatus(status);
      HttpFields.Mutable h = response.getHeaders();
      h.put(HttpHeader.CONTENT_TYPE, type);
      h.put(HttpHeader.CACHE_CONTROL, "no-store");
      h.put("X-Content-Type-Options", "nosniff");
      h.put(HttpHeader.CONTENT_LENGTH, body.length);
      // for HEAD, Jetty sends the headers (Content-Length included) and drops the body
      response.write(true, ByteBuffer.wrap(body), callback);
    }

    void error(int status, String reason) {
      error(status, "", null, reason);
    }

    void error(int status, String pointer, @Nullable String value, String reason) {
      send(
          status,
          JSON_TYPE,
          bytes(json.writeErrors(List.of(new RequestError(pointer, value, reason)))));
    }

    /** 503 with {@code Retry-After}, counted under {@code reason}. */
    void unavailable(ServiceMetrics.Rejection reason, @Nullable String value, String text) {
      metrics.rejected(reason);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      error(503, "", value, text);
    }

    void close() {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private boolean hasBody() {
      return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }
  }

  // ------------------------------------------------------------------------------ routing

  /** The service's handler: request id, access log, authentication, routing. */
  private final class Service extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      long begin = System.nanoTime();
      inFlight.incrementAndGet();
      String requestId = requestId(request.getHeaders().get(REQUEST_ID));
      response.getHeaders().put(REQUEST_ID, requestId);
      String path = request.getHttpURI().getPath();
      Route route = Route.of(path);
      String label = route == null ? "unknown" : route.path;
      Request.addCompletionListener(
          request,
          failure -> {
            inFlight.decrementAndGet();
            completed(request, response, requestId, label, begin);
          });
      Exchange ex = new Exchange(request, response, callback);
      try {
        route(ex, route);
      } catch (RuntimeException | StackOverflowError e) {
        internalError(ex, e);
      }
      return true;
    }
  }

  static String requestId(@Nullable String given) {
    return given != null && GOOD_REQUEST_ID.matcher(given).matches()
        ? given
        : UUID.randomUUID().toString();
  }

  private void completed(
      Request request, Response response, String requestId, String route, long begin) {
    int status = response.getStatus();
    metrics.request(route, status);
    ObjectNode line = NODES.objectNode();
    line.put("time", Instant.now().toString());
    line.put("requestId", requestId);
    line.put("method", request.getMethod());
    line.put("route", route);
    line.put("status", status);
    line.put("durationMs", Math.round((System.nanoTime() - begin) / 1000.0) / 1000.0);
    line.put("bytesIn", Request.getContentBytesRead(request));
    line.put("bytesOut", Response.getContentBytesWritten(response));
    line.put("client", Request.getRemoteAddr(request));
    try {
      accessLog.accept(json.trees().write(line));
    } catch (RuntimeException e) {
      LOG.debug("access log line not written: {}", e.getClass().getName());
    }
  }

  private void route(Exchange ex, @Nullable Route route) {
    if ((route == null || !route.open) && !authorized(ex)) {
      return;
    }
    if (route == null) {
      ex.error(404, "no such resource; see " + OPENAPI);
      return;
    }
    String method = ex.request.getMethod();
    if (!route.allows(method)) {
      ex.response.getHeaders().put(HttpHeader.ALLOW, route.allow());
      ex.error(405, "method " + method + " not allowed; use " + route.allow());
      return;
    }
    switch (route) {
      case DECISIONS -> decisions(ex);
      case TIMELINES, EXPLANATIONS -> single(ex, route);
      case ROOT, WORKBENCH -> {
        ex.response.getHeaders().put("Content-Security-Policy", Workbench.POLICY);
        ex.send(200, "text/html; charset=utf-8", workbenchPage);
      }
      case EXAMPLES -> ex.send(200, JSON_TYPE, bytes(json.trees().write(workbench.examples())));
      case PACKS -> ex.send(200, JSON_TYPE, bytes(json.trees().write(packs())));
      case METRICS -> ex.send(200, ServiceMetrics.CONTENT_TYPE, metrics.scrape());
      case HEALTH, READY -> {
        ObjectNode health = health();
        ex.send(
            health.get("status").asText().equals("UP") ? 200 : 503,
            JSON_TYPE,
            bytes(json.trees().write(health)));
      }
      case LIVE -> ex.send(200, JSON_TYPE, bytes("{\"status\":\"UP\"}"));
      case OPENAPI -> ex.send(200, JSON_TYPE, openapi);
      case REQUEST_SCHEMA -> ex.send(200, SCHEMA_TYPE, requestSchema);
      case DECISION_SCHEMA -> ex.send(200, SCHEMA_TYPE, decisionSchema);
      case TIMELINE_SCHEMA -> ex.send(200, SCHEMA_TYPE, timelineSchema);
    }
  }

  /**
   * Whether the request carries a known bearer token (always, without a token file); otherwise
   * answers 401 (no or malformed {@code Authorization}) or 403 (unknown token). The token is never
   * echoed or logged.
   */
  private boolean authorized(Exchange ex) {
    TokenFile tokens = settings.tokens();
    if (tokens == null) {
      return true;
    }
    String header = ex.request.getHeaders().get(HttpHeader.AUTHORIZATION);
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : "";
    if (token.isEmpty() || token.contains(" ")) {
      ex.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"credit-rules\"");
      ex.error(
          401,
          "/headers/authorization",
          null,
          header == null
              ? "a bearer token is required: Authorization: Bearer <token>"
              : "the Authorization header must be 'Bearer <token>'");
      return false;
    }
    if (tokens.match(token) == null) {
      ex.error(
          403, "/headers/authorization", null, "the bearer token is not known to this service");
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------------------ deciding

  /** What a worker does with a body. */
  private enum Kind {
    DECISION,
    LINES,
    TIMELINE,
    EXPLANATION
  }

  private void decisions(Exchange ex) {
    Fields query = Request.extractQueryParameters(ex.request, StandardCharsets.UTF_8);
    String contentType = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mediaType = mediaType(contentType);
    String charset = contentType == null ? null : MimeTypes.getCharsetFromContentType(contentType);
    if (charset != null && !charset.equals("utf-8")) {
      ex.error(415, "the body must be UTF-8");
      return;
    }
    boolean jsonl;
    Fields.Field formatField = query.get("format");
    String format = formatField == null ? null : last(formatField.getValues());
    if (format != null) {
      switch (format) {
        case "json" -> jsonl = false;
        case "jsonl", "ndjson" -> jsonl = true;
        default -> {
          ex.error(400, "query parameter format must be json or jsonl");
          return;
        }
      }
    } else {
      jsonl = mediaType != null && JSONL_TYPES.contains(mediaType);
    }
    if (mediaType != null
        && !mediaType.equals("application/json")
        && !JSONL_TYPES.contains(mediaType)) {
      ex.error(415, "Content-Type must be application/json or application/x-ndjson");
      return;
    }
    read(
        ex,
        jsonl ? Kind.LINES : Kind.DECISION,
        jsonl ? settings.maxJsonlBytes() : settings.maxBodyBytes());
  }

  private static String last(List<String> values) {
    return values.get(values.size() - 1);
  }

  /** A timeline or an explanation: a single JSON body. */
  private void single(Exchange ex, Route route) {
    String contentType = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mediaType = mediaType(contentType);
    String charset = contentType == null ? null : MimeTypes.getCharsetFromContentType(contentType);
    if (charset != null && !charset.equals("utf-8")) {
      ex.error(415, "the body must be UTF-8");
      return;
    }
    if (mediaType != null && !mediaType.equals("application/json")) {
      ex.error(415, "Content-Type must be application/json");
      return;
    }
    read(ex, route == Route.TIMELINES ? Kind.TIMELINE : Kind.EXPLANATION, settings.maxBodyBytes());
  }

  /**
   * Reads the whole body (without holding a thread while it arrives), then hands it to a worker;
   * 413 when it is longer than {@code limit}.
   */
  private void read(Exchange ex, Kind kind, int limit) {
    long length = ex.request.getLength();
    if (length > limit) {
      ex.close();
      ex.error(413, "the body is larger than " + limit + " bytes");
      return;
    }
    Content.Source.asByteArrayAsync(ex.request, limit)
        .whenComplete(
            (body, thrown) -> {
              Throwable failure =
                  thrown instanceof CompletionException && thrown.getCause() != null
                      ? thrown.getCause()
                      : thrown;
              try {
                if (failure == null) {
                  ex.bodyRead = true;
                  submit(ex, kind, body);
                } else if (Request.getContentBytesRead(ex.request) > limit
                    || failure instanceof IllegalArgumentException) {
                  ex.close();
                  ex.error(413, "the body is larger than " + limit + " bytes");
                } else if (failure instanceof TimeoutException) {
                  ex.close();
                  ex.error(
                      408,
                      "the body did not arrive: nothing came for "
                          + DurationConverter.format(settings.idleTimeout()));
                } else {
                  // the client went away: nothing more can be said to it
                  ex.callback.failed(failure);
                }
              } catch (RuntimeException | StackOverflowError e) {
                internalError(ex, e);
              }
            });
  }

  private void submit(Exchange ex, Kind kind, byte[] body) {
    ThreadPoolExecutor w = Objects.requireNonNull(workers, "started");
    ScheduledThreadPoolExecutor t = Objects.requireNonNull(timers, "started");
    Duration limit = kind == Kind.LINES ? settings.batchDeadline() : settings.deadline();
    Job job = new Job(ex, kind, body, limit);
    try {
      w.execute(job);
    } catch (RejectedExecutionException e) {
      ex.unavailable(
          ServiceMetrics.Rejection.OVERLOADED,
          null,
          "overloaded: "
              + settings.threads()
              + " workers busy and "
              + settings.queue()
              + " requests waiting; retry later");
      return;
    }
    job.timer = t.schedule(job::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * One request for a worker. Its state goes QUEUED to RUNNING to DONE; the deadline's timer moves
   * a QUEUED request (or a RUNNING single one) to EXPIRED and answers 503; whoever moves the state
   * first answers.
   */
  private final class Job implements Runnable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int EXPIRED = 3;

    final Exchange ex;
    final Kind kind;
    final byte[] body;
    final Duration limit;
    final long deadline;
    final AtomicInteger state = new AtomicInteger(QUEUED);
    volatile @Nullable ScheduledFuture<?> timer;

    Job(Exchange ex, Kind kind, byte[] body, Duration limit) {
      this.ex = ex;
      this.kind = kind;
      this.body = body;
      this.limit = limit;
      this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public void run() {
      if (!state.compareAndSet(QUEUED, RUNNING)) {
        return; // answered 503 while it waited
      }
      try {
        if (kind == Kind.LINES) {
          cancelTimer(); // past its first byte a batch is never 503: late lines are error lines
          lines(ex, body, deadline, limit);
          state.set(DONE);
          return;
        }
        Answer answer = answer(kind, body);
        if (state.compareAndSet(RUNNING, DONE)) {
          cancelTimer();
          if (answer.unrecorded() != null) {
            ex.unavailable(ServiceMetrics.Rejection.UNRECORDED, answer.unrecorded(), UNRECORDED);
          } else {
            ex.send(answer.status(), JSON_TYPE, answer.body());
          }
        }
      } catch (RuntimeException | StackOverflowError e) {
        if (kind == Kind.LINES || state.compareAndSet(RUNNING, DONE)) {
          internalError(ex, e);
        }
      }
    }

    void expire() {
      boolean answer =
          state.compareAndSet(QUEUED, EXPIRED)
              || (kind != Kind.LINES && state.compareAndSet(RUNNING, EXPIRED));
      if (!answer) {
        return;
      }
      ThreadPoolExecutor w = workers;
      if (w != null) {
        w.remove(this); // frees its place in the queue at once
      }
      ex.unavailable(
          ServiceMetrics.Rejection.DEADLINE,
          null,
          "deadline of "
              + DurationConverter.format(limit)
              + " passed before the answer was ready; retry later");
    }

    private void cancelTimer() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }
  }

  /** A worker's answer: a status and body, or the id of a decision the log did not record. */
  private record Answer(int status, byte[] body, @Nullable String unrecorded) {
    static Answer of(int status, String body) {
      return new Answer(status, bytes(body), null);
    }
  }

  private Answer answer(Kind kind, byte[] body) {
    try {
      return switch (kind) {
        case DECISION -> decision(body);
        case TIMELINE -> timeline(body);
        case EXPLANATION -> explanation(body);
        case LINES -> throw new IllegalArgumentException("lines are streamed");
      };
    } catch (DecisionNotRecordedException e) {
      return new Answer(503, new byte[0], e.decisionId().toString());
    }
  }

  private Answer decision(byte[] body) {
    dev.creditrules.api.Request request;
    try {
      request = json.readRequest(new ByteArrayInputStream(body));
    } catch (InvalidRequestException e) {
      if (decisionLog != null) {
        decisionLog.rejected(new String(body, StandardCharsets.UTF_8), e);
      }
      return Answer.of(422, json.writeErrors(e.errors()));
    }
    long t0 = System.nanoTime();
    try {
      String decided = json.writeDecision(rules.decide(request));
      metrics.decided(System.nanoTime() - t0);
      return Answer.of(200, decided);
    } catch (InvalidRequestException e) {
      return Answer.of(422, json.writeErrors(e.errors()));
    }
  }

  /**
   * JSON Lines, decided on this worker in input order and streamed out (chunked) as decided. Blank
   * lines give nothing but count for line numbers; a bad line gives its error line and the rest go
   * on, as {@code evaluate --jsonl} does; a line reached after the deadline is not decided and
   * gives an error line saying so.
   */
  private void lines(Exchange ex, byte[] body, long deadline, Duration limit) {
    ex.response.setStatus(200);
    HttpFields.Mutable h = ex.response.getHeaders();
    h.put(HttpHeader.CONTENT_TYPE, JSONL_TYPE);
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    h.put("X-Content-Type-Options", "nosniff");
    try (OutputStream out = Content.Sink.asOutputStream(ex.response)) {
      java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
      int number = 0;
      int start = 0;
      while (start < body.length) {
        int end = start;
        while (end < body.length && body[end] != '\n') {
          end++;
        }
        number++;
        int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
        if (!blank(body, start, stop)) {
          buffered.write(bytes(line(body, start, stop - start, number, deadline, limit)));
          buffered.write('\n');
        }
        start = end + 1;
      }
      buffered.flush();
    } catch (IOException e) {
      // the client went away or stopped reading (idle timeout): nothing more can be said to it
      ex.callback.failed(e);
      return;
    }
    ex.callback.succeeded();
  }

  private String line(
      byte[] body, int offset, int length, int number, long deadline, Duration limit) {
    if (System.nanoTime() - deadline > 0) {
      String text = new String(body, offset, length, StandardCharsets.UTF_8);
      return json.writeBatchErrors(
          json.requestIdOf(text),
          number,
          List.of(
              new RequestError(
                  "",
                  null,
                  "deadline of "
                      + DurationConverter.format(limit)
                      + " passed before this line; it was not decided")));
    }
    try {
      dev.creditrules.api.Request request;
      try {
        request = json.readRequest(new ByteArrayInputStream(body, offset, length));
      } catch (InvalidRequestException e) {
        if (decisionLog != null) {
          decisionLog.rejected(new String(body, offset, length, StandardCharsets.UTF_8), e);
        }
        throw e;
      }
      long t0 = System.nanoTime();
      String decided = json.writeDecision(rules.decide(request));
      metrics.decided(System.nanoTime() - t0);
      return decided;
    } catch (InvalidRequestException e) {
      String text = new String(body, offset, length, StandardCharsets.UTF_8);
      return json.writeBatchErrors(json.requestIdOf(text), number, e.errors());
    } catch (DecisionNotRecordedException e) {
      metrics.rejected(ServiceMetrics.Rejection.UNRECORDED);
      String text = new String(body, offset, length, StandardCharsets.UTF_8);
      return json.writeBatchErrors(
          json.requestIdOf(text),
          number,
          List.of(new RequestError("", e.decisionId().toString(), UNRECORDED)));
    } catch (RuntimeException | StackOverflowError e) {
      String incident = incident(e);
      String text = new String(body, offset, length, StandardCharsets.UTF_8);
      return json.writeBatchErrors(
          json.requestIdOf(text),
          number,
          List.of(new RequestError("", null, "internal error; incident " + incident)));
    }
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------ timelines

  /**
   * One timeline: the body is {@code {"request", "until"}}; the answer is the timeline (200) or
   * every error of the body and its request (422), as {@code /v1/decisions} answers a single
   * request. Made with one set of packs, even from a live directory.
   */
  private Answer timeline(byte[] body) {
    try {
      TimelineRequest asked = json.readTimelineRequest(new ByteArrayInputStream(body));
      // one set of packs for the whole timeline, even while a live directory reloads
      CreditRules packs = live != null ? live.engine() : engine;
      return Answer.of(200, json.writeTimeline(packs.timeline(asked.request(), asked.until())));
    } catch (InvalidRequestException e) {
      return Answer.of(422, json.writeErrors(e.errors()));
    }
  }

  // ------------------------------------------------------------------------------ explanations

  /**
   * One explanation: the body is {@code {"request", "measure"}} (or {@code "fact"} for a repair
   * entry); the answer is what {@code explain --format json} prints (200) or every error of the
   * body and its request (422). Made with one set of packs, even while a live directory reloads.
   */
  private Answer explanation(byte[] body) {
    ExplanationRequest asked;
    try {
      asked = json.readExplanationRequest(new ByteArrayInputStream(body));
    } catch (InvalidRequestException e) {
      return Answer.of(422, json.writeErrors(e.errors()));
    }
    CreditRulesEngine engine = engine();
    if (engine == null) {
      return Answer.of(
          501,
          json.writeErrors(
              List.of(
                  new RequestError(
                      "", null, "this service decides without a rules engine to explain with"))));
    }
    try {
      return Answer.of(
          200,
          ExplainCommand.json(
              Explainer.explain(engine, asked.request(), asked.measure(), asked.fact())));
    } catch (InvalidRequestException e) {
      return Answer.of(422, json.writeErrors(prefixed(e.errors())));
    }
  }

  /** The engine behind this service now: the live directory's current one, or the fixed one. */
  private @Nullable CreditRulesEngine engine() {
    if (live != null) {
      return live.engine();
    }
    return engine instanceof CreditRulesEngine e ? e : null;
  }

  /** A request's errors as errors of a body that carries it under {@code /request}. */
  private static List<RequestError> prefixed(List<RequestError> errors) {
    return errors.stream()
        .map(e -> new RequestError("/request" + e.pointer(), e.value(), e.reason()))
        .toList();
  }

  // ------------------------------------------------------------------------------ packs, health

  private ObjectNode packs() {
    LiveStatus status = live == null ? null : live.status();
    ObjectNode root = NODES.objectNode();
    root.set("packs", json.trees().packsTree(status == null ? rules.packs() : status.packs()));
    if (status == null) {
      root.putNull("live");
    } else {
      ObjectNode l = root.putObject("live");
      l.put("generation", status.generation());
      l.put("lastReload", status.lastReload().toString());
      l.put("healthy", status.healthy());
      ArrayNode folders = l.putArray("folders");
      for (LiveStatus.FolderOutcome f : status.folders()) {
        ObjectNode o = folders.addObject();
        o.put("pack", f.pack());
        o.put("digest", f.digest());
        o.put("verdict", f.verdict().name());
        o.put("at", f.at().toString());
        ArrayNode problems = o.putArray("problems");
        for (PackProblem p : f.problems()) {
          ObjectNode q = problems.addObject();
          q.put("pack", p.pack());
          q.put("file", p.file());
          q.put("line", p.line());
          q.put("column", p.column());
          q.put("rule", p.rule());
          q.put("message", p.message());
        }
      }
    }
    return root;
  }

  /**
   * Readiness: {@code UP} when packs are loaded, the service is not stopping, and (with {@code
   * --ready-needs-healthy-packs}) the live directory's last change was accepted.
   */
  private ObjectNode health() {
    ObjectNode root = NODES.objectNode();
    int packs;
    boolean healthy = true;
    LiveStatus status = null;
    if (live == null) {
      packs = rules.packs().size();
    } else {
      status = live.status();
      packs = status.packs().size();
      healthy = status.healthy();
    }
    boolean up = !stopping && packs > 0 && (healthy || !settings.readyNeedsHealthyPacks());
    root.put("status", up ? "UP" : "DOWN");
    root.put("packs", packs);
    if (status != null) {
      ObjectNode l = root.putObject("live");
      l.put("generation", status.generation());
      l.put("healthy", status.healthy());
    }
    return root;
  }

  // ------------------------------------------------------------------------------ errors

  private void internalError(Exchange ex, Throwable e) {
    String incident = incident(e);
    if (ex.response.isCommitted()) {
      ex.callback.failed(e); // the status line is out: closing the connection is all that is left
      return;
    }
    try {
      ex.response.reset();
      ex.error(500, "internal error; incident " + incident);
    } catch (RuntimeException x) {
      LOG.debug("cannot report incident {}: {}", incident, x.getClass().getName());
      ex.callback.failed(e);
    }
  }

  /**
   * Jetty's own errors (a malformed request line or header, a request during shutdown) in the
   * contract's shape.
   */
  private final class ContractErrors extends ErrorHandler {
    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        @Nullable String message,
        @Nullable Throwable cause,
        Callback callback) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(
        int status, @Nullable String reason, HttpFields.Mutable fields) {
      fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON_TYPE));
      return ByteBuffer.wrap(body(status, reason));
    }

    private byte[] body(int code, @Nullable String message) {
      String reason;
      if (code == 503 && stopping) {
        reason = "the service is shutting down";
      } else if (code >= 500) {
        reason = HttpStatus.getMessage(code).toLowerCase(Locale.ROOT);
      } else {
        reason =
            HttpStatus.getMessage(code).toLowerCase(Locale.ROOT)
                + (message == null || message.isBlank() ? "" : ": " + message);
      }
      return bytes(json.writeErrors(List.of(new RequestError("", null, reason))));
    }
  }

  /** Logs {@code e} at WARN under a new incident id, without its messages, and returns the id. */
  static String incident(Throwable e) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.warn("internal error, incident {}: {}", id, describe(e));
    return id;
  }

  /**
   * The classes of {@code e} and its causes and the first frames of {@code e}; never a message,
   * which may quote a request's data.
   */
  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.getClass().getName());
    int depth = 0;
    for (Throwable c = e.getCause(); c != null && depth < 5; c = c.getCause(), depth++) {
      b.append(" caused by ").append(c.getClass().getName());
    }
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(8, frames.length); i++) {
      b.append("\n\tat ").append(frames[i]);
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ helpers

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The media type of a Content-Type header without parameters, lower case; null if absent. */
  static @Nullable String mediaType(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    return MimeTypes.getBase(contentType).strip().toLowerCase(Locale.ROOT);
  }
}
