package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live pack directory, on a small pack written by the test: changes go live atomically while
 * other threads decide; broken changes never do, and the status says why.
 */
class LivePacksTest {
  static final String KEY = "demo@2024.01";
  static final Duration PATIENCE = Duration.ofSeconds(90);
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
      procedure.DEMO-R-01.route=信用中国
      procedure.DEMO-R-01.basis.1=示例办法|示例令第1号|第三条
      procedure.DEMO-R-01.verified=true
      """;

  /** The publication term is {@code MONTHS}. */
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
          insert(Hit.of($d, Periods.lastDay($d, MONTHS), $id));
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

  static String drl(int months) {
    return DRL.replace("MONTHS", Integer.toString(months));
  }

  /**
   * Writes {@code <root>/demo/<version>/} with the given rules, and {@code <root>/demo/types.yaml}.
   */
  static void writePack(Path root, String version, String from, String drl) throws IOException {
    FixtureTypes.write(root, "demo", FixtureTypes.GENERAL);
    Path dir = Files.createDirectories(root.resolve("demo").resolve(version));
    Files.writeString(
        dir.resolve("pack.properties"), MANIFEST.formatted(version, from), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("measures.properties"), CATALOGUE, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("rules.drl"), drl, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("cases"));
  }

  /** Two versions of the demo pack, 12 months each. */
  void writePacks() throws IOException {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
  }

  @TempDir Path live;

  /** A penalty of 2024-03-01, judged by demo@2024.01: published 12 months (24 when edited). */
  static Request request() {
    Fact p = FixtureTypes.penalty("f1", "market", "GENERAL", "2024-03-01");
    return Request.of(
        LocalDate.parse("2024-06-01"),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(p));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  Path drl() {
    return live.resolve("demo/2024.01/rules.drl");
  }

  void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A fresh engine over the directory as it is now: the reference for its digests. */
  static Decision fresh(Path dir, Request r) {
    return CreditRulesEngine.builder().directory(dir).build().decide(r);
  }

  static String servedDigest(LivePacks rules) {
    return rules.status().served(KEY).map(PackRef::digest).orElseThrow();
  }

  static boolean rejectedWith(LivePacks rules, String text) {
    return rules
        .status()
        .folder(KEY)
        .filter(o -> o.verdict() == Verdict.REJECTED)
        .filter(o -> o.problems().stream().anyMatch(p -> p.toString().contains(text)))
        .isPresent();
  }

  /**
   * Threads deciding the same request without pause, keeping every distinct decision per pack list.
   */
  static final class Deciders {
    final Map<List<PackRef>, Set<Decision>> seen = new ConcurrentHashMap<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final AtomicLong count = new AtomicLong();
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();

    Deciders(LivePacks rules, Request r, int n) {
      for (int i = 0; i < n; i++) {
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
                },
                "decider-" + i);
        threads.add(t);
        t.start();
      }
    }

    /** Waits until at least {@code n} more decisions were made. */
    void awaitMore(long n) throws InterruptedException {
      long target = count.get() + n;
      await(n + " more decisions", () -> count.get() >= target);
    }

    void stop() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  @Test
  void changesGoLiveAtomicallyWhileThreadsDecideAndBrokenChangesNeverDo() throws Exception {
    writePacks();
    Request r = request();
    Map<List<PackRef>, Decision> expected = new ConcurrentHashMap<>();
    Decision d0 = fresh(live, r);
    expected.put(d0.packs(), d0);
    String original = drl(12);
    String longer = drl(24);

    try (LivePacks rules =
        LivePacks.builder(live)
            .pollInterval(Duration.ofMillis(50))
            .quietPeriod(Duration.ofMillis(150))
            .watch()) {
      assertThat(rules.status().generation()).isEqualTo(1);
      assertThat(rules.decide(r)).isEqualTo(d0);
      Deciders deciders = new Deciders(rules, r, 4);
      try {
        deciders.awaitMore(200);

        // (a) a term changes: accepted, decisions switch to the new result
        write(drl(), longer);
        await("the longer term is served", () -> rules.status().generation() == 2);
        Decision d1 = fresh(live, r);
        expected.put(d1.packs(), d1);
        assertThat(d1.sanctions())
            .singleElement()
            .satisfies(o -> assertThat(o.until()).isEqualTo("2026-03-01"));
        assertThat(d0.sanctions())
            .singleElement()
            .satisfies(o -> assertThat(o.until()).isEqualTo("2025-03-01"));
        assertThat(servedDigest(rules)).isEqualTo(d1.packs().get(0).digest());
        assertThat(rules.status().folder(KEY).orElseThrow().verdict()).isEqualTo(Verdict.ACCEPTED);
        deciders.awaitMore(200);

        // (b) a DRL syntax error: rejected with file and line, the last good version keeps serving
        write(drl(), longer.replace("    Context($asOf : asOf)\n", "    Context($asOf : asOf\n"));
        await("the syntax error is rejected", () -> rejectedWith(rules, "rules.drl:"));
        FolderOutcome syntax = rules.status().folder(KEY).orElseThrow();
        assertThat(syntax.problems())
            .allSatisfy(p -> assertThat(p.pack() + "/" + p.file()).isEqualTo(KEY + "/rules.drl"))
            .anySatisfy(
                p -> {
                  assertThat(p.line()).isPositive();
                  assertThat(p.rule()).isEqualTo("repair");
                });
        assertThat(syntax.digest()).isNotEqualTo(d1.packs().get(0).digest());
        assertThat(rules.status().generation()).isEqualTo(2);
        assertThat(rules.status().healthy()).isFalse();
        assertThat(servedDigest(rules)).isEqualTo(d1.packs().get(0).digest());
        deciders.awaitMore(200);
        assertThat(rules.decide(r)).isEqualTo(d1);

        // (c) a lint violation: rejected, still the last good version
        write(
            drl(),
            longer.replace(
                "    insert(Hit.of(", "    System.out.println(\"debug\");\n    insert(Hit.of("));
        await("the lint violation is rejected", () -> rejectedWith(rules, "System"));
        assertThat(rules.status().folder(KEY).orElseThrow().problems())
            .anySatisfy(
                p -> {
                  assertThat(p.file()).isEqualTo("rules.drl");
                  assertThat(p.rule()).isEqualTo("publication");
                });
        assertThat(rules.status().generation()).isEqualTo(2);
        deciders.awaitMore(200);
        assertThat(rules.decide(r)).isEqualTo(d1);

        // back to the original: accepted again (from the cache: no compilation needed)
        long compilations = rules.compilations();
        write(drl(), original);
        await("the original is served again", () -> rules.status().generation() == 3);
        assertThat(servedDigest(rules)).isEqualTo(d0.packs().get(0).digest());
        assertThat(rules.status().healthy()).isTrue();
        deciders.awaitMore(200);
        assertThat(rules.compilations()).isEqualTo(compilations);
      } finally {
        deciders.stop();
      }

      assertThat(deciders.errors).isEmpty();
      // every decision is exactly what a fresh engine gives for the pack digests it names: no mix
      assertThat(deciders.seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      deciders.seen.forEach(
          (packs, decisions) -> assertThat(decisions).containsExactly(expected.get(packs)));
    }
  }

  @Test
  void aPackRejectedOnOpeningIsAnError() throws IOException {
    writePacks();
    write(
        drl(),
        Files.readString(drl())
            .replace("    Context($asOf : asOf)\n", "    Context($asOf : asOf\n"));
    assertThatThrownBy(() -> LivePacks.open(live, PackGate.NONE))
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .isNotEmpty()
                    .allSatisfy(
                        p -> {
                          assertThat(p.pack()).isEqualTo(KEY);
                          assertThat(p.file()).isEqualTo("rules.drl");
                        }));
    assertThatThrownBy(() -> LivePacks.open(live.resolve("missing"), PackGate.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void eachFolderIsJudgedOnItsOwnAndOnlyChangedFoldersAreCompiled() throws IOException {
    writePacks();
    TestClock clock = new TestClock();
    try (LivePacks rules = LivePacks.builder(live).clock(clock).open()) {
      Instant opened = clock.instant();
      assertThat(rules.compilations()).isEqualTo(2);
      LiveStatus first = rules.status();
      assertThat(first.generation()).isEqualTo(1);
      assertThat(first.lastReload()).isEqualTo(opened);
      assertThat(first.packs())
          .extracting(PackRef::toString)
          .containsExactly("demo@2020.01", "demo@2024.01");
      assertThat(first.folders()).extracting(FolderOutcome::verdict).containsOnly(Verdict.ACCEPTED);
      assertThat(first.healthy()).isTrue();
      String old2023 = first.served("demo@2020.01").orElseThrow().digest();

      // nothing changed: nothing happens
      clock.now.set(opened.plusSeconds(60));
      assertThat(rules.reload()).isEqualTo(first);

      // one good and one broken change in the same burst
      clock.now.set(opened.plusSeconds(120));
      Files.writeString(
          live.resolve("demo/2020.01/rules.drl"), "// edited\n", StandardOpenOption.APPEND);
      write(drl(), Files.readString(drl()).replace("rule \"repair\"", "rule repair\""));
      LiveStatus second = rules.reload();
      assertThat(rules.compilations()).isEqualTo(4);
      assertThat(second.generation()).isEqualTo(2);
      assertThat(second.lastReload()).isEqualTo(opened.plusSeconds(120));
      assertThat(second.served("demo@2020.01").orElseThrow().digest()).isNotEqualTo(old2023);
      assertThat(second.folder("demo@2020.01").orElseThrow().verdict()).isEqualTo(Verdict.ACCEPTED);
      FolderOutcome broken = second.folder(KEY).orElseThrow();
      assertThat(broken.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(broken.at()).isEqualTo(opened.plusSeconds(120));
      assertThat(broken.digest()).isNotEqualTo(second.served(KEY).orElseThrow().digest());
      assertThat(second.served(KEY)).isEqualTo(first.served(KEY));
      assertThat(rules.packs()).isEqualTo(second.packs());

      // a case file changes: judged again, nothing compiled, nothing swapped
      clock.now.set(opened.plusSeconds(180));
      Files.writeString(
          live.resolve("demo/2020.01/cases/extra.yaml"), "name: not read by PackGate.NONE\n");
      LiveStatus third = rules.reload();
      assertThat(rules.compilations()).isEqualTo(4);
      assertThat(third.generation()).isEqualTo(2);
      assertThat(third.folder("demo@2020.01").orElseThrow().at())
          .isEqualTo(opened.plusSeconds(180));
      assertThat(third.folder(KEY)).isEqualTo(second.folder(KEY)); // not judged again: unchanged
    }
  }

  @Test
  void theGateSeesTheCandidateAndItsProblemsRejectTheFolder() throws IOException {
    writePacks();
    List<List<Path>> calls = new CopyOnWriteArrayList<>();
    List<List<PackRef>> candidates = new CopyOnWriteArrayList<>();
    AtomicReference<String> verdict = new AtomicReference<>("accept");
    PackGate gate =
        (candidate, changed) -> {
          calls.add(changed);
          candidates.add(candidate.packs());
          return switch (verdict.get()) {
            case "accept" -> List.of();
            case "throw" -> throw new IllegalStateException("gate broke");
            default -> List.of(new PackProblem(KEY, "cases/x.yaml", 0, 0, null, verdict.get()));
          };
        };
    try (LivePacks rules = LivePacks.open(live, gate)) {
      assertThat(calls).singleElement().satisfies(c -> assertThat(c).hasSize(2));
      calls.clear();
      candidates.clear();
      List<PackRef> before = rules.packs();

      verdict.set("case \"x\" failed");
      write(drl(), Files.readString(drl()) + "\n// edited\n");
      LiveStatus s = rules.reload();
      assertThat(calls).singleElement().isEqualTo(List.of(live.resolve("demo/2024.01")));
      assertThat(candidates.get(0))
          .isNotEqualTo(before)
          .contains(new PackRef("demo", "2024.01", s.folder(KEY).orElseThrow().digest()));
      assertThat(s.folder(KEY).orElseThrow().problems())
          .containsExactly(new PackProblem(KEY, "cases/x.yaml", 0, 0, null, "case \"x\" failed"));
      assertThat(s.generation()).isEqualTo(1);
      assertThat(rules.packs()).isEqualTo(before);

      verdict.set("throw");
      write(drl(), Files.readString(drl()) + "\n// edited again\n");
      assertThat(rules.reload().folder(KEY).orElseThrow().problems())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("the gate failed", "gate broke"));
      assertThat(rules.packs()).isEqualTo(before);

      verdict.set("accept");
      write(drl(), Files.readString(drl()) + "\n// and again\n");
      LiveStatus ok = rules.reload();
      assertThat(ok.generation()).isEqualTo(2);
      assertThat(ok.healthy()).isTrue();
    }
  }

  @Test
  void foldersComeAndGo() throws IOException {
    writePacks();
    try (LivePacks rules = LivePacks.open(live, PackGate.NONE)) {
      // a retired version stops being served (its folder stays)
      LivePacks.retire(live, "demo@2020.01", "superseded");
      LiveStatus s = rules.reload();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.packs()).extracting(PackRef::toString).containsExactly(KEY);
      assertThat(s.folder("demo@2020.01")).isEmpty();
      assertThat(s.healthy()).isTrue();

      // a new folder that does not load is not served, and says why
      Path next = live.resolve("demo/2027.01");
      copy(live.resolve("demo/2024.01"), next);
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.served("demo@2027.01")).isEmpty();
      assertThat(s.folder("demo@2027.01").orElseThrow())
          .satisfies(
              o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(o.problems())
                    .anySatisfy(
                        p -> assertThat(p.message()).contains("does not match the folder name"));
              });
      assertThat(s.healthy()).isFalse();

      // removing the rejected folder leaves what is served alone
      deleteTree(next);
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.healthy()).isTrue();

      // a new good version is served
      writePack(live, "2026.01", "2026-01-01", drl(36));
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(3);
      assertThat(s.packs()).extracting(PackRef::toString).containsExactly(KEY, "demo@2026.01");

      // removing every pack without retiring them: held, each folder says how to retire it
      deleteTree(live.resolve("demo"));
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(3);
      assertThat(s.packs()).hasSize(2);
      assertThat(s.folder(KEY).orElseThrow())
          .satisfies(
              o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(o.digest()).isNull();
                assertThat(o.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.message())
                                .contains("is gone but was not retired", "credit-rules retire"));
              });
      assertThat(rules.decide(request()).packs())
          .extracting(PackRef::toString)
          .containsExactly(KEY);
    }
  }

  @Test
  void closingStopsReloadsButNotDecisions() throws Exception {
    writePacks();
    LivePacks rules = LivePacks.builder(live).pollInterval(Duration.ofMillis(50)).watch();
    rules.close();
    rules.close();
    assertThat(rules.decide(request()).packs()).extracting(PackRef::toString).containsExactly(KEY);
    assertThatThrownBy(rules::reload).isInstanceOf(IllegalStateException.class);
  }
}
