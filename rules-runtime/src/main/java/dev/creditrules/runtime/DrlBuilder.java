package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.model.FactModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.jspecify.annotations.Nullable;
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

/**
 * Compiles DRL into knowledge packages: Drools' DRL parser, {@link PackScope}, then Drools' classic
 * compiler ({@code drools-compiler}, {@code drools-mvel}) in the running JVM. The one class of the
 * runtime that needs the DRL compiler, which is opt-in ({@code dev.creditrules:rules-compiler}, see
 * {@link OptIn}): deciding with precompiled packs never loads it. Callers check {@link
 * OptIn#missingCompiler()} first.
 */
final class DrlBuilder {
  private DrlBuilder() {}

  /**
   * Compiles DRL files (path to text, each taking full effect) into knowledge packages; see {@link
   * #build(String, List, PackScope, ClassLoader, FactModel, List)}.
   */
  static @Nullable Collection<KiePackage> build(
      String key,
      Map<String, String> drl,
      @Nullable PackScope scope,
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
  static @Nullable Collection<KiePackage> build(
      String key,
      List<PackVersion.Unit> units,
      @Nullable PackScope scope,
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
  static @Nullable Collection<KiePackage> build(
      String key,
      List<PackVersion.Unit> units,
      @Nullable PackScope scope,
      ClassLoader loader,
      @Nullable FactModel model,
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

  private static DrlErrors.Raw raw(@Nullable String path, InternalMessage m) {
    String file = m.getPath() == null || m.getPath().isEmpty() ? path : m.getPath();
    return new DrlErrors.Raw(
        file == null ? "" : file,
        Math.max(m.getLine(), 0),
        Math.max(m.getColumn(), 0),
        m.getText());
  }
}
