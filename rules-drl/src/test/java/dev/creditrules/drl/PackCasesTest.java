package dev.creditrules.drl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.CaseProblem;
import dev.creditrules.testkit.CaseResult;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every regression case beside every pack, one JUnit test per case, grouped by pack and file.
 * The packs are compiled once for the whole class. {@code -Dcases=tax,joint} limits the run to the
 * cases of those packs (all packs are still loaded, since packs work together). A problem of a case
 * file (YAML syntax, an unknown key, a measure id in no catalogue, a fact id not in the request)
 * fails as a test of its own, named by file and line.
 */
class PackCasesTest {
  static final Path PACKS = Path.of("src/main/packs");
  private static CreditRulesEngine engine;

  static synchronized CreditRulesEngine engine() {
    if (engine == null) {
      engine = CreditRulesEngine.builder().directory(PACKS).build();
    }
    return engine;
  }

  @TestFactory
  Stream<DynamicNode> everyCaseOfEveryPack() {
    String filter = System.getProperty("cases", "");
    Set<String> packs =
        filter.isBlank()
            ? Set.of()
            : Arrays.stream(filter.split(",")).map(String::trim).collect(Collectors.toSet());
    Cases cases = new Cases();
    CreditRulesEngine rules = engine();
    Set<String> measures = new java.util.TreeSet<>();
    rules.measures().values().forEach(measures::addAll);
    Cases.Loaded loaded = cases.read(PACKS, packs, measures);
    List<RegressionCase> all = loaded.cases();
    assertTrue(!all.isEmpty() || !packs.isEmpty(), "no regression case found under " + PACKS);
    Map<String, List<DynamicNode>> byPack = new LinkedHashMap<>();
    // a case-file problem (YAML, a key, an unknown measure or fact id) fails as its own test
    for (CaseProblem p : loaded.problems()) {
      byPack
          .computeIfAbsent("case files", k -> new ArrayList<>())
          .add(
              DynamicTest.dynamicTest(
                  p.file().getFileName() + ":" + p.line(),
                  p.file().toUri(),
                  () -> org.junit.jupiter.api.Assertions.fail(p.toString())));
    }
    for (RegressionCase c : all) {
      byPack
          .computeIfAbsent(c.pack(), k -> new ArrayList<>())
          .add(
              DynamicTest.dynamicTest(
                  c.file().getFileName() + ": " + c.name(),
                  c.file().toUri(),
                  () -> {
                    CaseResult r = cases.run(rules, c);
                    assertTrue(r.passed(), r::report);
                  }));
    }
    return byPack.entrySet().stream()
        .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
  }
}
