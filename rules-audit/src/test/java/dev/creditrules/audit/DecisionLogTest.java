package dev.creditrules.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {
  private final ContractJson json = new ContractJson(Fixtures.shipped().model());

  @TempDir Path dir;

  private DecisionLog log(DecisionSink... sinks) {
    DecisionLog.Builder b =
        DecisionLog.builder(Fixtures.shipped()).clock(Fixtures.clock()).ids(Fixtures.ids());
    for (DecisionSink s : sinks) {
      b.sink(s);
    }
    return b.build();
  }

  private static String sha256(String s) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void jsonLinesRoundTripRecordsEveryField() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    Decision decided;
    try (DecisionLog log = log(JsonLinesSink.open(file))) {
      decided = log.decide(enterprise);
      assertThat(log.failures().none()).isTrue();
      assertThat(log.failures().records()).isEqualTo(1);
    }
    assertThat(decided).isEqualTo(Fixtures.shipped().decide(enterprise));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    LoggedDecision d = LoggedDecision.parse(lines.get(0));
    assertThat(d.decisionId()).isEqualTo(new UUID(0, 1).toString());
    assertThat(d.result()).isEqualTo("DECIDED");
    assertThat(d.requestId()).isEqualTo("tax-ex-07");
    assertThat(d.subjectId()).isEqualTo("91110108MA01TAX03C"); // organisations are not masked
    assertThat(d.inputDigest()).isEqualTo(sha256(json.writeRequest(enterprise)));
    assertThat(d.packs()).isEqualTo(Fixtures.shipped().packs());
    assertThat(d.resultDigest()).isEqualTo(sha256(json.writeDecision(decided)));
    assertThat(d.decision().toString()).isEqualTo(json.writeDecision(decided));
    assertThat(d.errors()).isNull();
    assertThat(d.input().get("storage").asText()).isEqualTo("PLAIN");
    assertThat(d.input().get("text").asText()).isEqualTo(json.writeRequest(enterprise));
    JsonNode root = LoggedDecision.MAPPER.readTree(lines.get(0));
    assertThat(root.get("recordedAt").asText()).isEqualTo("2026-06-01T08:00:00Z");
    assertThat(root.get("asOf").asText()).isEqualTo("2025-10-11");
    assertThat(root.get("subject").get("type").asText()).isEqualTo("ENTERPRISE");
    assertThat(root.get("decision").get("sanctions").size()).isPositive();
  }

  @Test
  void naturalPersonsAreMaskedAndTheirInputIsNotStoredByDefault() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Request person = json.readRequest(Fixtures.PERSON);
    Decision d;
    try (DecisionLog log = log(JsonLinesSink.open(file))) {
      d = log.decide(person);
    }
    assertThat(d.subject().id()).isEqualTo(Fixtures.PERSON_ID); // the caller gets the real decision
    String line = Files.readString(file);
    assertThat(line)
        .doesNotContain(Fixtures.PERSON_ID)
        .doesNotContain("19800115")
        .doesNotContain("研究人员R1");
    LoggedDecision logged = LoggedDecision.parse(line.strip());
    assertThat(logged.subjectId()).isEqualTo("1101**********0018");
    assertThat(logged.decision().get("subject").get("id").asText()).isEqualTo("1101**********0018");
    assertThat(logged.input().get("storage").asText()).isEqualTo("NONE");
    assertThat(logged.resultDigest()).isEqualTo(sha256(json.writeDecision(d)));
  }

  @Test
  void encryptedInputHidesThePersonAndKeepsTheRecordReplayable() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    byte[] key = new byte[32];
    key[0] = 7;
    RequestCipher cipher = RequestCipher.of(key);
    try (DecisionLog log =
        log(
            JsonLinesSink.builder(file)
                .requestStorage(RequestStorage.ENCRYPTED)
                .cipher(cipher)
                .build())) {
      log.decide(json.readRequest(Fixtures.PERSON));
    }
    String line = Files.readString(file);
    assertThat(line).doesNotContain(Fixtures.PERSON_ID).contains("\"storage\":\"ENCRYPTED\"");
    assertThat(LoggedDecision.parse(line.strip()).input().get("keyId").asText())
        .isEqualTo(cipher.keyId());
  }

  @Test
  void rejectedRequestsAreRecordedAndRethrownWithMaskedValues() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    // a valid-looking resident id with a wrong check character: rejected by the validator
    Request bad =
        new Request(
            "bad-1",
            LocalDate.parse("2026-05-15"),
            Subject.of("110108198001150019", SubjectType.NATURAL_PERSON),
            null,
            List.of());
    String unparsable =
        "{\"requestId\":\"bad-2\",\"asOf\":\"2026-02-30\",\"subject\":{\"id\":\"110108198001150018\","
            + "\"type\":\"NATURAL_PERSON\",\"nmae\":\"张三\"},\"facts\":[]}";
    InvalidRequestException readError =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidRequestException.class, () -> json.readRequest(unparsable));
    try (DecisionLog log = log(JsonLinesSink.open(file))) {
      assertThatThrownBy(() -> log.decide(bad)).isInstanceOf(InvalidRequestException.class);
      DecisionRecord r = log.rejected(unparsable, readError);
      assertThat(r.toString()).doesNotContain("110108198001150018").contains("REJECTED");
      assertThat(log.failures().records()).isEqualTo(2);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    String all = String.join("\n", lines);
    assertThat(all)
        .doesNotContain("110108198001150019")
        .doesNotContain("110108198001150018")
        .doesNotContain("张三");
    LoggedDecision first = LoggedDecision.parse(lines.get(0));
    assertThat(first.result()).isEqualTo("REJECTED");
    assertThat(first.requestId()).isEqualTo("bad-1");
    assertThat(first.decision()).isNull();
    assertThat(first.errors().get(0).get("pointer").asText()).isEqualTo("/subject/id");
    assertThat(first.errors().get(0).get("value").asText()).isEqualTo("1101**********0019");
    LoggedDecision second = LoggedDecision.parse(lines.get(1));
    assertThat(second.requestId()).isEqualTo("bad-2");
    assertThat(second.subjectId()).isEqualTo("1101**********0018");
    assertThat(second.inputDigest()).isEqualTo(sha256(unparsable));
    assertThat(second.errors().size()).isEqualTo(readError.errors().size());
  }

  @Test
  void aFailingSinkStopsTheDecisionFromBeingReturned() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Path good = dir.resolve("good.jsonl");
    Path broken = notADirectory.resolve("decisions.jsonl");
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    Request invalid =
        new Request(
            null,
            LocalDate.parse("2026-01-01"),
            Subject.of("91110108MA01TAX03D", SubjectType.ENTERPRISE),
            null,
            List.of());
    try (DecisionLog log = log(JsonLinesSink.open(good), JsonLinesSink.open(broken))) {
      assertThat(log.failurePolicy()).isEqualTo(DecisionLog.FailurePolicy.FAIL_CLOSED);
      assertThatThrownBy(() -> log.decide(enterprise))
          .isInstanceOfSatisfying(
              DecisionNotRecordedException.class,
              e -> assertThat(e.decisionId()).isEqualTo(new UUID(0, 1)))
          .hasMessageStartingWith("the decision log jsonl:" + broken + " failed: java.nio.file.")
          .hasNoCause();
      // a rejection that cannot be recorded is not reported as a rejection either
      assertThatThrownBy(() -> log.decide(invalid))
          .isInstanceOf(DecisionNotRecordedException.class);
      InvalidRequestException unreadable =
          org.junit.jupiter.api.Assertions.assertThrows(
              InvalidRequestException.class, () -> json.readRequest("{"));
      assertThatThrownBy(() -> log.rejected("{", unreadable))
          .isInstanceOf(DecisionNotRecordedException.class);
      DecisionLog.Failures f = log.failures();
      assertThat(f.records()).isEqualTo(3);
      assertThat(f.failures()).isEqualTo(3);
      assertThat(f.last().sink()).isEqualTo("jsonl:" + broken);
      assertThat(f.last().decisionId()).isEqualTo(new UUID(0, 3));
    }
    // the sink before the failing one has the records of calls that failed; never the reverse
    assertThat(Files.readAllLines(good)).hasSize(3);
  }

  @Test
  void theFirstFailingSinkEndsTheCallAndTheSinksAfterItAreNotTried() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Path after = dir.resolve("after.jsonl");
    try (DecisionLog log =
        log(
            JsonLinesSink.open(notADirectory.resolve("decisions.jsonl")),
            JsonLinesSink.open(after))) {
      assertThatThrownBy(() -> log.decide(json.readRequest(Fixtures.ENTERPRISE)))
          .isInstanceOf(DecisionNotRecordedException.class);
    }
    assertThat(after).doesNotExist();
  }

  @Test
  void returnUnrecordedReturnsTheDecisionAndCountsTheFailure() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Path good = dir.resolve("good.jsonl");
    JsonLinesSink failing = JsonLinesSink.open(notADirectory.resolve("decisions.jsonl"));
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    try (DecisionLog log =
        DecisionLog.builder(Fixtures.shipped())
            .clock(Fixtures.clock())
            .ids(Fixtures.ids())
            .failurePolicy(DecisionLog.FailurePolicy.RETURN_UNRECORDED)
            .sink(failing)
            .sink(JsonLinesSink.open(good))
            .build()) {
      Decision d = log.decide(enterprise);
      assertThat(d).isEqualTo(Fixtures.shipped().decide(enterprise));
      assertThatThrownBy(
              () ->
                  log.decide(
                      new Request(
                          null,
                          LocalDate.parse("2026-01-01"),
                          Subject.of("91110108MA01TAX03D", SubjectType.ENTERPRISE),
                          null,
                          List.of())))
          .isInstanceOf(InvalidRequestException.class);
      DecisionLog.Failures f = log.failures();
      assertThat(f.records()).isEqualTo(2);
      assertThat(f.failures()).isEqualTo(2);
      assertThat(f.none()).isFalse();
      assertThat(f.last().sink()).isEqualTo("jsonl:" + notADirectory.resolve("decisions.jsonl"));
      assertThat(f.last().decisionId()).isEqualTo(new UUID(0, 2));
      assertThat(f.last().error()).startsWith("java.nio.file.");
      assertThat(f.last().at()).isEqualTo(Fixtures.NOW);
    }
    assertThat(Files.readAllLines(good)).hasSize(2); // the other sink has both
  }

  @Test
  void aSinkRecoversWhenItsDirectoryComesBack() throws Exception {
    Path missing = dir.resolve("later");
    Path file = missing.resolve("decisions.jsonl");
    try (DecisionLog log = log(JsonLinesSink.open(file))) {
      Request r = json.readRequest(Fixtures.ENTERPRISE);
      assertThatThrownBy(() -> log.decide(r)).isInstanceOf(DecisionNotRecordedException.class);
      assertThat(log.failures().failures()).isEqualTo(1);
      Files.createDirectories(missing);
      assertThat(log.decide(r)).isEqualTo(Fixtures.shipped().decide(r));
      assertThat(log.failures().failures()).isEqualTo(1);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2); // a leading empty line marks where a write had failed
    assertThat(lines.get(0)).isEmpty();
    assertThat(LoggedDecision.parse(lines.get(1)).decisionId())
        .isEqualTo(new UUID(0, 2).toString());
  }

  @Test
  void theLogHasItsDelegatesModelAndAttachesItsSinksToTheDelegate() throws Exception {
    List<DecisionRecord> seen = new ArrayList<>();
    List<Object> attached = new ArrayList<>();
    DecisionSink capture =
        new DecisionSink() {
          @Override
          public void attach(dev.creditrules.api.CreditRules rules) {
            attached.add(rules);
          }

          @Override
          public void write(DecisionRecord r) {
            seen.add(r);
          }

          @Override
          public String name() {
            return "memory";
          }
        };
    try (DecisionLog log = log(capture)) {
      assertThat(log.model()).isSameAs(Fixtures.shipped().model());
      assertThat(attached).containsExactly(Fixtures.shipped());
      log.decide(json.readRequest(Fixtures.ENTERPRISE));
    }
    Path file = dir.resolve("alone.jsonl");
    JsonLinesSink alone = JsonLinesSink.open(file);
    assertThatThrownBy(() -> alone.write(seen.get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was not attached");
    alone.attach(Fixtures.shipped());
    alone.write(seen.get(0));
    alone.close();
    assertThat(LoggedDecision.parse(Files.readAllLines(file).get(0)).decisionId())
        .isEqualTo(seen.get(0).decisionId().toString());
  }

  @Test
  void databaseErrorsAreDescribedWithoutTheirMessage() {
    String d =
        DecisionLog.describe(new SQLException("Key (x)=(110108198001150018) exists", "23505"));
    assertThat(d).isEqualTo("java.sql.SQLException (SQL state 23505)");
  }

  @Test
  void concurrentWritersNeverInterleaveLines() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    Request person = json.readRequest(Fixtures.PERSON);
    int threads = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (DecisionLog log =
        DecisionLog.builder(Fixtures.shipped())
            .sink(JsonLinesSink.builder(file).fsync(JsonLinesSink.Fsync.NEVER).build())
            .build()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    log.decide(n % 2 == 0 ? enterprise : person);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertThat(log.failures().none()).isTrue();
    } finally {
      pool.shutdown();
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(threads * each);
    Set<String> ids = new HashSet<>();
    for (String l : lines) {
      ids.add(LoggedDecision.parse(l).decisionId());
    }
    assertThat(ids).hasSize(threads * each);
  }
}
