package dev.creditrules.runtime;

import dev.creditrules.runtime.PackScanner.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher of a live directory: a daemon thread that reads the directory every poll interval and
 * hands a change to the live directory once the directory has stayed the same for the quiet period,
 * so that a burst of writes (an editor, a {@code git pull}, a copy) is loaded once, complete.
 * Polling content rather than file-system events works the same on every OS and file system. A poll
 * never lets an error kill the thread: a directory that cannot be read is logged once (until the
 * error changes) and a failed reload is logged; the next poll tries again.
 *
 * <p>Each poll runs under the live directory's reload lock, as {@link LivePacks#reload()} does, so
 * reloads run one at a time. Its messages are logged under {@link LivePacks}.
 */
final class PackWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LivePacks.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The live directory as its watcher drives it; called under the reload lock. */
  interface Reloads {
    /** True once the live directory is closed: a poll then does nothing. */
    boolean closed();

    /** True when nothing in {@code snapshot} differs from what was last judged. */
    boolean judged(Snapshot snapshot);

    /** Judges {@code snapshot} and publishes the outcome. */
    void reload(Snapshot snapshot);

    /** The generation served, for messages. */
    long generation();

    /** The directory cannot be read ({@code error}): status unhealthy, last good serves. */
    void unreadable(String error);

    /** The directory reads (again). */
    void readable();
  }

  private final Path dir;
  private final PackScanner scanner;
  private final Object lock;
  private final Reloads live;
  private final long quietNanos;
  private final ScheduledExecutorService executor;

  // guarded by lock
  /** Debounce: the signature of the change seen by the last poll, and since when (nanoTime). */
  private @Nullable Map<String, String> pending;

  private long pendingSince;
  private @Nullable String lastScanError;

  /** Starts polling {@code dir} every {@code pollInterval}. */
  PackWatcher(
      Path dir,
      PackScanner scanner,
      Object lock,
      Reloads live,
      Duration pollInterval,
      Duration quietPeriod) {
    this.dir = dir;
    this.scanner = scanner;
    this.lock = lock;
    this.live = live;
    this.quietNanos = quietPeriod.toNanos();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "credit-rules-live-packs-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    long every = pollInterval.toNanos();
    executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.NANOSECONDS);
  }

  /** Forgets a change waiting for the quiet period: a reload just judged the directory. */
  void forget() {
    synchronized (lock) {
      pending = null;
    }
  }

  private void poll() {
    try {
      synchronized (lock) {
        if (live.closed()) {
          return;
        }
        Snapshot snapshot;
        try {
          snapshot = scanner.scan();
        } catch (IOException | UncheckedIOException e) {
          // a file that went away while being read is a change in progress: the next poll reads
          // again; the directory itself gone (or unreadable) holds the last good generation
          String message = String.valueOf(e);
          if (!java.nio.file.Files.isDirectory(dir)) {
            live.unreadable(message);
          } else if (!message.equals(lastScanError)) {
            LOG.warn(
                "live packs {}: cannot read the directory, still serving generation {}: {}",
                dir,
                live.generation(),
                message);
          }
          lastScanError = message;
          return;
        }
        lastScanError = null;
        live.readable();
        if (live.judged(snapshot)) {
          pending = null;
          return;
        }
        Map<String, String> now = snapshot.signature();
        long t = System.nanoTime();
        if (!now.equals(pending)) {
          pending = now;
          pendingSince = t;
        }
        if (t - pendingSince >= quietNanos) {
          pending = null;
          live.reload(snapshot);
        }
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // never let the scheduled task die: the next poll tries again
      LOG.error(
          "live packs {}: reload failed, still serving generation {}", dir, live.generation(), e);
    }
  }

  /** Stops polling, waiting for a poll in progress. Idempotent. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
