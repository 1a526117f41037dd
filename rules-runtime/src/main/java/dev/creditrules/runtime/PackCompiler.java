package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.tree.PackFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.InternalMessage;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a pack version into a {@link CompiledPack}: its rule sources with what it inherits
 * ({@link PackVersion}), Drools' DRL parser, then {@link PackScope}, then Drools' classic compiler
 * ({@code drools-mvel}) in the running JVM. The result is knowledge packages, not a knowledge base:
 * the engine puts the packages of many versions into one base.
 */
final class PackCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(PackCompiler.class);
  private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

  private PackCompiler() {}

  /**
   * Compiles {@code version} against the fact classes of its tree; every problem found is added to
   * {@code problems}.
   */
  static CompiledPack compile(
      PackVersion version, FactClasses classes, List<PackProblem> problems) {
    return compile(version, classes, problems, null);
  }

  /**
   * Compiles {@code version} (its own folder resolved against what it inherits); when {@code
   * precompiledFrom} is not null its packages are first looked for there, as compiled at build time
   * for the same digest ({@link Precompiled}). The checks run either way.
   */
  static CompiledPack compile(
      PackVersion version,
      FactClasses classes,
      List<PackProblem> problems,
      ClassLoader precompiledFrom) {
    PackFolder folder = version.folder();
    String key = folder.key();
    int before = problems.size();
    String manifestText = folder.text(PackManifest.FILE);
    if (manifestText == null) {
      problems.add(new PackProblem(key, PackManifest.FILE, 0, 0, null, "missing manifest"));
      return null;
    }
    PackManifest manifest =
        PackManifest.parse(
            key, folder.id(), folder.version(), manifestText, classes.model(), problems);
    Catalogue catalogue;
    if (version.catalogue() == null) {
      problems.add(new PackProblem(key, Catalogue.FILE, 0, 0, null, "missing measure catalogue"));
      catalogue = null;
    } else {
      catalogue = Catalogue.of(key, version.catalogue(), problems);
    }
    problems.addAll(version.problems());
    // the sandbox is checked on the text first, so a pack that also fails to compile reports both
    for (PackVersion.Unit u : version.units()) {
      if (!u.generated()) {
        PackLinter.sandbox(key, u.path(), u.text(), problems);
      }
    }
    PackLinter.conclusions(version, problems);
    PackLinter.enumerations(version, classes.model(), problems);
    if (version.units().stream().noneMatch(u -> !u.generated())) {
      problems.add(
          new PackProblem(key, "", 0, 0, null, "no .drl file or decision table in the pack"));
    }
    if (problems.size() > before || manifest == null || catalogue == null) {
      return null;
    }
    long start = System.nanoTime();
    String digest = version.digest();
    Collection<KiePackage> precompiled =
        precompiledFrom == null
            ? null
            : Precompiled.find(precompiledFrom, folder, digest, classes.loader());
    Collection<KiePackage> packages =
        precompiled != null
            ? precompiled
            : build(key, version.units(), new PackScope(key, manifest.stage()), classes, problems);
    if (packages == null) {
      return null;
    }
    PackLinter.lint(version, manifest, catalogue, packages, classes.model(), problems);
    if (problems.size() > before) {
      return null;
    }
    LOG.info(
        "{} pack {} ({} rules) in {} ms",
        precompiled != null ? "loaded precompiled" : "compiled",
        key,
        packages.stream().mapToInt(p -> p.getRules().size()).sum(),
        (System.nanoTime() - start) / 1_000_000);
    return CompiledPack.of(
        manifest, catalogue, packages, digest, version, classes, precompiled != null);
  }

  /**
   * Compiles DRL files (path to text, each taking full effect) into knowledge packages; see {@link
   * #build(String, List, PackScope, ClassLoader, List)}.
   */
  static Collection<KiePackage> build(
      String key,
      Map<String, String> drl,
      PackScope scope,
      ClassLoader loader,
      List<PackProblem> problems) {
    List<PackVersion.Unit> units = new ArrayList<>();
    new TreeMap<>(drl)
        .forEach(
            (path, text) -> units.add(new PackVersion.Unit(path, text, java.util.Set.of(), false)));
    return build(key, units, scope, loader, null, problems);
  }

  /**
   * Compiles rule sources against {@code classes} (their loader, and their declarations for the
   * "did you mean" of errors); see {@link #build(String, List, PackScope, ClassLoader, FactModel,
   * List)}.
   */
  static Collection<KiePackage> build(
      String key,
      List<PackVersion.Unit> units,
      PackScope scope,
      FactClasses classes,
      List<PackProblem> problems) {
    return build(key, units, scope, classes.loader(), classes.model(), problems);
  }

  /**
   * Compiles rule sources into knowledge packages: each unit is parsed with Drools' DRL parser, the
   * rules and functions it {@linkplain PackVersion.Unit#dropped drops} are taken out of the parsed
   * package description (the merge of inherited and own rules happens there), and when {@code
   * scope} is not null the rest is scoped to its pack version ({@link PackScope}). Parse and
   * compile errors are added to {@code problems}, one per fault at its file, line, column and rule
   * ({@link DrlErrors}), and null is returned. {@code loader} holds the fact classes ({@link
   * FactClasses#loader()}); {@code model}, their declarations, or null.
   */
  static Collection<KiePackage> build(
      String key,
      List<PackVersion.Unit> units,
      PackScope scope,
      ClassLoader loader,
      FactModel model,
      List<PackProblem> problems) {
    int before = problems.size();
    DrlErrors errors = new DrlErrors(key, units, model, loader);
    var conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader);
    // no rule modifies a fact (stage 1 refuses it; stage 2 concludes by inserting), so property
    // reactivity, Drools' default, buys nothing; off, the Judges check PackScope puts first in a
    // pattern (a global's method, see PackScope) is not reported as causing class reactivity
    conf.setOption(org.kie.internal.builder.conf.PropertySpecificOption.ALLOWED);
    KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
    CompositeKnowledgeBuilder batch = builder.batch();
    for (PackVersion.Unit unit : units) {
      String path = unit.path();
      String text = unit.text();
      Resource resource =
          ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
      resource.setSourcePath(path);
      DrlParser parser = new DrlParser();
      PackageDescr parsed;
      try {
        parsed = parser.parse(resource);
      } catch (DroolsParserException | IOException e) {
        problems.add(
            new PackProblem(key, path, 0, 0, null, String.valueOf(e.getMessage()).strip()));
        continue;
      }
      if (parser.hasErrors() || parsed == null) {
        List<DrlErrors.Raw> raws = new ArrayList<>();
        for (DroolsError e : parser.getErrors()) {
          raws.add(raw(path, e.asMessage(0)));
        }
        problems.addAll(errors.parseErrors(unit, raws));
        continue;
      }
      if (!unit.dropped().isEmpty()) {
        parsed.getRules().removeIf(r -> unit.dropped().contains(r.getName()));
        parsed.getFunctions().removeIf(f -> unit.dropped().contains(f.getName()));
      }
      if (scope != null) {
        scope.apply(parsed, path, problems);
      }
      Resource descr = ResourceFactory.newDescrResource(parsed);
      descr.setSourcePath(path);
      batch.add(descr, ResourceType.DESCR);
    }
    if (problems.size() > before) {
      return null;
    }
    batch.build();
    List<DrlErrors.Raw> raws = new ArrayList<>();
    for (KnowledgeBuilderResult r : builder.getResults(ResultSeverity.ERROR)) {
      raws.add(raw(null, r.asMessage(0)));
    }
    problems.addAll(errors.compileErrors(raws));
    if (problems.size() > before) {
      return null;
    }
    return builder.getKnowledgePackages();
  }

  private static DrlErrors.Raw raw(String path, InternalMessage m) {
    String file = m.getPath() == null || m.getPath().isEmpty() ? path : m.getPath();
    return new DrlErrors.Raw(
        file == null ? "" : file,
        Math.max(m.getLine(), 0),
        Math.max(m.getColumn(), 0),
        m.getText());
  }

  /**
   * A knowledge base over compiled packages, in the class loader holding the fact classes they were
   * compiled against ({@link FactClasses#loader()}).
   */
  static KieBase newKieBase(
      Collection<KiePackage> packages, boolean sequential, ClassLoader loader) {
    KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
    if (sequential) {
      conf.setOption(SequentialOption.YES);
      // built once, never changed (a reload builds a new base): an immutable base spares every
      // session the guards of knowledge-base modifications. Drools then keeps no inserted object
      // that no pattern can match, so only a base whose conclusions need not be found in the
      // session afterwards may be immutable: the sequential one. The other bases stay mutable
      // because the explainer's probes run on them and read theirs back with getObjects.
      conf.setOption(KieBaseMutabilityOption.DISABLED);
    }
    InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(conf);
    base.addPackages(packages);
    return base;
  }

  /** The caller's context class loader (Drools finds its services through it), else ours. */
  static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : PackCompiler.class.getClassLoader();
  }

  /** The name of the rule whose text contains {@code line} (1-based), or null. */
  static String ruleAt(String drl, int line) {
    if (line <= 0) {
      return null;
    }
    String[] lines = drl.split("\n", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      Matcher m = RULE.matcher(lines[i]);
      if (m.find()) {
        return m.group(1);
      }
      if (i < line - 1 && lines[i].strip().equals("end")) {
        return null;
      }
    }
    return null;
  }
}
