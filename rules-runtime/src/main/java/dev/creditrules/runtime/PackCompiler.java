package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.PackFolder;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a pack version into a {@link CompiledPack}: its rule sources with what it inherits ({@link
 * PackVersion}), checked, then its knowledge packages, read precompiled ({@link Precompiled}) or
 * compiled from the DRL ({@link DrlBuilder}, which needs the opt-in compiler: {@link OptIn}). The
 * result is knowledge packages, not a knowledge base: the engine puts the packages of many versions
 * into one base.
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
  static @Nullable CompiledPack compile(
      PackVersion version, FactClasses classes, List<PackProblem> problems) {
    return compile(version, classes, problems, null);
  }

  /**
   * Compiles {@code version} (its own folder resolved against what it inherits); when {@code
   * precompiledFrom} is not null its packages are first looked for there, as compiled at build time
   * for the same digest ({@link Precompiled}). The checks run either way.
   */
  static @Nullable CompiledPack compile(
      PackVersion version,
      FactClasses classes,
      List<PackProblem> problems,
      @Nullable ClassLoader precompiledFrom) {
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
    int found = problems.size();
    Collection<KiePackage> precompiled =
        precompiledFrom == null
            ? null
            : Precompiled.find(precompiledFrom, folder, digest, classes.loader(), problems);
    if (problems.size() > found) {
      return null; // a damaged precompiled file: refused, never served nor silently recompiled
    }
    if (precompiled == null) {
      // only the shipped packs are precompiled; anything else needs the opt-in compiler
      String missing = OptIn.missingCompiler();
      if (missing != null) {
        problems.add(
            new PackProblem(
                key,
                "",
                0,
                0,
                null,
                missing
                    + (precompiledFrom == null
                        ? ": the pack is read from a directory, and only the packs shipped on the"
                            + " class path are precompiled"
                        : ": no precompiled file on the class path matches this pack's digest")));
        return null;
      }
    }
    Collection<KiePackage> packages =
        precompiled != null
            ? precompiled
            : DrlBuilder.build(
                key, version.units(), new PackScope(key, manifest.stage()), classes, problems);
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

  /** The caller's context class loader (Drools finds its services through it), else ours. */
  static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : PackCompiler.class.getClassLoader();
  }

  /** The name of the rule whose text contains {@code line} (1-based), or null. */
  static @Nullable String ruleAt(String drl, int line) {
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
