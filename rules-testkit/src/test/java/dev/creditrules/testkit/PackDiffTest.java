package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.PackDiff.Kind;
import dev.creditrules.testkit.PackDiff.Line;
import dev.creditrules.testkit.PackDiff.OutcomeChange;
import dev.creditrules.testkit.PackDiff.Result;
import dev.creditrules.testkit.PackDiff.SubjectDiff;
import dev.creditrules.testkit.PackDiff.Tally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diffs real pack sets: copies of the shipped {@code general} pack, one with the GENERAL
 * publication of 2026.04 shortened from 12 to 6 months (its parameter), one with that rule renamed
 * in 2026.04 (the inherited one removed, the renamed one added), one with only a comment added.
 * Each pack set is compiled once for the class.
 */
class PackDiffTest {
  static final Path GENERAL = Path.of("../rules-drl/src/main/packs/general");
  static final String RULE = "general@2026.04/general-penalty-publication";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  static CreditRulesEngine before;
  static CreditRulesEngine shorter;
  static CreditRulesEngine renamed;
  static CreditRulesEngine cosmetic;
  static List<String> requests;

  @BeforeAll
  static void packs() throws IOException {
    before = CreditRulesEngine.builder().directory(copy("before", s -> s)).build();
    // the GENERAL term is a parameter of general 2019.07 that 2026.04 inherits: 2026.04 sets its
    // own
    shorter =
        CreditRulesEngine.builder()
            .directory(
                copy(
                    "shorter",
                    s -> s,
                    "parameters.properties",
                    p -> "generalPublicationMonths=6\n"))
            .build();
    // 2026.04 inherits the rule: renaming it there is removing the inherited one and adding it anew
    String rule =
        ruleText(
            Files.readString(GENERAL.resolve("2019.07/general.drl")),
            "general-penalty-publication");
    renamed =
        CreditRulesEngine.builder()
            .directory(
                copy(
                    "renamed",
                    s ->
                        s
                            + "\n"
                            + once(
                                rule,
                                "rule \"general-penalty-publication\"",
                                "rule \"general-penalty-publication-12m\""),
                    "pack.properties",
                    m -> m + "removes=general-penalty-publication\n"))
            .build();
    cosmetic =
        CreditRulesEngine.builder()
            .directory(copy("cosmetic", s -> s + "\n// reviewed, nothing changed\n"))
            .build();
    requests = requests();
  }

  /** The text of rule {@code name} in a DRL file, from its header to its {@code end}. */
  static String ruleText(String drl, String name) {
    int start = drl.indexOf("rule \"" + name + "\"");
    int end = drl.indexOf("\nend\n", start) + "\nend\n".length();
    return drl.substring(start, end);
  }

  /** A copy of the general pack under tmp/name, its 2026.04 DRL and one other file edited. */
  static Path copy(
      String name,
      java.util.function.UnaryOperator<String> edit,
      String file,
      java.util.function.UnaryOperator<String> fileEdit)
      throws IOException {
    Path root = copy(name, edit);
    Path f = root.resolve("general/2026.04").resolve(file);
    Files.writeString(f, fileEdit.apply(Files.exists(f) ? Files.readString(f) : ""));
    return root;
  }

  /** A copy of the general pack under tmp/name, its 2026.04 DRL edited. */
  static Path copy(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
    Path root = tmp.resolve(name);
    Path target = root.resolve("general");
    try (Stream<Path> files = Files.walk(GENERAL)) {
      for (Path f : files.toList()) {
        Path t = target.resolve(GENERAL.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    Path drl = target.resolve("2026.04/general.drl");
    Files.writeString(drl, edit.apply(Files.readString(drl)));
    return root;
  }

  static String once(String text, String from, String to) {
    assertThat(text.split(java.util.regex.Pattern.quote(from), -1)).as(from).hasSize(2);
    return text.replace(from, to);
  }

  /** A GENERAL penalty of 2026-05-10 (GEN-EX-01) with the given edits, on one line. */
  static String genEx01(String... replacements) throws IOException {
    String json =
        Files.readString(Path.of("../examples/requests/gen-ex-01.json")).replace("\n", " ");
    for (int i = 0; i < replacements.length; i += 2) {
      json = once(json, replacements[i], replacements[i + 1]);
    }
    return json;
  }

  /**
   * 1: publication running (until changes), 2: after the new end (removed), 3: blank, 4: not JSON,
   * 5: a 2025 penalty (judged by 2023.05: no change), 6: a MINOR penalty (warning, no change), 7:
   * an impossible date, 8: a SERIOUS penalty (no change).
   */
  static List<String> requests() throws IOException {
    return List.of(
        genEx01(),
        genEx01("\"gen-ex-01\"", "\"gen-ex-01-dec\"", "\"2026-08-11\"", "\"2026-12-01\""),
        "   ",
        "{not json",
        genEx01(
            "\"gen-ex-01\"",
            "\"old-regime\"",
            "\"2026-08-11\"",
            "\"2025-08-01\"",
            "\"2026-05-10\"",
            "\"2025-06-01\"",
            "\"2026-05-20\"",
            "\"2025-06-10\"",
            "\"2026-05-25\"",
            "\"2025-06-15\""),
        genEx01("\"gen-ex-01\"", "\"minor\"", "\"GENERAL\"", "\"MINOR\""),
        genEx01("\"gen-ex-01\"", "\"bad-date\"", "\"2026-05-10\"", "\"2026-02-30\""),
        genEx01("\"gen-ex-01\"", "\"serious\"", "\"GENERAL\"", "\"SERIOUS\""));
  }

  static Stream<Line> lines() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      lines.add(new Line(i + 1, requests.get(i)));
    }
    return lines.stream();
  }

  @Test
  void aShorterTermChangesOrRemovesGenS05AndExpiresTheRepair() {
    Result r = PackDiff.run(before, shorter, lines());

    assertThat(r.requests()).isEqualTo(7);
    assertThat(r.decided()).isEqualTo(5);
    assertThat(r.changes()).extracting(SubjectDiff::line).containsExactly(1, 2);

    SubjectDiff running = r.changes().get(0);
    assertThat(running.requestId()).isEqualTo("gen-ex-01");
    assertThat(running.subject()).isEqualTo("91110108MA01TAX03C");
    assertThat(running.asOf()).isEqualTo(LocalDate.parse("2026-08-11"));
    assertThat(running.repairs()).isEmpty();
    assertThat(running.outcomes()).hasSize(1);
    OutcomeChange changed = running.outcomes().get(0);
    assertThat(changed.kind()).isEqualTo(Kind.CHANGED);
    assertThat(changed.list()).isEqualTo("sanctions");
    assertThat(changed.measure()).isEqualTo("GEN-S-05");
    assertThat(changed.facts()).containsExactly("f1");
    assertThat(changed.fields()).containsExactly("until");
    assertThat(changed.before().until()).isEqualTo(LocalDate.parse("2027-05-10"));
    assertThat(changed.after().until()).isEqualTo(LocalDate.parse("2026-11-10"));
    assertThat(changed.after().rule()).isEqualTo(RULE);

    SubjectDiff later = r.changes().get(1);
    assertThat(later.requestId()).isEqualTo("gen-ex-01-dec");
    assertThat(later.outcomes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Kind.REMOVED);
              assertThat(c.measure()).isEqualTo("GEN-S-05");
              assertThat(c.before().until()).isEqualTo(LocalDate.parse("2027-05-10"));
              assertThat(c.after()).isNull();
            });
    // the term is written once (recordLastDay): on 2026-12-01 the shortened window is over too,
    // so there is nothing left to repair
    assertThat(later.repairs())
        .singleElement()
        .satisfies(
            rc -> {
              assertThat(rc.kind()).isEqualTo(Kind.CHANGED);
              assertThat(rc.fact()).isEqualTo("f1");
              assertThat(rc.procedure()).isEqualTo("GEN-R-03");
              assertThat(rc.fields()).containsExactly("status", "earliest");
              assertThat(rc.before().status()).isEqualTo(RepairStatus.ELIGIBLE);
              assertThat(rc.after().status()).isEqualTo(RepairStatus.EXPIRED);
            });
    assertThat(r.summary())
        .contains("~ repair f1 GEN-R-03 status ELIGIBLE -> EXPIRED, earliest 2026-08-11 -> none");

    assertThat(r.byMeasure())
        .extracting(Tally::toString)
        .containsExactly("GEN-R-03: +0 \u22120 ~1", "GEN-S-05: +0 \u22121 ~1");
    assertThat(r.byMeasure().get(1).subjects()).isEqualTo(2);
    assertThat(r.byMeasure().get(1).rules()).containsExactly(RULE);
    assertThat(r.byRule())
        .extracting(Tally::toString)
        .containsExactly(
            "general/general-penalty-publication: +0 \u22121 ~1",
            "general/penalty-repair: +0 \u22120 ~1");
    assertThat(r.byRule().get(0).rules()).containsExactly(RULE);
  }

  @Test
  void invalidLinesAreReportedWithLineAndRequestIdAndTheRestIsDecided() {
    Result r = PackDiff.run(before, shorter, lines());
    assertThat(r.errors()).extracting(PackDiff.LineError::line).containsExactly(4, 7);
    assertThat(r.errors().get(0).requestId()).isNull();
    assertThat(r.errors().get(0).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("invalid JSON"));
    assertThat(r.errors().get(1).requestId()).isEqualTo("bad-date");
    assertThat(r.errors().get(1).errors())
        .anySatisfy(e -> assertThat(e.pointer()).isEqualTo("/facts/0/decidedOn"));
  }

  /**
   * Each pack set reads with the fact types it declares: a line with a type only {@code after}
   * declares is invalid (before's errors), the others are read by both and decided.
   */
  @Test
  void aTypeOnlyOnePackSetDeclaresMakesItsLinesInvalid() throws IOException {
    Path root = copy("declares", s -> s);
    Path types = root.resolve("general/types.yaml");
    Files.writeString(
        types,
        Files.readString(types)
            + "\n  LOCAL_LISTING:\n    class: LocalListing\n    subjects: any\n    ownDate: listedOn\n"
            + "    fields:\n      listedOn: { kind: date, required: true }\n");
    CreditRulesEngine declares = CreditRulesEngine.builder().directory(root).build();
    assertThat(declares.model().type("LOCAL_LISTING")).isNotNull();
    assertThat(before.model().type("LOCAL_LISTING")).isNull();
    String local = genEx01("\"gen-ex-01\"", "\"local\"", "\"ADMIN_PENALTY\"", "\"LOCAL_LISTING\"");
    Result r =
        PackDiff.run(before, declares, Stream.of(new Line(1, genEx01()), new Line(2, local)));
    assertThat(r.decided()).isEqualTo(1);
    assertThat(r.changes()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.requestId()).isEqualTo("local");
              assertThat(e.errors())
                  .anySatisfy(x -> assertThat(x.pointer()).isEqualTo("/facts/0/type"));
            });
  }

  @Test
  void theSamePacksOrAChangedCommentGiveNoChange() {
    for (CreditRulesEngine other : List.of(before, cosmetic)) {
      Result r = PackDiff.run(before, other, lines());
      assertThat(r.decided()).isEqualTo(5);
      assertThat(r.changes()).isEmpty();
      assertThat(r.byMeasure()).isEmpty();
      assertThat(r.byRule()).isEmpty();
      assertThat(r.hasChanges()).isFalse();
    }
    // the comment changes the digest, and the report says which pack version differs
    assertThat(before.packs()).isNotEqualTo(cosmetic.packs());
    assertThat(PackDiff.run(before, cosmetic, lines()).summary())
        .contains("pack versions that differ:", "general@2026.04:");
  }

  @Test
  void aRenamedRuleIsAChangeCountedUnderBothRules() {
    Result r = PackDiff.run(before, renamed, lines());
    // every subject with a GENERAL penalty judged by 2026.04 whose GEN-S-05 is active
    assertThat(r.changes()).extracting(SubjectDiff::line).containsExactly(1, 2);
    OutcomeChange c = r.changes().get(0).outcomes().get(0);
    assertThat(c.kind()).isEqualTo(Kind.CHANGED);
    assertThat(c.fields()).containsExactly("rule");
    assertThat(c.after().rule()).isEqualTo(RULE + "-12m");
    assertThat(r.changes()).allSatisfy(d -> assertThat(d.repairs()).isEmpty());
    assertThat(r.byRule())
        .extracting(Tally::toString)
        .containsExactly(
            "general/general-penalty-publication: +0 \u22120 ~2",
            "general/general-penalty-publication-12m: +0 \u22120 ~2");
    assertThat(r.byMeasure())
        .extracting(Tally::toString)
        .containsExactly("GEN-S-05: +0 \u22120 ~2");
    assertThat(r.byMeasure().get(0).rules()).containsExactly(RULE, RULE + "-12m");
  }

  @Test
  void theOtherDirectionAddsWhatWasRemoved() {
    Result r = PackDiff.run(shorter, before, lines());
    assertThat(r.changes().get(1).outcomes())
        .singleElement()
        .satisfies(c -> assertThat(c.kind()).isEqualTo(Kind.ADDED));
    assertThat(r.byMeasure())
        .extracting(Tally::toString)
        .containsExactly("GEN-R-03: +0 \u22120 ~1", "GEN-S-05: +1 \u22120 ~1");
  }

  @Test
  void aJsonLinesFileIsStreamedWithItsLineNumbers() throws IOException {
    Path file = tmp.resolve("requests.jsonl");
    Files.writeString(file, String.join("\n", requests) + "\n\n");
    Result fromFile = PackDiff.run(before, shorter, file);
    Result fromLines = PackDiff.run(before, shorter, lines());
    assertThat(fromFile).isEqualTo(fromLines);
  }

  @Test
  void theJsonReportIsDeterministicAndComplete() throws IOException {
    String text = PackDiff.run(before, shorter, lines()).json();
    assertThat(PackDiff.run(before, shorter, lines()).json()).isEqualTo(text);
    JsonNode j = JSON.readTree(text);
    assertThat(j.get("requests").asInt()).isEqualTo(7);
    assertThat(j.get("decided").asInt()).isEqualTo(5);
    assertThat(j.get("invalid").asInt()).isEqualTo(2);
    assertThat(j.get("changedSubjects").asInt()).isEqualTo(2);
    assertThat(j.at("/packs/differ").toString()).isEqualTo("[\"general@2026.04\"]");
    assertThat(j.at("/packs/before")).hasSize(3);
    JsonNode m = j.at("/byMeasure/1");
    assertThat(m.get("measure").asText()).isEqualTo("GEN-S-05");
    assertThat(m.get("added").asInt()).isZero();
    assertThat(m.get("removed").asInt()).isEqualTo(1);
    assertThat(m.get("changed").asInt()).isEqualTo(1);
    assertThat(j.at("/byRule/0/rule").asText()).isEqualTo("general/general-penalty-publication");
    JsonNode change = j.at("/subjects/0/outcomes/0");
    assertThat(change.get("kind").asText()).isEqualTo("CHANGED");
    assertThat(change.at("/before/until").asText()).isEqualTo("2027-05-10");
    assertThat(change.at("/after/until").asText()).isEqualTo("2026-11-10");
    assertThat(j.at("/subjects/1/outcomes/0/after").isNull()).isTrue();
    assertThat(j.at("/errors/0/line").asInt()).isEqualTo(4);
    assertThat(j.at("/errors/0/requestId").isNull()).isTrue();
    assertThat(j.at("/errors/1/requestId").asText()).isEqualTo("bad-date");
  }

  @Test
  void theHtmlAndTextReportsShowCountsAndEveryChange() {
    Result r = PackDiff.run(before, shorter, lines());
    String html = r.html();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .doesNotContain("http://", "https://", "<script", "<link");
    assertThat(html)
        .contains(
            "GEN-S-05",
            "general/general-penalty-publication",
            "gen-ex-01-dec",
            "until 2027-05-10",
            "until 2026-11-10",
            "/facts/0/decidedOn",
            "<td class=\"num\">\u22121</td>");
    String text = r.summary();
    assertThat(text)
        .contains("7 requests, 5 decided under both pack sets, 2 invalid; 2 subjects changed");
    assertThat(text).containsPattern("GEN-S-05: +\\+0 \u22121 ~1 +2 subjects");
    assertThat(text).contains("~ sanctions GEN-S-05 [f1] until 2027-05-10 -> 2026-11-10");
    assertThat(text).contains("line 4 -: ");
  }
}
