package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        request = json.trees().readRequest(c.request());
      } catch (InvalidRequestException e) {
        continue;
      }
      Decision a = precompiled.decide(request);
      Decision b = compiled.decide(request);
      assertThat(json.writeDecision(a))
          .as(c.file() + ": " + c.name())
          .isEqualTo(json.writeDecision(b));
      assertThat(precompiled.trace(request).fired())
          .as(c.name())
          .containsExactlyInAnyOrderElementsOf(compiled.trace(request).fired());
      decided++;
    }
    assertThat(decided).isGreaterThan(250);
  }

  @Test
  void aFileForOtherContentIsIgnored() {
    ClassLoader loader = getClass().getClassLoader();
    List<PackFolder> folders = PackReader.classpath(loader);
    Map<String, String> declarations = PackReader.classpathDeclarations(loader);
    PackVersion shipped = PackVersion.resolve(folders, declarations).get(0);
    ClassLoader facts = precompiled.packSet().classes().loader();
    assertThat(
            Precompiled.find(loader, shipped.folder(), shipped.digest(), facts, new ArrayList<>()))
        .isNotNull();
    var files = new TreeMap<>(shipped.folder().files());
    String first = files.firstKey();
    files.put(
        first,
        (new String(files.get(first), StandardCharsets.UTF_8) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    PackFolder edited =
        new PackFolder(
            shipped.folder().id(), shipped.folder().version(), shipped.folder().origin(), files);
    PackVersion changed = PackVersion.resolve(List.of(edited), declarations).get(0);
    assertThat(Precompiled.find(loader, edited, changed.digest(), facts, new ArrayList<>()))
        .isNull();
  }

  /**
   * Issue 16: a precompiled file that was cut or garbled (a damaged jar entry, a bad copy) is
   * refused with a problem naming the pack and the file; it is never deserialized into whatever it
   * holds, nor silently replaced.
   */
  @Test
  void aDamagedFileIsRefusedNamingThePackAndTheFile(@TempDir Path tmp) throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    PackVersion shipped =
        PackVersion.resolve(PackReader.classpath(loader), PackReader.classpathDeclarations(loader))
            .get(0);
    ClassLoader facts = precompiled.packSet().classes().loader();
    String resource = Precompiled.resource(shipped.folder().id(), shipped.folder().version());
    byte[] good;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      good = in.readAllBytes();
    }
    Map<String, byte[]> damaged = new TreeMap<>();
    damaged.put("cut", Arrays.copyOf(good, good.length - 100));
    byte[] flipped = good.clone();
    flipped[good.length - 200] ^= 0x20;
    damaged.put("flipped", flipped);
    damaged.put("garbage", "not a compiled pack at all".getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> e : damaged.entrySet()) {
      Path root = tmp.resolve(e.getKey());
      Path file = root.resolve(resource);
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
      List<dev.creditrules.api.PackProblem> problems = new ArrayList<>();
      try (URLClassLoader only = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
        assertThat(Precompiled.find(only, shipped.folder(), shipped.digest(), facts, problems))
            .as(e.getKey())
            .isNull();
      }
      assertThat(problems)
          .as(e.getKey())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.pack()).isEqualTo(shipped.key());
                assertThat(p.file()).isEqualTo(file.toUri().toURL().toString());
                assertThat(p.message()).startsWith("the precompiled pack is damaged, refused: ");
              });
    }
    // the intact file, copied the same way, loads
    Path root = tmp.resolve("intact");
    Files.createDirectories(root.resolve(resource).getParent());
    Files.write(root.resolve(resource), good);
    List<dev.creditrules.api.PackProblem> none = new ArrayList<>();
    try (URLClassLoader only = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      assertThat(Precompiled.find(only, shipped.folder(), shipped.digest(), facts, none))
          .isNotEmpty();
    }
    assertThat(none).isEmpty();
  }

  @Test
  void aVersionWhoseAncestorChangedIsCompiledAgain() {
    ClassLoader loader = getClass().getClassLoader();
    List<PackFolder> folders = new ArrayList<>(PackReader.classpath(loader));
    Map<String, String> declarations = PackReader.classpathDeclarations(loader);
    var heirs =
        PackVersion.resolve(folders, declarations).stream()
            .filter(v -> v.parent() != null)
            .toList();
    org.junit.jupiter.api.Assumptions.assumeFalse(
        heirs.isEmpty(), "no shipped version inherits yet");
    PackVersion heir = heirs.get(0);
    ClassLoader facts = precompiled.packSet().classes().loader();
    assertThat(Precompiled.find(loader, heir.folder(), heir.digest(), facts, new ArrayList<>()))
        .isNotNull();
    PackFolder ancestor = heir.parent().folder();
    var files = new TreeMap<>(ancestor.files());
    String drl = files.keySet().stream().filter(f -> f.endsWith(".drl")).findFirst().orElseThrow();
    files.put(
        drl,
        (new String(files.get(drl), StandardCharsets.UTF_8) + "\n// edited\n")
            .getBytes(StandardCharsets.UTF_8));
    folders.set(
        folders.indexOf(ancestor),
        new PackFolder(ancestor.id(), ancestor.version(), ancestor.origin(), files));
    PackVersion again =
        PackVersion.resolve(folders, declarations).stream()
            .filter(v -> v.key().equals(heir.key()))
            .findFirst()
            .orElseThrow();
    assertThat(again.digest()).isNotEqualTo(heir.digest());
    assertThat(Precompiled.find(loader, again.folder(), again.digest(), facts, new ArrayList<>()))
        .isNull();
  }
}
