package dev.creditrules.reliability;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A load generator on the JDK's {@link HttpClient} (HTTP/1.1), bounded in time, in count and in
 * connections. Two shapes:
 *
 * <ul>
 *   <li>{@link #closed closed loop}: N connections, each sending its next request when the last is
 *       answered (finds what the service sustains);
 *   <li>{@link #open open loop}: requests sent at a fixed rate whatever the answers, latency
 *       counted from when each request was due (so a stalled service cannot hide its queue: no
 *       coordinated omission).
 * </ul>
 */
final class Load {
  /** How late after the run's end a due request may still be sent. */
  static final long GRACE = TimeUnit.SECONDS.toNanos(1);

  /** What to send as request {@code n}, and what to do with its answer. */
  interface Traffic {
    HttpRequest request(long n);

    /** Called on a client thread for every answer. */
    default void answered(long n, HttpResponse<byte[]> response) {}
  }

  /** The figures of one run. */
  static final class Run {
    final String name;
    final double offered; // requests/s for an open loop, 0 for a closed one
    final int connections; // at most this many at once
    final AtomicLong sent = new AtomicLong();
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final LongAdder socketErrors = new LongAdder();
    final LongAdder notSent = new LongAdder(); // open loop: due but every connection held
    final LongAdder missingRetryAfter = new LongAdder();
    final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

    /** Latency in microseconds of 200 answers. */
    final Histogram accepted = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);

    /** Latency in microseconds of every answer. */
    final Histogram all = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);

    /**
     * Latency in microseconds of 200 answers from when the request was sent (an open loop's {@link
     * #accepted} counts from when it was due, which adds the client's own wait for a connection).
     */
    final Histogram served = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);

    double seconds;

    Run(String name, double offered, int connections) {
      this.name = name;
      this.offered = offered;
      this.connections = connections;
    }

    long status(int code) {
      LongAdder a = statuses.get(code);
      return a == null ? 0 : a.sum();
    }

    long answered() {
      return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Answers other than 200 and 503. */
    long otherStatuses() {
      return answered() - status(200) - status(503);
    }

    double throughput() {
      return status(200) / seconds;
    }

    Map<Integer, Long> statusCounts() {
      Map<Integer, Long> out = new TreeMap<>();
      statuses.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }

    void record(long micros, HttpResponse<?> r) {
      record(micros, micros, r);
    }

    void record(long micros, long sinceSent, HttpResponse<?> r) {
      statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
      all.recordValue(Math.min(micros, all.getHighestTrackableValue()));
      if (r.statusCode() == 200) {
        accepted.recordValue(Math.min(micros, accepted.getHighestTrackableValue()));
        served.recordValue(Math.min(sinceSent, served.getHighestTrackableValue()));
      } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isEmpty()) {
        missingRetryAfter.increment();
      }
    }

    void error(Throwable e) {
      socketErrors.increment();
      if (errorSamples.size() < 5) {
        errorSamples.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }

    static String header() {
      return "| run | offered/s | connections | seconds | sent | 200 | 503 | other status | socket"
          + " errors | not sent | decisions/s | p50 ms (200) | p99 ms (200) | max ms (200) | p99 ms"
          + " (all) | p99 ms (200, from sent) |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %.0f | %.2f | %.2f | %.1f | %.2f |"
              + " %.2f |",
          name,
          offered > 0 ? String.format(Locale.ROOT, "%.0f", offered) : "closed loop",
          Integer.toString(connections),
          seconds,
          sent.get(),
          status(200),
          status(503),
          otherStatuses(),
          socketErrors.sum(),
          notSent.sum(),
          throughput(),
          ms(accepted, 50),
          ms(accepted, 99),
          accepted.getMaxValue() / 1000.0,
          ms(all, 99),
          ms(served, 99));
    }

    static double ms(Histogram h, double percentile) {
      return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    @Override
    public String toString() {
      return name + " " + statusCounts() + " socket errors " + socketErrors.sum() + errorSamples;
    }
  }

  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * {@code connections} threads, each sending its next request as soon as the last is answered, for
   * {@code duration} or until {@code max} requests are sent.
   */
  static Run closed(
      String name, HttpClient client, Traffic traffic, int connections, Duration duration, long max)
      throws InterruptedException {
    return closed(name, client, traffic, connections, duration, max, () -> false);
  }

  /** The same, ending early once {@code stop} says so. */
  static Run closed(
      String name,
      HttpClient client,
      Traffic traffic,
      int connections,
      Duration duration,
      long max,
      BooleanSupplier stop)
      throws InterruptedException {
    Run run = new Run(name, 0, connections);
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end && !stop.getAsBoolean()) {
                  long n = next.getAndIncrement();
                  if (n >= max) {
                    return;
                  }
                  run.sent.incrementAndGet();
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<byte[]> r =
                        client.send(traffic.request(n), HttpResponse.BodyHandlers.ofByteArray());
                    run.record((System.nanoTime() - t0) / 1000, r);
                    traffic.answered(n, r);
                  } catch (IOException e) {
                    run.error(e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              name + "-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    run.seconds = (System.nanoTime() - start) / 1e9;
    return run;
  }

  /**
   * Requests due at {@code rate} per second for {@code duration}, whatever the answers, sent over
   * at most {@code connections} connections at once: each request goes out at its due time, or as
   * soon as a connection is free when all are busy (its latency still counts from its due time, as
   * wrk2 does). Requests not sent by the end of the run, because every connection was held, are
   * counted as not sent (a second's grace). On one machine the client's own cost per request counts
   * against the service's processors, so past the rate the pair can turn over, requests stay unsent
   * whatever the service does: the figures report it, the 2x test does not assert it.
   */
  static Run open(
      String name,
      HttpClient client,
      Traffic traffic,
      double rate,
      Duration duration,
      int connections)
      throws InterruptedException {
    Run run = new Run(name, rate, connections);
    long total = (long) (rate * duration.toNanos() / 1e9);
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> {
                while (true) {
                  long i = next.getAndIncrement();
                  if (i >= total) {
                    return;
                  }
                  long due = start + (long) (i * 1e9 / rate);
                  long wait;
                  while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  if (System.nanoTime() > end + GRACE) {
                    run.notSent.add(Math.max(0, total - i));
                    next.set(total);
                    return;
                  }
                  run.sent.incrementAndGet();
                  long sent = System.nanoTime();
                  try {
                    HttpResponse<byte[]> r =
                        client.send(traffic.request(i), HttpResponse.BodyHandlers.ofByteArray());
                    long now = System.nanoTime();
                    run.record((now - due) / 1000, (now - sent) / 1000, r);
                    traffic.answered(i, r);
                  } catch (IOException e) {
                    run.error(e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              name + "-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    run.seconds = duration.toNanos() / 1e9;
    return run;
  }

  private Load() {}
}
