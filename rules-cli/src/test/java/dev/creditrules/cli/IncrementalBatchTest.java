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
    fingerprint = StateFile.fingerprint(engine.packs(), json.limits());
  }

  private static String full(String input) throws Exception {
    StringWriter out = new StringWriter();
    new JsonLinesBatch(engine, json, 2, null, false)
        .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString();
  }

  private static JsonLinesBatch.Summary incremental(
      String input, Path previous, Path state, StringWriter out) throws Exception {
    try (Writer stateOut = Files.newBufferedWriter(state, StandardCharsets.UTF_8);
        PreviousRun before = previous == null ? null : PreviousRun.open(previous, fingerprint)) {
      stateOut.write(StateFile.header(fingerprint) + "\n");
      JsonLinesBatch batch = new JsonLinesBatch(engine, json, 2, null, false);
      batch.incremental(before, stateOut);
      return batch.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
    }
  }

  @Test
  void aMonthOfNightlyRunsGivesTheFullRunsBytesEveryNight(@TempDir Path dir) throws Exception {
    Nights nights = new Nights(engine.model(), 13, 2_000, LocalDate.of(2026, 3, 1), 0.01);
    Path previous = null;
    long carried = 0;
    long due = 0;
    long lines = 0;
    for (int night = 0; night <= 30; night++) {
      String input = nights.next();
      Path state = dir.resolve("state-" + night + ".tsv");
      StringWriter out = new StringWriter();
      JsonLinesBatch.Summary summary = incremental(input, previous, state, out);
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
      }
      previous = state;
    }
    assertThat(carried).as("carried over the month").isGreaterThan(lines * 9 / 10);
    assertThat(due).as("decisions whose nextChangeOn came during the month").isPositive();
  }

  @Test
  void aCarriedDecisionIsTheDecisionWithTodaysIdAndAsOf() {
    Request request =
        json.readRequest(new Nights(engine.model(), 5, 1, LocalDate.of(2026, 3, 1), 0).next().strip());
    Decision decision = engine.decide(request);
    PreviousRun.Found found =
        new PreviousRun.Found(decision.asOf(), decision.nextChangeOn(), json.writeDecision(decision));
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
    String a = "{\"requestId\":\"x\",\"asOf\":\"2026-03-01\",\"subject\":{\"id\":\"A\"},\"facts\":[]}";
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
    // never carried: no asOf, a bad date, a requestId that is not a string, twice the same key,
    // not one object, trailing text
    for (String line :
        List.of(
            "{\"subject\":{}}",
            a.replace("2026-03-01", "2026-02-30"),
            a.replace("2026-03-01", "2026-3-01"),
            a.replace("\"x\"", "7"),
            a.replace("\"requestId\":\"x\",", "\"requestId\":\"x\",\"requestId\":\"y\","),
            a.replace("{\"requestId\"", "[{\"requestId\"") + "]",
            a + " {}",
            a.substring(0, 30))) {
      assertThat(RequestDigest.of(line, limits)).as(line).isNull();
    }
  }

  @Test
  void theCommandCarriesAndSaysHowMany(@TempDir Path dir) throws Exception {
    Nights nights = new Nights(engine.model(), 7, 300, LocalDate.of(2026, 5, 1), 0.02);
    Path day1 = dir.resolve("day1.jsonl");
    Path day2 = dir.resolve("day2.jsonl");
    Files.writeString(day1, nights.next());
    Files.writeString(day2, nights.next());
    Path state1 = dir.resolve("state1");
    Path state2 = dir.resolve("state2");

    Run first = run("evaluate", "--jsonl", "--quiet", "--state", state1.toString(), day1.toString());
    assertThat(first.err).contains("0 carried");
    assertThat(Files.readAllLines(state1).get(0)).isEqualTo(StateFile.header(fingerprint));

    Run full = run("evaluate", "--jsonl", "--quiet", day2.toString());
    Run next =
        run(
            "evaluate", "--jsonl", "--quiet", "--previous", state1.toString(),
            "--state", state2.toString(), day2.toString());
    assertThat(next.code).isEqualTo(full.code);
    assertThat(next.out).isEqualTo(full.out);
    assertThat(next.err).containsPattern("; [0-9]+ re-decided \\([0-9]+ changed, new or not carriable, [0-9]+ due\\), 2[0-9]{2} carried");
    // the state of a carried run carries again
    Run again =
        run("evaluate", "--jsonl", "--quiet", "--previous", state2.toString(), day2.toString());
    assertThat(again.out).isEqualTo(full.out);

    // a state written with other packs or limits: every line decided, and said so
    Run other =
        run(
            "evaluate", "--jsonl", "--quiet", "--max-facts", "999", "--previous", state1.toString(),
            day2.toString());
    assertThat(other.out).isEqualTo(full.out);
    assertThat(other.err).contains("was written with other packs or limits").contains(" 0 carried");
  }

  @Test
  void misuseIsRefusedClearly(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "\n");
    Path notState = dir.resolve("not-state");
    Files.writeString(notState, "{\"requestId\":null}\n");
    assertThat(run("evaluate", "--previous", notState.toString(), input.toString()).err)
        .contains("--previous and --state need --jsonl");
    Run bad = run("evaluate", "--jsonl", "--previous", notState.toString(), input.toString());
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.err).contains("is not a credit-rules state file: line 1");
    Path log = dir.resolve("log.jsonl");
    assertThat(
            run("evaluate", "--jsonl", "--log", log.toString(), "--previous", notState.toString(),
                    input.toString())
                .err)
        .contains("--previous does not go with --log");
    assertThat(
            run("evaluate", "--jsonl", "--previous", notState.toString(), "--state",
                    notState.toString(), input.toString())
                .err)
        .contains("--state must not be the --previous file");
  }

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), out, err);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
