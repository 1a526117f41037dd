package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14, "cases only run inside this repository": an analyst copies the shipped pack tree
 * ({@code cp -r rules-drl/src/main/packs /tmp/after}) and runs {@code test}, {@code diff} and
 * {@code serve --live} with the case gate on the copy. Before, 37 cases named requests in the
 * repository's {@code examples/requests} by {@code ../../../../../../../}: {@code test} stopped
 * with "internal error: … cannot read requestFile", and {@code serve --live} did not start, its
 * cause buried among the cases of every pack that needs the rejected one.
 */
class PackTreeCopyTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");
  static final ObjectMapper JSON = new ObjectMapper();

  /** The first case of general@2026.04's GEN-EX-01 file names its request here, line 4. */
  static final String GEN_EX_01 = "general/2026.04/cases/gen-ex-01.yaml";

  static final String OUTSIDE = "../../../../../../../examples/requests/gen-ex-01.json";

  @TempDir Path tmp;
  private final List<HttpService> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(HttpService::stop);
  }

  Path copy(String name) throws IOException {
    Path to = tmp.resolve(name);
    ServeCommandTest.copy(PACKS, to);
    return to;
  }

  /**
   * The copy's GEN-EX-01 case names its request outside the pack, as every such case did before.
   */
  static void pointOutside(Path copy) throws IOException {
    Path file = copy.resolve(GEN_EX_01);
    String text = Files.readString(file);
    assertThat(text.lines().skip(3).findFirst())
        .contains("    requestFile: requests/gen-ex-01.json");
    Files.writeString(
        file, text.replaceFirst("requestFile: requests/gen-ex-01.json", "requestFile: " + OUTSIDE));
  }

  @Test
  void everyCaseRunsOnACopyOfThePackTree() throws IOException {
    Path copy = copy("after");

    MainTest.Run r = MainTest.run("", "test", copy.toString(), "--verbose");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^\\d+ cases, (\\d+) passed, 0 failed$");
    assertThat(r.out())
        .contains(
            "PASS " + copy.resolve("general/2026.04/cases/gen-ex-01.yaml") + ":",
            "PASS " + copy.resolve("tax-serious/2022.02/cases/tax-ex-07.yaml") + ":");
  }

  @Test
  void aCaseNamingARequestOutsideItsPackIsAnErrorAtItsLine() throws IOException {
    Path copy = copy("after");
    pointOutside(copy);

    MainTest.Run r = MainTest.run("", "test", copy.toString(), "--pack", "general");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out() + r.err())
        .contains(
            copy.resolve(GEN_EX_01)
                + ":4:5: requestFile "
                + OUTSIDE
                + " is outside the pack folder "
                + copy.resolve("general").toAbsolutePath().normalize());
  }

  @Test
  void diffComparesTwoCopiesAndTheCopysCasesShowTheChange() throws IOException {
    Path before = copy("before");
    Path after = copy("after");
    // docs/analysts.md: the GENERAL publication of 2026.04 shortened from 12 to 6 months
    Files.writeString(
        after.resolve("general/2026.04/parameters.properties"), "generalPublicationMonths=6\n");
    StringBuilder jsonl = new StringBuilder();
    try (Stream<Path> files = Files.list(MainTest.REQUESTS)) {
      for (Path f : files.sorted().toList()) {
        jsonl.append(Files.readString(f).replace("\n", " ")).append('\n');
      }
    }
    Path requests = Files.writeString(tmp.resolve("requests.jsonl"), jsonl);

    MainTest.Run d =
        MainTest.run(
            "",
            "diff",
            "--before",
            before.toString(),
            "--after",
            after.toString(),
            "--requests",
            requests.toString(),
            "--report",
            tmp.resolve("report").toString());
    MainTest.Run t = MainTest.run("", "test", after.toString(), "--pack", "general");

    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.out())
        .contains(
            "10 requests, 10 decided under both pack sets, 0 invalid; 1 subject changed",
            "~ sanctions GEN-S-05 [f1] until 2027-05-10 -> 2026-11-10");
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.out())
        .contains("gen-ex-01.yaml")
        .containsPattern("\\d+ cases, \\d+ passed, [1-9]\\d* failed");
  }

  @Test
  void aLiveCopyOpensWithTheCaseGateAndRejectsACaseReachingOutside() throws Exception {
    Path live = copy("live");
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs("--port", "0", "--live", live.toString(), "--threads", "2", "--no-auth");
    HttpService s = command.start(); // --gate cases is the default
    started.add(s);

    JsonNode status = JSON.readTree(ServeCommandTest.get(s, HttpService.PACKS).body()).get("live");
    assertThat(status.get("healthy").asBoolean()).isTrue();
    assertThat(status.get("folders"))
        .allSatisfy(f -> assertThat(f.get("verdict").asText()).isEqualTo("ACCEPTED"));
    String text = ServeCommandTest.request("gen-ex-01.json");
    String decided =
        ServeCommandTest.post(s, HttpService.DECISIONS, "application/json", text).body();
    assertThat(decided).isEqualTo(ServeCommandTest.expected(text));

    // the change is rejected at the case's line; the last good general@2026.04 serves on
    pointOutside(live);
    JsonNode general = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (general == null && System.nanoTime() < deadline) {
      for (JsonNode f :
          JSON.readTree(ServeCommandTest.get(s, HttpService.PACKS).body()).at("/live/folders")) {
        if (f.get("pack").asText().equals("general@2026.04")
            && f.get("verdict").asText().equals("REJECTED")) {
          general = f;
        }
      }
      Thread.sleep(100);
    }
    assertThat(general).as("general@2026.04 rejected").isNotNull();
    JsonNode problem = general.at("/problems/0");
    assertThat(problem.get("file").asText()).isEqualTo("cases/gen-ex-01.yaml");
    assertThat(problem.get("line").asInt()).isEqualTo(4);
    assertThat(problem.get("message").asText())
        .startsWith(
            "case file does not load: requestFile " + OUTSIDE + " is outside the pack folder");
    assertThat(ServeCommandTest.post(s, HttpService.DECISIONS, "application/json", text).body())
        .isEqualTo(decided);
  }

  @Test
  void aLiveCopyThatCannotOpenNamesTheCauseOnItsFirstLine() throws IOException {
    Path live = copy("live");
    pointOutside(live);

    MainTest.Run r =
        MainTest.run("", "serve", "--port", "0", "--no-auth", "--live", live.toString());

    assertThat(r.code()).isEqualTo(1);
    List<String> lines = Arrays.asList(r.err().split("\n"));
    assertThat(lines.get(0))
        .isEqualTo(
            "credit-rules: the rule packs do not load: general@2026.04/cases/gen-ex-01.yaml:4:5: case file "
                + "does not load: requestFile "
                + OUTSIDE
                + " is outside the pack folder "
                + live.resolve("general").toAbsolutePath().normalize()
                + " (resolves to "
                + live.resolve("general/2026.04/cases")
                    .resolve(OUTSIDE)
                    .toAbsolutePath()
                    .normalize()
                + "): put the request beside the case, in cases/requests/, or inline it as request:");
    // every pack whose cases need general@2026.04 follows, one line each, after the cause
    assertThat(lines.subList(1, lines.size()))
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(l)
                    .containsPattern("^[a-z-]+@[0-9.]+/: rejected because [^:]*general@2026\\.04"));
  }
}
