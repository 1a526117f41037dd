package dev.creditrules.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.ExplanationRequest;
import dev.creditrules.json.TimelineRequest;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.Explainer;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON service behind {@code credit-rules serve}, on the JDK's {@link HttpServer} with a
 * fixed pool of worker threads.
 *
 * <ul>
 *   <li>{@code POST /v1/decisions}: {@code application/json} gives one decision (200) or the
 *       contract's error object (422); {@code application/x-ndjson} (or {@code ?format=jsonl})
 *       gives JSON Lines in input order, each line a decision or {@code
 *       {"requestId","line","errors"}} (200).
 *   <li>{@code POST /v1/timelines}: {@code {"request": <request>, "until": "yyyy-MM-dd"}} gives the
 *       request's timeline (200) or the contract's error object (422), the request's errors under
 *       {@code /request}; made with one set of packs, even from a live directory.
 *   <li>{@code POST /v1/explanations}: {@code {"request": <request>, "measure": "ID"}} gives why
 *       the measure is or is not in the request's decision ({@code explain --format json}), or the
 *       contract's error object (422).
 *   <li>{@code GET /v1/packs}: the pack versions served with their digests, and the live
 *       directory's status (or {@code null}).
 *   <li>{@code GET /v1/examples}: worked example requests for the workbench ({@link Workbench}).
 *   <li>{@code GET /workbench} (and {@code GET /}): the workbench page, for analysts.
 *   <li>{@code GET /health}: {@code {"status":"UP","packs":N}}.
 *   <li>{@code GET /openapi.json} and the contract schemas it references under {@code /schemas/}
 *       (request, decision, timeline); the request's is derived from the fact types the served
 *       packs declare.
 * </ul>
 *
 * <p>Every error body is the contract's {@code {"errors":[{"pointer","value","reason"}]}}; an
 * internal error never shows a stack trace or an exception to the client: it gets 500 and an
 * incident id, and the log gets the incident id and the exception's classes and frames at WARN
 * (never messages, which may quote request data).
 *
 * <p>{@link #stop()} stops accepting connections, lets exchanges in flight finish (within the grace
 * period), then stops the workers and closes the live directory.
 */
final class HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String JSONL_TYPE = "application/x-ndjson; charset=utf-8";

  static final String DECISIONS = "/v1/decisions";
  static final String TIMELINES = "/v1/timelines";
  static final String EXPLANATIONS = "/v1/explanations";
  static final String EXAMPLES = "/v1/examples";
  static final String WORKBENCH = "/workbench";
  static final String PACKS = "/v1/packs";
  static final String HEALTH = "/health";
  static final String OPENAPI = "/openapi.json";
  static final String REQUEST_SCHEMA = "/schemas/request.schema.json";
  static final String DECISION_SCHEMA = "/schemas/decision.schema.json";
  static final String TIMELINE_SCHEMA = "/schemas/timeline.schema.json";

  /** Media types read as JSON Lines (without parameters, lower case). */
  static final Set<String> JSONL_TYPES =
      Set.of("application/x-ndjson", "application/jsonl", "application/x-jsonlines");

  /** The JDK server's switch for TCP_NODELAY on accepted connections. */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * How the service runs.
   *
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, 0 for an ephemeral one
   * @param threads worker threads, 1 or more
   * @param maxBodyBytes the largest body of a single JSON request
   * @param maxJsonlBytes the largest body of a JSON Lines request
   * @param grace how long {@link #stop()} waits for exchanges in flight
   */
  record Settings(
      String host, int port, int threads, int maxBodyBytes, int maxJsonlBytes, Duration grace) {
    Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(grace, "grace");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + port);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be 1 or more but was " + threads);
      }
      if (maxBodyBytes < 1
          || maxJsonlBytes < 1
          || maxBodyBytes > Integer.MAX_VALUE - 16
          || maxJsonlBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("body limits must be 1 or more");
      }
      if (grace.isNegative()) {
        throw new IllegalArgumentException("grace must not be negative");
      }
    }
  }

  private final CreditRules rules;
  private final @Nullable LivePacks live;
  private final Settings settings;
  private final ContractJson json;
  private final byte[] openapi;
  private final byte[] requestSchema;
  private final byte[] decisionSchema;
  private final byte[] timelineSchema;
  private final Workbench workbench;
  private final byte[] workbenchPage;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private boolean stopStarted; // guarded by this
  private @Nullable HttpServer server; // set by start
  private @Nullable ExecutorService pool; // set by start

  /**
   * A service deciding with {@code rules}.
   *
   * @param rules decides requests; thread-safe
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
    this.rules = Objects.requireNonNull(rules, "rules");
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

  /**
   * Binds the address and starts serving.
   *
   * @throws IOException if the address cannot be bound (for example, the port is in use)
   */
  synchronized HttpService start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    // Without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK hold every small
    // response for ~40 ms (the JDK writes headers and body separately). Read once per JVM.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer s = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            settings.threads(),
            r -> {
              Thread t = new Thread(r, "credit-rules-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    s.setExecutor(pool);
    s.createContext("/", this::handle);
    s.start();
    server = s;
    return this;
  }

  /** The bound address (with the real port when 0 was asked for). */
  synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress();
  }

  /** The bound port. */
  int port() {
    return address().getPort();
  }

  /** Exchanges being handled now. */
  int inFlight() {
    return inFlight.get();
  }

  /**
   * Stops gracefully: no new connections are accepted, an exchange that arrives on an open
   * connection gets 503, exchanges in flight finish (waiting at most the grace period), then the
   * workers stop and the live directory is closed. Idempotent; a second caller waits for the first
   * to finish.
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
    HttpServer server = this.server;
    ExecutorService pool = this.pool; // set before server: not null when server is not
    try {
      if (server != null && pool != null) {
        // Drain first, then stop(0). The JDK's stop(delay) waits for every connection to close,
        // idle keep-alive ones included, so it would take the whole delay whenever a client keeps
        // its connection open; and a handler counts as in flight until just after its response
        // has been sent. New exchanges meanwhile get a 503 (stopping is set).
        long deadline = System.nanoTime() + settings.grace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        server.stop(0);
        pool.shutdown();
        if (!pool.awaitTermination(
            Math.max(1, settings.grace().toMillis()), TimeUnit.MILLISECONDS)) {
          pool.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      if (pool != null) {
        pool.shutdownNow();
      }
      Thread.currentThread().interrupt();
    } finally {
      try {
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

  // ------------------------------------------------------------------------------ routing

  private void handle(HttpExchange ex) {
    inFlight.incrementAndGet();
    try {
      if (stopping) {
        ex.getResponseHeaders().set("Connection", "close");
        sendError(ex, 503, "the service is shutting down");
        return;
      }
      route(ex);
    } catch (IOException e) {
      // the client went away or sent a broken body: nothing more can be said to it
      LOG.debug("exchange failed: {}", e.getClass().getName());
    } catch (RuntimeException | StackOverflowError e) {
      internalError(ex, e);
    } finally {
      ex.close();
      inFlight.decrementAndGet();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod();
    switch (path == null ? "" : path) {
      case DECISIONS -> {
        if (allowed(ex, method, "POST")) {
          decisions(ex);
        }
      }
      case TIMELINES -> {
        if (allowed(ex, method, "POST")) {
          timelines(ex);
        }
      }
      case EXPLANATIONS -> {
        if (allowed(ex, method, "POST")) {
          explanations(ex);
        }
      }
      case "/", WORKBENCH -> {
        if (allowed(ex, method, "GET")) {
          ex.getResponseHeaders().set("Content-Security-Policy", Workbench.POLICY);
          send(ex, 200, "text/html; charset=utf-8", workbenchPage);
        }
      }
      case EXAMPLES -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, JSON_TYPE, bytes(json.trees().write(workbench.examples())));
        }
      }
      case PACKS -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, JSON_TYPE, bytes(json.trees().write(packs())));
        }
      }
      case HEALTH -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, JSON_TYPE, bytes(json.trees().write(health())));
        }
      }
      case OPENAPI -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, JSON_TYPE, openapi);
        }
      }
      case REQUEST_SCHEMA -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, "application/schema+json; charset=utf-8", requestSchema);
        }
      }
      case DECISION_SCHEMA -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, "application/schema+json; charset=utf-8", decisionSchema);
        }
      }
      case TIMELINE_SCHEMA -> {
        if (allowed(ex, method, "GET")) {
          send(ex, 200, "application/schema+json; charset=utf-8", timelineSchema);
        }
      }
      default -> sendError(ex, 404, "no such resource; see " + OPENAPI);
    }
  }

  private boolean allowed(HttpExchange ex, String method, String allow) throws IOException {
    if (allow.equals(method)) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", allow);
    sendError(ex, 405, "method " + method + " not allowed; use " + allow);
    return false;
  }

  // ------------------------------------------------------------------------------ decisions

  private void decisions(HttpExchange ex) throws IOException {
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    String mediaType = mediaType(contentType);
    String charset = charset(contentType);
    if (charset != null && !charset.equals("utf-8")) {
      sendError(ex, 415, "the body must be UTF-8");
      return;
    }
    boolean jsonl;
    String format = query.get("format");
    if (format != null) {
      switch (format) {
        case "json" -> jsonl = false;
        case "jsonl", "ndjson" -> jsonl = true;
        default -> {
          sendError(ex, 400, "query parameter format must be json or jsonl");
          return;
        }
      }
    } else {
      jsonl = mediaType != null && JSONL_TYPES.contains(mediaType);
    }
    if (mediaType != null
        && !mediaType.equals("application/json")
        && !JSONL_TYPES.contains(mediaType)) {
      sendError(ex, 415, "Content-Type must be application/json or application/x-ndjson");
      return;
    }
    int limit = jsonl ? settings.maxJsonlBytes() : settings.maxBodyBytes();
    byte[] body = readBody(ex, limit);
    if (body == null) {
      ex.getResponseHeaders().set("Connection", "close");
      sendError(ex, 413, "the body is larger than " + limit + " bytes");
      return;
    }
    if (jsonl) {
      lines(ex, body);
    } else {
      single(ex, body);
    }
  }

  /** The body, or {@code null} when it is longer than {@code limit}. */
  private static byte @Nullable [] readBody(HttpExchange ex, int limit) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > limit) {
          return null;
        }
      } catch (NumberFormatException e) {
        // the JDK has already refused a malformed length; read and count instead
      }
    }
    byte[] body = ex.getRequestBody().readNBytes(limit + 1);
    return body.length > limit ? null : body;
  }

  private void single(HttpExchange ex, byte[] body) throws IOException {
    String result;
    try {
      result = json.writeDecision(rules.decide(json.readRequest(new ByteArrayInputStream(body))));
    } catch (InvalidRequestException e) {
      send(ex, 422, JSON_TYPE, bytes(json.writeErrors(e.errors())));
      return;
    }
    send(ex, 200, JSON_TYPE, bytes(result));
  }

  /**
   * JSON Lines, decided on this worker in input order and streamed out (chunked) as decided. Blank
   * lines give nothing but count for line numbers; a bad line gives its error line and the rest go
   * on, as {@code evaluate --jsonl} does.
   */
  private void lines(HttpExchange ex, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", JSONL_TYPE);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
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
          out.write(bytes(line(body, start, stop - start, number)));
          out.write('\n');
        }
        start = end + 1;
      }
    }
  }

  private String line(byte[] body, int offset, int length, int number) {
    try {
      return json.writeDecision(
          rules.decide(json.readRequest(new ByteArrayInputStream(body, offset, length))));
    } catch (InvalidRequestException e) {
      String text = new String(body, offset, length, StandardCharsets.UTF_8);
      return json.writeBatchErrors(json.requestIdOf(text), number, e.errors());
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
   * One timeline: the body is {@code {"request", "until"}} as JSON (UTF-8, at most {@code
   * maxBodyBytes}); the answer is the timeline (200) or every error of the body and its request
   * (422), as {@code /v1/decisions} answers a single request.
   */
  private void timelines(HttpExchange ex) throws IOException {
    byte[] body = jsonBody(ex);
    if (body == null) {
      return;
    }
    String result;
    try {
      TimelineRequest asked = json.readTimelineRequest(new ByteArrayInputStream(body));
      // one set of packs for the whole timeline, even while a live directory reloads
      CreditRules packs = live != null ? live.engine() : rules;
      result = json.writeTimeline(packs.timeline(asked.request(), asked.until()));
    } catch (InvalidRequestException e) {
      send(ex, 422, JSON_TYPE, bytes(json.writeErrors(e.errors())));
      return;
    }
    send(ex, 200, JSON_TYPE, bytes(result));
  }

  /**
   * The body of a single JSON request (UTF-8, at most {@code maxBodyBytes}), or {@code null} when
   * the error (415, 413) has been sent.
   */
  private byte @Nullable [] jsonBody(HttpExchange ex) throws IOException {
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    String mediaType = mediaType(contentType);
    String charset = charset(contentType);
    if (charset != null && !charset.equals("utf-8")) {
      sendError(ex, 415, "the body must be UTF-8");
      return null;
    }
    if (mediaType != null && !mediaType.equals("application/json")) {
      sendError(ex, 415, "Content-Type must be application/json");
      return null;
    }
    byte[] body = readBody(ex, settings.maxBodyBytes());
    if (body == null) {
      ex.getResponseHeaders().set("Connection", "close");
      sendError(ex, 413, "the body is larger than " + settings.maxBodyBytes() + " bytes");
    }
    return body;
  }

  // ------------------------------------------------------------------------------ explanations

  /**
   * One explanation: the body is {@code {"request", "measure"}} (or {@code "fact"} for a repair
   * entry); the answer is what {@code explain --format json} prints (200) or every error of the
   * body and its request (422). Made with one set of packs, even while a live directory reloads.
   */
  private void explanations(HttpExchange ex) throws IOException {
    byte[] body = jsonBody(ex);
    if (body == null) {
      return;
    }
    ExplanationRequest asked;
    try {
      asked = json.readExplanationRequest(new ByteArrayInputStream(body));
    } catch (InvalidRequestException e) {
      send(ex, 422, JSON_TYPE, bytes(json.writeErrors(e.errors())));
      return;
    }
    CreditRulesEngine engine = engine();
    if (engine == null) {
      sendError(ex, 501, "this service decides without a rules engine to explain with");
      return;
    }
    String result;
    try {
      result =
          ExplainCommand.json(
              Explainer.explain(engine, asked.request(), asked.measure(), asked.fact()));
    } catch (InvalidRequestException e) {
      send(ex, 422, JSON_TYPE, bytes(json.writeErrors(prefixed(e.errors()))));
      return;
    }
    send(ex, 200, JSON_TYPE, bytes(result));
  }

  /** The engine behind this service now: the live directory's current one, or the fixed one. */
  private @Nullable CreditRulesEngine engine() {
    if (live != null) {
      return live.engine();
    }
    return rules instanceof CreditRulesEngine e ? e : null;
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

  private ObjectNode health() {
    ObjectNode root = NODES.objectNode();
    root.put("status", "UP");
    if (live == null) {
      root.put("packs", rules.packs().size());
    } else {
      LiveStatus status = live.status();
      root.put("packs", status.packs().size());
      ObjectNode l = root.putObject("live");
      l.put("generation", status.generation());
      l.put("healthy", status.healthy());
    }
    return root;
  }

  // ------------------------------------------------------------------------------ responses

  private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void sendError(HttpExchange ex, int status, String reason) throws IOException {
    send(
        ex,
        status,
        JSON_TYPE,
        bytes(json.writeErrors(List.of(new RequestError("", null, reason)))));
  }

  private void internalError(HttpExchange ex, Throwable e) {
    String incident = incident(e);
    if (ex.getResponseCode() != -1) {
      return; // the status line is out: closing the exchange is all that is left
    }
    try {
      sendError(ex, 500, "internal error; incident " + incident);
    } catch (IOException | RuntimeException x) {
      LOG.debug("cannot report incident {}: {}", incident, x.getClass().getName());
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
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The charset parameter of a Content-Type header, lower case without quotes; null if absent. */
  static @Nullable String charset(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        v = v.toLowerCase(Locale.ROOT);
        return v.equals("utf8") ? "utf-8" : v;
      }
    }
    return null;
  }

  /** The query's parameters (the last value of each); empty for no query. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new TreeMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.put(key, value);
      } catch (IllegalArgumentException e) {
        params.put(pair, "");
      }
    }
    return params;
  }
}
