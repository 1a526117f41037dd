package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packs this module ships are compiled at build time ({@link Precompiled}), and an engine from
 * the class path loads those files: it must decide exactly as an engine that compiles the same
 * packs' DRL, and must never use a file that does not match its pack.
 */
class PrecompiledPacksTest {
  private static final Path PACKS = Path.of("src/main/packs");
  private static CreditRulesEngine precompiled;
  private static CreditRulesEngine compiled;

  @BeforeAll
  static void engines() {
    precompiled = CreditRulesEngine.fromClasspath();
    compiled = CreditRulesEngine.builder().directory(PACKS).build();
  }

  @Test
  void everyShippedPackLoadsPrecompiledAndEveryDirectoryPackCompiles() {
    assertThat(precompiled.packSet().all()).hasSize(compiled.packSet().all().size());
    assertThat(precompiled.packSet().all()).allMatch(CompiledPack::precompiled);
    assertThat(compiled.packSet().all()).noneMatch(CompiledPack::precompiled);
    assertThat(precompiled.packs()).isEqualTo(compiled.packs());
    assertThat(precompiled.rules()).isEqualTo(compiled.rules());
  }

  @Test
  void precompiledAndCompiledPacksDecideEveryCaseAlike() {
    ContractJson json = new ContractJson(precompiled.model());
    List<RegressionCase> cases = new Cases().load(PACKS, Set.of());
    int decided = 0;
    for (RegressionCase c : cases) {
      Request request;
      try {
        request = json.readRequest(c.request());
      } catch (InvalidRequestException e) {
        continue;
      }
      Decision a = precompiled.decide(request);
      Decision b = compiled.decide(request);
      assertThat(json.writeDecision(a)).as(c.file() + ": " + c.name()).isEqualTo(json.writeDecision(b));
      assertThat(precompiled.trace(request).fired()).as(c.name())
          .containsExactlyInAnyOrderElementsOf(compiled.trace(request).fired());
      decided++;
    }
    assertThat(decided).isGreaterThan(250);
  }

  @Test
  void aFileForOtherContentIsIgnored() {
    PackFolder shipped = PackReader.classpath(getClass().getClassLoader()).get(0);
    ClassLoader facts = precompiled.packSet().classes().loader();
    assertThat(Precompiled.find(getClass().getClassLoader(), shipped, shipped.digest(), facts))
        .isNotNull();
    var files = new TreeMap<>(shipped.files());
    String first = files.firstKey();
    files.put(first, (new String(files.get(first), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
    PackFolder edited = new PackFolder(shipped.id(), shipped.version(), shipped.origin(), files);
    assertThat(Precompiled.find(getClass().getClassLoader(), edited, edited.digest(), facts))
        .isNull();
  }
}
