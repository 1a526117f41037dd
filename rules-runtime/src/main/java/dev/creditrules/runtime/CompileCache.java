package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The pack versions of a live directory compiled against one set of {@link FactClasses}: by pack
 * ({@code id@version}) and effective digest, a few recent good compilations (so that going back to
 * a recent version, a rollback, compiles nothing) and the last failed one (so that a broken version
 * seen again is not compiled again). A version's digest covers what it inherits and the
 * declarations it uses, so a changed ancestor misses the cache for each of its descendants, while a
 * folder whose effective content is unchanged hits it. Compiled packs are bound to their fact
 * classes: when the declarations change, the live directory starts a new cache for the new classes.
 *
 * <p>Filling the cache is its only side effect; what it returns depends only on the version
 * compiled. Not thread-safe: the live directory uses it under its reload lock.
 */
final class CompileCache {
  /** Recent good compilations kept per pack folder (the one served is kept in any case). */
  static final int CACHED_VERSIONS = 3;

  private final FactClasses classes;
  private final AtomicLong compilations;

  /** Recent good compilations of each folder (by key, then digest), least recently used first. */
  private final Map<String, LinkedHashMap<String, CompiledPack>> compiled = new TreeMap<>();

  /** The last failed compilation of each folder (by key). */
  private final Map<String, Compilation> failed = new TreeMap<>();

  /**
   * The outcome of compiling and linting one version.
   *
   * @param pack the compiled pack, or null when it has problems
   * @param problems its compile and lint problems, with file and line; empty when compiled
   */
  record Compilation(String digest, @Nullable CompiledPack pack, List<PackProblem> problems) {}

  /**
   * A cache over {@code classes}; every compilation it makes (a miss) is counted in {@code
   * compilations}, which caches of successive classes share.
   */
  CompileCache(FactClasses classes, AtomicLong compilations) {
    this.classes = classes;
    this.compilations = compilations;
  }

  FactClasses classes() {
    return classes;
  }

  /**
   * {@code version} compiled and linted against the cache's classes: {@code served} when it has the
   * same digest (the pack served for that folder, or null), else a cached compilation, else a new
   * one. Never throws for a problem of the pack: an exception of the compiler is a problem.
   */
  Compilation compile(String key, PackVersion version, @Nullable CompiledPack served) {
    String digest = version.digest();
    if (served != null && served.digest().equals(digest)) {
      return new Compilation(digest, served, List.of());
    }
    LinkedHashMap<String, CompiledPack> recent =
        compiled.computeIfAbsent(key, k -> new LinkedHashMap<>(8, 0.75f, true));
    CompiledPack hit = recent.get(digest);
    if (hit != null) {
      return new Compilation(digest, hit, List.of());
    }
    Compilation last = failed.get(key);
    if (last != null && last.digest().equals(digest)) {
      return last;
    }
    List<PackProblem> problems = new ArrayList<>();
    CompiledPack pack;
    try {
      compilations.incrementAndGet();
      pack = PackCompiler.compile(version, classes, problems);
    } catch (RuntimeException | LinkageError e) {
      problems.add(new PackProblem(key, "", 0, 0, null, "cannot compile: " + e));
      pack = null;
    }
    Compilation c = new Compilation(digest, pack, List.copyOf(problems));
    if (pack == null) {
      failed.put(key, c);
    } else {
      failed.remove(key);
      recent.put(digest, pack);
      // keep a few, so that going back to a recent version (a rollback) compiles nothing
      while (recent.size() > CACHED_VERSIONS) {
        recent.remove(recent.keySet().iterator().next());
      }
    }
    return c;
  }
}
