package dev.creditrules.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.CaseResult;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Writes what the embedding project ({@code src/it/minimal-embedding}) compares with: the reactor's
 * decision of each worked example, {@code target/expected-decisions/X.json} for {@code
 * examples/requests/X.json}. The expectations stay in the pack cases: a decision is written only
 * once every case that decides the example's request as it is (a {@code requestFile} naming it, no
 * {@code asOf} of its own) passes on this engine, and every example must have such a case.
 */
class ExpectedDecisionsTest {
  static final Path EXAMPLES = Path.of("../examples/requests");
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");
  static final Path OUT = Path.of("target/expected-decisions");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesTheDecisionOfEveryWorkedExampleThatItsCasesExpect() throws IOException {
    CreditRulesEngine engine = CreditRulesEngine.fromClasspath();
    ContractJson json = new ContractJson(engine.model());
    Cases cases = new Cases();
    List<RegressionCase> all = cases.load(PACKS, Set.of());
    List<Path> examples;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    Files.createDirectories(OUT);

    for (Path example : examples) {
      String request = Files.readString(example, StandardCharsets.UTF_8);
      JsonNode tree = JSON.readTree(request);
      List<RegressionCase> same = all.stream().filter(c -> c.request().equals(tree)).toList();
      assertThat(same)
          .as("%s: no pack case decides this request as it is", example.getFileName())
          .isNotEmpty();
      for (RegressionCase c : same) {
        CaseResult result = cases.run(engine, c);
        assertThat(result.passed()).as(result.report()).isTrue();
      }
      Files.writeString(
          OUT.resolve(example.getFileName().toString()),
          json.writeDecision(engine.decide(json.readRequest(request))),
          StandardCharsets.UTF_8);
    }
  }
}
