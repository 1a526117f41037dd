package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import dev.creditrules.runtime.LiveStatus.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case gate on a small pack with its own cases: a change that breaks one of the pack's cases is
 * rejected with the case's name, alone and in a live directory while other threads decide.
 */
class CaseGateTest {
  static final String KEY = "demo@2024.01";
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
      """;

  /** The publication term is {@code MONTHS}. */
  static final String DRL =
      """
      package dev.creditrules.packs.demo

      import dev.creditrules.pack.Periods
      import dev.creditrules.facts.*
      import dev.creditrules.pack.*

      rule "publication"
          @measure("DEMO-S-01")
      when
          $p : AdminPenalty($id : id, $d : decidedOn)
          Judged(fact == $id)
      then
          insert(Hit.of($d, Periods.lastDay($d, MONTHS), $id));
      end
      """;

  /** The one fact type the demo pack governs, declared beside its versions. */
  static final String TYPES =
      """
      types:
        ADMIN_PENALTY:
          class: AdminPenalty
          description: an administrative penalty decision
          subjects: any
          ownDate: decidedOn
          fields:
            sector: { kind: enumeration, required: true, values: [market, tax] }
            decidedOn: { kind: date, required: true }
            severity: { kind: enumeration, required: true, values: [MINOR, GENERAL, SERIOUS] }
            kinds: { kind: enumeration list, what: penalty kind, values: [WARNING, FINE] }
            fine: { kind: decimal }
      """;

  static final String BROKEN_CASE = "the publication ends on the last day of the 12th month";
  static final String CASES =
      """
      cases:
        - name: the publication runs on the day it is decided
          request:
            asOf: "2024-03-01"
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: f1, type: ADMIN_PENALTY, sector: market, decidedOn: "2024-03-01", severity: GENERAL,
                  kinds: [FINE], fine: 1000 }
          expect:
            sanctions: { include: [DEMO-S-01] }
        - name: %s
          request:
            asOf: "2024-06-01"
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts:
              - { id: f1, type: ADMIN_PENALTY, sector: market, decidedOn: "2024-03-01", severity: GENERAL,
                  kinds: [FINE], fine: 1000 }
          expect:
            sanctions:
              include: [{ measure: DEMO-S-01, from: 2024-03-01, until: 2025-03-01, facts: [f1] }]
      """
          .formatted(BROKEN_CASE);

  @TempDir Path live;
  Path folder;

  static void writePack(Path root, String version, String from, int months) throws IOException {
    Path dir = Files.createDirectories(root.resolve("demo").resolve(version));
    Files.writeString(root.resolve("demo/types.yaml"), TYPES, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("pack.properties"), MANIFEST.formatted(version, from), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("rules.drl"), drl(months), StandardCharsets.UTF_8);
    Files.writeString(
        Files.createDirectories(dir.resolve("cases")).resolve("terms.yaml"),
        CASES,
        StandardCharsets.UTF_8);
  }

  static String drl(int months) {
    return DRL.replace("MONTHS", Integer.toString(months));
  }

  @BeforeEach
  void writePacks() throws IOException {
    writePack(live, "2024.01", "2024-01-01", 12);
    folder = live.resolve("demo/2024.01");
  }

  Path drl() {
    return folder.resolve("rules.drl");
  }

  void lengthenTerm() throws IOException {
    Files.writeString(drl(), drl(24));
  }

  @Test
  void passingCasesAcceptAndABrokenCaseIsNamed() throws IOException {
    CaseGate gate = new CaseGate();
    assertThat(gate.check(CreditRulesEngine.builder().directory(live).build(), List.of(folder)))
        .isEmpty();

    lengthenTerm();
    List<PackProblem> problems =
        gate.check(CreditRulesEngine.builder().directory(live).build(), List.of(folder));
    assertThat(problems)
        .isNotEmpty()
        .allSatisfy(
            p -> {
              assertThat(p.pack()).isEqualTo(KEY);
              assertThat(p.file()).startsWith("cases/").endsWith(".yaml");
              assertThat(p.message()).startsWith("case \"").contains("failed: ");
            })
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo("cases/terms.yaml");
              assertThat(p.message())
                  .contains(BROKEN_CASE, "until expected \"2025-03-01\" but was \"2026-03-01\"");
            });
  }

  @Test
  void anUnreadableCaseFileRejects() throws IOException {
    Files.writeString(folder.resolve("cases/typo.yaml"), "name: a typo\nrequst: {}\nexpect: {}\n");
    List<PackProblem> problems =
        new CaseGate().check(CreditRulesEngine.builder().directory(live).build(), List.of(folder));
    // every problem of the file, each at its line, and no case of it runs
    assertThat(problems)
        .allSatisfy(
            p -> {
              assertThat(p.file()).isEqualTo("cases/typo.yaml");
              assertThat(p.message()).startsWith("case file does not load: ");
            });
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("unknown key 'requst'; did you mean request?");
            });
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  static Request request() {
    Fact p =
        Fact.builder("ADMIN_PENALTY", "f1")
            .set("sector", "market")
            .set("decidedOn", LocalDate.parse("2024-03-01"))
            .set("severity", "GENERAL")
            .set("kinds", List.of())
            .build();
    return Request.of(
        LocalDate.parse("2024-06-01"),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(p));
  }

  @Test
  void aChangeBreakingOneOfThePacksCasesNeverGoesLive() throws Exception {
    Request r = request();
    Map<List<PackRef>, Decision> expected = new ConcurrentHashMap<>();
    Decision d0 = CreditRulesEngine.builder().directory(live).build().decide(r);
    expected.put(d0.packs(), d0);
    Map<List<PackRef>, Set<Decision>> seen = new ConcurrentHashMap<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    AtomicLong count = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();

    try (LivePacks rules =
        LivePacks.builder(live)
            .gate(new CaseGate())
            .pollInterval(Duration.ofMillis(50))
            .quietPeriod(Duration.ofMillis(150))
            .watch()) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    try {
                      Decision d = rules.decide(r);
                      seen.computeIfAbsent(d.packs(), k -> ConcurrentHashMap.newKeySet()).add(d);
                      count.incrementAndGet();
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }
                });
        threads.add(t);
        t.start();
      }
      String good;
      try {
        // a change that keeps every case passing goes live
        Files.writeString(folder.resolve("CHANGES.md"), "- Wording of the README.\n");
        await("the edited pack is served", () -> rules.status().generation() == 2);
        Decision d1 = CreditRulesEngine.builder().directory(live).build().decide(r);
        expected.put(d1.packs(), d1);
        assertThat(d1.packs()).isNotEqualTo(d0.packs());
        good = d1.packs().get(0).digest();

        // (d) a change that breaks one of the pack's own cases is rejected with the case's name
        lengthenTerm();
        await(
            "the broken case is reported",
            () ->
                rules
                    .status()
                    .folder(KEY)
                    .filter(o -> o.verdict() == Verdict.REJECTED)
                    .filter(
                        o -> o.problems().stream().anyMatch(p -> p.message().contains(BROKEN_CASE)))
                    .isPresent());
        LiveStatus s = rules.status();
        assertThat(s.generation()).isEqualTo(2);
        assertThat(s.served(KEY).orElseThrow().digest()).isEqualTo(good);
        assertThat(s.folder(KEY).orElseThrow().problems())
            .singleElement()
            .satisfies(p -> assertThat(p.file()).isEqualTo("cases/terms.yaml"));
        long target = count.get() + 200;
        await("more decisions", () -> count.get() >= target);
        assertThat(rules.decide(r)).isEqualTo(d1);
      } finally {
        stop.set(true);
        for (Thread t : threads) {
          t.join();
        }
      }
      assertThat(errors).isEmpty();
      assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      seen.forEach(
          (packs, decisions) -> assertThat(decisions).containsExactly(expected.get(packs)));

      // a new case that the served rules fail: the folder is rejected, what is served is unchanged
      Files.writeString(drl(), drl(12));
      await("the fixed pack is accepted", () -> rules.status().healthy());
      assertThat(rules.status().served(KEY).orElseThrow().digest()).isEqualTo(good);
      Files.writeString(
          folder.resolve("cases/new.yaml"),
          """
          name: a new case expecting a sanction that the rules do not give
          request:
            asOf: "2024-06-01"
            subject: { id: 91110108MA01TAX03C, type: ENTERPRISE }
            facts: []
          expect:
            sanctions: { include: [DEMO-S-01] }
          """);
      await(
          "the new case is reported",
          () ->
              rules
                  .status()
                  .folder(KEY)
                  .filter(o -> o.verdict() == Verdict.REJECTED)
                  .filter(
                      o ->
                          o.problems().stream()
                              .anyMatch(
                                  p ->
                                      p.toString()
                                          .contains(
                                              KEY
                                                  + "/cases/new.yaml:1: case \"a new case expecting a sanction")))
                  .isPresent());
    }
  }
}
