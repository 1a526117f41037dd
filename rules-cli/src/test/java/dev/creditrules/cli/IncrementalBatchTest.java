package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.RequestDigest;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.Nights;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 3: {@code evaluate --jsonl --previous} re-decides only what changed or came due
 * and writes exactly the bytes deciding everyone writes, night after night.
 */
class IncrementalBatchTest {
  private static CreditRulesEngine engine;
  private static ContractJson json;
  private static String fingerprint;

  @BeforeAll
  static void compile() {
    engine = CreditRulesEngine.fromClasspath();
    json = new ContractJson(engine.model());
    fingerprint = RequestDigest.setup(engine.packs(), json.limits());
  }

  private static String full(String input) throws Exception {
    StringWriter out = new StringWriter();
    new JsonLinesBatch(engine, json, 2, null, false)
        .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString();
  }

  /**
   * One night with {@code --state}, and {@code --previous} when {@code previous} is not null; the
   * output goes to {@code out} and to {@code output}, the file the next night reads.
   */
  private static JsonLinesBatch.Summary incremental(
      String input, Path previous, Path previousOutput, Path state, Path output, StringWriter out)
      throws Exception {
    JsonLinesBatch.Summary summary;
    try (Writer stateOut = Files.newBufferedWriter(state, StandardCharsets.UTF_8);
        PreviousRun before =
            previous == null ? null : PreviousRun.open(previous, previousOutput, fingerprint)) {
      JsonLinesBatch batch = new JsonLinesBatch(engine, json, 2, null, false);
      batch.incremental(before, stateOut, fingerprint);
      summary =
          batch.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
    }
    Files.writeString(output, out.toString());
    return summary;
  }

  @Test
  void aMonthOfNightlyRunsGivesTheFullRunsBytesEveryNight(@TempDir Path dir) throws Exception {
    Nights nights = new Nights(engine.model(), 13, 2_000, LocalDate.of(2026, 3, 1), 0.01);
    Path previous = null;
    Path previousOutput = null;
    long carried = 0;
    long due = 0;
    long lines = 0;
    for (int night = 0; night <= 30; night++) {
      String input = nights.next();
      Path state = dir.resolve("state-" + night + ".tsv");
      Path output = dir.resolve("output-" + night + ".jsonl");
      StringWriter out = new StringWriter();
      JsonLinesBatch.Summary summary =
          incremental(input, previous, previousOutput, state, output, out);
      assertThat(out.toString()).as("night %d", night).isEqualTo(full(input));
      if (night == 0) {
        assertThat(summary.carried()).isZero();
      } else {
        carried += summary.carried();
        due += summary.due();
        lines += summary.decisions() + summary.errors();
        assertThat(summary.redecided())
            .as("night %d re-decides the changed, the due and the errors only", night)
            .isLessThan(summary.decisions() / 10);
      }
      if (previous != null) {
        Files.delete(previous);
        Files.delete(previousOutput);
      }
      previous = state;
      previousOutput = output;
    }
    assertThat(carried).as("carried over the month").isGreaterThan(lines * 9 / 10);
    assertThat(due).as("decisions whose nextChangeOn came during the month").isPositive();
  }

  @Test
  void linesKeptAsBytesGiveWhatDecidingEveryoneGives(@TempDir Path dir) throws Exception {
    String[] lines =
        new Nights(engine.model(), 3, 2, LocalDate.of(2026, 3, 1), 0).next().split("\n");
    java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
    input.writeBytes((lines[0] + "\r\n").getBytes(StandardCharsets.UTF_8)); // CR LF
    input.writeBytes("\u3000 \n\n".getBytes(StandardCharsets.UTF_8)); // blank, as text says
    byte[] badId =
        lines[1].replaceFirst("\"night-0-2\"", "\"night-0-2?\"").getBytes(StandardCharsets.UTF_8);
    badId[lines[1].indexOf("night-0-2") + 9] = (byte) 0xC0; // not UTF-8, in the requestId
    input.writeBytes(badId);
    input.write('\n');
    byte[] badFact = lines[1].getBytes(StandardCharsets.UTF_8);
    badFact[badFact.length - 4] = (byte) 0xFF; // not UTF-8, in the facts
    input.writeBytes(badFact);
    input.write('\n');
    input.writeBytes(lines[1].getBytes(StandardCharsets.UTF_8));
    byte[] bytes = input.toByteArray();

    java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
    new JsonLinesBatch(engine, json, 2, null, false)
        .run(new ByteArrayInputStream(bytes), full, null);
    Path state = dir.resolve("state");
    Path output = dir.resolve("output");
    Path again = dir.resolve("again");
    JsonLinesBatch.Summary summary = null;
    for (Path[] night : new Path[][] {{null, state}, {state, again}}) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.io.OutputStream stateOut = Files.newOutputStream(night[1]);
          PreviousRun before =
              night[0] == null ? null : PreviousRun.open(night[0], output, fingerprint)) {
        JsonLinesBatch batch = new JsonLinesBatch(engine, json, 2, null, false);
        batch.incremental(before, stateOut, fingerprint);
        summary = batch.run(new ByteArrayInputStream(bytes), out, null);
      }
      assertThat(out.toByteArray()).isEqualTo(full.toByteArray());
      if (night[0] == null) {
        Files.write(output, out.toByteArray());
      }
    }
    assertThat(summary.carried()).isEqualTo(2);
    assertThat(summary.invalid()).isEqualTo(2);
  }

  @Test
  void aCarriedDecisionIsTheDecisionWithTodaysIdAndAsOf() {
    Request request =
        json.readRequest(
            new Nights(engine.model(), 5, 1, LocalDate.of(2026, 3, 1), 0).next().strip());
    Decision decision = engine.decide(request);
    PreviousRun.Found found =
        new PreviousRun.Found(
            decision.asOf(), decision.nextChangeOn(), json.writeDecision(decision));
    LocalDate day = decision.asOf().plusDays(1);
    for (String id : new String[] {null, "", "a\"b\\c", "\u0001\t\n", "税务-\uD83D\uDE00", "</x>"}) {
      assertThat(found.carriedTo(id, day, json))
          .as("requestId %s", id)
          .isEqualTo(json.writeDecision(decision.asOf(id, day)));
    }
  }

  @Test
  void theDigestLeavesOutRequestIdAndAsOfOnly() {
    var limits = json.limits();
    String a =
        "{\"requestId\":\"x\",\"asOf\":\"2026-03-01\",\"subject\":{\"id\":\"A\"},\"facts\":[]}";
    String b = "{ \"subject\" : {\"id\":\"\\u0041\"}, \"facts\":[ ], \"asOf\":\"2026-03-09\"}";
    RequestDigest da = RequestDigest.of(a, limits);
    RequestDigest db = RequestDigest.of(b, limits);
    assertThat(da.digest()).isEqualTo(db.digest());
    assertThat(da.requestId()).isEqualTo("x");
    assertThat(db.requestId()).isNull();
    assertThat(db.asOf()).isEqualTo(LocalDate.of(2026, 3, 9));
    // a fact's value, the number as written, the order of members: another request
    assertThat(RequestDigest.of(a.replace("[]", "[1.0]"), limits).digest())
        .isNotEqualTo(RequestDigest.of(a.replace("[]", "[1.00]"), limits).digest())
        .isNotEqualTo(da.digest());
    for (String line : neverCarried(a)) {
      assertThat(RequestDigest.of(line, limits)).as(line).isNull();
    }
  }

  /**
   * Lines no digest lets be carried, whatever the previous run says, made from {@code a} (a line
   * that starts with {@code {"requestId":"x","asOf":"2026-03-01"}): no asOf, a bad date, a
   * requestId that is not a string, twice the same key, not one object, trailing text.
   */
  private static List<String> neverCarried(String a) {
    return List.of(
        "{\"subject\":{}}",
        a.replace("2026-03-01", "2026-02-30"),
        a.replace("2026-03-01", "2026-3-01"),
        a.replace("\"x\"", "7"),
        a.replace("\"requestId\":\"x\",", "\"requestId\":\"x\",\"requestId\":\"y\","),
        a.replace("{\"requestId\"", "[{\"requestId\"") + "]",
        a + " {}",
        a.substring(0, 30));
  }

  @Test
  void theBytesDigestLeavesOutTheValuesOfRequestIdAndAsOfOnly() {
    var limits = json.limits();
    String a =
        "{\"requestId\":\"x\",\"asOf\":\"2026-03-01\",\"subject\":{\"id\":\"A\",\"asOf\":1},"
            + "\"facts\":[{\"requestId\":\"in a fact\",\"s\":\"}\\\"{\"}]}";
    RequestDigest da = digest(a);
    assertThat(da.requestId()).isEqualTo("x");
    assertThat(da.asOf()).isEqualTo(LocalDate.of(2026, 3, 1));
    // another id (longer, escaped, null) and another day: the same digest
    for (String other :
        List.of(
            a.replace("\"x\"", "\"night-10-123456\"").replace("03-01", "03-02"),
            a.replace("\"x\"", "\"\\u0041\\\"\""),
            a.replace("\"x\"", "null"))) {
      assertThat(digest(other).digest()).as(other).isEqualTo(da.digest());
    }
    assertThat(digest(a.replace("\"x\"", "\"\\u0041\\\"\"")).requestId()).isEqualTo("A\"");
    assertThat(digest(a.replace("\"x\"", "null")).requestId()).isNull();
    // anything else written otherwise is another request (re-decided, never carried wrongly):
    // a value in a fact, a nested asOf, whitespace, the member order, no requestId
    for (String other :
        List.of(
            a.replace("in a fact", "in a fact!"),
            a.replace("\"asOf\":1", "\"asOf\":2"),
            a.replace("\"subject\":", "\"subject\": "),
            "{\"asOf\":\"2026-03-01\",\"requestId\":\"x\"," + a.substring(a.indexOf("\"subject")),
            a.replace("\"requestId\":\"x\",", ""),
            a.replace("\"requestId\":\"x\",", "\"requestId\":\"x\", "))) {
      RequestDigest d = digest(other);
      assertThat(d).as(other).isNotNull();
      assertThat(d.digest()).as(other).isNotEqualTo(da.digest());
    }
    // never carried: as RequestDigest.of, and a bad literal, a raw tab, a member name written
    // with escapes, a line over the size limit
    List<String> lines = new java.util.ArrayList<>(neverCarried(a));
    lines.addAll(
        List.of(
            a.replace("\"x\"", "nul1"),
            a.replace("\"x\"", "\"a\tb\""),
            a.replace("\"asOf\":\"2026", "\"as\\u004ff\":\"2026"),
            "x".repeat(limits.maxRequestBytes() + 1)));
    for (String line : lines) {
      assertThat(digest(line)).as(line).isNull();
    }
    // a requestId that is not valid UTF-8 (the line is not decoded before it is carried)
    byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
    bytes[a.indexOf("\"x\"") + 1] = (byte) 0xC0;
    assertThat(RequestDigest.ofUtf8(bytes, limits)).isNull();
  }

  private static RequestDigest digest(String line) {
    return RequestDigest.ofUtf8(line.getBytes(StandardCharsets.UTF_8), json.limits());
  }

  /** Two nights of {@code subjects} (2% changed) as the files day1.jsonl and day2.jsonl. */
  private static Path[] twoNights(Path dir, long seed, int subjects, LocalDate first)
      throws java.io.IOException {
    Nights nights = new Nights(engine.model(), seed, subjects, first, 0.02);
    Path day1 = dir.resolve("day1.jsonl");
    Path day2 = dir.resolve("day2.jsonl");
    Files.writeString(day1, nights.next());
    Files.writeString(day2, nights.next());
    return new Path[] {day1, day2};
  }

  @Test
  void theCommandCarriesAndSaysHowMany(@TempDir Path dir) throws Exception {
    Path[] days = twoNights(dir, 7, 300, LocalDate.of(2026, 5, 1));
    Path day1 = days[0];
    Path day2 = days[1];
    Path state1 = dir.resolve("state1");
    Path state2 = dir.resolve("state2");
    Path out1 = dir.resolve("out1.jsonl");
    Path out2 = dir.resolve("out2.jsonl");

    Run first =
        run("evaluate", "--jsonl", "--quiet", "--state", state1.toString(), day1.toString());
    Files.writeString(out1, first.out);
    assertThat(first.err).contains("0 carried");
    List<String> state = Files.readAllLines(state1);
    assertThat(state.get(0)).isEqualTo(StateFile.header(fingerprint));
    // the state does not repeat the decisions: digests, dates and positions only
    assertThat(Files.size(state1)).isLessThan(Files.size(out1) / 10);
    assertThat(state.get(state.size() - 1))
        .isEqualTo(StateFile.trailer(Files.size(out1), first.out.lines().count()));

    Run full = run("evaluate", "--jsonl", "--quiet", day2.toString());
    Run next =
        run(
            "evaluate",
            "--jsonl",
            "--quiet",
            "--previous",
            state1.toString(),
            "--previous-output",
            out1.toString(),
            "--state",
            state2.toString(),
            day2.toString());
    Files.writeString(out2, next.out);
    assertThat(next.code).isEqualTo(full.code);
    assertThat(next.out).isEqualTo(full.out);
    assertThat(next.err)
        .containsPattern(
            "; [0-9]+ re-decided \\([0-9]+ changed, new or not carriable, [0-9]+ due\\), 2[0-9]{2} carried");
    // the state of a carried run carries again, from its own output
    Run again =
        run(
            "evaluate",
            "--jsonl",
            "--quiet",
            "--previous",
            state2.toString(),
            "--previous-output",
            out2.toString(),
            day2.toString());
    assertThat(again.out).isEqualTo(full.out);
    assertThat(again.err).containsPattern(", 2[0-9]{2} carried");

    // a state written with other packs or limits: every line decided, and said so
    Run other =
        run(
            "evaluate",
            "--jsonl",
            "--quiet",
            "--max-facts",
            "999",
            "--previous",
            state1.toString(),
            "--previous-output",
            out1.toString(),
            day2.toString());
    assertThat(other.out).isEqualTo(full.out);
    assertThat(other.err).contains("was written with other packs or limits").contains(" 0 carried");
  }

  @Test
  void anOutputThatIsNotTheOneIndexedIsRefusedAndALineNotWhereTheStateSaysIsDecided(
      @TempDir Path dir) throws Exception {
    Path[] days = twoNights(dir, 9, 200, LocalDate.of(2026, 6, 1));
    Path day1 = days[0];
    Path day2 = days[1];
    Path state1 = dir.resolve("state1");
    Path out1 = dir.resolve("out1.jsonl");
    Run first =
        run("evaluate", "--jsonl", "--quiet", "--state", state1.toString(), day1.toString());
    Files.writeString(out1, first.out);
    Run full = run("evaluate", "--jsonl", "--quiet", day2.toString());

    // the output appended to (>> instead of >): refused, naming both files and their sizes
    Path appended = dir.resolve("appended.jsonl");
    Files.writeString(appended, first.out + first.out);
    Run refused =
        run(
            "evaluate",
            "--jsonl",
            "--quiet",
            "--previous",
            state1.toString(),
            "--previous-output",
            appended.toString(),
            day2.toString());
    assertThat(refused.code).isEqualTo(1);
    assertThat(refused.out).isEmpty();
    assertThat(refused.err)
        .contains(appended + " is " + Files.size(appended) + " bytes, but " + state1)
        .contains("indexes an output of " + Files.size(out1) + " bytes")
        .contains("not appended to with >>");

    // a state cut short (no trailer): refused
    Path cut = dir.resolve("cut");
    byte[] bytes = Files.readAllBytes(state1);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(
            run(
                    "evaluate",
                    "--jsonl",
                    "--quiet",
                    "--previous",
                    cut.toString(),
                    "--previous-output",
                    out1.toString(),
                    day2.toString())
                .err)
        .contains(cut + " does not end with its '#end' line: it was cut short");

    // the output edited in place (same size): lines that no longer start where the state says
    // are decided, not carried, and the output is still the full run's
    String edited = first.out.replace("{\"requestId\":\"night-0-1", " \"requestId\":\"night-0-1");
    assertThat(edited).isNotEqualTo(first.out).hasSameSizeAs(first.out);
    Path out1Edited = dir.resolve("edited.jsonl");
    Files.writeString(out1Edited, edited);
    Run next =
        run(
            "evaluate",
            "--jsonl",
            "--quiet",
            "--previous",
            state1.toString(),
            "--previous-output",
            out1Edited.toString(),
            day2.toString());
    assertThat(next.out).isEqualTo(full.out);
    Run clean =
        run(
            "evaluate",
            "--jsonl",
            "--quiet",
            "--previous",
            state1.toString(),
            "--previous-output",
            out1.toString(),
            day2.toString());
    assertThat(carried(next.err)).isPositive().isLessThan(carried(clean.err));
  }

  private static long carried(String summary) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]+) carried").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void misuseIsRefusedClearly(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "\n");
    Path notState = dir.resolve("not-state");
    Files.writeString(notState, "{\"requestId\":null}\n");
    Path output = dir.resolve("out.jsonl");
    Files.writeString(output, "");
    assertThat(run("evaluate", "--previous", notState.toString(), input.toString()).err)
        .contains("--previous and --state need --jsonl");
    assertThat(run("evaluate", "--jsonl", "--previous", notState.toString(), input.toString()).err)
        .contains("--previous and --previous-output go together");
    Run bad =
        run(
            "evaluate",
            "--jsonl",
            "--previous",
            notState.toString(),
            "--previous-output",
            output.toString(),
            input.toString());
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.err).contains("is not a credit-rules state file: line 1");
    // a state of the first format, which repeated the decisions: run once in full
    Path old = dir.resolve("old-state");
    Files.writeString(old, StateFile.MAGIC_1 + "\t" + fingerprint + "\n");
    Run first =
        run(
            "evaluate",
            "--jsonl",
            "--previous",
            old.toString(),
            "--previous-output",
            output.toString(),
            input.toString());
    assertThat(first.code).isEqualTo(1);
    assertThat(first.err)
        .contains(old + " is a state file of an earlier credit-rules (#credit-rules-state/1")
        .contains("run once in full with --state");
    Path log = dir.resolve("log.jsonl");
    assertThat(
            run(
                    "evaluate",
                    "--jsonl",
                    "--log",
                    log.toString(),
                    "--previous",
                    notState.toString(),
                    "--previous-output",
                    output.toString(),
                    input.toString())
                .err)
        .contains("--previous does not go with --log");
    for (Path same : new Path[] {notState, output}) {
      assertThat(
              run(
                      "evaluate",
                      "--jsonl",
                      "--previous",
                      notState.toString(),
                      "--previous-output",
                      output.toString(),
                      "--state",
                      same.toString(),
                      input.toString())
                  .err)
          .contains("--state must not be the --previous or --previous-output file");
    }
  }

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), out, err);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
