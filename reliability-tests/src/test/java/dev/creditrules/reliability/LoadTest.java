package dev.creditrules.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on loopback (issue 16, item 6). First the capacity: closed loops at 1 to 32 connections
 * posting TAX-EX-01, the capacity being the decisions/s at 16 connections (or of the best step, if
 * more connections did better, so that 2x is more than the service can do). Then open loops
 * offering 1x and 2x that rate. At 2x the service must shed (503 with {@code Retry-After}) instead
 * of collapsing: the accepted requests' p99 from when they were sent stays bounded, there are no
 * socket errors and no 5xx but 503, and it still decides at least 40% of its capacity (the load
 * generator shares the machine's two processors: each request it sends, 200 or 503, costs the
 * service processor time).
 *
 * <p>{@code -Dload.stepSeconds} (default 10) per capacity step, {@code -Dload.seconds} (default 25)
 * per open-loop run, {@code -Dload.maxP99Ms} (default 1000) the bound on the 2x run's accepted p99,
 * {@code -Dload.connections} (default 256, as many as the wrk run) the open loops'
 * connections: a request due while all are held waits for one (its latency counting from its due
 * time), and one still waiting a second after the run's end is not sent (reported: past the rate
 * client and service together can turn over on one machine, requests stay unsent whatever the
 * service does).
 */
class LoadTest {
  static final Path REQUEST = Path.of("../examples/requests/tax-ex-01.json");

  @Test
  void twiceTheCapacityIsShedWithRetryAfterInsteadOfCollapsing(@TempDir Path tmp) throws Exception {
    int stepSeconds = Figures.intProperty("load.stepSeconds", 10);
    int seconds = Figures.intProperty("load.seconds", 25);
    int maxP99Ms = Figures.intProperty("load.maxP99Ms", 1000);
    int connections = Figures.intProperty("load.connections", 256);
    byte[] body = Files.readAllBytes(REQUEST);

    try (Service service = Service.start(tmp.resolve("serve"), List.of())) {
      HttpClient client = Load.client();
      Load.Traffic traffic =
          n ->
              service
                  .request("/v1/decisions")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build();
      Figures figures =
          new Figures("load", "Load: capacity, then 1x and 2x capacity offered (TAX-EX-01)")
              .service(service)
              .line(
                  "Closed loops of "
                      + stepSeconds
                      + " s (after a warm-up as long at 16 connections), then open loops of "
                      + seconds
                      + " s at 1x and 2x the capacity (the decisions/s of 16 connections, or of"
                      + " the best closed loop if higher), over at most "
                      + connections
                      + " connections. Latency of an open loop counts from when each request was"
                      + " due. Client: the JDK's HttpClient (HTTP/1.1) on the same machine.")
              .line("");

      List<Load.Run> runs = new ArrayList<>();
      Load.closed("warm-up", client, traffic, 16, Duration.ofSeconds(stepSeconds), Long.MAX_VALUE);
      Load.Run at16 = null;
      for (int c : new int[] {1, 2, 4, 8, 16, 32}) {
        Load.Run r =
            Load.closed(
                "closed " + c, client, traffic, c, Duration.ofSeconds(stepSeconds), Long.MAX_VALUE);
        runs.add(r);
        if (c == 16) {
          at16 = r;
        }
      }
      assertThat(at16).isNotNull();
      // the decisions/s of 16 connections, or of the best step when more connections did better:
      // 2x must be more than the service can do
      double capacity = runs.stream().mapToDouble(Load.Run::throughput).max().orElseThrow();
      Load.Run once =
          Load.open("1x", client, traffic, capacity, Duration.ofSeconds(seconds), connections);
      runs.add(once);
      Load.Run twice =
          Load.open("2x", client, traffic, 2 * capacity, Duration.ofSeconds(seconds), connections);
      runs.add(twice);

      figures.line(Load.Run.header());
      runs.forEach(r -> figures.line(r.row()));
      figures
          .line("")
          .line(
              String.format(
                  Locale.ROOT,
                  "Capacity (decisions/s of the best closed loop; at 16 connections: %.0f): %.0f. 2x:"
                      + " %d of %d answered 503, every 503 with Retry-After: %s.",
                  at16.throughput(),
                  capacity,
                  twice.status(503),
                  twice.answered(),
                  twice.missingRetryAfter.sum() == 0));
      figures.write();

      for (Load.Run r : runs.subList(0, runs.size() - 2)) {
        assertThat(r.socketErrors.sum()).as("socket errors in %s", r).isZero();
        assertThat(r.status(200)).as("%s: every answer 200", r).isEqualTo(r.answered());
      }
      assertThat(once.socketErrors.sum()).as("1x: socket errors %s", once).isZero();
      assertThat(once.otherStatuses()).as("1x: statuses other than 200 and 503").isZero();

      assertThat(twice.socketErrors.sum()).as("2x: socket errors %s", twice).isZero();
      assertThat(twice.otherStatuses())
          .as("2x: statuses other than 200 and 503 %s", twice)
          .isZero();
      assertThat(twice.status(503)).as("2x: the service sheds with 503 %s", twice).isPositive();
      assertThat(twice.missingRetryAfter.sum()).as("2x: 503 without Retry-After").isZero();
      assertThat(Load.Run.ms(twice.served, 99))
          .as("2x: p99 of accepted requests from when they were sent (ms)")
          .isLessThanOrEqualTo(maxP99Ms);
      assertThat(twice.throughput())
          .as("2x: decisions/s, against a capacity of %.0f", capacity)
          .isGreaterThanOrEqualTo(capacity * 0.4);
    }
  }
}
