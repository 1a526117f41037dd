package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.Explainer;
import dev.creditrules.runtime.Explanation;
import dev.creditrules.testkit.CaseResult;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 15: deciding with the shipped, precompiled packs needs only the minimal set (rules-api,
 * rules-pack, rules-runtime, rules-drl, rules-json and the Drools core they bring): no DRL parser,
 * no Java compiler of consequences, no decision tables. This class runs in a Surefire execution of
 * its own ({@code minimal-classpath} in this module's POM) whose class path leaves out
 * rules-compiler, rules-decisiontables and every artifact they bring; the first check proves it.
 * The testkit stays, for its case runner, which compiles nothing for an engine built from the class
 * path. That execution sets {@code creditrules.minimalClasspath}; elsewhere (a {@code -Dtest} that
 * names it, on the full class path) the class is skipped.
 */
@EnabledIfSystemProperty(named = "creditrules.minimalClasspath", matches = "true")
class ShippedPacksMinimalTest {
  private static CreditRulesEngine engine;

  @BeforeAll
  static void theCompilerIsNotOnTheClassPath() {
    for (String absent :
        List.of(
            "org.drools.drl.parser.DrlParser",
            "org.drools.ecj.EclipseJavaCompiler",
            "org.eclipse.jdt.internal.compiler.Compiler",
            "org.drools.decisiontable.SpreadsheetCompiler",
            "org.apache.poi.ss.usermodel.Workbook")) {
      assertThatThrownBy(() -> Class.forName(absent))
          .as("%s must not be on this test's class path", absent)
          .isInstanceOf(ClassNotFoundException.class);
    }
    engine = CreditRulesEngine.fromClasspath();
  }

  @TestFactory
  Stream<DynamicTest> everyWorkedExampleIsDecidedTracedAndTimelined() throws IOException {
    ContractJson json = new ContractJson(engine.model());
    List<Path> requests;
    try (Stream<Path> files = Files.list(ExampleRequestsMirrorTest.EXAMPLES)) {
      requests = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(requests).isNotEmpty();
    return requests.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Request request =
                          json.readRequest(Files.readString(file, StandardCharsets.UTF_8));
                      Decision decision = engine.decide(request);
                      assertThat(decision.packs()).isNotEmpty();
                      // the same decision through the contract's JSON, as a service returns it
                      String written = json.writeDecision(decision);
                      assertThat(json.writeDecision(json.readDecision(written))).isEqualTo(written);
                      assertThat(engine.trace(request).fired()).isNotEmpty();
                      assertThat(engine.timeline(request, request.asOf().plusYears(5))).isNotNull();
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCaseOfEveryPackPassesOnThePrecompiledPacks() {
    Set<String> measures = new TreeSet<>();
    engine.measures().values().forEach(measures::addAll);
    Cases cases = new Cases();
    Cases.Loaded loaded = cases.read(PackCasesTest.PACKS, Set.of(), measures);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.cases()).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (RegressionCase c : loaded.cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.pack() + "/" + c.file().getFileName() + ": " + c.name(),
              () -> {
                CaseResult r = cases.run(engine, c);
                assertThat(r.passed()).as(r::report).isTrue();
              }));
    }
    return tests.stream();
  }

  @Test
  void aPackThatMustBeCompiledNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> CreditRulesEngine.builder().directory(PackCasesTest.PACKS).build())
        .isInstanceOf(PackException.class)
        .hasMessageContaining(
            "compiling DRL needs dev.creditrules:rules-compiler on the class path")
        .hasMessageContaining("the pack is read from a directory");
  }

  @Test
  void theExplainersProbesSayTheyNeedTheCompiler() throws IOException {
    // TAX-EX-01: a 2024 B before the 2025 A, so TAX-I-04 (three years of A) does not fire and its
    // conditions are probed, which compiles probe rules
    ContractJson json = new ContractJson(engine.model());
    Request request =
        json.readRequest(
            Files.readString(
                ExampleRequestsMirrorTest.EXAMPLES.resolve("tax-ex-01.json"),
                StandardCharsets.UTF_8));
    Explanation explanation = Explainer.explain(engine, request, "TAX-I-04");
    assertThat(explanation.rules())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.verdict()).isEqualTo(Explanation.Verdict.FAILED);
              assertThat(r.reason()).contains("needs dev.creditrules:rules-compiler");
            });
  }
}
