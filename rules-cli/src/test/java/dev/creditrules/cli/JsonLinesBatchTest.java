package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.RequestGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming batch of {@code evaluate --jsonl}: same bytes as the sequential loop whatever the
 * number of threads, bounded memory under a blocked consumer, error lines for invalid and failing
 * lines, progress and summary; and the request generator behind {@code generate}.
 */
class JsonLinesBatchTest {
  /** Reads and writes with the shipped packs' fact model; set with the engine. */
  static ContractJson JSON;

  static final ObjectMapper MAPPER = new ObjectMapper();
  static CreditRulesEngine engine;
  static ExecutorService executor;

  @BeforeAll
  static void compile() {
    engine = CreditRulesEngine.fromClasspath();
    JSON = new ContractJson(engine.model());
    executor = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  /** The sequential loop {@code evaluate --jsonl} had before the pipeline: the reference. */
  static String sequential(CreditRules rules, String input) throws IOException {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    BufferedReader reader = new BufferedReader(new StringReader(input));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Request request = JSON.readRequest(line);
        out.println(JSON.writeDecision(rules.decide(request)));
      } catch (InvalidRequestException e) {
        out.println(JSON.writeBatchErrors(JSON.requestIdOf(line), number, e.errors()));
      }
    }
    out.flush();
    return text.toString();
  }

  record Result(JsonLinesBatch.Summary summary, String out, String err) {}

  static Result run(JsonLinesBatch batch, String input, StringWriter err) throws Exception {
    StringWriter out = new StringWriter();
    JsonLinesBatch.Summary summary = batch.run(bytes(input), out, null);
    return new Result(summary, out.toString(), err.toString());
  }

  static InputStream bytes(String input) {
    return new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
  }

  static String generated(int count, int invalidEvery) {
    RequestGenerator generator = new RequestGenerator(engine.model(), 42, 10, invalidEvery);
    StringBuilder b = new StringBuilder();
    for (int n = 1; n <= count; n++) {
      b.append(generator.line(n)).append('\n');
      if (n % 500 == 0) {
        b.append("   \n\n"); // blank lines are skipped but counted
      }
    }
    return b.toString();
  }

  /** Rules that reject every request: the pipeline without the cost of the engine. */
  static final CreditRules REJECT_ALL =
      new CreditRules() {
        @Override
        public Decision decide(Request request) {
          throw new InvalidRequestException(List.of(new RequestError("/x", null, "stub")));
        }

        @Override
        public List<PackRef> packs() {
          return List.of();
        }

        @Override
        public FactModel model() {
          return engine.model();
        }
      };

  static String badLines(int count) {
    StringBuilder b = new StringBuilder();
    for (int n = 1; n <= count; n++) {
      b.append("{not json ").append(n).append("}\n");
    }
    return b.toString();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  // ------------------------------------------------------------------------------ the pipeline

  @Test
  void utf8ThatJacksonWouldReadIsStillRefusedAndUnicodeBlankLinesAreSkipped() throws Exception {
    String request =
        "{\"requestId\":\"%s\",\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\","
            + "\"type\":\"ENTERPRISE\",\"name\":\"北京某科技有限公司\"},\"facts\":[]}";
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    // 1, 2: an overlong '/' and an encoded surrogate inside a string, which a lenient decoder reads
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
      in.writeBytes("{\"requestId\":\"a".getBytes(StandardCharsets.UTF_8));
      in.writeBytes(bad);
      in.writeBytes(request.formatted("x").substring(15).getBytes(StandardCharsets.UTF_8));
      in.write('\n');
    }
    // 3, 4: blank lines of Unicode and ASCII whitespace (String.isBlank), then a request
    in.writeBytes("\u3000 \u2003\n\u000b\t\u001c \n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(request.formatted("中文").getBytes(StandardCharsets.UTF_8));
    in.write('\n');

    StringWriter out = new StringWriter();
    JsonLinesBatch.Summary summary =
        new JsonLinesBatch(engine, JSON, 2, null, false)
            .run(new ByteArrayInputStream(in.toByteArray()), out, null);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(3);
    for (int n = 1; n <= 2; n++) {
      assertThat(lines.get(n - 1))
          .isEqualTo(
              "{\"requestId\":null,\"line\":"
                  + n
                  + ",\"errors\":[{\"pointer\":\"\",\"value\":null,"
                  + "\"reason\":\"invalid JSON: the line is not valid UTF-8\"}]}");
    }
    assertThat(lines.get(2))
        .isEqualTo(JSON.writeDecision(engine.decide(JSON.readRequest(request.formatted("中文")))));
    assertThat(summary.lines()).isEqualTo(5);
    assertThat(summary.decisions()).isEqualTo(1);
    assertThat(summary.invalid()).isEqualTo(2);
  }

  @Test
  void aLineEndsAtLfOnlyAndIsStrictUtf8() throws Exception {
    String request =
        "{\"requestId\":\"%s\",\"asOf\":\"2026-11-22\",%s\"subject\":{\"id\":\"91110108MA01TAX03C\","
            + "\"type\":\"ENTERPRISE\"},\"facts\":[]}";
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    // 1: a CR inside the line is JSON whitespace, not a line break
    in.writeBytes(request.formatted("cr", "\r").getBytes(StandardCharsets.UTF_8));
    in.write('\n');
    // 2: CRLF ends a line like LF
    in.writeBytes(request.formatted("crlf", "").getBytes(StandardCharsets.UTF_8));
    in.writeBytes(new byte[] {'\r', '\n'});
    // 3: bytes that are not UTF-8 are an error, never silently replaced
    in.writeBytes("{\"requestId\":\"bad".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
    in.writeBytes(request.formatted("x", "").substring(15).getBytes(StandardCharsets.UTF_8));
    in.write('\n');
    // 4: still numbered 4, and decided; no LF at the end
    in.writeBytes(request.formatted("last", "").getBytes(StandardCharsets.UTF_8));

    StringWriter out = new StringWriter();
    JsonLinesBatch.Summary summary =
        new JsonLinesBatch(engine, JSON, 2, null, false)
            .run(new ByteArrayInputStream(in.toByteArray()), out, null);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(MAPPER.readTree(lines.get(0)).get("requestId").asText()).isEqualTo("cr");
    assertThat(MAPPER.readTree(lines.get(1)).get("requestId").asText()).isEqualTo("crlf");
    assertThat(lines.get(2))
        .isEqualTo(
            "{\"requestId\":null,\"line\":3,\"errors\":[{\"pointer\":\"\",\"value\":null,"
                + "\"reason\":\"invalid JSON: the line is not valid UTF-8\"}]}");
    assertThat(MAPPER.readTree(lines.get(3)).get("requestId").asText()).isEqualTo("last");
    assertThat(summary.lines()).isEqualTo(4);
    assertThat(summary.decisions()).isEqualTo(3);
    assertThat(summary.invalid()).isEqualTo(1);
  }

  @Test
  void givesTheSequentialBytesWithOneAndFourThreads() throws Exception {
    String input = generated(3000, 97);
    String expected = sequential(engine, input);
    assertThat(expected.lines().count()).isEqualTo(3000);

    for (int threads : new int[] {1, 4}) {
      JsonLinesBatch batch = new JsonLinesBatch(engine, JSON, threads, null, false);
      Result r = run(batch, input, new StringWriter());
      assertThat(r.out()).as("%d threads", threads).isEqualTo(expected);
      assertThat(r.summary().lines()).isEqualTo(3000 + 2 * 6);
      assertThat(r.summary().invalid()).isEqualTo(3000 / 97);
      assertThat(r.summary().decisions()).isEqualTo(3000 - 3000 / 97);
      assertThat(r.summary().internal()).isZero();
      assertThat(r.summary().exitCode()).isEqualTo(Main.INVALID_REQUEST);
      assertThat(batch.highWaterLines()).isLessThanOrEqualTo(batch.bound());
    }
    // tiny chunks and a tiny window: many hand-overs between reader, workers and writer
    JsonLinesBatch tiny = new JsonLinesBatch(engine, JSON, 4, 3, 2, null, false, System::nanoTime);
    assertThat(run(tiny, input, new StringWriter()).out()).isEqualTo(expected);
    assertThat(tiny.highWaterLines()).isLessThanOrEqualTo(6);
  }

  @Test
  void anInvalidLineGivesItsErrorLineAndTheRestGoOn() throws Exception {
    String good = new RequestGenerator(engine.model(), 3, 4, 0).line(1);
    String input = good + "\n\n{not json\n" + good.replace("\"id\":\"", "\"id\":\"X") + "\n" + good;
    Result r = run(new JsonLinesBatch(engine, JSON, 2, null, false), input, new StringWriter());
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(4);
    JsonNode notJson = MAPPER.readTree(lines[1]);
    assertThat(notJson.get("requestId").isNull()).isTrue();
    assertThat(notJson.get("line").asInt()).isEqualTo(3);
    assertThat(notJson.get("errors").get(0).get("reason").asText()).startsWith("invalid JSON");
    JsonNode badId = MAPPER.readTree(lines[2]);
    assertThat(badId.get("requestId").asText()).isEqualTo("gen-1");
    assertThat(badId.get("line").asInt()).isEqualTo(4);
    assertThat(lines[3]).isEqualTo(lines[0]);
    assertThat(r.summary().exitCode()).isEqualTo(Main.INVALID_REQUEST);
  }

  @Test
  void anUnexpectedExceptionBecomesAnErrorLineCountedApart() throws Exception {
    CreditRules failsOnGen5 =
        new CreditRules() {
          @Override
          public Decision decide(Request request) {
            if ("gen-5".equals(request.requestId())) {
              throw new IllegalStateException("boom");
            }
            return engine.decide(request);
          }

          @Override
          public List<PackRef> packs() {
            return engine.packs();
          }

          @Override
          public FactModel model() {
            return engine.model();
          }
        };
    String input = generated(20, 7);
    StringWriter err = new StringWriter();
    JsonLinesBatch batch = new JsonLinesBatch(failsOnGen5, JSON, 3, new PrintWriter(err), false);
    Result r = run(batch, input, err);

    List<String> expected = new ArrayList<>(sequential(engine, input).lines().toList());
    List<String> actual = r.out().lines().toList();
    assertThat(actual).hasSize(20);
    JsonNode internal = MAPPER.readTree(actual.get(4));
    assertThat(internal.get("requestId").asText()).isEqualTo("gen-5");
    assertThat(internal.get("line").asInt()).isEqualTo(5);
    assertThat(internal.get("errors").get(0).get("pointer").asText()).isEmpty();
    assertThat(internal.get("errors").get(0).get("reason").asText())
        .isEqualTo("internal error: java.lang.IllegalStateException: boom");
    expected.set(4, actual.get(4));
    assertThat(actual).isEqualTo(expected);
    assertThat(r.summary().internal()).isEqualTo(1);
    assertThat(r.summary().invalid()).isEqualTo(2);
    assertThat(r.summary().decisions()).isEqualTo(17);
    assertThat(r.summary().exitCode()).isEqualTo(Main.INTERNAL_ERROR);
    assertThat(r.err()).contains("internal error on line 5: java.lang.IllegalStateException: boom");
  }

  @Test
  void exitCodeIsOneForAnInternalErrorElseTwoForAnInvalidLineElseZero() {
    assertThat(new JsonLinesBatch.Summary(3, 1, 1, 1, 1).exitCode()).isEqualTo(1);
    assertThat(new JsonLinesBatch.Summary(3, 2, 1, 0, 1).exitCode()).isEqualTo(2);
    assertThat(new JsonLinesBatch.Summary(3, 3, 0, 0, 1).exitCode()).isZero();
    assertThat(new JsonLinesBatch.Summary(200_000, 199_000, 990, 10, 10_000_000_000L).text())
        .isEqualTo(
            "200000 lines: 199000 decisions, 1000 errors (990 invalid, 10 internal)"
                + " in 10.0 s, 20,000 lines/s");
  }

  // ------------------------------------------------------------------------------ memory

  /** A writer that blocks its first write until released. */
  static final class BlockingWriter extends Writer {
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean blocked;
    final StringBuilder text = new StringBuilder();

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      if (release.getCount() > 0) {
        blocked = true;
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
      text.append(buffer, offset, length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Counts the bytes taken from the underlying stream. */
  static final class CountingInput extends FilterInputStream {
    final AtomicLong taken = new AtomicLong();

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        taken.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        taken.addAndGet(n);
      }
      return n;
    }
  }

  @Test
  void aBlockedConsumerStopsTheWorkersAndTheReaderWithinTheBound() throws Exception {
    int count = 100_000;
    byte[] input = badLines(count).getBytes(StandardCharsets.UTF_8);
    CountingInput in = new CountingInput(new ByteArrayInputStream(input));
    BlockingWriter out = new BlockingWriter();
    JsonLinesBatch batch =
        new JsonLinesBatch(REJECT_ALL, JSON, 4, 16, 4, null, false, System::nanoTime);
    Future<JsonLinesBatch.Summary> done = executor.submit(() -> batch.run(in, out, null));

    // the writer is stuck on the first chunk: everything upstream must come to a stop
    await(() -> out.blocked && batch.readerIsWaiting(), "the reader to wait for the writer");
    assertThat(batch.bound()).isEqualTo(64);
    assertThat(batch.linesRead()).isLessThanOrEqualTo(64);
    assertThat(batch.highWaterLines()).isLessThanOrEqualTo(64);
    // what the reader took from the stream: the bound plus its buffers, not the input
    long buffers = (1 << 16) + 8192;
    assertThat(in.taken.get()).isLessThan(64L * 25 + buffers).isLessThan(input.length / 10);
    assertThat(done.isDone()).isFalse();

    out.release.countDown();
    JsonLinesBatch.Summary summary = done.get(60, TimeUnit.SECONDS);
    assertThat(summary.lines()).isEqualTo(count);
    assertThat(summary.invalid()).isEqualTo(count);
    assertThat(batch.highWaterLines()).isLessThanOrEqualTo(64);
    List<String> lines = out.text.toString().lines().toList();
    assertThat(lines).hasSize(count);
    for (int n : new int[] {1, 2, 17, 64, 65, 50_000, count}) {
      assertThat(MAPPER.readTree(lines.get(n - 1)).get("line").asInt()).isEqualTo(n);
    }
  }

  @Test
  void theDefaultWindowIsAFewThousandLines() {
    assertThat(new JsonLinesBatch(REJECT_ALL, JSON, 2, null, false).bound()).isEqualTo(6 * 256);
    assertThat(new JsonLinesBatch(REJECT_ALL, JSON, 8, null, false).bound()).isEqualTo(18 * 256);
  }

  @Test
  void aFailingOutputStopsTheRunWithAnIoException() throws Exception {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("broken pipe");
          }
        };
    PrintWriter out = new PrintWriter(new OutputStreamWriter(broken, StandardCharsets.UTF_8));
    JsonLinesBatch batch =
        new JsonLinesBatch(REJECT_ALL, JSON, 2, 8, 2, null, false, System::nanoTime);
    Future<?> done = executor.submit(() -> batch.run(bytes(badLines(10_000)), out, null));
    assertThatThrownBy(() -> done.get(60, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("cannot write the output");
    assertThat(batch.linesRead()).isLessThan(10_000);
  }

  // ------------------------------------------------------------------------------ stderr

  @Test
  void progressComesAfterFiveSecondsThenEveryTwoAndQuietHasNone() throws Exception {
    AtomicLong clock = new AtomicLong();
    // each reading of the clock (start, once per chunk, end) is one second later
    StringWriter err = new StringWriter();
    JsonLinesBatch batch =
        new JsonLinesBatch(
            REJECT_ALL,
            JSON,
            2,
            10,
            3,
            new PrintWriter(err),
            true,
            () -> clock.getAndAdd(1_000_000_000L));
    Result r = run(batch, badLines(100), err);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "processed 50 lines, 10/s, 50 errors",
            "processed 70 lines, 10/s, 70 errors",
            "processed 90 lines, 10/s, 90 errors");
    assertThat(r.summary().elapsedNanos()).isEqualTo(11_000_000_000L);

    StringWriter quiet = new StringWriter();
    JsonLinesBatch q =
        new JsonLinesBatch(
            REJECT_ALL,
            JSON,
            2,
            10,
            3,
            new PrintWriter(quiet),
            false,
            () -> clock.getAndAdd(1_000_000_000L));
    assertThat(run(q, badLines(100), quiet).err()).isEmpty();
  }

  @Test
  void theCommandWritesOnlyJsonLinesOnStdoutAndTheSummaryOnStderr(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("requests.jsonl");
    MainTest.Run gen =
        MainTest.run(
            "", "generate", "--count", "60", "--invalid-every", "20", "--out", file.toString());
    assertThat(gen.code()).as(gen.err()).isZero();
    String input = Files.readString(file);
    assertThat(input.lines()).hasSize(60);

    MainTest.Run r = MainTest.run("", "evaluate", "--jsonl", "--threads", "3", file.toString());
    assertThat(r.code()).isEqualTo(Main.INVALID_REQUEST);
    assertThat(r.out()).isEqualTo(sequential(engine, input));
    // a run slower than the progress interval (a busy machine) also prints progress lines before it
    List<String> err = r.err().strip().lines().toList();
    assertThat(err.subList(0, err.size() - 1))
        .allMatch(l -> l.matches("processed [0-9]+ lines, [0-9,]+/s, [0-9]+ errors"));
    assertThat(err.get(err.size() - 1))
        .matches(
            "credit-rules: 60 lines: 57 decisions, 3 errors \\(3 invalid, 0 internal\\)"
                + " in [0-9.]+ s, [0-9,]+ lines/s");

    MainTest.Run zero = MainTest.run("", "evaluate", "--jsonl", "--threads", "0", file.toString());
    assertThat(zero.code()).isEqualTo(Main.INTERNAL_ERROR);
    assertThat(zero.err()).contains("--threads must be 1 or more");
  }

  // ------------------------------------------------------------------------------ generator

  @Test
  void generatedRequestsAreValidAndCoverTheSectors() {
    Set<String> types = new HashSet<>();
    Set<String> subjectTypes = new HashSet<>();
    for (int facts : new int[] {10, 0, 1, 3, 4, 25}) {
      RequestGenerator generator = new RequestGenerator(engine.model(), facts, facts, 0);
      int count = facts == 10 ? 5000 : 300;
      for (int n = 1; n <= count; n++) {
        String line = generator.line(n);
        Request request;
        try {
          request = JSON.readRequest(line);
        } catch (InvalidRequestException e) {
          throw new AssertionError("line " + n + " is invalid: " + e.errors() + "\n" + line, e);
        }
        assertThat(RequestValidator.validate(request, engine.model())).as(line).isEmpty();
        assertThat(request.facts()).as(line).hasSize(facts);
        for (Fact fact : request.facts()) {
          types.add(fact.type());
        }
        subjectTypes.add(request.subject().type().name());
        if (facts == 10) {
          assertThat(request.facts().stream().map(f -> f.type()).distinct().count())
              .as(line)
              .isGreaterThanOrEqualTo(3);
        }
      }
    }
    // every declared type, every subject type
    assertThat(types).containsExactlyInAnyOrderElementsOf(engine.model().typeNames());
    assertThat(subjectTypes).hasSize(SubjectType.values().length);
  }

  @Test
  void generatedRequestsAreDecidedWithoutError() {
    RequestGenerator generator = new RequestGenerator(engine.model(), 5, 10, 0);
    for (int n = 1; n <= 300; n++) {
      Decision decision = engine.decide(JSON.readRequest(generator.line(n)));
      assertThat(decision.requestId()).isEqualTo("gen-" + n);
    }
  }

  @Test
  void theGeneratorIsDeterministicForASeed() {
    RequestGenerator a = new RequestGenerator(engine.model(), 9, 10, 5);
    RequestGenerator b = new RequestGenerator(engine.model(), 9, 10, 5);
    RequestGenerator other = new RequestGenerator(engine.model(), 10, 10, 5);
    for (int n = 1; n <= 200; n++) {
      assertThat(a.line(n)).isEqualTo(b.line(n)).isNotEqualTo(other.line(n));
    }
  }

  @Test
  void everyKthLineIsInvalidInThreeWays() {
    RequestGenerator generator = new RequestGenerator(engine.model(), 1, 10, 4);
    Set<String> pointers = new HashSet<>();
    for (int n = 1; n <= 120; n++) {
      String line = generator.line(n);
      if (n % 4 != 0) {
        JSON.readRequest(line);
        continue;
      }
      assertThat(generator.isInvalid(n)).isTrue();
      try {
        JSON.readRequest(line);
        throw new AssertionError("line " + n + " should be invalid: " + line);
      } catch (InvalidRequestException e) {
        assertThat(e.errors()).hasSize(1);
        pointers.add(e.errors().get(0).pointer());
      }
    }
    assertThat(pointers).containsExactlyInAnyOrder("", "/subject/id", "/asOf");
  }

  @Test
  void generateWritesTheSameFileForTheSameSeed(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    assertThat(
            MainTest.run("", "generate", "--count", "50", "--seed", "7", "--out", a.toString())
                .code())
        .isZero();
    MainTest.Run toStdout =
        MainTest.run("", "generate", "--count", "50", "--seed", "7", "--out", "-");
    assertThat(toStdout.code()).isZero();
    Files.writeString(b, toStdout.out());
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readString(a)).endsWith("\n").doesNotContain("\r");
  }
}
