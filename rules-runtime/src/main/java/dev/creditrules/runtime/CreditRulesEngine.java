package dev.creditrules.runtime;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides requests with rule packs compiled by Drools: the runtime's one public entry.
 *
 * <p>Build one with {@link #builder()} (or {@link #fromClasspath()}) once and share it: it is
 * immutable and thread-safe. Every pack is loaded once when it is built (class-path packs as
 * compiled at build time, directory packs compiled from their DRL), and each call takes its own
 * sessions from pools over the compiled packs: one for every stage-1 pack version together, one per
 * stage-2 version. Nothing reads the clock: a request always gives an equal decision.
 */
public final class CreditRulesEngine implements CreditRules {
  private final PackSet packs;
  private final Evaluator evaluator;

  private CreditRulesEngine(PackSet packs) {
    this.packs = packs;
    this.evaluator = new Evaluator(packs);
  }

  /**
   * An engine with every pack found on the class path (the {@code rules-drl} jar).
   *
   * @throws PackException if a pack does not load or compile
   */
  public static CreditRulesEngine fromClasspath() {
    return builder().classpath().build();
  }

  PackSet packSet() {
    return packs;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An engine over packs compiled before (the live directory reuses unchanged ones). Problems
   * between the packs are added to {@code problems}, and then null is returned.
   */
  static @Nullable CreditRulesEngine of(
      List<CompiledPack> compiled, FactClasses classes, List<PackProblem> problems) {
    int before = problems.size();
    PackSet set = PackSet.of(compiled, classes, problems);
    return problems.size() > before ? null : new CreditRulesEngine(set);
  }

  @Override
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    List<RequestError> errors = RequestValidator.validate(request, model());
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return evaluator.decide(request, DecisionListener.NONE);
  }

  /**
   * Decides one request, telling {@code listener} what runs (the sessions, their facts, the rules
   * fired): for traces, explanations and benchmarks.
   *
   * @throws InvalidRequestException if the request breaks the contract
   */
  public Decision decide(Request request, DecisionListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    List<RequestError> errors = RequestValidator.validate(request, model());
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return evaluator.decide(request, listener);
  }

  /**
   * Decides one request and records every rule that fired, for coverage and explanations.
   *
   * @throws InvalidRequestException if the request breaks the contract
   */
  public Trace trace(Request request) {
    Objects.requireNonNull(request, "request");
    List<String> fired = new ArrayList<>();
    Decision decision =
        decide(
            request,
            new DecisionListener() {
              @Override
              public boolean wantsFirings() {
                return true;
              }

              @Override
              public void fired(String rule) {
                fired.add(rule);
              }
            });
    return new Trace(decision, fired);
  }

  @Override
  public List<PackRef> packs() {
    return packs.refs();
  }

  @Override
  public FactModel model() {
    return packs.classes().model();
  }

  /** Every rule of every loaded pack version, sorted by id. */
  public List<RuleInfo> rules() {
    List<RuleInfo> rules = new ArrayList<>();
    for (CompiledPack p : packs.all()) {
      p.packages()
          .forEach(
              pkg ->
                  pkg.getRules()
                      .forEach(
                          r -> {
                            java.util.Map<String, String> meta = new java.util.TreeMap<>();
                            r.getMetaData().forEach((k, v) -> meta.put(k, PackLinter.unquote(v)));
                            PackVersion.Site site =
                                p.source() == null ? null : p.source().rules().get(r.getName());
                            rules.add(
                                new RuleInfo(
                                    p.key() + "/" + r.getName(),
                                    p.ref(),
                                    r.getName(),
                                    meta,
                                    site == null ? "" : site.path(),
                                    site == null ? 0 : p.source().lineOf(site, r.getName())));
                          }));
    }
    rules.sort(java.util.Comparator.comparing(RuleInfo::id));
    return List.copyOf(rules);
  }

  /** The measure ids in the catalogue of each loaded pack version ({@code id@version}). */
  public java.util.Map<String, java.util.Set<String>> measures() {
    java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
    for (CompiledPack p : packs.all()) {
      out.put(p.key(), new java.util.TreeSet<>(p.catalogue().measures().keySet()));
    }
    return out;
  }

  /**
   * Collects pack sources and compiles them. Packs come from the class path, from directories laid
   * out as {@code <dir>/<id>/<version>/}, or both; a pack version found twice is an error.
   */
  public static final class Builder {
    private final List<PackFolder> folders = new ArrayList<>();
    private final java.util.Map<String, String> declarations = new java.util.TreeMap<>();
    private final java.util.Set<PackFolder> fromClasspath =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean classpath;

    private Builder() {}

    /** Adds every pack on the class path of this library. */
    public Builder classpath() {
      if (classpath) {
        throw new IllegalStateException("classpath() was already called");
      }
      classpath = true;
      List<PackFolder> found = PackReader.classpath(CreditRulesEngine.class.getClassLoader());
      declarations.putAll(
          PackReader.classpathDeclarations(CreditRulesEngine.class.getClassLoader()));
      folders.addAll(found);
      fromClasspath.addAll(found);
      return this;
    }

    /**
     * Adds every pack under {@code dir}.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory
     */
    public Builder directory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      folders.addAll(PackReader.directory(dir));
      declarations.putAll(PackReader.declarations(dir));
      return this;
    }

    private record Compiled(@Nullable CompiledPack pack, List<PackProblem> problems) {}

    /**
     * Compiles pack versions in parallel (they are independent), on threads that carry the caller's
     * context class loader: Drools finds its services through it, and a host that loads this
     * library in a child class loader (Spark executors, application servers) would otherwise see
     * none. Results keep the folders' order.
     */
    private List<Compiled> compileAll(List<PackVersion> folders, FactClasses classes) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      ClassLoader context = loader != null ? loader : CreditRulesEngine.class.getClassLoader();
      int threads =
          Math.max(1, Math.min(folders.size(), Runtime.getRuntime().availableProcessors()));
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "credit-rules-compile");
                t.setDaemon(true);
                t.setContextClassLoader(context);
                return t;
              });
      try {
        List<java.util.concurrent.Future<Compiled>> futures = new ArrayList<>();
        for (PackVersion f : folders) {
          futures.add(
              pool.submit(
                  () -> {
                    List<PackProblem> own = new ArrayList<>();
                    // class-path packs ship compiled at build time (Precompiled); others compile
                    @Nullable ClassLoader precompiledFrom =
                        fromClasspath.contains(f.folder())
                            ? CreditRulesEngine.class.getClassLoader()
                            : null;
                    return new Compiled(
                        PackCompiler.compile(f, classes, own, precompiledFrom), own);
                  }));
        }
        List<Compiled> results = new ArrayList<>();
        for (java.util.concurrent.Future<Compiled> f : futures) {
          results.add(f.get());
        }
        return results;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while compiling rule packs", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re
            ? re
            : new IllegalStateException("compiling rule packs failed", e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }

    /**
     * Compiles every pack and checks them together.
     *
     * @throws PackException listing every problem of every pack, with file, line and rule
     */
    public CreditRulesEngine build() {
      List<PackProblem> problems = new ArrayList<>();
      List<CompiledPack> compiled = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      List<PackFolder> unique = new ArrayList<>();
      for (PackFolder f : folders) {
        if (seen.add(f.key())) {
          unique.add(f);
        } else {
          problems.add(
              new PackProblem(
                  f.key(), "", 0, 0, null, "pack version found twice (" + f.origin() + ")"));
        }
      }
      // the fact types every pack is compiled against: declared once, in the pack trees
      FactModel model = FactModelReader.read(declarations);
      FactClasses classes = FactClasses.of(model, PackCompiler.loader());
      // each version resolved against the one it inherits from (the previous of the same pack)
      List<Compiled> results = compileAll(PackVersion.resolve(unique, declarations), classes);
      for (Compiled r : results) {
        problems.addAll(r.problems());
        if (r.pack() != null) {
          compiled.add(r.pack());
        }
      }
      if (folders.isEmpty()) {
        problems.add(new PackProblem("(none)", "", 0, 0, null, "no rule pack found"));
      }
      PackSet set = PackSet.of(compiled, classes, problems);
      if (!problems.isEmpty()) {
        throw new PackException(problems);
      }
      return new CreditRulesEngine(set);
    }
  }
}
