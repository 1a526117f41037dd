package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 3, on a copy of the shipped packs outside the repository: {@code
 * LivePacks.builder(dir)} runs the packs' cases by default (rules-testkit on the class path
 * provides the gate), and the silent damage is held. Every decision of the shipped cases'
 * requests is the same before and after each held change.
 */
class LiveDefaultGateTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");

  @TempDir Path tmp;

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

  /** The requests of every shipped case that reads as a request. */
  static List<Request> requests(LivePacks rules) {
    ContractJson json = new ContractJson(rules.model());
    List<Request> out = new ArrayList<>();
    for (RegressionCase c : new Cases().load(PACKS, Set.of())) {
      try {
        out.add(json.trees().readRequest(c.request()));
      } catch (InvalidRequestException e) {
        // a case about an invalid request: nothing to decide
      }
    }
    return out;
  }

  static List<Decision> decide(LivePacks rules, List<Request> requests) {
    return requests.stream().map(rules::decide).toList();
  }

  @Test
  void theCaseGateIsOnByDefaultOnACopyAndHeldChangesChangeNoDecision() throws IOException {
    Path live = tmp.resolve("packs");
    copy(PACKS, live);
    try (LivePacks rules = LivePacks.builder(live).open()) {
      List<Request> requests = requests(rules);
      assertThat(requests).hasSizeGreaterThan(200);
      List<Decision> before = decide(rules, requests);

      // a parameter edit that every rule survives: the default gate runs the cases and refuses it
      Path parameters = live.resolve("tax/2014.10/parameters.properties");
      String original = Files.readString(parameters);
      Files.writeString(parameters, original.replace("retentionYears=2", "retentionYears=3"));
      LiveStatus s = rules.reload();
      FolderOutcome tax = s.folder("tax@2014.10").orElseThrow();
      assertThat(tax.verdict()).as(s.toString()).isEqualTo(Verdict.REJECTED);
      assertThat(tax.problems())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.file()).startsWith("cases/"))
          .anySatisfy(p -> assertThat(p.message()).contains("case \"", "failed"));
      assertThat(s.generation()).isEqualTo(1);
      assertThat(decide(rules, requests)).isEqualTo(before);
      Files.writeString(parameters, original);
      assertThat(rules.reload().healthy()).isTrue();

      // the case: a DRL cut at a rule boundary, 3 of its 6 rules kept
      Path drl = live.resolve("general/2019.07/general.drl");
      String whole = Files.readString(drl);
      Files.writeString(
          drl, whole.substring(0, whole.indexOf("rule \"serious-penalty-publication\"")));
      s = rules.reload();
      assertThat(s.healthy()).isFalse();
      assertThat(s.generation()).isEqualTo(1);
      List<PackProblem> cut = s.folder("general@2019.07").orElseThrow().problems();
      assertThat(cut)
          .as(cut.toString())
          .extracting(PackProblem::rule)
          .contains("serious-penalty-publication", "penalty-bad-record", "penalty-repair");
      assertThat(decide(rules, requests)).isEqualTo(before);
      Files.writeString(drl, whole);
      assertThat(rules.reload().healthy()).isTrue();

      // the whole tax pack deleted: held, decisions unchanged
      Path tax2025 = tmp.resolve("tax-2025.07");
      copy(live.resolve("tax/2025.07"), tax2025);
      try (Stream<Path> all = Files.walk(live.resolve("tax/2025.07"))) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      s = rules.reload();
      assertThat(s.folder("tax@2025.07").orElseThrow().problems())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("is gone but was not retired"));
      assertThat(decide(rules, requests)).isEqualTo(before);
    }
  }
}
