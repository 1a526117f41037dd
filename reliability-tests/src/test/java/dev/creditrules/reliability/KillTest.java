package dev.creditrules.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.model.FactModel;
import dev.creditrules.audit.LoggedDecision;
import dev.creditrules.json.ContractJson;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.testkit.RequestGenerator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the service during logged traffic (issue 16, item 6): {@code serve --log FILE}
 * takes generated requests (each with its own request id) from {@code -Dkill.connections} (default
 * 8) connections; {@code -Dkill.seconds} (default 5) after the first decisions arrive, the process
 * gets SIGKILL.
 *
 * <p>Asserts: every decision a client received (200) has its record in the log, the record's {@code
 * resultDigest} being the SHA-256 of exactly the bytes the client got; every line of the log but
 * the last is a whole record, and the last is whole or, cut by the kill, refused by the library's
 * reader ({@link LoggedDecision#parse}) with a clear error and no more; a service restarted on the
 * same file appends: what was there stays byte for byte, and each decision it then returns has a
 * whole record of its own.
 */
class KillTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");

  @Test
  void everyDecisionReceivedBeforeKill9IsLoggedAndTheRestartedServiceAppends(@TempDir Path tmp)
      throws Exception {
    Service.require("--log", "the service's decision log");
    int seconds = Figures.intProperty("kill.seconds", 5);
    int connections = Figures.intProperty("kill.connections", 8);
    int after = Figures.intProperty("kill.restartRequests", 50);
    Path log = tmp.resolve("decisions.jsonl");

    FactModel model = FactModelReader.read(PACKS);
    ContractJson json = new ContractJson(model);
    RequestGenerator generator = new RequestGenerator(model, 11, 10, 0);
    // request id -> sha256 of the decision's bytes, for every 200 a client received
    Map<String, String> received = new ConcurrentHashMap<>();
    HttpClient client = Load.client();
    Figures figures = new Figures("kill", "kill -9 of the service during logged traffic");

    Load.Run during;
    int tornBytes;
    byte[] before;
    try (Service service = Service.start(tmp.resolve("serve"), List.of("--log", log.toString()))) {
      figures.service(service);
      Load.Traffic traffic = traffic(service, generator, json, received, 1);
      Load.Run[] out = new Load.Run[1];
      AtomicBoolean stop = new AtomicBoolean();
      Thread load =
          new Thread(
              () -> {
                try {
                  out[0] =
                      Load.closed(
                          "until kill -9",
                          client,
                          traffic,
                          connections,
                          Duration.ofMinutes(5),
                          Long.MAX_VALUE,
                          stop::get);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      load.start();
      // past the warm-up: the kill comes `seconds` after the first decisions arrive
      long waitUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (received.size() < 10 && System.nanoTime() < waitUntil) {
        Thread.sleep(50);
      }
      Thread.sleep(seconds * 1000L);
      service.kill9();
      Thread.sleep(500); // what was in flight fails; then the clients stop
      stop.set(true);
      load.join();
      during = Objects.requireNonNull(out[0], "the load thread ended without figures");
      before = Files.readAllBytes(log);
    }
    int lastNewline = lastIndexOf(before, (byte) '\n');
    tornBytes = before.length - (lastNewline + 1);
    String tail = new String(before, lastNewline + 1, tornBytes, StandardCharsets.UTF_8);
    Map<String, String> logged = new HashMap<>();
    List<String> unreadable = new ArrayList<>();
    readWholeLines(
        new String(before, 0, lastNewline + 1, StandardCharsets.UTF_8), logged, unreadable);

    // the restarted service on the same file
    Map<String, String> receivedAfter = new ConcurrentHashMap<>();
    Load.Run restarted;
    int exit;
    try (Service service =
        Service.start(tmp.resolve("serve-again"), List.of("--log", log.toString()))) {
      restarted =
          Load.closed(
              "after restart",
              client,
              traffic(service, generator, json, receivedAfter, 1_000_000),
              2,
              Duration.ofSeconds(60),
              after);
      exit = service.stop();
    }
    byte[] afterBytes = Files.readAllBytes(log);
    Map<String, String> loggedAfter = new HashMap<>();
    List<String> unreadableAfter = new ArrayList<>();
    String whole = new String(afterBytes, StandardCharsets.UTF_8);
    readWholeLines(whole.endsWith("\n") ? whole : whole + "\n", loggedAfter, unreadableAfter);

    long missing = received.keySet().stream().filter(id -> !logged.containsKey(id)).count();
    figures
        .line(Load.Run.header())
        .line(during.row())
        .line(restarted.row())
        .line("")
        .line("| figure | value |")
        .line("|---|---:|")
        .line("| decisions received (200) before the kill | " + received.size() + " |")
        .line("| whole records in the log after the kill | " + logged.size() + " |")
        .line("| received decisions missing from the log | " + missing + " |")
        .line(
            "| records of decisions no client received (in flight at the kill) | "
                + (logged.size() - (received.size() - missing))
                + " |")
        .line("| bytes of a cut last line | " + tornBytes + " |")
        .line("| client errors (the kill) | " + during.socketErrors.sum() + " |")
        .line(
            "| decisions after the restart / their records | "
                + receivedAfter.size()
                + " / "
                + receivedAfter.keySet().stream().filter(loggedAfter::containsKey).count()
                + " |")
        .line("| exit code of the restarted service on SIGTERM | " + exit + " |");
    figures.write();

    assertThat(received).as("decisions received before the kill").isNotEmpty();
    assertThat(unreadable).as("whole lines of the log that are not records").isEmpty();
    for (Map.Entry<String, String> e : received.entrySet()) {
      assertThat(logged.get(e.getKey()))
          .as("the record of received decision %s (its resultDigest)", e.getKey())
          .isEqualTo(e.getValue());
    }
    if (!tail.isEmpty()) {
      try {
        LoggedDecision.parse(tail);
      } catch (IllegalArgumentException refused) {
        // cut by the kill: refused with a reason, as the reader's contract says
        assertThat(refused.getMessage()).isNotBlank();
      }
    }
    assertThat(Arrays.copyOf(afterBytes, lastNewline + 1))
        .as("what the log held before the restart, kept")
        .isEqualTo(Arrays.copyOf(before, lastNewline + 1));
    assertThat(receivedAfter).as("decisions after the restart").hasSize(after);
    assertThat(unreadableAfter.size())
        .as("lines that are not records after the restart: %s", unreadableAfter)
        .isLessThanOrEqualTo(tail.isEmpty() ? 0 : 1);
    if (!unreadableAfter.isEmpty()) {
      assertThat(unreadableAfter.get(0)).as("the cut line, alone on its line").isEqualTo(tail);
    }
    for (Map.Entry<String, String> e : receivedAfter.entrySet()) {
      assertThat(loggedAfter.get(e.getKey()))
          .as("the record of decision %s made after the restart", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  /** Posts generated request {@code first + n}; records the digest of every 200's bytes. */
  static Load.Traffic traffic(
      Service service,
      RequestGenerator generator,
      ContractJson json,
      Map<String, String> received,
      long first) {
    return new Load.Traffic() {
      @Override
      public HttpRequest request(long n) {
        return service
            .request("/v1/decisions")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(generator.line(first + n)))
            .build();
      }

      @Override
      public void answered(long n, HttpResponse<byte[]> response) {
        if (response.statusCode() == 200) {
          String id = json.requestIdOf(generator.line(first + n));
          received.put(
              Objects.requireNonNull(id, "a generated request has an id"),
              "sha256:" + HexFormat.of().formatHex(Service.sha256(response.body())));
        }
      }
    };
  }

  /** Reads every line of {@code text} (which ends with a newline) as a record. */
  static void readWholeLines(String text, Map<String, String> logged, List<String> unreadable) {
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        LoggedDecision d = LoggedDecision.parse(line);
        if (d.requestId() != null && d.result().equals("DECIDED")) {
          logged.put(d.requestId(), d.resultDigest());
        }
      } catch (IllegalArgumentException e) {
        unreadable.add(line);
      }
    }
  }

  static int lastIndexOf(byte[] bytes, byte b) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
