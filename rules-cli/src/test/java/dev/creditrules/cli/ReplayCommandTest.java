package dev.creditrules.cli;

import static dev.creditrules.cli.MainTest.REQUESTS;
import static dev.creditrules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --log} and {@code replay}, as a user runs them. */
class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Every example request, a blank line, a line that is not JSON and an invalid request. */
  private static String batch() throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(REQUESTS)) {
      for (Path f : files.sorted().toList()) {
        b.append(JSON.readTree(Files.readString(f)).toString()).append('\n');
      }
    }
    b.append("\n");
    b.append("{not json\n");
    b.append(
            JSON.readTree(Files.readString(REQUESTS.resolve("tax-ex-07.json")))
                .toString()
                .replace("TAX03C", "TAX03D"))
        .append('\n');
    return b.toString();
  }

  private static List<JsonNode> records(Path log) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  @Test
  void aBatchLogRecordsEveryLineAndReplaysByteForByte() throws Exception {
    String batch = batch();
    int requests = (int) batch.lines().filter(l -> !l.isBlank()).count();
    Path log = dir.resolve("decisions.jsonl");
    MainTest.Run plain = run(batch, "evaluate", "--jsonl", "--quiet", "-");
    MainTest.Run logged =
        run(
            batch,
            "evaluate",
            "--jsonl",
            "--quiet",
            "--threads",
            "3",
            "--log",
            log.toString(),
            "--log-requests",
            "plain",
            "-");
    assertThat(logged.code()).as(logged.err()).isEqualTo(2); // two invalid lines
    assertThat(logged.out()).isEqualTo(plain.out());
    List<JsonNode> records = records(log);
    assertThat(records).hasSize(requests);
    assertThat(records.stream().filter(r -> r.get("result").asText().equals("REJECTED")).count())
        .isEqualTo(2);

    MainTest.Run replay = run("", "replay", log.toString());
    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).isEmpty();
    assertThat(replay.err())
        .contains(
            requests
                + " records: "
                + requests
                + " reproduced, 0 different, 0 not reproducible, 0 not stored by policy");
    MainTest.Run all = run("", "replay", "--all", log.toString());
    assertThat(all.out().lines().filter(l -> l.endsWith(": REPRODUCED")).count())
        .isEqualTo(requests);
  }

  @Test
  void singleRequestsAndRejectionsAreLoggedAndPersonsAreMasked() throws Exception {
    Path log = dir.resolve("decisions.jsonl");
    MainTest.Run person =
        run("", "evaluate", REQUESTS.resolve("res-ex-01.json").toString(), "--log", log.toString());
    assertThat(person.code()).as(person.err()).isZero();
    assertThat(person.out())
        .isEqualTo(run("", "evaluate", REQUESTS.resolve("res-ex-01.json").toString()).out());
    MainTest.Run bad = run("{\"asOf\":\"2026-01-01\"}", "evaluate", "-", "--log", log.toString());
    assertThat(bad.code()).isEqualTo(2);
    List<JsonNode> records = records(log);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).get("subject").get("id").asText()).isEqualTo("1101**********0018");
    assertThat(Files.readString(log)).doesNotContain("110108198001150018");
    assertThat(records.get(1).get("result").asText()).isEqualTo("REJECTED");
    // the default keeps no person's request: not stored by policy, counted as such, not a failure
    MainTest.Run replay = run("", "replay", log.toString());
    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).isEmpty();
    assertThat(replay.err())
        .contains(
            "2 records: 0 reproduced, 0 different, 0 not reproducible, 2 not stored by policy");
    // unless every record must be replayable
    MainTest.Run strict = run("", "replay", "--require-inputs", log.toString());
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.out())
        .contains("NOT_STORED: the input was not stored: the subject is a natural person");
    // a default log of persons and organisations: the organisations are reproduced
    Path mixed = dir.resolve("mixed.jsonl");
    String batch = batch();
    MainTest.Run logged =
        run(batch, "evaluate", "--jsonl", "--quiet", "--log", mixed.toString(), "-");
    assertThat(logged.code()).as(logged.err()).isEqualTo(2); // two invalid lines
    long notStored =
        records(mixed).stream()
            .filter(r -> r.get("input").get("storage").asText().equals("NONE"))
            .count();
    int total = records(mixed).size();
    MainTest.Run replayMixed = run("", "replay", mixed.toString());
    assertThat(replayMixed.code()).as(replayMixed.out() + replayMixed.err()).isZero();
    assertThat(replayMixed.err())
        .contains(
            total
                + " records: "
                + (total - notStored)
                + " reproduced, 0 different, 0 not reproducible, "
                + notStored
                + " not stored by policy");
    assertThat(notStored).isPositive();
  }

  @Test
  void encryptedRequestsReplayWithTheKeyOnly() throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("audit.key"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    Path log = dir.resolve("decisions.jsonl");
    MainTest.Run r =
        run(
            "",
            "evaluate",
            REQUESTS.resolve("res-ex-01.json").toString(),
            "--log",
            log.toString(),
            "--log-requests",
            "encrypted",
            "--log-key",
            key.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(log))
        .doesNotContain("110108198001150018")
        .contains("\"storage\":\"ENCRYPTED\"");
    assertThat(run("", "replay", log.toString(), "--key", key.toString()).code()).isZero();
    MainTest.Run noKey = run("", "replay", log.toString());
    assertThat(noKey.code()).isEqualTo(1);
    assertThat(noKey.out()).contains("the input is encrypted");
    assertThat(
            run("", "evaluate", "-", "--log", log.toString(), "--log-requests", "encrypted").code())
        .isEqualTo(1);
  }

  @Test
  void aChangedPackIsNotFoundAndOldVersionsAreFoundAmongSeveralSets() throws Exception {
    Path original = copy(Path.of("../rules-drl/src/main/packs"), dir.resolve("original"));
    Path changed = copy(original, dir.resolve("changed"));
    // TAX-S-09 (and nothing else) runs 12 months longer
    Path drl = changed.resolve("tax-serious/2022.02/serious-list.drl");
    String text = Files.readString(drl);
    String term = "Periods.lastDay( $l.publishedOn(), listingMonths() )";
    int at = text.indexOf(term, text.indexOf("@measure(\"TAX-S-09\")"));
    assertThat(at).isPositive();
    Files.writeString(
        drl,
        text.substring(0, at)
            + "Periods.lastDay( $l.publishedOn(), listingMonths() + 12 )"
            + text.substring(at + term.length()));
    Path log = dir.resolve("decisions.jsonl");
    MainTest.Run r =
        run(
            "",
            "evaluate",
            REQUESTS.resolve("tax-ex-07.json").toString(),
            "--packs",
            original.toString(),
            "--log",
            log.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String digest =
        records(log)
            .get(0)
            .get("packs")
            .findValues("digest")
            .get(records(log).get(0).get("packs").findValuesAsText("id").indexOf("tax-serious"))
            .asText();

    MainTest.Run onlyChanged = run("", "replay", log.toString(), "--packs", changed.toString());
    assertThat(onlyChanged.code()).isEqualTo(1);
    assertThat(onlyChanged.out())
        .contains("NOT_REPRODUCIBLE: pack tax-serious@2022.02 " + digest + " not found");
    assertThat(run("", "replay", log.toString()).code())
        .isZero(); // the shipped packs are the original
    MainTest.Run both =
        run(
            "",
            "replay",
            log.toString(),
            "--packs",
            changed.toString(),
            "--packs",
            original.toString());
    assertThat(both.code()).as(both.out()).isZero();
    // an outcome edited in the log is a difference
    Path edited = dir.resolve("edited.jsonl");
    Files.writeString(
        edited, Files.readString(log).replaceFirst("\"until\":\"2028", "\"until\":\"2029"));
    MainTest.Run diff = run("", "replay", edited.toString());
    assertThat(diff.code()).isEqualTo(1);
    assertThat(diff.out()).containsPattern("DIFFERENT: differs at /sanctions/\\d+/until");
  }

  private static Path copy(Path from, Path target) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }
}
