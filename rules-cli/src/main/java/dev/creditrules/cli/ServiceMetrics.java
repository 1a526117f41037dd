package dev.creditrules.cli;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The Prometheus metrics of {@code serve} ({@code GET /metrics}, docs/service.md lists them), in a
 * registry of their own: a second service in the same JVM (a test) counts apart.
 */
final class ServiceMetrics {
  /** The reasons a request is refused with 503 before or instead of its decision. */
  enum Rejection {
    OVERLOADED,
    DEADLINE,
    UNRECORDED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
  private final Counter requests;
  private final Histogram decisions;
  private final Counter rejected;

  /**
   * @param queueDepth requests waiting for a worker now
   * @param generation the generation of the packs served (1 for a fixed set)
   * @param reloadFailures live folders whose last change was rejected (0 for a fixed set)
   * @param logFailures records the decision log could not write, since start
   */
  ServiceMetrics(
      DoubleSupplier queueDepth,
      DoubleSupplier generation,
      DoubleSupplier reloadFailures,
      DoubleSupplier logFailures) {
    requests =
        Counter.builder()
            .name("creditrules_http_requests_total")
            .help("HTTP requests answered, by route and status")
            .labelNames("route", "status")
            .build();
    decisions =
        Histogram.builder()
            .name("creditrules_decision_seconds")
            .help("time to decide one request (a JSON Lines line counts as one)")
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .build();
    rejected =
        Counter.builder()
            .name("creditrules_requests_rejected_total")
            .help("requests answered 503: overloaded, deadline passed, decision not recorded")
            .labelNames("reason")
            .build();
    for (Rejection r : Rejection.values()) {
      rejected.labelValues(r.label()); // present at 0 from the start
    }
    registry.register(requests);
    registry.register(decisions);
    registry.register(rejected);
    registry.register(
        gauge("creditrules_queue_depth", "requests waiting for a worker", queueDepth));
    registry.register(
        gauge("creditrules_packs_generation", "generation of the packs served", generation));
    registry.register(
        gauge(
            "creditrules_packs_reload_failures",
            "live pack folders whose last change was rejected (the last good version serves)",
            reloadFailures));
    registry.register(
        CounterWithCallback.builder()
            .name("creditrules_decision_log_failures_total")
            .help("decision-log records that could not be written")
            .callback(cb -> cb.call(logFailures.getAsDouble()))
            .build());
    registry.register(
        gauge(
            "creditrules_decision_log_lag_seconds",
            "age of the oldest decision not yet durable in the log (sinks are synchronous: 0)",
            () -> 0));
  }

  private static GaugeWithCallback gauge(String name, String help, DoubleSupplier value) {
    return GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .build();
  }

  void request(String route, int status) {
    requests.labelValues(route, Integer.toString(status)).inc();
  }

  void decided(long nanos) {
    decisions.observe(nanos / 1e9);
  }

  void rejected(Rejection reason) {
    rejected.labelValues(reason.label()).inc();
  }

  /** The Prometheus text format (0.0.4) of every metric now. */
  byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
