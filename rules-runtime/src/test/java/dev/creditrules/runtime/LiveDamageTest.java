package dev.creditrules.runtime;

import static dev.creditrules.runtime.LivePacksTest.KEY;
import static dev.creditrules.runtime.LivePacksTest.await;
import static dev.creditrules.runtime.LivePacksTest.copy;
import static dev.creditrules.runtime.LivePacksTest.deleteTree;
import static dev.creditrules.runtime.LivePacksTest.drl;
import static dev.creditrules.runtime.LivePacksTest.request;
import static dev.creditrules.runtime.LivePacksTest.writePack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a live directory refuses silent damage. A served version leaves only when retired; a
 * folder that vanishes or is half-copied, a change that drops rules or measures without declaring
 * it, and a deleted directory are held while the last good generation serves, and the status says
 * what happened and how to retire a version on purpose.
 */
class LiveDamageTest {
  @TempDir Path live;
  @TempDir Path spare;

  Path folder() {
    return live.resolve("demo/2024.01");
  }

  /** Two versions of the demo pack; 2024.01 inherits nothing, so its rules are all its own. */
  void writePacks() throws IOException {
    writePack(live, "2020.01", "2020-01-01", drl(12));
    writePack(live, "2024.01", "2024-01-01", drl(12));
    Files.writeString(
        folder().resolve("pack.properties"), "inherit=false\n", StandardOpenOption.APPEND);
  }

  void restore() throws IOException {
    writePack(live, "2024.01", "2024-01-01", drl(12));
    Files.writeString(
        folder().resolve("pack.properties"), "inherit=false\n", StandardOpenOption.APPEND);
  }

  static FolderOutcome rejected(LiveStatus s, String key) {
    FolderOutcome o = s.folder(key).orElseThrow();
    assertThat(o.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(s.healthy()).isFalse();
    return o;
  }

  @Test
  void aVanishedFolderIsHeldUntilRestoredOrRetired() throws IOException {
    writePacks();
    Request r = request();
    try (LivePacks rules = LivePacks.open(live, PackGate.NONE)) {
      Decision d0 = rules.decide(r);
      List<PackRef> served = rules.packs();

      deleteTree(folder());
      LiveStatus s = rules.reload();
      assertThat(s.generation()).isEqualTo(1);
      assertThat(rejected(s, KEY).problems())
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains(folder().toString(), "is gone but was not retired")
                      .contains("credit-rules retire " + live + " " + KEY + " --reason"));
      assertThat(rules.packs()).isEqualTo(served);
      assertThat(rules.decide(r)).isEqualTo(d0);
      // judged again on the next reload: still held
      assertThat(rejected(rules.reload(), KEY).problems()).hasSize(1);

      // restored: healthy, nothing swapped
      restore();
      s = rules.reload();
      assertThat(s.healthy()).isTrue();
      assertThat(s.generation()).isEqualTo(1);

      // gone again, then retired (the command recreates the folder with the marker alone)
      deleteTree(folder());
      rules.reload();
      Path marker = LivePacks.retire(live, KEY, "replaced by demo@2020.01 for the test\nmore");
      assertThat(marker).isEqualTo(folder().resolve("RETIRED"));
      assertThat(Files.readString(marker)).isEqualTo("replaced by demo@2020.01 for the test\n");
      s = rules.reload();
      assertThat(s.healthy()).isTrue();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.packs()).extracting(PackRef::toString).containsExactly("demo@2020.01");
      assertThat(rules.decide(r).packs())
          .extracting(PackRef::toString)
          .containsExactly("demo@2020.01");
    }
  }

  @Test
  void retiringChecksWhatItIsGiven() throws IOException {
    writePacks();
    assertThatThrownBy(() -> LivePacks.retire(live, "demo-2024.01", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the pack must be id@version, as its folder <id>/<version>/ names it, but was 'demo-2024.01'");
    assertThatThrownBy(() -> LivePacks.retire(live, "demo@../x", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id@version");
    assertThatThrownBy(() -> LivePacks.retire(live, KEY, "  \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the reason must not be blank");
    assertThatThrownBy(() -> LivePacks.retire(live, "nope@2024.01", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no pack nope in " + live);
    // nothing written beside the version folders
    try (var files = Files.list(live.resolve("demo"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("2020.01", "2024.01", "types.yaml");
    }
  }

  @Test
  void aHalfCopiedFolderIsHeld() throws IOException {
    writePacks();
    Request r = request();
    try (LivePacks rules = LivePacks.open(live, PackGate.NONE)) {
      Decision d0 = rules.decide(r);

      Files.delete(folder().resolve("pack.properties"));
      LiveStatus s = rules.reload();
      assertThat(rejected(s, "demo@2020.01").problems())
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .isEqualTo("it would inherit from " + KEY + ", which is rejected"));
      assertThat(rejected(s, KEY).problems().get(0))
          .satisfies(
              p -> {
                assertThat(p.file()).isEqualTo("pack.properties");
                assertThat(p.message())
                    .contains(folder().toString(), "has no pack.properties", "half-copied")
                    .contains("credit-rules retire " + live + " " + KEY);
              });
      assertThat(s.generation()).isEqualTo(1);
      assertThat(rules.decide(r)).isEqualTo(d0);

      restore();
      assertThat(rules.reload().healthy()).isTrue();

      Files.delete(folder().resolve("rules.drl"));
      s = rules.reload();
      assertThat(rejected(s, KEY).problems().get(0).message()).contains("has no rule file left");
      assertThat(rules.decide(r)).isEqualTo(d0);
    }
  }

  /** The case: a DRL cut at a rule boundary, half of its rules kept, compiles and lints. */
  @Test
  void aDrlCutAtARuleBoundaryIsHeldUnlessTheRemovalIsDeclared() throws IOException {
    writePacks();
    // a third rule concluding the same measure: cut away, nothing else (lint, catalogue) notices
    Files.writeString(
        folder().resolve("rules.drl"),
        """

        rule "publication-too"
            @measure("DEMO-S-01")
        when
            $p : AdminPenalty($id : id, $d : decidedOn, decidedOn.year < 2024)
            Judged(fact == $id)
        then
            insert(Hit.of($d, Periods.lastDay($d, 6), $id));
        end
        """,
        StandardOpenOption.APPEND);
    Request r = request();
    try (LivePacks rules = LivePacks.open(live, PackGate.NONE)) {
      Decision d0 = rules.decide(r);
      String whole = Files.readString(folder().resolve("rules.drl"));
      String cut = whole.substring(0, whole.indexOf("rule \"publication-too\""));

      Files.writeString(folder().resolve("rules.drl"), cut, StandardCharsets.UTF_8);
      LiveStatus s = rules.reload();
      assertThat(rejected(s, KEY).problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.rule()).isEqualTo("publication-too");
                assertThat(p.message())
                    .contains("the change drops the rule \"publication-too\"")
                    .contains(folder() + "/REMOVALS");
              });
      assertThat(s.generation()).isEqualTo(1);
      assertThat(rules.decide(r)).isEqualTo(d0);

      // a malformed declaration is named with its line and does not count
      Files.writeString(folder().resolve("REMOVALS"), "# why\nrules publication-too\n");
      assertThat(rejected(rules.reload(), KEY).problems())
          .anySatisfy(
              p -> {
                assertThat(p.file()).isEqualTo("REMOVALS");
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).contains("'rules publication-too'");
              });

      // declared: accepted
      Files.writeString(
          folder().resolve("REMOVALS"),
          "# penalties before 2024 are out of scope\nrule publication-too\n");
      s = rules.reload();
      assertThat(s.healthy()).isTrue();
      assertThat(s.generation()).isEqualTo(2);
      assertThat(rules.engine().rules()).noneMatch(i -> i.name().equals("publication-too"));
    }
  }

  @Test
  void aMeasureDroppedFromTheCatalogueIsHeldUnlessDeclared() throws IOException {
    writePacks();
    Path catalogue = folder().resolve("measures.properties");
    String extra =
        """
        measure.DEMO-S-02.zh=限制
        measure.DEMO-S-02.en=Restriction
        measure.DEMO-S-02.group=SUPERVISORY
        measure.DEMO-S-02.areas=PUBLICATION
        measure.DEMO-S-02.basis.1=示例办法|示例令第1号|第二条
        measure.DEMO-S-02.verified=true
        """;
    String before = Files.readString(catalogue);
    Path drl = folder().resolve("rules.drl");
    String rulesBefore = Files.readString(drl);
    Files.writeString(catalogue, before + extra);
    Files.writeString(
        drl,
        rulesBefore
            + """

            rule "restriction"
                @measure("DEMO-S-02")
            when
                $p : AdminPenalty($id : id, $d : decidedOn)
                Judged(fact == $id)
            then
                insert(Hit.of($d, Periods.lastDay($d, 6), $id));
            end
            """);
    try (LivePacks rules = LivePacks.open(live, PackGate.NONE)) {
      Files.writeString(catalogue, before);
      Files.writeString(drl, rulesBefore);
      LiveStatus s = rules.reload();
      assertThat(messages(rejected(s, KEY).problems()))
          .hasSize(2)
          .anySatisfy(m -> assertThat(m).contains("the change drops the measure DEMO-S-02"))
          .anySatisfy(m -> assertThat(m).contains("the change drops the rule \"restriction\""));
      Files.writeString(folder().resolve("REMOVALS"), "measure DEMO-S-02\nrule \"restriction\"\n");
      assertThat(rules.reload().healthy()).isTrue();
    }
  }

  @Test
  void aDeletedDirectoryIsHeldAndItsReturnIsARecovery() throws Exception {
    writePacks();
    Request r = request();
    Path backup = spare.resolve("copy");
    copy(live, backup);
    try (LivePacks rules =
        LivePacks.builder(live)
            .gate(PackGate.NONE)
            .pollInterval(Duration.ofMillis(50))
            .quietPeriod(Duration.ofMillis(100))
            .watch()) {
      Decision d0 = rules.decide(r);
      LivePacksTest.Deciders deciders = new LivePacksTest.Deciders(rules, r, 2);
      try {
        deciders.awaitMore(100);
        deleteTree(live);
        await("the deleted directory is seen", () -> !rules.status().healthy());
        LiveStatus s = rules.status();
        assertThat(rejected(s, LivePacks.DIRECTORY).problems())
            .singleElement()
            .satisfies(
                p ->
                    assertThat(p.message())
                        .contains("cannot read the live directory " + live, "still serving"));
        assertThat(s.generation()).isEqualTo(1);
        assertThat(s.packs()).hasSize(2);
        deciders.awaitMore(100);
        assertThatThrownBy(rules::reload).isInstanceOf(java.io.UncheckedIOException.class);

        copy(backup, live);
        await("the restored directory is healthy", () -> rules.status().healthy());
        assertThat(rules.status().generation()).isEqualTo(1);
        assertThat(rules.status().folder(LivePacks.DIRECTORY)).isEmpty();
        deciders.awaitMore(100);
      } finally {
        deciders.stop();
      }
      assertThat(deciders.errors).isEmpty();
      assertThat(deciders.seen).isEqualTo(Map.of(d0.packs(), Set.of(d0)));
    }
  }

  @Test
  void aNewKnowledgeBaseDefinesItsRuleClassesBeforeItServes() throws IOException {
    writePacks();
    CreditRulesEngine engine = CreditRulesEngine.builder().directory(live).build();
    CompiledPack pack = engine.packSet().all().get(0);
    var base =
        (org.drools.kiesession.rulebase.InternalKnowledgeBase)
            SessionBase.newKieBase(pack.packages(), false, pack.classes().loader());
    assertThat(SessionBase.defineClasses(base)).isPositive();
  }

  static List<String> messages(List<PackProblem> problems) {
    return problems.stream().map(PackProblem::message).toList();
  }
}
