package dev.creditrules.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
  private static final Function<Path, CreditRules> ENGINES =
      d -> CreditRulesEngine.builder().directory(d).build();
  private static final Path EXAMPLES = Path.of("../examples/requests");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ContractJson json = new ContractJson(Fixtures.shipped().model());

  @TempDir Path dir;

  /** Every example request (and one invalid one), logged with {@code rules}; returns the log. */
  private String logExamples(CreditRules rules, RequestStorage storage, RequestCipher cipher)
      throws Exception {
    Path file = dir.resolve("log-" + System.nanoTime() + ".jsonl");
    try (DecisionLog log =
            DecisionLog.builder(rules)
                .sink(JsonLinesSink.builder(file).requestStorage(storage).cipher(cipher).build())
                .build();
        Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path f : files.sorted().toList()) {
        log.decide(json.readRequest(Files.readString(f)));
      }
      String bad = Fixtures.ENTERPRISE.replace("TAX03C", "TAX03D");
      try {
        json.readRequest(bad);
      } catch (dev.creditrules.api.InvalidRequestException e) {
        log.rejected(bad, e);
      }
      assertThat(log.failures().none()).isTrue();
    }
    return Files.readString(file);
  }

  private record Run(Replayer.Summary summary, List<Replayer.Result> results) {}

  private static Run replay(String log, PackLibrary library, RequestCipher cipher)
      throws IOException {
    List<Replayer.Result> results = new ArrayList<>();
    try (Replayer r = new Replayer(library, ENGINES, cipher)) {
      Replayer.Summary s = r.replay(new StringReader(log), results::add);
      return new Run(s, results);
    }
  }

  @Test
  void theLibraryComputesTheRuntimesDigests() {
    PackLibrary classpath = PackLibrary.scan(List.of(), true);
    PackLibrary sources = PackLibrary.scan(List.of(Fixtures.PACKS), false);
    assertThat(classpath.packs()).containsExactlyInAnyOrderElementsOf(Fixtures.shipped().packs());
    assertThat(sources.packs()).containsExactlyInAnyOrderElementsOf(Fixtures.shipped().packs());
  }

  @Test
  void materialisedPacksCarryTheFactDeclarationsTheyWereFoundWith() throws Exception {
    PackLibrary sources = PackLibrary.scan(List.of(Fixtures.PACKS), false);
    Path out = sources.materialise(sources.packs(), dir.resolve("materialised"));
    assertThat(out.resolve("general/types.yaml"))
        .hasSameBinaryContentAs(Fixtures.PACKS.resolve("general/types.yaml"));
    assertThat(out.resolve("fact-order.yaml"))
        .hasSameBinaryContentAs(Fixtures.PACKS.resolve("fact-order.yaml"));
    assertThat(ENGINES.apply(out).model().types()).isEqualTo(Fixtures.shipped().model().types());

    // versions found in two trees whose declarations differ: which types would be meant?
    Path a = Fixtures.copy(Fixtures.PACKS, dir.resolve("a"));
    Path b = Fixtures.copy(Fixtures.PACKS, dir.resolve("b"));
    Files.writeString(
        b.resolve("general/types.yaml"),
        "# edited\n" + Files.readString(b.resolve("general/types.yaml")));
    Path drl = b.resolve("general/2023.05/general.drl");
    Files.writeString(drl, Files.readString(drl) + "\n// edited\n");
    PackLibrary both = PackLibrary.scan(List.of(a, b), false);
    List<PackRef> mixed = new ArrayList<>();
    mixed.add(
        PackLibrary.scan(List.of(a), false).packs().stream()
            .filter(p -> p.id().equals("general") && p.version().equals("2019.07"))
            .findFirst()
            .orElseThrow());
    mixed.add(
        PackLibrary.scan(List.of(b), false).packs().stream()
            .filter(p -> p.id().equals("general") && p.version().equals("2023.05"))
            .findFirst()
            .orElseThrow());
    assertThat(both.missing(mixed)).isEmpty();
    assertThatThrownBy(() -> both.materialise(mixed, dir.resolve("mixed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("general/types.yaml");
  }

  @Test
  void aLogOfTheShippedPacksIsReproducedByteForByte() throws Exception {
    String log = logExamples(Fixtures.shipped(), RequestStorage.PLAIN, null);
    long records = log.lines().filter(l -> !l.isBlank()).count();
    assertThat(records).isGreaterThan(10);
    Run run = replay(log, PackLibrary.scan(List.of(), true), null);
    assertThat(run.results())
        .allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(Replayer.Status.REPRODUCED));
    assertThat(run.summary().records()).isEqualTo(records);
    assertThat(run.summary().allReproduced()).isTrue();
    assertThat(run.summary().text())
        .isEqualTo(
            records
                + " records: "
                + records
                + " reproduced, 0 different, 0 not reproducible, 0 not stored by policy");
  }

  @Test
  void encryptedInputsReplayOnlyWithTheKey() throws Exception {
    RequestCipher key = RequestCipher.of(new byte[32]);
    String log = logExamples(Fixtures.shipped(), RequestStorage.ENCRYPTED, key);
    PackLibrary shipped = PackLibrary.scan(List.of(), true);
    assertThat(replay(log, shipped, key).summary().allReproduced()).isTrue();
    Run noKey = replay(log, shipped, null);
    assertThat(noKey.summary().notReproducible()).isEqualTo(noKey.summary().records());
    assertThat(noKey.results().get(0).message())
        .startsWith("the input is encrypted (key " + key.keyId());
    byte[] other = new byte[32];
    other[31] = 1;
    assertThat(replay(log, shipped, RequestCipher.of(other)).results().get(0).message())
        .startsWith("the input is encrypted with another key");
  }

  @Test
  void personsInputsLeftOutByTheDefaultStorageAreTheirOwnCategory() throws Exception {
    String log = logExamples(Fixtures.shipped(), RequestStorage.ORGANISATIONS, null);
    Run run = replay(log, PackLibrary.scan(List.of(), true), null);
    long persons = log.lines().filter(l -> l.contains("\"storage\":\"NONE\"")).count();
    assertThat(persons).isPositive();
    assertThat(run.summary().notStored()).isEqualTo(persons);
    assertThat(run.summary().notReproducible()).isZero();
    assertThat(run.summary().different()).isZero();
    assertThat(run.summary().reproduced()).isEqualTo(run.summary().records() - persons);
    assertThat(run.summary().passed(false)).isTrue();
    assertThat(run.summary().passed(true)).isFalse();
    assertThat(run.summary().text())
        .endsWith(", 0 different, 0 not reproducible, " + persons + " not stored by policy");
    assertThat(run.results())
        .filteredOn(r -> r.status() == Replayer.Status.NOT_STORED)
        .allSatisfy(
            r ->
                assertThat(r.message())
                    .isEqualTo(
                        "the input was not stored: the subject is a natural person (or of"
                            + " unknown type)"));
  }

  @Test
  void aSinkThatStoresNoInputLeavesEveryRecordNotStored() throws Exception {
    String log = logExamples(Fixtures.shipped(), RequestStorage.NONE, null);
    Run run = replay(log, PackLibrary.scan(List.of(), true), null);
    assertThat(run.summary().notStored()).isEqualTo(run.summary().records());
    assertThat(run.summary().passed(false)).isTrue();
    assertThat(run.results().get(0).message())
        .isEqualTo("the input was not stored: this sink stores no input");
  }

  @Test
  void anOrganisationsInputMissingWhereThePolicyKeepsItStaysFatal() throws Exception {
    String line =
        logExamples(Fixtures.shipped(), RequestStorage.ORGANISATIONS, null)
            .lines()
            .filter(l -> l.contains("\"requestId\":\"tax-ex-07\""))
            .findFirst()
            .orElseThrow();
    ObjectNode record = (ObjectNode) MAPPER.readTree(line);
    ObjectNode input = record.putObject("input");
    input.put("storage", "NONE");
    input.put("reason", "the subject is a natural person (or of unknown type)");
    Run run = replay(record + "\n", PackLibrary.scan(List.of(), true), null);
    assertThat(run.results().get(0).status()).isEqualTo(Replayer.Status.NOT_REPRODUCIBLE);
    assertThat(run.results().get(0).message())
        .isEqualTo(
            "the input is missing although the subject is an organisation: the record was"
                + " changed");
    assertThat(run.summary().passed(false)).isFalse();
    // a stored input that is gone is damage, not policy
    record.remove("input");
    run = replay(record + "\n", PackLibrary.scan(List.of(), true), null);
    assertThat(run.results().get(0).status()).isEqualTo(Replayer.Status.NOT_REPRODUCIBLE);
    assertThat(run.results().get(0).message()).isEqualTo("no input in the record");
  }

  /** Makes TAX-S-09 (and nothing else) run 12 months longer in the tax-serious copy under root. */
  static void longerTaxS09(Path root) throws IOException {
    Path drl = root.resolve("tax-serious/2022.02/serious-list.drl");
    String text = Files.readString(drl);
    String term = "Periods.lastDay( $l.publishedOn(), listingMonths() )";
    int rule = text.indexOf("@measure(\"TAX-S-09\")");
    int at = text.indexOf(term, rule);
    assertThat(rule).isNotNegative();
    assertThat(at).isGreaterThan(rule);
    Files.writeString(
        drl,
        text.substring(0, at)
            + "Periods.lastDay( $l.publishedOn(), listingMonths() + 12 )"
            + text.substring(at + term.length()));
  }

  @Test
  void aChangedPackIsNotFoundByItsDigestButTheOriginalIsAmongSeveralSets() throws Exception {
    Path original = Fixtures.copy(Fixtures.PACKS, dir.resolve("original"));
    Path changed = Fixtures.copy(Fixtures.PACKS, dir.resolve("changed"));
    longerTaxS09(changed);
    CreditRules originalEngine = ENGINES.apply(original);
    String log = logExamples(originalEngine, RequestStorage.PLAIN, null);
    PackRef old =
        originalEngine.packs().stream()
            .filter(p -> p.id().equals("tax-serious"))
            .findFirst()
            .orElseThrow();

    Run onlyChanged = replay(log, PackLibrary.scan(List.of(changed), false), null);
    assertThat(onlyChanged.summary().allReproduced()).isFalse();
    assertThat(onlyChanged.summary().notReproducible()).isEqualTo(onlyChanged.summary().records());
    assertThat(onlyChanged.results().get(0).message())
        .isEqualTo("pack tax-serious@2022.02 " + old.digest() + " not found");

    Run both = replay(log, PackLibrary.scan(List.of(changed, original), false), null);
    assertThat(both.summary().allReproduced()).isTrue();
  }

  /**
   * A decision that its packs do not explain (here: decided by a changed pack but logged as the
   * shipped one, as a bug or a tampered engine would) is reported as different, with the field.
   */
  @Test
  void aDecisionItsPacksDoNotExplainIsDifferent() throws Exception {
    Path changed = Fixtures.copy(Fixtures.PACKS, dir.resolve("changed"));
    longerTaxS09(changed);
    CreditRules changedEngine = ENGINES.apply(changed);
    CreditRulesEngine shipped = Fixtures.shipped();
    CreditRules claimsShipped =
        claiming(
            shipped,
            request -> {
              Decision d = changedEngine.decide(request);
              return new Decision(
                  d.requestId(),
                  d.asOf(),
                  d.subject(),
                  shipped.decide(request).packs(),
                  d.incentives(),
                  d.sanctions(),
                  d.warnings(),
                  d.repairs(),
                  d.nextChangeOn(),
                  d.disputes());
            });
    String log = logExamples(claimsShipped, RequestStorage.PLAIN, null);
    Run run = replay(log, PackLibrary.scan(List.of(), true), null);
    List<Replayer.Result> different =
        run.results().stream().filter(r -> r.status() == Replayer.Status.DIFFERENT).toList();
    assertThat(different).isNotEmpty();
    assertThat(different)
        .allSatisfy(r -> assertThat(r.message()).matches("differs at /sanctions/\\d+/until.*"));
    assertThat(run.summary().reproduced() + run.summary().different())
        .isEqualTo(run.summary().records());
  }

  /**
   * {@code log} as it was written before decisions carried {@code nextChangeOn}: each decision
   * without the key, its result digest that of those bytes. Only organisations' lines are kept:
   * their logged decision is the unmasked one, so the old bytes can be rebuilt from it.
   */
  private String beforeNextChangeOn(String log) throws Exception {
    StringBuilder old = new StringBuilder();
    for (String line : log.lines().toList()) {
      ObjectNode record = (ObjectNode) MAPPER.readTree(line);
      if (record.get("decision").isObject()) {
        if (record.at("/subject/type").asText().equals("NATURAL_PERSON")) {
          continue;
        }
        ObjectNode decision = (ObjectNode) record.get("decision");
        assertThat(decision.has("nextChangeOn")).as("written on every decision").isTrue();
        decision.remove("nextChangeOn");
        record.put("resultDigest", RecordFormat.sha256(json.trees().write(decision)));
      }
      old.append(MAPPER.writeValueAsString(record)).append('\n');
    }
    return old.toString();
  }

  @Test
  void aLineLoggedBeforeNextChangeOnExistedIsReproducedWhenTheRestIsTheSame() throws Exception {
    String old = beforeNextChangeOn(logExamples(Fixtures.shipped(), RequestStorage.PLAIN, null));
    assertThat(old).doesNotContain("nextChangeOn").contains("\"result\":\"DECIDED\"");
    PackLibrary shipped = PackLibrary.scan(List.of(), true);
    Run run = replay(old, shipped, null);
    assertThat(run.results())
        .allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(Replayer.Status.REPRODUCED));
    assertThat(run.summary().records()).isGreaterThan(5);

    // the rest is still compared, byte for byte and field by field
    String line =
        old.lines()
            .filter(l -> l.contains("\"requestId\":\"tax-ex-07\""))
            .findFirst()
            .orElseThrow();
    String edited = line.replaceFirst("\"until\":\"(\\d{4})", "\"until\":\"1$1");
    assertThat(edited).isNotEqualTo(line);
    Replayer.Result r = replay(edited, shipped, null).results().get(0);
    assertThat(r.status()).isEqualTo(Replayer.Status.DIFFERENT);
    assertThat(r.message()).matches("differs at /sanctions/\\d+/until.*");
  }

  /**
   * A line logged with {@code nextChangeOn} compares it: an engine that claims a later day than the
   * packs give (here: the shipped packs, every decision said to hold until 9999-12-31) is found out
   * at {@code /nextChangeOn}; the same decisions logged without the key are not.
   */
  @Test
  void aLineLoggedWithNextChangeOnComparesIt() throws Exception {
    CreditRulesEngine shipped = Fixtures.shipped();
    CreditRules farFuture =
        claiming(
            shipped,
            request -> shipped.decide(request).withNextChangeOn(LocalDate.of(9999, 12, 31)));
    String log = logExamples(farFuture, RequestStorage.PLAIN, null);
    Run run = replay(log, PackLibrary.scan(List.of(), true), null);
    List<Replayer.Result> different =
        run.results().stream().filter(r -> r.status() == Replayer.Status.DIFFERENT).toList();
    assertThat(different)
        .hasSize((int) log.lines().filter(l -> l.contains("\"result\":\"DECIDED\"")).count());
    assertThat(different)
        .allSatisfy(r -> assertThat(r.message()).isEqualTo("differs at /nextChangeOn"));
    assertThat(run.summary().reproduced()).isEqualTo(1); // the rejected request

    Run old = replay(beforeNextChangeOn(log), PackLibrary.scan(List.of(), true), null);
    assertThat(old.summary().allReproduced()).isTrue();
  }

  @Test
  void tamperedRecordsAreCaught() throws Exception {
    String line =
        logExamples(Fixtures.shipped(), RequestStorage.PLAIN, null)
            .lines()
            .filter(l -> l.contains("\"requestId\":\"tax-ex-07\""))
            .findFirst()
            .orElseThrow();
    PackLibrary shipped = PackLibrary.scan(List.of(), true);
    // an edited input no longer matches its digest
    String input = line.replace("2025-05-01", "2025-06-01");
    assertThat(input).isNotEqualTo(line);
    Replayer.Result r = replay(input, shipped, null).results().get(0);
    assertThat(r.status()).isEqualTo(Replayer.Status.NOT_REPRODUCIBLE);
    assertThat(r.message()).isEqualTo("the stored input does not match its digest");
    // an edited outcome no longer matches the result digest
    String outcome = line.replaceFirst("\"until\":\"(\\d{4})", "\"until\":\"1$1");
    r = replay(outcome, shipped, null).results().get(0);
    assertThat(r.status()).isEqualTo(Replayer.Status.DIFFERENT);
    assertThat(r.message()).startsWith("differs at /");
    // garbage
    Run garbage = replay("\n{\"x\":1}\nnot json\n", shipped, null);
    assertThat(garbage.summary().records()).isEqualTo(2);
    assertThat(garbage.results().get(0).line()).isEqualTo(2);
    assertThat(garbage.results().get(0).message()).startsWith("not a decision record");
  }

  /** Rules that claim {@code packsOf}'s packs and model but decide with {@code decide}. */
  private static CreditRules claiming(
      CreditRulesEngine packsOf, java.util.function.Function<Request, Decision> decide) {
    return new CreditRules() {
      @Override
      public Decision decide(Request request) {
        return decide.apply(request);
      }

      @Override
      public List<PackRef> packs() {
        return packsOf.packs();
      }

      @Override
      public FactModel model() {
        return packsOf.model();
      }
    };
  }
}
