package dev.creditrules.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision log under faults, with the library as an application uses it: several threads
 * deciding through a {@link DecisionLog} while the PostgreSQL server is stopped as in a crash and
 * restarted, or paused (every server process SIGSTOPped) and resumed, and while a JSON Lines log's
 * disk is full. In every case no decision is returned without its record. Each test prints one
 * {@code figures:} line (counts and times) for docs/reliability.md; nothing here asserts a time.
 */
class DecisionLogFaultTest {
  private static final int THREADS = 4;

  /** A server of this class's own: it is stopped and paused. */
  private static PostgresServer server;

  private final ContractJson json = new ContractJson(Fixtures.shipped().model());

  @TempDir Path dir;

  @BeforeAll
  static void start() throws SQLException {
    server = PostgresServer.startEmbedded();
    PostgresSink sink = PostgresSink.builder(server.url(), server.properties()).build();
    sink.createTable();
    sink.close();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE credit_decisions");
    }
  }

  /** What a run saw: ids of decisions returned and of calls that threw, and the slowest throw. */
  private static final class Run {
    final Set<UUID> returned = ConcurrentHashMap.newKeySet();
    final Set<UUID> notRecorded = ConcurrentHashMap.newKeySet();
    final AtomicLong otherErrors = new AtomicLong();
    final AtomicLong slowestFailureNanos = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();

    /** Failures that came back while the fault was still on. */
    final AtomicLong failedDuringFault = new AtomicLong();

    final AtomicBoolean faultOn = new AtomicBoolean();
  }

  /**
   * Decides from {@link #THREADS} threads until {@code stop} is set, at most {@code max} calls in
   * all; a thread's decision id is caught from the id supplier of its own call.
   */
  private static List<Future<?>> decide(
      ExecutorService pool,
      DecisionLog log,
      ThreadLocal<UUID> lastId,
      Request request,
      Run run,
      AtomicBoolean stop,
      int max) {
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                while (!stop.get() && run.attempts.incrementAndGet() <= max) {
                  long started = System.nanoTime();
                  try {
                    log.decide(request);
                    run.returned.add(lastId.get());
                  } catch (DecisionNotRecordedException e) {
                    run.notRecorded.add(e.decisionId());
                    run.slowestFailureNanos.accumulateAndGet(
                        System.nanoTime() - started, Math::max);
                    if (run.faultOn.get()) {
                      run.failedDuringFault.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    run.otherErrors.incrementAndGet();
                  }
                }
              }));
    }
    return futures;
  }

  private static DecisionLog log(PostgresSink sink, ThreadLocal<UUID> lastId) {
    return DecisionLog.builder(Fixtures.shipped())
        .ids(
            () -> {
              UUID id = UUID.randomUUID();
              lastId.set(id);
              return id;
            })
        .sink(sink)
        .build();
  }

  private static Set<UUID> rows() throws SQLException {
    Set<UUID> ids = new HashSet<>();
    try (Connection c = server.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT decision_id FROM credit_decisions")) {
      while (r.next()) {
        ids.add(r.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  private static void await(List<Future<?>> futures) throws Exception {
    for (Future<?> f : futures) {
      f.get();
    }
  }

  @Test
  @Timeout(120)
  void aServerStoppedAsInACrashAndRestartedLosesNoReturnedDecision() throws Exception {
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    ThreadLocal<UUID> lastId = new ThreadLocal<>();
    Run run = new Run();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long returnedBefore;
    long returnedDuring;
    try (DecisionLog log =
        log(PostgresSink.builder(server.url(), server.properties()).build(), lastId)) {
      List<Future<?>> futures = decide(pool, log, lastId, enterprise, run, stop, 200_000);
      waitFor(() -> run.returned.size() >= 200);
      run.faultOn.set(true);
      server.stopImmediately();
      returnedBefore = run.returned.size();
      waitFor(() -> run.notRecorded.size() >= 50);
      Thread.sleep(2_000);
      returnedDuring = run.returned.size() - returnedBefore;
      server.start();
      run.faultOn.set(false);
      int afterRestart = run.returned.size();
      waitFor(() -> run.returned.size() >= afterRestart + 200);
      stop.set(true);
      await(futures);
    } finally {
      pool.shutdownNow();
    }
    Set<UUID> rows = rows();
    System.out.printf(
        Locale.ROOT,
        "figures: pg stop -m immediate: %d threads, %d calls, %d returned, %d rows, %d not recorded"
            + " (DecisionNotRecordedException), %d returned while stopped, %d other errors,"
            + " returned without a row: %d%n",
        THREADS,
        run.returned.size() + run.notRecorded.size() + run.otherErrors.get(),
        run.returned.size(),
        rows.size(),
        run.notRecorded.size(),
        returnedDuring,
        run.otherErrors.get(),
        run.returned.stream().filter(id -> !rows.contains(id)).count());
    assertThat(run.otherErrors.get()).isZero();
    assertThat(run.failedDuringFault.get())
        .as("calls failed while the server was down")
        .isPositive();
    assertThat(rows).as("every decision returned has its row").containsAll(run.returned);
    assertThat(run.returned).doesNotContainAnyElementsOf(run.notRecorded);
  }

  @Test
  @Timeout(120)
  void aPausedServerFailsCallsWithinTheTimeoutsAndReturnsNoneWithoutARow() throws Exception {
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    ThreadLocal<UUID> lastId = new ThreadLocal<>();
    Run run = new Run();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    Duration connect = Duration.ofSeconds(2);
    Duration statement = Duration.ofSeconds(2);
    Duration socket = Duration.ofSeconds(3);
    long pausedNanos;
    try (DecisionLog log =
        log(
            PostgresSink.builder(server.url(), server.properties())
                .connectTimeout(connect)
                .statementTimeout(statement)
                .socketTimeout(socket)
                .build(),
            lastId)) {
      List<Future<?>> futures = decide(pool, log, lastId, enterprise, run, stop, 200_000);
      waitFor(() -> run.returned.size() >= 200);
      run.faultOn.set(true);
      long pausedAt = System.nanoTime();
      server.pause();
      try {
        // the callers come back with an error while the server is still paused
        waitFor(() -> run.failedDuringFault.get() >= THREADS);
        Thread.sleep(2_000);
      } finally {
        run.faultOn.set(false);
        server.resume();
        pausedNanos = System.nanoTime() - pausedAt;
      }
      int afterResume = run.returned.size();
      waitFor(() -> run.returned.size() >= afterResume + 200);
      stop.set(true);
      await(futures);
    } finally {
      pool.shutdownNow();
    }
    Set<UUID> rows = rows();
    System.out.printf(
        Locale.ROOT,
        "figures: pg SIGSTOP %.1f s (timeouts connect %ds, statement %ds, socket %ds): %d threads,"
            + " %d calls, %d returned, %d rows, %d not recorded, %d of them while paused, slowest"
            + " failed call %.1f s, %d other errors, returned without a row: %d%n",
        pausedNanos / 1e9,
        connect.toSeconds(),
        statement.toSeconds(),
        socket.toSeconds(),
        THREADS,
        run.returned.size() + run.notRecorded.size() + run.otherErrors.get(),
        run.returned.size(),
        rows.size(),
        run.notRecorded.size(),
        run.failedDuringFault.get(),
        run.slowestFailureNanos.get() / 1e9,
        run.otherErrors.get(),
        run.returned.stream().filter(id -> !rows.contains(id)).count());
    assertThat(run.otherErrors.get()).isZero();
    assertThat(run.failedDuringFault.get())
        .as("calls that failed while the server was still paused")
        .isGreaterThanOrEqualTo(THREADS);
    assertThat(rows).as("every decision returned has its row").containsAll(run.returned);
  }

  @Test
  void aFullDiskReturnsNoDecisionAndADamagedLineNeverHidesTheNext() throws Exception {
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    Path full = Path.of("/dev/full"); // every write: ENOSPC
    try (DecisionLog log =
        DecisionLog.builder(Fixtures.shipped()).sink(JsonLinesSink.open(full)).build()) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> log.decide(enterprise))
            .isInstanceOf(DecisionNotRecordedException.class)
            .hasMessageContaining("No space left on device");
      }
      assertThat(log.failures().failures()).isEqualTo(3);
    }
    // a line cut short (as a full disk leaves it) never hides the record written after it
    Path file = dir.resolve("decisions.jsonl");
    Files.writeString(file, "{\"record\":1,\"decisionId\":\"cut-sh");
    ThreadLocal<UUID> lastId = new ThreadLocal<>();
    JsonLinesSink sink = JsonLinesSink.open(file);
    try (DecisionLog log =
        DecisionLog.builder(Fixtures.shipped())
            .ids(
                () -> {
                  UUID id = UUID.randomUUID();
                  lastId.set(id);
                  return id;
                })
            .sink(sink)
            .build()) {
      log.decide(enterprise);
      List<String> lines = Files.readAllLines(file);
      assertThat(lines.get(lines.size() - 1)).startsWith("{\"record\":1");
      assertThat(LoggedDecision.parse(lines.get(lines.size() - 1)).decisionId())
          .isEqualTo(lastId.get().toString());
    }
  }

  private interface Condition {
    boolean holds();
  }

  private static void waitFor(Condition c) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.holds()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not reached in 60 s");
      }
      Thread.sleep(10);
    }
  }
}
