package dev.creditrules.runtime;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import dev.creditrules.runtime.PackScanner.Declarations;
import dev.creditrules.runtime.PackScanner.Resolved;
import dev.creditrules.runtime.PackScanner.Snapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One reload of a live directory: from what it serves and has judged ({@link State}) and a new
 * {@link Snapshot} of the directory, works out what changed, compiles it, builds candidate engines
 * and runs the gate, and returns the next state with a judgement of everything it looked at ({@link
 * Result}). It changes nothing but the compile caches (a memo): the live directory commits the
 * result, or nothing when it throws.
 *
 * <p><b>Pack folders</b> are judged one by one against the served declarations: each changed folder
 * is compiled and linted on its own, then a candidate engine with every folder that compiled (in
 * its new state, every other pack as served) goes to the gate; the folders a problem names are
 * dropped and the rest tried again, until the gate accepts or none is left.
 *
 * <p><b>The fact declarations</b> ({@code <id>/types.yaml}, {@code fact-order.yaml}) go live all or
 * nothing. When they differ from those served, they are read into a new model (a problem rejects
 * them), and if they read, every folder on disk is compiled against the new {@link FactClasses} (in
 * a cache of their own), one candidate engine is built with all of them and the gate checks every
 * folder. Only if all of that passes do the new declarations go live, with every recompiled pack;
 * otherwise none of it does, their problems are recorded under {@value #DECLARATIONS}, and the
 * changed folders are judged against the served declarations as above. Declarations that read but
 * were rejected are tried again, with everything, whenever a folder changes (the change may be what
 * fixes them).
 */
final class ReloadPlan {
  /** The key of the fact declarations' outcome in {@link LiveStatus#folders()}. */
  static final String DECLARATIONS = "types";

  /**
   * A set of fact declarations, read, with the classes generated from them and the packs compiled
   * against those classes.
   */
  record Model(Declarations declarations, CompileCache cache) {
    FactClasses classes() {
      return cache.classes();
    }

    String digest() {
      return declarations.digest();
    }

    /**
     * Reads {@code declarations} into a model, or returns null after adding their problems (file
     * and line) to {@code problems}.
     */
    static @Nullable Model read(
        Declarations declarations, AtomicLong compilations, List<PackProblem> problems) {
      if (!declarations.unreadable().isEmpty()) {
        problems.addAll(declarations.unreadable());
        return null;
      }
      FactModelReader.Result read = FactModelReader.check(declarations.texts());
      if (!read.ok()) {
        problems.addAll(read.problems());
        return null;
      }
      FactClasses classes;
      try {
        classes = FactClasses.of(read.model(), PackCompiler.loader());
      } catch (RuntimeException | LinkageError e) {
        problems.add(
            new PackProblem(
                DECLARATIONS, "", 0, 0, null, "cannot generate the fact classes: " + e));
        return null;
      }
      return new Model(declarations, new CompileCache(classes, compilations));
    }
  }

  /** The version of a folder being served. */
  record Served(CompiledPack pack, Path folder) {}

  /**
   * What a live directory serves and has judged. Immutable; each reload that changes something
   * replaces it as a whole.
   *
   * @param model the declarations served, their classes and the packs compiled against them
   * @param pending declarations on disk that read but do not go live (yet): tried again with every
   *     folder whenever a folder changes, reusing the packs compiled against them; or null
   * @param judgedDeclarations the digest of the declarations last judged
   * @param judged the fingerprint (against the served declarations) of each folder last judged;
   *     absent: not on disk then
   * @param served the version served for each folder
   * @param outcomes the last outcome of each folder seen, and of the declarations once they changed
   *     ({@value #DECLARATIONS})
   * @param engine the engine served; null before opening
   * @param generation 1 for the engine loaded on opening, then one more per engine swapped in
   * @param signature the signature of the snapshot last judged ({@link Snapshot#signature()})
   */
  record State(
      Model model,
      @Nullable Model pending,
      String judgedDeclarations,
      SortedMap<String, String> judged,
      SortedMap<String, Served> served,
      SortedMap<String, FolderOutcome> outcomes,
      @Nullable CreditRulesEngine engine,
      long generation,
      @Nullable Map<String, String> signature) {
    State {
      Objects.requireNonNull(model, "model");
      judged = Collections.unmodifiableSortedMap(new TreeMap<>(judged));
      served = Collections.unmodifiableSortedMap(new TreeMap<>(served));
      outcomes = Collections.unmodifiableSortedMap(new TreeMap<>(outcomes));
    }

    /** The engine served: every state a reload commits has one (opening throws without one). */
    CreditRulesEngine serving() {
      return Objects.requireNonNull(engine, "no engine is served before opening");
    }

    /** This state, with {@code signature} as the signature of the snapshot last judged. */
    State judgedAs(Map<String, String> signature) {
      return new State(
          model,
          pending,
          judgedDeclarations,
          judged,
          served,
          outcomes,
          engine,
          generation,
          signature);
    }

    /** Nothing judged yet, with the declarations read on opening. */
    static State opening(Model model) {
      return new State(
          model,
          null,
          model.digest(),
          new TreeMap<>(),
          new TreeMap<>(),
          new TreeMap<>(),
          null,
          0,
          null);
    }
  }

  /**
   * What one reload decided about a folder (or about the declarations, {@value #DECLARATIONS}).
   *
   * @param digest the digest on disk, or null when the folder was removed (or retired)
   * @param retired the reason the folder was retired ({@value PackScanner#RETIRED}), or null
   */
  record Judgement(
      String key,
      Path folder,
      @Nullable String digest,
      Verdict verdict,
      List<PackProblem> problems,
      @Nullable String retired) {
    Judgement(
        String key,
        Path folder,
        @Nullable String digest,
        Verdict verdict,
        List<PackProblem> problems) {
      this(key, folder, digest, verdict, problems, null);
    }

    boolean removed() {
      return digest == null;
    }
  }

  /**
   * The outcome of a reload: the state to commit, when it was decided, and the judgements made (the
   * declarations first, then folders by key).
   */
  record Result(State next, Instant at, List<Judgement> judgements) {}

  private final Path dir;
  private final State before;
  private final Snapshot snapshot;
  private final PackGate gate;
  private final Clock clock;
  private final AtomicLong compilations;
  private final boolean opening;

  /**
   * A reload of the directory {@code dir} from {@code before} to {@code snapshot}.
   *
   * @param compilations counts the packs compiled (by the caches of new declarations too)
   * @param opening true on opening: any rejection throws, there is nothing to fall back on
   */
  ReloadPlan(
      Path dir,
      State before,
      Snapshot snapshot,
      PackGate gate,
      Clock clock,
      AtomicLong compilations,
      boolean opening) {
    this.dir = dir;
    this.before = before;
    this.snapshot = snapshot;
    this.gate = gate;
    this.clock = clock;
    this.compilations = compilations;
    this.opening = opening;
  }

  /**
   * Judges everything that differs from when it was last judged.
   *
   * @return the next state and the judgements, or null when nothing changed
   * @throws PackException on opening, listing the problems of every rejected folder
   */
  @Nullable Result run() {
    Map<String, Resolved> current =
        servable(snapshot.resolve(before.model().declarations().texts()));
    List<String> changed = changed(current);
    Declarations onDisk = snapshot.declarations();
    boolean declarationsChanged = !onDisk.digest().equals(before.judgedDeclarations());
    if (changed.isEmpty() && !declarationsChanged) {
      return null;
    }

    // 1. the declarations: back to those served, or new ones tried with every folder
    Model pending = before.pending();
    Judgement declarations = null;
    if (onDisk.digest().equals(before.model().digest())) {
      pending = null;
      if (declarationsChanged) {
        declarations =
            new Judgement(DECLARATIONS, dir, onDisk.digest(), Verdict.ACCEPTED, List.of());
      }
    } else {
      List<PackProblem> problems = new ArrayList<>();
      if (declarationsChanged) {
        pending = Model.read(onDisk, compilations, problems);
      }
      if (pending != null) {
        Attempt all = tryAll(pending);
        if (all.problems().isEmpty()) {
          return switchTo(pending, all);
        }
        problems = all.problems();
      }
      if (declarationsChanged || pending != null) {
        declarations =
            new Judgement(DECLARATIONS, dir, onDisk.digest(), Verdict.REJECTED, problems);
      }
    }

    // 2. the changed folders, against the served declarations
    Folders folders = judgeFolders(changed, current);
    if (opening && !folders.rejected().isEmpty()) {
      // the causes first (compile and lint, then the gate round by round), one line per follow-on
      List<PackProblem> problems = new ArrayList<>();
      folders
          .rejected()
          .forEach(
              (k, own) ->
                  problems.addAll(folders.followOns().contains(k) ? own.subList(0, 1) : own));
      throw new PackException(problems);
    }

    // 3. the next state: nothing above changed any
    Instant at = clock.instant();
    SortedMap<String, FolderOutcome> outcomes = new TreeMap<>(before.outcomes());
    SortedMap<String, String> judged = new TreeMap<>(before.judged());
    SortedMap<String, Served> served = new TreeMap<>(before.served());
    List<Judgement> judgements = new ArrayList<>();
    if (declarations != null) {
      judgements.add(declarations);
      outcomes.put(DECLARATIONS, outcome(declarations, at));
    }
    for (String k : changed) {
      Resolved s = current.get(k);
      Path folder = s != null ? s.folder() : lastFolder(k);
      String retired = s == null ? snapshot.retired().get(k) : null;
      Judgement j =
          folders.rejected().containsKey(k)
              ? new Judgement(
                  k,
                  folder,
                  s == null ? null : s.digest(),
                  Verdict.REJECTED,
                  folders.rejected().get(k),
                  retired)
              : new Judgement(
                  k, folder, s == null ? null : s.digest(), Verdict.ACCEPTED, List.of(), retired);
      judgements.add(j);
      if (j.verdict() == Verdict.ACCEPTED && j.removed()) {
        outcomes.remove(k);
      } else {
        outcomes.put(k, outcome(j, at));
      }
      if (s == null) {
        judged.remove(k); // a vanished folder that is held is judged again (changed() finds it)
      } else {
        judged.put(k, s.fingerprint());
      }
    }
    CreditRulesEngine engine = before.engine();
    long generation = before.generation();
    CreditRulesEngine accepted = folders.accepted();
    if (accepted != null) {
      for (String k : folders.trying()) {
        CompiledPack candidate = folders.candidates().get(k);
        if (candidate != null) {
          served.put(k, new Served(candidate, onDisk(current, k).folder()));
        } else {
          served.remove(k);
        }
      }
      if (engine == null || !accepted.packs().equals(engine.packs())) {
        engine = accepted;
        generation++;
      }
    }
    State next =
        new State(
            before.model(),
            pending,
            onDisk.digest(),
            judged,
            served,
            outcomes,
            engine,
            generation,
            snapshot.signature());
    return new Result(next, at, List.copyOf(judgements));
  }

  /** A changed folder that compiled (a candidate): it was on disk, so it is in {@code current}. */
  private static Resolved onDisk(Map<String, Resolved> current, String k) {
    return Objects.requireNonNull(current.get(k), k);
  }

  /**
   * Where folder {@code k}, gone from disk, was: its last outcome's folder, else its served
   * version's (a folder known before has one or the other).
   */
  private Path lastFolder(String k) {
    FolderOutcome last = before.outcomes().get(k);
    return last != null
        ? last.folder()
        : Objects.requireNonNull(before.served().get(k), k).folder();
  }

  /** The folders whose fingerprint differs from when they were last judged, by key. */
  private List<String> changed(Map<String, Resolved> current) {
    Set<String> keys = new TreeSet<>(current.keySet());
    keys.addAll(before.judged().keySet());
    List<String> changed = new ArrayList<>();
    // a served folder held because it vanished: judged again until restored or retired
    before.outcomes().keySet().stream().filter(this::isHeldVanished).forEach(keys::add);
    for (String k : keys) {
      Resolved s = current.get(k);
      if (!Objects.equals(s == null ? null : s.fingerprint(), before.judged().get(k))
          || isHeldVanished(k)) {
        changed.add(k);
      }
    }
    return changed;
  }

  private boolean isHeldVanished(String k) {
    FolderOutcome o = before.outcomes().get(k);
    return o != null
        && o.digest() == null
        && o.verdict() == Verdict.REJECTED
        && before.served().containsKey(k);
  }

  // --- pack folders, one by one -----------------------------------------------------------

  /**
   * The folders judged against the served declarations.
   *
   * @param rejected the problems of each rejected folder, in the order found: compile and lint
   *     first, then the gate's rounds
   * @param followOns the rejected folders that passed the gate until other folders were dropped:
   *     their first problem says so and names those folders
   * @param candidates the compiled new state of each changed folder that compiled
   * @param trying the changed folders the accepted engine takes in their new state (or without
   *     them, when removed)
   * @param accepted the candidate engine the gate accepted, or null
   */
  private record Folders(
      Map<String, List<PackProblem>> rejected,
      Set<String> followOns,
      Map<String, CompiledPack> candidates,
      Set<String> trying,
      @Nullable CreditRulesEngine accepted) {}

  private Folders judgeFolders(List<String> changed, Map<String, Resolved> current) {
    Model model = before.model();
    // compile and lint each changed folder on its own (cached by digest)
    Map<String, List<PackProblem>> rejected = new LinkedHashMap<>();
    Map<String, CompiledPack> candidates = new TreeMap<>();
    for (String k : changed) {
      Resolved s = current.get(k);
      Served served = before.served().get(k);
      if (s == null) {
        // gone: only a retired folder (or one never served) may leave service
        if (served != null && !snapshot.retired().containsKey(k)) {
          rejected.put(k, List.of(vanished(k, served)));
        }
        continue;
      }
      CompileCache.Compilation c =
          model.cache().compile(k, s.version(), served == null ? null : served.pack());
      CompiledPack pack = c.pack();
      List<PackProblem> dropped = served == null ? List.of() : undeclared(k, served, s.version());
      if (pack == null) {
        rejected.put(k, withHalfCopied(k, s, served, dropped, c.problems()));
      } else if (!dropped.isEmpty()) {
        rejected.put(k, dropped);
      } else {
        candidates.put(k, pack);
      }
    }

    // a folder that inherits (or inherited) from a rejected folder would take effect with what is
    // held back (a half-copied version without its manifest even sorts first and becomes the
    // parent of every other version); said first, the cause before its consequences
    for (boolean again = true; again; ) {
      again = false;
      for (String k : List.copyOf(rejected.keySet())) {
        Resolved s = current.get(k);
        List<PackProblem> own = Objects.requireNonNull(rejected.get(k), k);
        if (s == null || own.get(0).message().startsWith(INHERITS)) {
          continue;
        }
        for (PackVersion v = s.version().parent(); v != null; v = v.parent()) {
          if (rejected.containsKey(v.key())) {
            List<PackProblem> withCause = new ArrayList<>();
            withCause.add(inheritsRejected(k, v.key()));
            withCause.addAll(own);
            rejected.put(k, withCause);
            break;
          }
        }
      }
      for (String k : List.copyOf(candidates.keySet())) {
        List<PackVersion> ancestors = new ArrayList<>();
        for (PackVersion v = onDisk(current, k).version().parent(); v != null; v = v.parent()) {
          ancestors.add(v);
        }
        Served was = before.served().get(k);
        for (PackVersion v = was == null ? null : was.pack().source().parent();
            v != null;
            v = v.parent()) {
          ancestors.add(v); // an ancestor held because it vanished counts too
        }
        for (PackVersion v : ancestors) {
          if (rejected.containsKey(v.key())) {
            candidates.remove(k);
            rejected.put(k, List.of(inheritsRejected(k, v.key())));
            again = true;
            break;
          }
        }
      }
    }

    // a candidate engine with what compiled, checked together and by the gate; the folders a
    // problem names are dropped and the rest tried again, until the gate accepts or none is left.
    // A folder dropped in a later round passed the round before: it fails only without the folders
    // dropped before it, and says so first, so that the cause is read before its consequences.
    Set<String> causes = new TreeSet<>();
    Set<String> dropped = new TreeSet<>();
    Set<String> followOns = new TreeSet<>();
    Set<String> trying = new TreeSet<>(changed);
    trying.removeAll(rejected.keySet());
    CreditRulesEngine accepted = null;
    while (!trying.isEmpty()) {
      Map<String, CompiledPack> next = new TreeMap<>();
      before.served().forEach((k, v) -> next.put(k, v.pack()));
      for (String k : trying) {
        if (candidates.containsKey(k)) {
          next.put(k, candidates.get(k));
        } else {
          next.remove(k);
        }
      }
      List<PackProblem> problems = new ArrayList<>();
      CreditRulesEngine candidate = null;
      if (next.isEmpty()) {
        problems.add(new PackProblem("(none)", "", 0, 0, null, "no rule pack would be left"));
      } else {
        candidate = CreditRulesEngine.of(new ArrayList<>(next.values()), model.classes(), problems);
      }
      if (candidate != null) {
        List<Path> folders =
            trying.stream()
                .filter(candidates::containsKey)
                .map(k -> onDisk(current, k).folder())
                .toList();
        problems.addAll(runGate(candidate, folders));
      }
      if (problems.isEmpty()) {
        accepted = candidate;
        break;
      }
      Set<String> blamed =
          problems.stream()
              .map(PackProblem::pack)
              .filter(trying::contains)
              .collect(Collectors.toCollection(TreeSet::new));
      if (blamed.isEmpty()) {
        blamed = new TreeSet<>(trying); // a problem between packs, or of the gate itself
      }
      for (String k : blamed) {
        List<PackProblem> own = problems.stream().filter(p -> p.pack().equals(k)).toList();
        List<PackProblem> found = own.isEmpty() ? problems : own;
        if (!dropped.isEmpty()) {
          followOns.add(k);
          List<PackProblem> withCause = new ArrayList<>();
          withCause.add(followOn(k, causes, dropped.size() - causes.size(), found));
          withCause.addAll(found);
          found = withCause;
        }
        rejected.put(k, found);
      }
      if (dropped.isEmpty()) {
        causes.addAll(blamed);
      }
      dropped.addAll(blamed);
      trying.removeAll(blamed);
    }
    return new Folders(rejected, followOns, candidates, trying, accepted);
  }

  /**
   * The first problem of folder {@code k}, which passed the gate until {@code causes} (the folders
   * its first round rejected) and {@code since} more folders rejected after them were dropped.
   */
  private static PackProblem followOn(
      String k, Set<String> causes, int since, List<PackProblem> found) {
    PackProblem first = found.get(0);
    boolean one = causes.size() == 1 && since == 0;
    return new PackProblem(
        k,
        "",
        0,
        0,
        null,
        "rejected because "
            + String.join(", ", causes)
            + (causes.size() == 1 ? " was" : " were")
            + " rejected"
            + (since == 0
                ? ""
                : " (and "
                    + since
                    + (since == 1 ? " folder" : " folders")
                    + (causes.size() == 1 ? " after it)" : " after them)"))
            + ": it passed with "
            + (one ? "it" : "them")
            + ", and without "
            + (one ? "it " : "them ")
            + found.size()
            + (found.size() == 1 ? " problem" : " problems")
            + ", the first "
            + first.file()
            + (first.line() > 0 ? ":" + first.line() : "")
            + ": "
            + (first.message().length() <= 160
                ? first.message()
                : first.message().substring(0, 160) + "…"));
  }

  // --- new declarations, all or nothing ---------------------------------------------------

  /**
   * Every folder compiled against new declarations, and the engine of all of them if they compiled,
   * checked together and by the gate.
   *
   * @param problems every problem found; empty when the engine may go live
   */
  private record Attempt(
      Map<String, Resolved> folders,
      Map<String, CompiledPack> compiled,
      @Nullable CreditRulesEngine engine,
      List<PackProblem> problems) {}

  private Attempt tryAll(Model model) {
    Map<String, Resolved> folders = servable(snapshot.resolve(model.declarations().texts()));
    List<PackProblem> problems = new ArrayList<>();
    Map<String, CompiledPack> compiled = new TreeMap<>();
    before
        .served()
        .forEach(
            (k, served) -> {
              if (!folders.containsKey(k) && !snapshot.retired().containsKey(k)) {
                problems.add(vanished(k, served));
              }
            });
    for (Map.Entry<String, Resolved> e : folders.entrySet()) {
      // nothing is served against these classes: everything comes from their own cache
      String k = e.getKey();
      Served served = before.served().get(k);
      CompileCache.Compilation c = model.cache().compile(k, e.getValue().version(), null);
      CompiledPack pack = c.pack();
      List<PackProblem> dropped =
          served == null ? List.of() : undeclared(k, served, e.getValue().version());
      if (pack == null) {
        problems.addAll(withHalfCopied(k, e.getValue(), served, dropped, c.problems()));
      } else {
        problems.addAll(dropped);
        compiled.put(k, pack);
      }
    }
    CreditRulesEngine engine = null;
    if (folders.isEmpty()) {
      problems.add(new PackProblem("(none)", "", 0, 0, null, "no rule pack would be left"));
    } else if (problems.isEmpty()) {
      engine = CreditRulesEngine.of(new ArrayList<>(compiled.values()), model.classes(), problems);
      if (engine != null) {
        problems.addAll(runGate(engine, folders.values().stream().map(Resolved::folder).toList()));
      }
    }
    return new Attempt(folders, compiled, engine, List.copyOf(problems));
  }

  /** The new declarations go live with every folder on disk, compiled against them. */
  private Result switchTo(Model model, Attempt all) {
    Instant at = clock.instant();
    List<Judgement> judgements = new ArrayList<>();
    Judgement declarations =
        new Judgement(DECLARATIONS, dir, model.digest(), Verdict.ACCEPTED, List.of());
    judgements.add(declarations);
    SortedMap<String, FolderOutcome> outcomes = new TreeMap<>();
    outcomes.put(DECLARATIONS, outcome(declarations, at));
    SortedMap<String, String> judged = new TreeMap<>();
    SortedMap<String, Served> served = new TreeMap<>();
    Set<String> keys = new TreeSet<>(all.folders().keySet());
    keys.addAll(before.judged().keySet());
    keys.addAll(before.served().keySet());
    keys.addAll(before.outcomes().keySet());
    keys.remove(DECLARATIONS);
    for (String k : keys) {
      Resolved s = all.folders().get(k);
      if (s == null) { // retired, or gone and never served (tryAll holds any other): not served
        judgements.add(
            new Judgement(
                k, lastFolder(k), null, Verdict.ACCEPTED, List.of(), snapshot.retired().get(k)));
        continue;
      }
      Judgement j = new Judgement(k, s.folder(), s.digest(), Verdict.ACCEPTED, List.of());
      judgements.add(j);
      outcomes.put(k, outcome(j, at));
      judged.put(k, s.fingerprint());
      // an attempt without problems compiled every folder on disk
      served.put(k, new Served(Objects.requireNonNull(all.compiled().get(k), k), s.folder()));
    }
    State next =
        new State(
            model,
            null,
            model.digest(),
            judged,
            served,
            outcomes,
            // an attempt without problems built its engine (CreditRulesEngine.of reports why not)
            Objects.requireNonNull(all.engine(), "engine"),
            before.generation() + 1,
            snapshot.signature());
    return new Result(next, at, List.copyOf(judgements));
  }

  // --- what a change may not do silently ---------------------------------------------------

  /** {@code resolved} without the retired folders: what may be served. */
  private Map<String, Resolved> servable(Map<String, Resolved> resolved) {
    Set<String> retired = snapshot.retired().keySet();
    if (retired.isEmpty()) {
      return resolved;
    }
    Map<String, Resolved> out = new TreeMap<>(resolved);
    out.keySet().removeAll(retired);
    return Collections.unmodifiableMap(out);
  }

  private static final String INHERITS = "it would inherit from ";

  private static PackProblem inheritsRejected(String k, String ancestor) {
    return new PackProblem(k, "", 0, 0, null, INHERITS + ancestor + ", which is rejected");
  }

  /** How to take {@code k} out of service on purpose, for messages. */
  private String retireHint(String k) {
    return "credit-rules retire " + dir + " " + k + " --reason TEXT";
  }

  /**
   * The problem of a served folder gone from disk without a {@value PackScanner#RETIRED} marker.
   */
  private PackProblem vanished(String k, Served served) {
    return new PackProblem(
        k,
        "",
        0,
        0,
        null,
        "the folder "
            + served.folder()
            + " is gone but was not retired: still serving "
            + served.pack().digest()
            + ". If it was deleted or moved by mistake, restore it; to take "
            + k
            + " out of service, retire it with "
            + retireHint(k));
  }

  /**
   * The compile problems of a folder, led, when the folder is served, by a problem saying that it
   * looks half-copied (no manifest, or no rule file left) and how to retire it instead, and by the
   * rules and measures it drops ({@link #undeclared}).
   */
  private List<PackProblem> withHalfCopied(
      String k,
      Resolved s,
      @Nullable Served served,
      List<PackProblem> dropped,
      List<PackProblem> problems) {
    if (served == null) {
      return problems;
    }
    List<PackProblem> out = new ArrayList<>();
    var files = s.version().folder();
    boolean manifest = files.text(PackManifest.FILE) != null;
    boolean rules =
        files.files().keySet().stream()
            .anyMatch(f -> f.endsWith(".drl") || f.endsWith(".csv") || f.endsWith(".xlsx"));
    if (!(manifest && rules)) {
      out.add(
          new PackProblem(
              k,
              manifest ? "" : PackManifest.FILE,
              0,
              0,
              null,
              "the folder "
                  + s.folder()
                  + (manifest ? " has no rule file left" : " has no " + PackManifest.FILE)
                  + ": half-copied? Still serving "
                  + served.pack().digest()
                  + ". Finish the copy, or, to take "
                  + k
                  + " out of service, retire it with "
                  + retireHint(k)));
    }
    out.addAll(dropped); // the cause a compile error hides: a file cut short
    out.addAll(problems);
    return out;
  }

  /**
   * The rules and measures that {@code served} has and {@code candidate} lacks, less those the
   * candidate's folder (or an ancestor) declares in {@value PackScanner#REMOVALS}: one problem each
   * (and one per malformed line of the file), empty when the change drops nothing undeclared.
   */
  private List<PackProblem> undeclared(String k, Served served, PackVersion candidate) {
    // as written (the rules in effect by name, the catalogue's measure ids), so that a cut that
    // also breaks the compile or the lint is named for what it is
    Set<String> rules = new TreeSet<>(served.pack().source().rules().keySet());
    rules.removeAll(candidate.rules().keySet());
    Set<String> measures = new TreeSet<>(served.pack().catalogue().measures().keySet());
    measures.removeAll(measureIds(candidate));
    if (rules.isEmpty() && measures.isEmpty()) {
      return List.of();
    }
    List<PackProblem> problems = new ArrayList<>();
    Removals declared = Removals.of(k, candidate, problems);
    rules.removeAll(declared.rules());
    measures.removeAll(declared.measures());
    String how =
        " that the served version ("
            + served.pack().digest()
            + ") has: still serving it. If the removal is deliberate, list it in "
            + served.folder()
            + "/"
            + PackScanner.REMOVALS
            + " ('rule <name>' or 'measure <ID>', one per line); if the folder is half-copied,"
            + " finish the copy; to take "
            + k
            + " out of service, retire it with "
            + retireHint(k);
    for (String r : rules) {
      problems.add(
          new PackProblem(k, "", 0, 0, r, "the change drops the rule \"" + r + "\"" + how));
    }
    for (String m : measures) {
      problems.add(new PackProblem(k, "", 0, 0, null, "the change drops the measure " + m + how));
    }
    return rules.isEmpty() && measures.isEmpty() ? List.of() : problems;
  }

  /** The measure ids of a version's effective catalogue, as written ({@code measure.<ID>.…}). */
  private static Set<String> measureIds(PackVersion version) {
    Set<String> ids = new TreeSet<>();
    var catalogue = version.catalogue();
    if (catalogue != null) {
      for (String key : catalogue.stringPropertyNames()) {
        if (key.startsWith("measure.") && key.indexOf('.', 8) > 8) {
          ids.add(key.substring(8, key.indexOf('.', 8)));
        }
      }
    }
    return ids;
  }

  /** The removals a version declares: its {@value PackScanner#REMOVALS} and its ancestors'. */
  record Removals(Set<String> rules, Set<String> measures) {
    static Removals of(String k, PackVersion version, List<PackProblem> problems) {
      Set<String> rules = new TreeSet<>();
      Set<String> measures = new TreeSet<>();
      for (PackVersion v = version; v != null; v = v.parent()) {
        String text = v.folder().text(PackScanner.REMOVALS);
        if (text == null) {
          continue;
        }
        int n = 0;
        for (String raw : text.lines().toList()) {
          n++;
          String line = raw.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          String[] kv = line.split("\\s+", 2);
          String name = kv.length < 2 ? "" : unquote(kv[1].strip());
          if (kv[0].equals("rule") && !name.isEmpty()) {
            rules.add(name);
          } else if (kv[0].equals("measure") && !name.isEmpty()) {
            measures.add(name);
          } else if (v == version) {
            problems.add(
                new PackProblem(
                    k,
                    PackScanner.REMOVALS,
                    n,
                    0,
                    null,
                    "a line must be 'rule <name>' or 'measure <ID>' but was '" + line + "'"));
          }
        }
      }
      return new Removals(rules, measures);
    }

    private static String unquote(String s) {
      return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
          ? s.substring(1, s.length() - 1)
          : s;
    }
  }

  // -----------------------------------------------------------------------------------------

  private List<PackProblem> runGate(CreditRulesEngine candidate, List<Path> folders) {
    try {
      List<PackProblem> problems = gate.check(candidate, folders);
      return problems == null ? List.of() : List.copyOf(problems);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return List.of(new PackProblem("(gate)", "", 0, 0, null, "the gate failed: " + e));
    }
  }

  private static FolderOutcome outcome(Judgement j, Instant at) {
    return new FolderOutcome(j.key(), j.folder(), j.digest(), j.verdict(), j.problems(), at);
  }
}
