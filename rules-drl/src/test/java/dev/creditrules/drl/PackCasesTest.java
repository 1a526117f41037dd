package dev.creditrules.drl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.creditrules.runtime.CreditRulesEngine;
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
 * cases of those packs (all packs are still loaded, since packs work together).
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
    List<RegressionCase> all = cases.load(PACKS, packs);
    assertTrue(!all.isEmpty() || !packs.isEmpty(), "no regression case found under " + PACKS);
    CreditRulesEngine rules = engine();
    Map<String, List<DynamicNode>> byPack = new LinkedHashMap<>();
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
