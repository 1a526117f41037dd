package dev.creditrules.runtime;

import static dev.creditrules.runtime.LivePacksTest.KEY;
import static dev.creditrules.runtime.LivePacksTest.await;
import static dev.creditrules.runtime.LivePacksTest.drl;
import static dev.creditrules.runtime.LivePacksTest.fresh;
import static dev.creditrules.runtime.LivePacksTest.request;
import static dev.creditrules.runtime.LivePacksTest.writePack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.pack.Periods;
import dev.creditrules.runtime.LivePacksTest.TestClock;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fact declarations of a live directory ({@code <pack>/types.yaml}) go live like a folder
 * change, all or nothing: every folder is compiled against the new classes and the new model goes
 * live with all of them, or nothing of it does and the old engine keeps serving.
 */
class LiveDeclarationsTest {
  static final String SEVERITY =
      "severity: { kind: enumeration, required: true, values: [MINOR, GENERAL, SERIOUS] }";

  /** The demo declarations with one more field: the publication term of a penalty. */
  static final String WITH_MONTHS =
      FixtureTypes.GENERAL.replace(
          SEVERITY, SEVERITY + "\n      publicationMonths: { kind: integer, default: 12, min: 1 }");

  /** The demo declarations with an optional note, which one version's rules read. */
  static final String WITH_NOTE =
      FixtureTypes.GENERAL.replace(SEVERITY, SEVERITY + "\n      note: { kind: text }");

  @TempDir Path live;

  Path types() {
    return live.resolve("demo/types.yaml");
  }

  void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Rules that publish a penalty for its own {@code publicationMonths}. */
  static String monthsDrl() {
    String drl =
        LivePacksTest.DRL
            .replace(
                "$p : AdminPenalty($id : id, $d : decidedOn)\n    Judged(fact == $id)\nthen\n    insert(Hit.of(",
                "$p : AdminPenalty($id : id, $d : decidedOn, $m : publicationMonths)\n    Judged(fact == $id)\nthen\n    insert(Hit.of(")
            .replace("MONTHS", "$m");
    assertThat(drl).contains("$m : publicationMonths");
    return drl;
  }

  static Request penalty(String decidedOn, Integer months) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("sector", "market");
    values.put("decidedOn", LocalDate.parse(decidedOn));
    values.put("severity", "GENERAL");
    if (months != null) {
      values.put("publicationMonths", months);
    }
    return Request.of(
        LocalDate.parse(decidedOn).plusMonths(3),
        Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(Fact.of("ADMIN_PENALTY", "f1", values)));
  }

  static LocalDate until(Decision d) {
    return LocalDate.parse(d.sanctions().get(0).until().toString());
  }

  @Test
  void anEditedTypesYamlAddingAFieldGoesLiveAndARuleUsingItThenCompilesAndDecides()
      throws IOException {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
    List<List<Path>> gated = new CopyOnWriteArrayList<>();
    PackGate gate =
        (candidate, changed) -> {
          gated.add(changed);
          return List.of();
        };
    try (LivePacks rules = LivePacks.builder(live).gate(gate).clock(new TestClock()).open()) {
      long compiled = rules.compilations();
      Decision before = rules.decide(request());
      assertThat(rules.model().type("ADMIN_PENALTY").field("publicationMonths")).isNull();
      assertThatThrownBy(() -> rules.decide(penalty("2024-03-01", 24)))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(rules.status().folder(LivePacks.DECLARATIONS)).isEmpty(); // nothing judged yet

      // the declarations gain a field: every folder is compiled against the new classes and gated
      write(types(), WITH_MONTHS);
      gated.clear();
      LiveStatus s = rules.reload();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.healthy()).isTrue();
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow())
          .satisfies(
              o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.ACCEPTED);
                assertThat(o.folder()).isEqualTo(live);
                assertThat(o.digest()).startsWith("sha256:");
                assertThat(o.problems()).isEmpty();
              });
      assertThat(rules.compilations()).isEqualTo(compiled + 2);
      assertThat(gated)
          .singleElement()
          .isEqualTo(List.of(live.resolve("demo/2020.01"), live.resolve("demo/2024.01")));
      assertThat(rules.model().type("ADMIN_PENALTY").field("publicationMonths")).isNotNull();
      // what a fresh engine gives on the directory: the same decisions, digests covering types.yaml
      Decision after = rules.decide(request());
      assertThat(after).isEqualTo(fresh(live, request()));
      assertThat(after.sanctions()).isEqualTo(before.sanctions());
      assertThat(after.packs()).isNotEqualTo(before.packs());
      List<PackRef> packs = CreditRulesEngine.builder().directory(live).build().packs();
      assertThat(s.packs()).isEqualTo(packs);
      assertThat(s.folders())
          .filteredOn(o -> !o.pack().equals(LivePacks.DECLARATIONS))
          .extracting(FolderOutcome::digest)
          .containsExactlyElementsOf(packs.stream().map(PackRef::digest).toList());
      // a request may carry the new field now (the old rules ignore it)
      assertThat(until(rules.decide(penalty("2024-03-01", 24))))
          .isEqualTo(Periods.lastDay(LocalDate.parse("2024-03-01"), 12));

      // a new version whose rules read the new field compiles against it, goes live and decides
      writePack(live, "2026.01", "2026-01-01", monthsDrl());
      write(types(), WITH_MONTHS); // writePack writes the fixture's declarations
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(3);
      assertThat(s.healthy()).isTrue();
      assertThat(s.served("demo@2026.01")).isPresent();
      assertThat(rules.compilations()).isEqualTo(compiled + 3);
      Decision months = rules.decide(penalty("2026-03-01", 24));
      assertThat(until(months)).isEqualTo(Periods.lastDay(LocalDate.parse("2026-03-01"), 24));
      assertThat(until(rules.decide(penalty("2026-03-01", null)))) // the declared default
          .isEqualTo(Periods.lastDay(LocalDate.parse("2026-03-01"), 12));
      assertThat(months).isEqualTo(fresh(live, penalty("2026-03-01", 24)));
    }
  }

  @Test
  void aBrokenTypesYamlIsRejectedWithFileAndLineWhileTheOldEngineKeepsServing() throws IOException {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
    String good = Files.readString(types());
    String broken =
        good.replace("severity: { kind: enumeration,", "severity: { kind: enumeratoin,");
    int line =
        broken
                .lines()
                .toList()
                .indexOf(
                    "      severity: { kind: enumeratoin, required: true, values: [MINOR, GENERAL, SERIOUS] }")
            + 1;
    assertThat(line).isPositive();
    Request r = request();
    try (LivePacks rules = LivePacks.builder(live).clock(new TestClock()).open()) {
      LiveStatus first = rules.status();
      Decision d0 = rules.decide(r);
      long compiled = rules.compilations();

      write(types(), broken);
      LiveStatus s = rules.reload();
      assertThat(s.generation()).isEqualTo(1);
      assertThat(s.packs()).isEqualTo(first.packs());
      assertThat(s.healthy()).isFalse();
      FolderOutcome rejected = s.folder(LivePacks.DECLARATIONS).orElseThrow();
      assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(rejected.problems())
          .anySatisfy(
              p -> {
                assertThat(p.pack()).isEqualTo("demo");
                assertThat(p.file()).isEqualTo("types.yaml");
                assertThat(p.line()).isEqualTo(line);
                assertThat(p.toString()).startsWith("demo/types.yaml:" + line + ":");
                assertThat(p.message()).contains("enumeratoin");
              });
      assertThat(s.folder(KEY)).isEqualTo(first.folder(KEY));
      assertThat(rules.compilations()).isEqualTo(compiled); // nothing to compile against
      assertThat(rules.decide(r)).isEqualTo(d0);
      assertThat(rules.reload()).isEqualTo(s); // judged: not judged again

      // meanwhile a folder change goes live against the declarations served
      write(live.resolve("demo/2024.01/rules.drl"), drl(24));
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.folder(KEY).orElseThrow().verdict()).isEqualTo(Verdict.ACCEPTED);
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow().verdict())
          .isEqualTo(Verdict.REJECTED);
      assertThat(s.healthy()).isFalse();
      assertThat(until(rules.decide(r)))
          .isEqualTo(Periods.lastDay(LocalDate.parse("2024-03-01"), 24));

      // the declarations put back as served: accepted, nothing compiled, nothing swapped
      compiled = rules.compilations();
      write(types(), good);
      s = rules.reload();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.healthy()).isTrue();
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow().verdict())
          .isEqualTo(Verdict.ACCEPTED);
      assertThat(rules.compilations()).isEqualTo(compiled);
      assertThat(rules.decide(r)).isEqualTo(fresh(live, r));
    }

    // on opening there is nothing to fall back on: the same problem is an error
    write(types(), broken);
    assertThatThrownBy(() -> LivePacks.open(live, PackGate.NONE))
        .isInstanceOfSatisfying(
            PackException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.file()).isEqualTo("types.yaml");
                          assertThat(p.line()).isEqualTo(line);
                        }));
  }

  @Test
  void aTypesYamlThatIsNotUtf8IsRejectedAtItsByte() throws IOException {
    writePack(live, "2024.01", "2024-01-01", drl(12));
    try (LivePacks rules = LivePacks.open(live, PackGate.NONE)) {
      byte[] gbk =
          (FixtureTypes.GENERAL + "# 说明\n").getBytes(java.nio.charset.Charset.forName("GBK"));
      Files.write(types(), gbk);
      LiveStatus s = rules.reload();
      assertThat(s.generation()).isEqualTo(1);
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow().problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.file()).isEqualTo("types.yaml");
                assertThat(p.line()).isEqualTo((int) FixtureTypes.GENERAL.lines().count() + 1);
                assertThat(p.message()).isEqualTo("the file is not UTF-8");
              });
    }
  }

  @Test
  void aTypesChangeThatBreaksOnePackFolderIsRejectedAsAWholeAndFixingTheFolderTakesItLive()
      throws IOException {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
    writePack(
        live,
        "2026.01",
        "2026-01-01",
        drl(36)
            .replace(
                "AdminPenalty($id : id, $d : decidedOn)",
                "AdminPenalty($id : id, $d : decidedOn, note == null)"));
    write(types(), WITH_NOTE);
    try (LivePacks rules = LivePacks.builder(live).clock(new TestClock()).open()) {
      LiveStatus first = rules.status();
      Decision d0 = rules.decide(request());
      long compiled = rules.compilations();
      assertThat(compiled).isEqualTo(3);

      // the note goes: demo@2026.01 no longer compiles against the new classes, so nothing goes
      // live
      write(types(), FixtureTypes.GENERAL);
      LiveStatus s = rules.reload();
      assertThat(rules.compilations()).isEqualTo(compiled + 3);
      assertThat(s.generation()).isEqualTo(1);
      assertThat(s.packs()).isEqualTo(first.packs());
      assertThat(s.healthy()).isFalse();
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow())
          .satisfies(
              o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(o.problems())
                    .isNotEmpty()
                    .allSatisfy(
                        p -> {
                          assertThat(p.pack()).isEqualTo("demo@2026.01");
                          assertThat(p.file()).isEqualTo("rules.drl");
                          assertThat(p.line()).isPositive();
                        });
              });
      // every folder keeps serving its last good version, compiled against the old classes
      for (String k : List.of("demo@2020.01", KEY, "demo@2026.01")) {
        assertThat(s.folder(k)).isEqualTo(first.folder(k));
      }
      assertThat(rules.model().type("ADMIN_PENALTY").field("note")).isNotNull();
      assertThat(rules.decide(request())).isEqualTo(d0);

      // the folder fixed: the new declarations are tried again with every folder, and go live
      writePack(live, "2026.01", "2026-01-01", drl(36));
      write(types(), FixtureTypes.GENERAL); // writePack writes the demo declarations: the same
      s = rules.reload();
      // only the changed folder compiles: the others were compiled against the new classes before
      assertThat(rules.compilations()).isEqualTo(compiled + 4);
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.healthy()).isTrue();
      assertThat(s.folders()).extracting(FolderOutcome::verdict).containsOnly(Verdict.ACCEPTED);
      assertThat(s.folders())
          .extracting(FolderOutcome::pack)
          .containsExactly("demo@2020.01", KEY, "demo@2026.01", LivePacks.DECLARATIONS);
      assertThat(rules.model().type("ADMIN_PENALTY").field("note")).isNull();
      assertThat(rules.decide(request())).isEqualTo(fresh(live, request()));
      assertThat(rules.packs())
          .isEqualTo(CreditRulesEngine.builder().directory(live).build().packs());
    }
  }

  @Test
  void aGateProblemRejectsNewDeclarationsAsAWhole() throws IOException {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
    PackGate gate =
        (candidate, changed) ->
            candidate.model().type("ADMIN_PENALTY").field("publicationMonths") == null
                ? List.of()
                : List.of(
                    new dev.creditrules.api.PackProblem(
                        "demo@2020.01", "cases/a.yaml", 0, 0, null, "case a failed"));
    try (LivePacks rules = LivePacks.open(live, gate)) {
      LiveStatus first = rules.status();
      write(types(), WITH_MONTHS);
      LiveStatus s = rules.reload();
      assertThat(s.generation()).isEqualTo(1);
      assertThat(s.packs()).isEqualTo(first.packs());
      assertThat(s.folder("demo@2020.01")).isEqualTo(first.folder("demo@2020.01"));
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow().problems())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).isEqualTo("case a failed"));
    }
  }

  @Test
  void theWatcherTakesNewDeclarationsAndAFolderThatNeedsThemLiveInOneBurst() throws Exception {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
    try (LivePacks rules =
        LivePacks.builder(live)
            .pollInterval(Duration.ofMillis(50))
            .quietPeriod(Duration.ofMillis(150))
            .watch()) {
      // a folder that needs the new field, written before the declarations that declare it
      writePack(live, "2026.01", "2026-01-01", monthsDrl());
      write(types(), WITH_MONTHS);
      await(
          "the new declarations are served",
          () -> rules.status().served("demo@2026.01").isPresent());
      LiveStatus s = rules.status();
      assertThat(s.healthy()).isTrue();
      assertThat(s.folder(LivePacks.DECLARATIONS).orElseThrow().verdict())
          .isEqualTo(Verdict.ACCEPTED);
      assertThat(until(rules.decide(penalty("2026-03-01", 30))))
          .isEqualTo(Periods.lastDay(LocalDate.parse("2026-03-01"), 30));

      // a broken edit is rejected and the engine keeps serving
      long generation = s.generation();
      write(
          types(),
          WITH_MONTHS.replace("kind: integer, default: 12", "kind: integer, default: twelve"));
      await("the broken declarations are rejected", () -> !rules.status().healthy());
      assertThat(rules.status().generation()).isEqualTo(generation);
      assertThat(rules.status().folder(LivePacks.DECLARATIONS).orElseThrow().problems())
          .anySatisfy(p -> assertThat(p.file()).isEqualTo("types.yaml"));
      assertThat(until(rules.decide(penalty("2026-03-01", 30))))
          .isEqualTo(Periods.lastDay(LocalDate.parse("2026-03-01"), 30));
    }
  }
}
