package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's generic behaviour, on a tiny pack written in the test (its fact types declared in
 * demo/types.yaml, {@link FixtureTypes#GENERAL}).
 */
class CreditRulesEngineTest {
  static final String MANIFEST =
      """
      id=demo
      version=%s
      sector=general
      title=demo instrument
      validFrom=%s
      governs=ADMIN_PENALTY
      stage=1
      """;
  static final String CATALOGUE =
      """
      measure.DEMO-S-01.zh=公示
      measure.DEMO-S-01.en=Publication
      measure.DEMO-S-01.group=SUPERVISORY
      measure.DEMO-S-01.areas=PUBLICATION
      measure.DEMO-S-01.basis.1=示例办法|示例令第1号|第一条
      measure.DEMO-S-01.verified=true
      measure.DEMO-S-02.zh=合并措施
      measure.DEMO-S-02.en=Merged measure
      measure.DEMO-S-02.group=RIGHTS_REDUCING
      measure.DEMO-S-02.areas=BIDDING
      measure.DEMO-S-02.basis.1=示例办法|示例令第1号|第二条
      measure.DEMO-S-02.verified=true
      measure.DEMO-S-02.merge=true
      procedure.DEMO-R-01.route=信用中国
      procedure.DEMO-R-01.basis.1=示例办法|示例令第1号|第三条
      procedure.DEMO-R-01.verified=true
      """;
  static final String DRL =
      """
      package dev.creditrules.packs.demo

      import dev.creditrules.pack.Periods
      import dev.creditrules.api.RepairStatus
      import dev.creditrules.pack.*
      import dev.creditrules.facts.AdminPenalty
      import java.util.List

      rule "publication"
          @measure("DEMO-S-01")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          insert(Hit.of($d, Periods.lastDay($d, %s), $id));
      end

      rule "merged"
          @measure("DEMO-S-02")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          insert(Hit.of($d, Periods.lastDay($d, 12), $id));
      end

      rule "repair"
          @procedure("DEMO-R-01")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
          Context($asOf : asOf)
      then
          insert(new RepairHit($id, RepairStatus.ELIGIBLE, Periods.dayAfter($d, 3), List.of()));
      end
      """;

  @TempDir static Path packs;
  static CreditRulesEngine engine;

  @BeforeAll
  static void writePacks() throws IOException {
    writePack(packs, "2020.01", "2020-01-01", "12", DRL);
    writePack(packs, "2024.01", "2024-01-01", "24", DRL);
    engine = CreditRulesEngine.builder().directory(packs).build();
  }

  /**
   * Writes {@code <root>/demo/<version>/} and the types it uses, {@code <root>/demo/types.yaml}.
   */
  static void writePack(Path root, String version, String from, String months, String drl)
      throws IOException {
    FixtureTypes.write(root, "demo", FixtureTypes.GENERAL);
    Path dir = Files.createDirectories(root.resolve("demo").resolve(version));
    Files.writeString(
        dir.resolve("pack.properties"), MANIFEST.formatted(version, from), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("rules.drl"), drl.formatted(months), StandardCharsets.UTF_8);
    Path cases = Files.createDirectories(dir.resolve("cases"));
    Files.writeString(cases.resolve("ignored.yaml"), "name: not part of the digest\n");
  }

  static Fact penalty(String id, String decided) {
    return FixtureTypes.penalty(id, "market", "GENERAL", decided);
  }

  static Fact grant(String id, String target, String grantedOn, String revokedOn) {
    Fact g =
        Fact.of(
            "REPAIR_GRANTED",
            id,
            Map.of("target", target, "grantedOn", LocalDate.parse(grantedOn)));
    return revokedOn == null ? g : g.with("revokedOn", LocalDate.parse(revokedOn));
  }

  static Request request(String asOf, Fact... facts) {
    return Request.of(
        LocalDate.parse(asOf),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(facts));
  }

  @Test
  void outcomesSortByCodePointNotByUtf16Unit() {
    // U+1D400 (a surrogate pair in UTF-16) comes after U+FF21 by code point (packs-v1 s.10)
    Decision d =
        engine.decide(
            request(
                "2020-06-01",
                penalty("\uD835\uDC00", "2020-03-01"),
                penalty("\uFF21", "2020-03-01")));
    assertThat(d.sanctions())
        .filteredOn(o -> o.measure().equals("DEMO-S-01"))
        .extracting(o -> o.facts().get(0))
        .containsExactly("\uFF21", "\uD835\uDC00");
    assertThat(Assembler.byCodePoint("\uD835\uDC00", "\uFF21")).isPositive();
    assertThat(Assembler.byCodePoint("a", "ab")).isNegative();
    assertThat(Assembler.byCodePoint("B", "A")).isPositive();
    assertThat(Assembler.byCodePoint("\uD835\uDC00", "\uD835\uDC01")).isNegative();
  }

  @Test
  void eachFactIsJudgedByTheVersionOfItsOwnDate() {
    Decision d =
        engine.decide(
            request("2024-06-01", penalty("old", "2023-12-01"), penalty("new", "2024-03-01")));
    assertThat(d.sanctions())
        .filteredOn(o -> o.measure().equals("DEMO-S-01"))
        .extracting(Outcome::rule, Outcome::until)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "demo@2020.01/publication", LocalDate.parse("2024-12-01")),
            org.assertj.core.groups.Tuple.tuple(
                "demo@2024.01/publication", LocalDate.parse("2026-03-01")));
    assertThat(d.packs())
        .extracting(p -> p.id() + "@" + p.version())
        .containsExactly("demo@2020.01", "demo@2024.01");
    assertThat(d.packs().get(0).digest()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void factsOlderThanTheFirstVersionAreUnverified() {
    Decision d = engine.decide(request("2019-06-01", penalty("p", "2019-05-01")));
    assertThat(d.sanctions()).allMatch(o -> !o.verified());
    assertThat(d.repairs()).singleElement().matches(r -> !r.verified());
  }

  @Test
  void onlyOutcomesActiveOnAsOfAreReturned() {
    assertThat(engine.decide(request("2021-03-01", penalty("p", "2020-03-01"))).sanctions())
        .extracting(Outcome::measure)
        .containsExactly("DEMO-S-01", "DEMO-S-02");
    assertThat(engine.decide(request("2021-03-02", penalty("p", "2020-03-01"))).sanctions())
        .isEmpty();
  }

  @Test
  void factsDatedAfterAsOfPlayNoPart() {
    Decision d = engine.decide(request("2021-01-01", penalty("later", "2021-01-02")));
    assertThat(d.sanctions()).isEmpty();
    assertThat(d.repairs()).isEmpty();
    assertThat(d.packs()).isEmpty();
  }

  @Test
  void mergeMeasuresGiveOneOutcomeCitingEveryActiveRecord() {
    Decision d =
        engine.decide(
            request("2020-12-01", penalty("b", "2020-06-01"), penalty("a", "2020-03-01")));
    assertThat(d.sanctions())
        .filteredOn(o -> o.measure().equals("DEMO-S-02"))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.from()).isEqualTo("2020-03-01");
              assertThat(o.until()).isEqualTo("2021-06-01");
              assertThat(o.facts()).containsExactly("b", "a");
            });
    assertThat(d.sanctions()).filteredOn(o -> o.measure().equals("DEMO-S-01")).hasSize(2);
  }

  @Test
  void aGrantEndsTheMeasuresOfItsTargetAndMarksItRepaired() {
    Fact grant = grant("g", "p", "2020-05-01", null);
    Decision d = engine.decide(request("2020-06-01", penalty("p", "2020-03-01"), grant));
    assertThat(d.sanctions()).isEmpty();
    assertThat(d.repairs())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RepairStatus.REPAIRED);
              assertThat(r.earliest()).isNull();
              assertThat(r.rule()).isEqualTo("demo@2020.01/repair");
              assertThat(r.route()).isEqualTo("信用中国");
            });
  }

  @Test
  void aRevokedGrantCountsAsNeverGranted() {
    Fact grant = grant("g", "p", "2020-05-01", "2020-05-20");
    Decision d = engine.decide(request("2020-06-01", penalty("p", "2020-03-01"), grant));
    assertThat(d.sanctions()).hasSize(2);
    assertThat(d.repairs())
        .singleElement()
        .extracting(r -> r.status())
        .isEqualTo(RepairStatus.ELIGIBLE);
  }

  @Test
  void invalidRequestsAreRejectedWithEveryError() {
    Request bad =
        Request.of(
            LocalDate.parse("2020-06-01"),
            Subject.of("91350211M000100Y43", SubjectType.ENTERPRISE),
            List.of(penalty("p", "2020-03-01"), penalty("p", "2020-04-01")));
    assertThatThrownBy(() -> engine.decide(bad))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(er -> er.pointer())
                    .contains("/subject/id", "/facts/1/id"));
  }

  @Test
  void decisionsAreEqualAcrossThreads() throws Exception {
    Request r = request("2020-12-01", penalty("b", "2020-06-01"), penalty("a", "2020-03-01"));
    Decision expected = engine.decide(r);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Decision>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(pool.submit(() -> engine.decide(r)));
      }
      for (Future<Decision> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void compileErrorsNameFileLineAndRule(@TempDir Path broken) throws IOException {
    String bad =
        DRL.replace(
            "insert(Hit.of($d, Periods.lastDay($d, %s)",
            "insert(Hit.off($d, Periods.lastDay($d, %s)");
    writePack(broken, "2020.01", "2020-01-01", "12", bad);
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(broken).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              PackProblem p = e.problems().get(0);
              assertThat(p.pack()).isEqualTo("demo@2020.01");
              assertThat(p.file()).isEqualTo("rules.drl");
              assertThat(p.line()).isPositive();
              assertThat(p.rule()).isEqualTo("publication");
            });
  }

  @Test
  void aBrokenManifestIsReportedWithItsFile(@TempDir Path broken) throws IOException {
    writePack(broken, "2020.01", "2020-13-01", "12", DRL);
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(broken).build())
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.file()).isEqualTo("pack.properties");
                          assertThat(p.message()).contains("validFrom");
                        }));
  }
}
