package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.audit.DecisionNotRecordedException;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.RequestDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code evaluate --jsonl} as a streaming, parallel, order-keeping pipeline.
 *
 * <p>One reader thread reads lines ({@link JsonLineReader}: split at LF only, strict UTF-8; an
 * {@link #incremental} run keeps each line's bytes and decodes only the lines it decides) into
 * chunks of at most {@code chunkLines} lines; {@code threads} worker threads parse, decide and
 * serialise every line of a chunk, to UTF-8; the calling thread writes the chunks' bytes strictly
 * in input order (to an {@link OutputStream} as they are; to a {@link Writer} decoded again). A
 * chunk holds one of {@code maxChunks} permits from the moment the reader starts filling it until
 * the writer has written it, so at most {@code maxChunks * chunkLines} lines (input and result) are
 * in memory at any time, whatever the size of the input: when the writer is slow (or blocked), the
 * workers and then the reader stop.
 *
 * <p>Every line gives exactly what the sequential loop gives: a blank line gives nothing (it still
 * counts for line numbers), a request gives its compact decision, an invalid request its error line
 * {@code {"requestId":…,"line":n,"errors":[…]}} (a line that is not valid UTF-8 is invalid JSON, so
 * its {@code requestId} is null). An unexpected exception on one line gives an error line for that
 * line too (reason {@code internal error: …}), is counted apart and is reported on {@code err}; the
 * other lines go on. Only a failure of the input or the output, or a JVM {@link Error} other than a
 * stack overflow, stops the run.
 *
 * <p>On {@code err} (when not {@code null}) it writes a progress line for long runs, and the first
 * few internal errors. Instances run once; not thread-safe.
 */
final class JsonLinesBatch {
  /** Lines per chunk: the unit of work handed to a worker and of ordering at the writer. */
  static final int DEFAULT_CHUNK_LINES = 256;

  /** Progress starts after this long… */
  static final long PROGRESS_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** …and then comes at most this often. */
  static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** Internal errors reported one by one on {@code err}; the summary counts the rest. */
  static final int INTERNAL_ERRORS_SHOWN = 10;

  private static final String NEWLINE = System.lineSeparator();
  private static final byte[] NEWLINE_BYTES = NEWLINE.getBytes(StandardCharsets.UTF_8);
  private static final byte[] LF = {'\n'};

  /** The end-of-input marker on both queues. */
  private static final Chunk END = new Chunk(0, 0);

  private final CreditRules rules;
  private final ContractJson json;
  private final int threads;
  private final int chunkLines;
  private final int maxChunks;
  private final @Nullable PrintWriter err;
  private final boolean progress;
  private final LongSupplier nanoTime;

  private final Semaphore permits;

  /** Chunks in input order, as the writer must emit them. */
  private final BlockingQueue<Chunk> ordered;

  /** Chunks waiting for a worker. */
  private final BlockingQueue<Chunk> work;

  private final AtomicInteger inFlightLines = new AtomicInteger();
  private final AtomicInteger highWaterLines = new AtomicInteger();

  /** Lines the reader has taken from the input so far (for tests and diagnostics). */
  private final AtomicInteger linesRead = new AtomicInteger();

  /** With {@code --previous}: the previous run's decisions; null to decide every line. */
  private @Nullable PreviousRun previous;

  /** With {@code --state}: where this run's state goes; null for none. */
  private @Nullable Sink state;

  /** Whether {@link #incremental} was called: digests are computed and the summary says more. */
  private boolean incremental;

  private volatile boolean aborted;
  private volatile @Nullable Throwable readFailure;

  /**
   * A pipeline with {@link #DEFAULT_CHUNK_LINES} lines per chunk and {@code 2 * threads + 2} chunks
   * in flight (1,536 lines with 2 threads).
   *
   * @param rules decides requests; must be thread-safe
   * @param json reads requests and writes results
   * @param threads worker threads, 1 or more
   * @param err where progress and internal errors go, or {@code null} for nothing
   * @param progress whether to write progress lines on {@code err}
   */
  JsonLinesBatch(
      CreditRules rules,
      ContractJson json,
      int threads,
      @Nullable PrintWriter err,
      boolean progress) {
    this(
        rules,
        json,
        threads,
        DEFAULT_CHUNK_LINES,
        2 * threads + 2,
        err,
        progress,
        System::nanoTime);
  }

  /**
   * A pipeline with every setting given (for tests).
   *
   * @param chunkLines lines per chunk, 1 or more
   * @param maxChunks chunks in flight (being read, waiting, decided or waiting to be written), 1 or
   *     more
   * @param nanoTime the clock for progress and the summary
   */
  JsonLinesBatch(
      CreditRules rules,
      ContractJson json,
      int threads,
      int chunkLines,
      int maxChunks,
      @Nullable PrintWriter err,
      boolean progress,
      LongSupplier nanoTime) {
    if (threads < 1 || chunkLines < 1 || maxChunks < 1) {
      throw new IllegalArgumentException(
          "threads, chunkLines and maxChunks must be 1 or more but were "
              + threads
              + ", "
              + chunkLines
              + ", "
              + maxChunks);
    }
    this.rules = Objects.requireNonNull(rules, "rules");
    this.json = Objects.requireNonNull(json, "json");
    this.threads = threads;
    this.chunkLines = chunkLines;
    this.maxChunks = maxChunks;
    this.err = err;
    this.progress = progress && err != null;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.permits = new Semaphore(maxChunks);
    this.ordered = new ArrayBlockingQueue<>(maxChunks + 1);
    this.work = new ArrayBlockingQueue<>(maxChunks + threads);
  }

  /**
   * Makes this run incremental ({@code evaluate --jsonl --previous --previous-output --state}): a
   * line whose request has the same digest as one {@code previous} decided, and whose previous
   * decision still holds on today's {@code asOf}, is carried (written as deciding it would write
   * it, without deciding it); every other line is decided as usual. The output is the same bytes
   * either way. {@code state} gets the {@link StateFile}: its header, a line per non-blank input
   * line in input order (where its result went in the output: offsets count the bytes this run
   * writes to its output, from 0), and the trailer once the run is done; it is flushed, not closed.
   * Call before {@link #run}.
   *
   * @param previous the previous run's decisions, or null to decide every line
   * @param state where this run's state goes, or null for none
   * @param fingerprint this run's {@link StateFile#fingerprint}, for the state's header
   */
  void incremental(@Nullable PreviousRun previous, @Nullable Writer state, String fingerprint)
      throws IOException {
    incremental(previous, state == null ? null : Sink.text(state, "\n", "the state"), fingerprint);
  }

  /** {@link #incremental(PreviousRun, Writer, String)} with the state written as bytes. */
  void incremental(@Nullable PreviousRun previous, @Nullable OutputStream state, String fingerprint)
      throws IOException {
    incremental(previous, state == null ? null : Sink.bytes(state, LF, "the state"), fingerprint);
  }

  private void incremental(@Nullable PreviousRun previous, @Nullable Sink state, String fingerprint)
      throws IOException {
    this.previous = previous;
    this.state = state;
    this.incremental = true;
    if (state != null) {
      state.write(StateFile.header(fingerprint).getBytes(StandardCharsets.US_ASCII));
      state.end();
    }
  }

  /** The most lines that can ever be in flight: {@code maxChunks * chunkLines}. */
  int bound() {
    return maxChunks * chunkLines;
  }

  /** The most lines that were in flight at once (read but not yet written) so far. */
  int highWaterLines() {
    return highWaterLines.get();
  }

  /** Lines the reader has taken from the input so far. */
  int linesRead() {
    return linesRead.get();
  }

  /** True while the reader waits for a chunk to be written before it reads on (backpressure). */
  boolean readerIsWaiting() {
    return permits.hasQueuedThreads();
  }

  /**
   * What a run did.
   *
   * @param lines input lines, blank ones included
   * @param decisions decision lines written
   * @param invalid error lines for invalid requests
   * @param internal error lines for internal errors
   * @param elapsedNanos wall-clock time of the run
   */
  record Summary(
      long lines,
      long decisions,
      long invalid,
      long internal,
      long elapsedNanos,
      boolean incremental,
      long carried,
      long due) {
    Summary(long lines, long decisions, long invalid, long internal, long elapsedNanos) {
      this(lines, decisions, invalid, internal, elapsedNanos, false, 0, 0);
    }

    /** Results not carried from a previous run: decisions made and error lines. */
    long redecided() {
      return decisions + errors() - carried;
    }

    /** 1 if any internal error, else 2 if any invalid line, else 0. */
    int exitCode() {
      return internal > 0 ? Main.INTERNAL_ERROR : invalid > 0 ? Main.INVALID_REQUEST : Main.DECIDED;
    }

    /** Error lines of both kinds. */
    long errors() {
      return invalid + internal;
    }

    /** The summary line for stderr. */
    String text() {
      double seconds = elapsedNanos / 1e9;
      String text =
          String.format(
              Locale.ROOT,
              "%d lines: %d decisions, %d errors (%d invalid, %d internal) in %.1f s, %,d lines/s",
              lines,
              decisions,
              errors(),
              invalid,
              internal,
              seconds,
              rate(lines, elapsedNanos));
      if (!incremental) {
        return text;
      }
      return text
          + String.format(
              Locale.ROOT,
              "; %d re-decided (%d changed, new or not carriable, %d due), %d carried",
              redecided(),
              redecided() - due,
              due,
              carried);
    }
  }

  /**
   * Reads every line of {@code in} and writes one result per non-blank line to {@code out}, in
   * input order. Neither stream is closed; {@code out} is flushed.
   *
   * @param lines when not null, given every non-blank input line, in input order, by the reader
   *     thread (the decision log pairs them with the results)
   * @throws IOException when the input cannot be read or the output cannot be written (a {@link
   *     PrintWriter} that reports {@link PrintWriter#checkError()} counts as such); what was
   *     written before stays written
   * @throws InterruptedException when the calling thread is interrupted
   */
  Summary run(InputStream in, Writer out, @Nullable Consumer<String> lines)
      throws IOException, InterruptedException {
    return run(in, Sink.text(out, NEWLINE, "the output"), lines);
  }

  /**
   * {@link #run(InputStream, Writer, Consumer)} writing bytes: each result is written to {@code
   * out} as the UTF-8 its worker made, with no copy or re-encoding ({@code out} is buffered here; a
   * {@link PrintStream} that reports {@link PrintStream#checkError()} counts as failed).
   */
  Summary run(InputStream in, OutputStream out, @Nullable Consumer<String> lines)
      throws IOException, InterruptedException {
    return run(in, Sink.bytes(out, NEWLINE_BYTES, "the output"), lines);
  }

  private Summary run(InputStream in, Sink out, @Nullable Consumer<String> lines)
      throws IOException, InterruptedException {
    long start = nanoTime.getAsLong();
    List<Thread> workers = new ArrayList<>(threads);
    for (int i = 1; i <= threads; i++) {
      Thread t = new Thread(this::work, "jsonl-worker-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    Thread reader = new Thread(() -> read(in, lines), "jsonl-reader");
    reader.setDaemon(true);
    workers.forEach(Thread::start);
    reader.start();
    try {
      Summary summary = write(out, start);
      Throwable failure = readFailure;
      if (failure instanceof IOException e) {
        throw e;
      } else if (failure != null) {
        throw new IllegalStateException("the reader failed", failure);
      }
      return summary;
    } finally {
      aborted = true;
      reader.interrupt();
      workers.forEach(Thread::interrupt);
      // in case a worker swallowed its interrupt: let it find an end marker
      work.clear();
      for (int i = 0; i < threads; i++) {
        work.offer(END);
      }
      for (Thread t : workers) {
        t.join(TimeUnit.SECONDS.toMillis(5));
      }
    }
  }

  // ------------------------------------------------------------------------------ reader

  private void read(InputStream in, @Nullable Consumer<String> seen) {
    JsonLineReader lines = new JsonLineReader(in);
    int number = 0;
    try {
      while (!aborted) {
        permits.acquire();
        Chunk chunk = new Chunk(number + 1, chunkLines);
        if (state != null) {
          chunk.states = new byte[chunkLines][];
          chunk.stateTails = new boolean[chunkLines];
        }
        while (chunk.size < chunkLines && readLine(lines, chunk, seen)) {
          number++;
          linesRead.incrementAndGet();
        }
        if (chunk.size == 0) {
          permits.release();
          break;
        }
        int now = inFlightLines.addAndGet(chunk.size);
        highWaterLines.accumulateAndGet(now, Math::max);
        ordered.put(chunk);
        work.put(chunk);
        if (chunk.size < chunkLines) {
          break;
        }
      }
    } catch (InterruptedException | InterruptedIOException e) {
      // aborted by the writer
    } catch (IOException | RuntimeException | Error e) {
      readFailure = e;
    } finally {
      // both queues have room for the markers: real chunks never exceed maxChunks
      ordered.offer(END);
      for (int i = 0; i < threads; i++) {
        work.offer(END);
      }
    }
  }

  /**
   * Adds the next line to {@code chunk}; false at the end of the input. The line is kept as its
   * bytes, not decoded: the worker reads the request from them ({@link
   * ContractJson#readRequest(byte[], int, int)}), and decodes only a line it reports as an error.
   */
  private boolean readLine(JsonLineReader lines, Chunk chunk, @Nullable Consumer<String> seen)
      throws IOException {
    byte[] bytes = lines.nextBytes();
    if (bytes == null) {
      return false;
    }
    chunk.utf8[chunk.size++] = bytes;
    if (seen != null) {
      String text = JsonLineReader.decode(bytes).text();
      if (!text.isBlank()) {
        seen.accept(text);
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------ workers

  private void work() {
    try {
      while (true) {
        Chunk chunk = work.take();
        if (chunk == END) {
          return;
        }
        try {
          for (int i = 0; i < chunk.size; i++) {
            if (incremental) {
              chunk.results[i] = incremental(chunk.first + i, chunk, i);
            } else {
              byte[] line = chunk.utf8[i];
              chunk.utf8[i] = null;
              chunk.results[i] =
                  JsonLineReader.isBlank(line)
                      ? null
                      : evaluate(line, chunk.first + i, chunk, i, null);
            }
          }
        } catch (Throwable t) { // an Error on one line: the writer stops the run
          chunk.failure = t;
        } finally {
          chunk.done.countDown();
        }
      }
    } catch (InterruptedException e) {
      // aborted by the writer
    }
  }

  /** The error line for a line that is not valid UTF-8: invalid JSON, so no requestId. */
  private byte[] notUtf8(int number, Chunk chunk, int index) {
    chunk.invalid++;
    error(chunk, index, null);
    return utf8(json.writeBatchErrors(null, number, List.of(JsonLineReader.notUtf8("line"))));
  }

  /**
   * The output line (or null for a blank line) for one input line of an incremental run, given as
   * its bytes: the previous decision carried to today when the line's {@link RequestDigest#ofUtf8}
   * finds one that still holds; otherwise the line decoded and decided. A carried line is never
   * decoded: it is the bytes of a line a previous run decided but for the values of requestId and
   * asOf, which the digest checks.
   */
  private byte @Nullable [] incremental(int number, Chunk chunk, int index) {
    byte[] utf8 = chunk.utf8[index];
    chunk.utf8[index] = null;
    RequestDigest key = RequestDigest.ofUtf8(utf8, json.limits());
    byte[] carried = carry(key, chunk, index);
    if (carried != null) {
      return carried;
    }
    return JsonLineReader.isBlank(utf8) ? null : evaluate(utf8, number, chunk, index, key);
  }

  /**
   * The previous decision of {@code key} carried to today, or null when there is none: the start of
   * its line; the writer copies the rest from where the previous line is ({@code chunk.tails}).
   */
  private byte @Nullable [] carry(@Nullable RequestDigest key, Chunk chunk, int index) {
    if (key == null || previous == null) {
      return null;
    }
    PreviousRun.Found found = previous.find(key.digest());
    if (found == null) {
      return null;
    }
    if (!found.holdsOn(key.asOf())) {
      chunk.due++;
      return null;
    }
    byte[] carried = found.head(key.requestId(), key.asOf(), json);
    if (chunk.tails == null) {
      chunk.tails = new PreviousRun.Found[chunk.results.length];
    }
    chunk.tails[index] = found;
    chunk.decisions++;
    chunk.carried++;
    decided(chunk, index, key.digest(), key.asOf(), found.nextChangeOn());
    return carried;
  }

  /**
   * The output line for one non-blank input line, given as its bytes; counts it in {@code chunk}
   * and, when the run writes its state, sets the line's state ({@code key}: the line's digest, or
   * null). The request is read from the bytes; the line is decoded only for an error line (a line
   * that is not valid UTF-8 gives its own error line).
   */
  private byte[] evaluate(
      byte[] utf8, int number, Chunk chunk, int index, @Nullable RequestDigest key) {
    String line = null;
    try {
      Request request = json.readRequest(utf8, 0, utf8.length);
      Decision decided = rules.decide(request);
      byte[] decision = json.writeDecisionUtf8(decided);
      chunk.decisions++;
      decided(
          chunk, index, key == null ? null : key.digest(), decided.asOf(), decided.nextChangeOn());
      return decision;
    } catch (InvalidRequestException e) {
      JsonLineReader.Line decoded = JsonLineReader.decode(utf8);
      if (!decoded.utf8()) {
        return notUtf8(number, chunk, index);
      }
      line = decoded.text();
      try {
        byte[] errors = utf8(json.writeBatchErrors(json.requestIdOf(line), number, e.errors()));
        chunk.invalid++;
        error(chunk, index, key);
        return errors;
      } catch (RuntimeException | StackOverflowError x) {
        error(chunk, index, key);
        return utf8(internal(line, number, chunk, x));
      }
    } catch (DecisionNotRecordedException e) {
      // fail closed: the line says the decision was not made, and counts as an internal error
      error(chunk, index, key);
      return utf8(notRecorded(text(line, utf8), number, chunk, e));
    } catch (RuntimeException | StackOverflowError e) {
      error(chunk, index, key);
      return utf8(internal(text(line, utf8), number, chunk, e));
    }
  }

  /** The line's text: {@code line} when decoded already, else {@code utf8} decoded. */
  private static String text(@Nullable String line, byte[] utf8) {
    return line != null ? line : JsonLineReader.decode(utf8).text();
  }

  /** The error line of a decision (or rejection) whose record the decision log could not write. */
  private String notRecorded(String line, int number, Chunk chunk, DecisionNotRecordedException e) {
    chunk.internal++;
    if (chunk.internalErrors == null) {
      chunk.internalErrors = new ArrayList<>();
    }
    if (chunk.internalErrors.size() < INTERNAL_ERRORS_SHOWN) {
      chunk.internalErrors.add("line " + number + ": " + e.getMessage());
    }
    String reason =
        "the decision could not be recorded in the decision log; it was not made (decision "
            + e.decisionId()
            + ")";
    try {
      return json.writeBatchErrors(
          json.requestIdOf(line), number, List.of(new RequestError("", null, reason)));
    } catch (RuntimeException | StackOverflowError x) {
      return "{\"requestId\":null,\"line\":"
          + number
          + ",\"errors\":[{\"pointer\":\"\",\"value\":null,\"reason\":\""
          + reason
          + "\"}]}";
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The state line of a decided (or carried) line: its start; the writer adds the position. */
  private static void decided(
      Chunk chunk,
      int index,
      @Nullable String digest,
      LocalDate asOf,
      @Nullable LocalDate nextChangeOn) {
    if (chunk.states != null && index >= 0) {
      chunk.states[index] = StateFile.decidedPrefix(digest, asOf, nextChangeOn);
      // the reader gives a chunk its stateTails with its states
      Objects.requireNonNull(chunk.stateTails, "stateTails")[index] = true;
    }
  }

  /** The state line of a line whose result is an error line. */
  private static void error(Chunk chunk, int index, @Nullable RequestDigest key) {
    if (chunk.states != null && index >= 0) {
      chunk.states[index] = StateFile.error(key);
      // the reader gives a chunk its stateTails with its states
      Objects.requireNonNull(chunk.stateTails, "stateTails")[index] = false;
    }
  }

  private String internal(String line, int number, Chunk chunk, Throwable e) {
    chunk.internal++;
    String reason = "internal error: " + e;
    if (chunk.internalErrors == null) {
      chunk.internalErrors = new ArrayList<>();
    }
    if (chunk.internalErrors.size() < INTERNAL_ERRORS_SHOWN) {
      chunk.internalErrors.add("line " + number + ": " + e);
    }
    try {
      return json.writeBatchErrors(
          json.requestIdOf(line), number, List.of(new RequestError("", null, reason)));
    } catch (RuntimeException | StackOverflowError x) {
      return "{\"requestId\":null,\"line\":"
          + number
          + ",\"errors\":[{\"pointer\":\"\",\"value\":null,\"reason\":\"internal error\"}]}";
    }
  }

  // ------------------------------------------------------------------------------ writer

  private Summary write(Sink out, long start) throws IOException, InterruptedException {
    long lines = 0;
    long decisions = 0;
    long invalid = 0;
    long internal = 0;
    long internalShown = 0;
    long carried = 0;
    long due = 0;
    long outputLines = 0;
    long lastProgress = start;
    while (true) {
      Chunk chunk = ordered.take();
      if (chunk == END) {
        break;
      }
      chunk.done.await();
      if (chunk.failure != null) {
        throw new IllegalStateException(
            "failed on lines " + chunk.first + "-" + (chunk.first + chunk.size - 1), chunk.failure);
      }
      for (int i = 0; i < chunk.size; i++) {
        byte[] result = chunk.results[i];
        if (result != null) {
          PreviousRun.Found tail = chunk.tails == null ? null : chunk.tails[i];
          // with a state, the reader gives every chunk its states and stateTails (read)
          if (state != null && Objects.requireNonNull(chunk.states, "states")[i] != null) {
            state.write(chunk.states[i]);
            if (Objects.requireNonNull(chunk.stateTails, "stateTails")[i]) {
              int length = result.length + (tail == null ? 0 : tail.tailLength());
              state.write(StateFile.position(out.written(), length));
            }
            state.end();
          }
          out.write(result);
          if (tail != null) {
            out.write(tail);
          }
          out.end();
          outputLines++;
        }
      }
      out.flush();
      lines += chunk.size;
      carried += chunk.carried;
      due += chunk.due;
      decisions += chunk.decisions;
      invalid += chunk.invalid;
      internal += chunk.internal;
      if (chunk.internalErrors != null && err != null) {
        for (String e : chunk.internalErrors) {
          if (internalShown++ < INTERNAL_ERRORS_SHOWN) {
            err.println("credit-rules: internal error on " + e);
          }
        }
        err.flush();
      }
      inFlightLines.addAndGet(-chunk.size);
      permits.release();
      if (progress && err != null) { // progress is only ever set with err
        long now = nanoTime.getAsLong();
        if (now - start >= PROGRESS_AFTER_NANOS && now - lastProgress >= PROGRESS_EVERY_NANOS) {
          lastProgress = now;
          err.println(
              String.format(
                  Locale.ROOT,
                  "processed %d lines, %,d/s, %d errors",
                  lines,
                  rate(lines, now - start),
                  invalid + internal));
          err.flush();
        }
      }
    }
    out.flush();
    if (state != null) {
      state.write(
          StateFile.trailer(out.written(), outputLines).getBytes(StandardCharsets.US_ASCII));
      state.end();
      state.flush();
    }
    return new Summary(
        lines,
        decisions,
        invalid,
        internal,
        nanoTime.getAsLong() - start,
        incremental,
        carried,
        due);
  }

  /**
   * Where the writer thread puts lines: bytes as they are, or text decoded from them. It counts the
   * UTF-8 bytes written (the same either way). Flushing also checks for an error a stream or writer
   * kept to itself.
   */
  private abstract static class Sink {
    private final int endBytes;
    private long written;

    Sink(String newline) {
      this.endBytes = newline.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The UTF-8 bytes written so far. */
    final long written() {
      return written;
    }

    final void write(byte[] bytes) throws IOException {
      put(bytes);
      written += bytes.length;
    }

    /** Writes the tail of a carried line (its start is written already). */
    final void write(PreviousRun.Found tail) throws IOException {
      putTail(tail);
      written += tail.tailLength();
    }

    /** Writes the line end. */
    final void end() throws IOException {
      putEnd();
      written += endBytes;
    }

    abstract void put(byte[] bytes) throws IOException;

    abstract void putTail(PreviousRun.Found tail) throws IOException;

    abstract void putEnd() throws IOException;

    abstract void flush() throws IOException;

    /** Bytes to {@code stream} through a buffer of 64 KB, into which tails are copied directly. */
    static Sink bytes(OutputStream stream, byte[] newline, String what) {
      Objects.requireNonNull(stream, "out");
      byte[] buffer = new byte[1 << 16];
      return new Sink(new String(newline, StandardCharsets.UTF_8)) {
        private int n;

        @Override
        void put(byte[] bytes) throws IOException {
          if (bytes.length > buffer.length - n) {
            drain();
            if (bytes.length >= buffer.length) {
              stream.write(bytes);
              return;
            }
          }
          System.arraycopy(bytes, 0, buffer, n, bytes.length);
          n += bytes.length;
        }

        @Override
        void putTail(PreviousRun.Found tail) throws IOException {
          int length = tail.tailLength();
          for (int from = 0; from < length; ) {
            if (n == buffer.length) {
              drain();
            }
            int k = Math.min(length - from, buffer.length - n);
            tail.copyTail(buffer, n, from, k);
            n += k;
            from += k;
          }
        }

        @Override
        void putEnd() throws IOException {
          put(newline);
        }

        private void drain() throws IOException {
          if (n > 0) {
            stream.write(buffer, 0, n);
            n = 0;
          }
        }

        @Override
        void flush() throws IOException {
          drain();
          stream.flush();
          if (stream instanceof PrintStream p && p.checkError()) {
            throw new IOException("cannot write " + what);
          }
        }
      };
    }

    static Sink text(Writer writer, String newline, String what) {
      Objects.requireNonNull(writer, "out");
      return new Sink(newline) {
        @Override
        void put(byte[] bytes) throws IOException {
          writer.write(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        void putTail(PreviousRun.Found tail) throws IOException {
          byte[] bytes = new byte[tail.tailLength()];
          tail.copyTail(bytes, 0, 0, bytes.length);
          put(bytes);
        }

        @Override
        void putEnd() throws IOException {
          writer.write(newline);
        }

        @Override
        void flush() throws IOException {
          writer.flush();
          if (writer instanceof PrintWriter p && p.checkError()) {
            throw new IOException("cannot write " + what);
          }
        }
      };
    }
  }

  private static long rate(long lines, long nanos) {
    return nanos <= 0 ? 0 : Math.round(lines * 1e9 / nanos);
  }

  /**
   * Consecutive input lines and, once a worker is done, their results. The reader fills {@code
   * lines}; one worker then owns the chunk until {@code done}; then only the writer reads it. The
   * latch orders these accesses.
   */
  static final class Chunk {
    /** The 1-based line number of {@code lines[0]}. */
    final int first;

    /**
     * Each line's result in UTF-8, without its line end (null for blank lines); for a carried line,
     * only its start, the rest being its {@code tails} entry.
     */
    final byte[][] results;

    final CountDownLatch done = new CountDownLatch(1);
    int size;

    /** The previous lines carried, whose tails follow their results; null when none. */
    PreviousRun.Found @Nullable [] tails;

    /** Each line's bytes without its line end, until a worker takes it. */
    final byte[][] utf8;

    /**
     * With {@code --state}: each line's state line in ASCII (null for blank lines), followed by
     * where its result goes in the output where {@code stateTails} says so (a decided or carried
     * line).
     */
    byte @Nullable [][] states;

    boolean @Nullable [] stateTails;
    int decisions;
    int carried;
    int due;
    int invalid;
    int internal;
    @Nullable List<String> internalErrors;
    @Nullable Throwable failure;

    Chunk(int first, int capacity) {
      this.first = first;
      this.utf8 = new byte[capacity][];
      this.results = new byte[capacity][];
    }
  }
}
