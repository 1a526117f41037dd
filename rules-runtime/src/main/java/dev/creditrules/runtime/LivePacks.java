package dev.creditrules.runtime;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import dev.creditrules.runtime.PackScanner.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the packs of a directory ({@code <dir>/<id>/<version>/}) and takes their changes live,
 * safely: when a pack folder changes, it is compiled and linted, a candidate engine is built with
 * it and every other pack as served, and the {@link PackGate} checks the candidate (for example by
 * running the changed pack's own cases). Only if all of that passes is the candidate swapped in;
 * otherwise the last good version keeps being served and the reason is logged (WARN) and readable
 * in {@link #status()}; when a rejected change is fixed, the recovery is logged at INFO.
 *
 * <p><b>No silent damage.</b> A served version leaves service only when retired: a {@code RETIRED}
 * marker in its folder (first line a reason; {@link #retire} or {@code credit-rules retire} writes
 * it). A served folder that vanishes or is half-copied (no {@code pack.properties}, no rule file),
 * a change whose version lacks rules (by name) or catalogue measures that the served version has,
 * unless its {@code REMOVALS} file (or an ancestor's) lists each one ({@code rule <name>}, {@code
 * measure <ID>}), a version that inherits from a held folder, and a deleted or unreadable directory
 * are all held like a broken change, with a problem saying what happened and how to retire the
 * version instead. The default gate is the one on the class path ({@link Builder#gate}).
 *
 * <pre>{@code
 * try (LivePacks rules = LivePacks.builder(Path.of("/srv/packs")).watch()) { // cases by default
 *   Decision d = rules.decide(request);        // any thread, any time
 *   LiveStatus s = rules.status();             // what is served, what was rejected and why
 * }
 * }</pre>
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. The engine and its status
 * are published together through one {@link AtomicReference}; {@link #decide} reads it once and
 * runs the whole decision on that engine, which is immutable. A decision therefore uses exactly one
 * complete set of packs, never a half-loaded one, and a swap never waits for decisions nor makes
 * them wait. Reloads (the watcher's and {@link #reload()}) run one at a time.
 *
 * <p><b>Change detection.</b> The watcher polls: every poll interval it reads the pack folders and
 * the fact declarations and hashes their content ({@code cases/} included, so a changed case
 * re-runs the gate). A change is processed once the directory has stayed the same for the quiet
 * period, so a burst of writes (an editor, a {@code git pull}, a copy) is loaded once, complete.
 * Each folder is judged on its own: a broken folder is rejected while a good change to another
 * folder in the same burst goes live. Compiled packs are cached by pack and digest, so a reload
 * compiles only the folders whose rule files changed. A version's digest and fingerprint cover what
 * it inherits: a changed ancestor makes each of its descendants change and compile again, and a
 * folder whose effective content is unchanged is reused.
 *
 * <p><b>Fact declarations.</b> The declarations ({@code <id>/types.yaml}, {@code fact-order.yaml})
 * are watched too, and go live all or nothing: when they change, they are read into a new model (a
 * problem, with file and line, rejects them), every pack folder is compiled against the classes
 * generated from it, one candidate engine is built with all of them and the gate checks every
 * folder. Only if everything passes do the new declarations go live with every recompiled pack;
 * otherwise nothing of them does, every folder keeps serving its last good version compiled against
 * the old classes, and the problems are logged (WARN) and readable in {@code
 * status().folder("types")} (so {@link LiveStatus#healthy()} is false). Rejected declarations are
 * tried again, with everything, whenever a pack folder changes. On opening, a problem of the
 * declarations throws, as a rejected folder does.
 *
 * <p><b>Structure.</b> This class is the facade: it opens, publishes and logs. {@link PackScanner}
 * reads a consistent snapshot of the directory, {@link ReloadPlan} decides what goes live from it
 * without changing anything, {@link CompileCache} keeps the compiled packs of one set of
 * declarations, and {@link PackWatcher} polls and debounces.
 *
 * <p>Decisions never read the clock; the {@link Clock} given to the builder stamps the status only.
 */
public final class LivePacks implements CreditRules, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LivePacks.class);

  /** The key of the fact declarations' outcome in {@link LiveStatus#folders()}. */
  static final String DECLARATIONS = ReloadPlan.DECLARATIONS;

  /**
   * The key in {@link LiveStatus#folders()} of the live directory itself, rejected while it cannot
   * be read (deleted, moved, unmounted): the last good generation serves meanwhile.
   */
  static final String DIRECTORY = "(directory)";

  private final Path dir;
  private final PackGate gate;
  private final Clock clock;
  private final PackScanner scanner;

  /** The engine being served and its status, always published together. */
  private final AtomicReference<Published> published = new AtomicReference<>();

  private final AtomicLong compilations = new AtomicLong();
  private final @Nullable PackWatcher watcher;
  private volatile boolean closed;

  // Everything below is guarded by lock: one reload at a time.
  private final Object lock = new Object();

  /** What is served and what was judged: replaced as a whole by each reload that changes it. */
  private ReloadPlan.State state;

  /** Why the directory cannot be read, since when, or null when it can. Guarded by lock. */
  private @Nullable FolderOutcome unreadable;

  private record Published(CreditRulesEngine engine, LiveStatus status) {}

  private LivePacks(Builder b, boolean watch) {
    this.dir = b.dir;
    this.gate = b.gate != null ? b.gate : discoveredGate(dir);
    this.clock = b.clock;
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("pack directory does not exist: " + dir);
    }
    this.scanner = new PackScanner(dir);
    synchronized (lock) {
      Snapshot snapshot = scanner.scanOrThrow();
      // the declarations the packs are compiled against; on opening a problem is an error
      List<PackProblem> problems = new ArrayList<>();
      ReloadPlan.Model model =
          ReloadPlan.Model.read(snapshot.declarations(), compilations, problems);
      if (model == null) {
        throw new PackException(problems);
      }
      if (!snapshot.servable()) {
        throw new PackException(
            List.of(new PackProblem("(none)", "", 0, 0, null, "no rule pack found in " + dir)));
      }
      state = ReloadPlan.State.opening(model);
      process(snapshot, true);
    }
    watcher =
        watch
            ? new PackWatcher(dir, scanner, lock, new Watched(), b.pollInterval, b.quietPeriod)
            : null;
  }

  /**
   * Serves the packs under {@code dir} and watches it with the default poll interval (500 ms) and
   * quiet period (1 s).
   *
   * @throws PackException if the fact declarations do not read, or a pack folder does not compile,
   *     lint or pass {@code gate} on opening (there is no last good version to fall back on), or if
   *     there is no pack
   * @throws IllegalArgumentException if {@code dir} is not a directory
   */
  public static LivePacks watch(Path dir, PackGate gate) {
    return builder(dir).gate(gate).watch();
  }

  /**
   * Serves the packs under {@code dir} without a watcher: changes go live on {@link #reload()}.
   *
   * @throws PackException as {@link #watch(Path, PackGate)}
   * @throws IllegalArgumentException if {@code dir} is not a directory
   */
  public static LivePacks open(Path dir, PackGate gate) {
    return builder(dir).gate(gate).open();
  }

  /**
   * Retires pack version {@code pack} ({@code id@version}) of the live directory {@code dir}:
   * writes {@code <dir>/<id>/<version>/RETIRED} with {@code reason} as its first line, atomically
   * (a temporary file in {@code <dir>/<id>/}, which no scan reads as a version, synced, then moved
   * into place), so that a live directory stops serving the version at its next reload. The folder
   * stays on disk: as an ancestor it still resolves what inherits from it, and the decision log's
   * replay still finds it. A version whose folder is gone (the live directory holds it then) gets a
   * folder holding only the marker. This is the only way a served version leaves service.
   *
   * @return the marker written
   * @throws IllegalArgumentException if {@code dir} or {@code <dir>/<id>} is not a directory,
   *     {@code pack} is not {@code id@version}, or {@code reason} is blank
   * @throws IOException if the marker cannot be written
   */
  public static Path retire(Path dir, String pack, String reason) throws IOException {
    Objects.requireNonNull(dir, "dir");
    int at = pack.indexOf('@');
    String id = at < 0 ? "" : pack.substring(0, at);
    String version = at < 0 ? "" : pack.substring(at + 1);
    if (!VERSION_KEY.matcher(id).matches() || !VERSION_KEY.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "the pack must be id@version, as its folder <id>/<version>/ names it, but was '"
              + pack
              + "'");
    }
    String first = reason.strip().lines().findFirst().orElse("").strip();
    if (first.isEmpty()) {
      throw new IllegalArgumentException("the reason must not be blank");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    Path idDir = dir.resolve(id);
    if (!Files.isDirectory(idDir)) {
      throw new IllegalArgumentException("no pack " + id + " in " + dir + ": no folder " + idDir);
    }
    Path folder = Files.createDirectories(idDir.resolve(version));
    Path marker = folder.resolve(PackScanner.RETIRED);
    Path tmp = Files.createTempFile(idDir, "." + version + "-", ".retired.tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap((first + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      }
      Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return marker;
  }

  private static final Pattern VERSION_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** Starts a builder for the live directory {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /**
   * Decides with the engine served at the moment of the call; the whole decision uses that engine.
   * Thread-safe; never blocks on a reload.
   */
  @Override
  public Decision decide(Request request) {
    return served().engine().decide(request);
  }

  /** The pack versions served at the moment of the call. Thread-safe. */
  @Override
  public List<PackRef> packs() {
    return served().engine().packs();
  }

  /** The fact types the served packs are compiled against. Thread-safe. */
  @Override
  public dev.creditrules.api.model.FactModel model() {
    return served().engine().model();
  }

  /**
   * The engine served at the moment of the call: an immutable snapshot (for {@code trace}, {@code
   * rules()}, or several decisions that must use the same packs). Thread-safe.
   */
  public CreditRulesEngine engine() {
    return served().engine();
  }

  private Published served() {
    // set on opening (the constructor throws when nothing can be served), never cleared
    return Objects.requireNonNull(published.get(), "the served engine");
  }

  /** What is served and the last outcome of every pack folder. Thread-safe; never blocks. */
  public LiveStatus status() {
    return served().status();
  }

  /**
   * Checks the directory now and takes any change live (or rejects it) before returning, without
   * waiting for the quiet period. Thread-safe: waits for a reload in progress.
   *
   * @return the status after the check
   * @throws UncheckedIOException if the directory cannot be read (nothing changes then)
   * @throws IllegalStateException if this live directory is closed
   */
  public LiveStatus reload() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("live pack directory is closed: " + dir);
      }
      if (watcher != null) {
        watcher.forget();
      }
      Snapshot snapshot;
      try {
        snapshot = scanner.scanOrThrow();
      } catch (UncheckedIOException e) {
        unreadable(String.valueOf(e.getCause()));
        throw e;
      }
      readable();
      process(snapshot, false);
      return status();
    }
  }

  /**
   * Stops the watcher (waiting for a reload in progress). The last engine keeps serving {@link
   * #decide}; {@link #reload()} is no longer allowed. Idempotent, thread-safe.
   */
  @Override
  public void close() {
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
  }

  /**
   * How many pack folders were compiled since opening (cache misses), for tests: against the
   * declarations served, and against new declarations tried (every folder, once per change).
   */
  long compilations() {
    return compilations.get();
  }

  /** The live directory as its watcher sees it (called under the lock). */
  private final class Watched implements PackWatcher.Reloads {
    @Override
    public boolean closed() {
      return closed;
    }

    @Override
    public boolean judged(Snapshot snapshot) {
      return snapshot.signature().equals(state.signature());
    }

    @Override
    public void reload(Snapshot snapshot) {
      process(snapshot, false);
    }

    @Override
    public long generation() {
      return status().generation();
    }

    @Override
    public void unreadable(String error) {
      LivePacks.this.unreadable(error);
    }

    @Override
    public void readable() {
      LivePacks.this.readable();
    }
  }

  /**
   * Marks the directory unreadable (deleted, moved, unmounted): the last good generation keeps
   * serving and the status turns unhealthy, with a problem naming the directory. Logged at WARN
   * once per distinct error. Called under the lock.
   */
  private void unreadable(String error) {
    if (unreadable != null && unreadable.problems().get(0).message().contains(error)) {
      return;
    }
    Published p = served();
    String message =
        "cannot read the live directory "
            + dir
            + " ("
            + error
            + "): still serving generation "
            + p.status().generation()
            + ". Restore it; a pack version leaves service only when retired (credit-rules"
            + " retire DIR id@version --reason TEXT)";
    unreadable =
        new FolderOutcome(
            DIRECTORY,
            dir,
            null,
            Verdict.REJECTED,
            List.of(new PackProblem(DIRECTORY, "", 0, 0, null, message)),
            clock.instant());
    LOG.warn("live packs {}: {}", dir, message);
    publish(p.engine(), p.status());
  }

  /** Clears an unreadable directory once a scan reads it again (INFO). Called under the lock. */
  private void readable() {
    if (unreadable == null) {
      return;
    }
    unreadable = null;
    Published p = served();
    publish(p.engine(), p.status());
    LOG.info(
        "live packs {}: recovered: the directory reads again, serving generation {}",
        dir,
        p.status().generation());
  }

  /**
   * Publishes {@code engine} with {@code status}'s generation, time and folders, plus the directory
   * outcome while it is unreadable.
   */
  private void publish(CreditRulesEngine engine, LiveStatus status) {
    List<FolderOutcome> folders = new ArrayList<>();
    for (FolderOutcome f : status.folders()) {
      if (!f.pack().equals(DIRECTORY)) {
        folders.add(f);
      }
    }
    if (unreadable != null) {
      folders.add(0, unreadable);
    }
    published.set(
        new Published(
            engine,
            new LiveStatus(
                status.directory(),
                status.generation(),
                status.lastReload(),
                status.packs(),
                folders)));
  }

  /**
   * The gate found on the class path ({@link ServiceLoader} of {@link PackGate}: rules-testkit
   * provides the case gate), all of them in turn if several; {@link PackGate#NONE} with a WARN when
   * there is none.
   */
  static PackGate discoveredGate(Path dir) {
    List<PackGate> found = new ArrayList<>();
    ServiceLoader.load(PackGate.class, LivePacks.class.getClassLoader()).forEach(found::add);
    if (found.isEmpty()) {
      LOG.warn(
          "live packs {}: no gate on the class path (rules-testkit's case gate): a change is"
              + " checked by compile, lint and the removal checks only, not by the packs' cases",
          dir);
      return PackGate.NONE;
    }
    LOG.info(
        "live packs {}: gate {}",
        dir,
        found.stream().map(g -> g.getClass().getName()).collect(Collectors.joining(", ")));
    if (found.size() == 1) {
      return found.get(0);
    }
    return (candidate, changed) -> {
      List<PackProblem> all = new ArrayList<>();
      for (PackGate g : found) {
        all.addAll(g.check(candidate, changed));
      }
      return all;
    };
  }

  // --- one reload ---------------------------------------------------------------------------

  /**
   * Judges everything in {@code snapshot} that differs from when it was last judged (the {@link
   * ReloadPlan}), then commits and publishes the outcome. On opening, any rejection throws instead
   * (there is nothing to fall back on). Called under the lock.
   */
  private void process(Snapshot snapshot, boolean opening) {
    ReloadPlan.Result result =
        new ReloadPlan(dir, state, snapshot, gate, clock, compilations, opening).run();
    if (result == null) {
      state = state.judgedAs(snapshot.signature()); // nothing differs: the same snapshot, judged
      return;
    }
    // commit: nothing before this changed any state
    ReloadPlan.State next = result.next();
    LiveStatus status =
        new LiveStatus(
            dir,
            next.generation(),
            result.at(),
            next.serving().packs(),
            List.copyOf(next.outcomes().values()));
    Published before = published.get();
    state = next;
    publish(next.serving(), status);
    log(result.judgements(), before, next, served().status());
  }

  private void log(
      List<ReloadPlan.Judgement> judgements,
      @Nullable Published before,
      ReloadPlan.State next,
      LiveStatus after) {
    for (ReloadPlan.Judgement j : judgements) {
      String k = j.key();
      boolean wasRejected =
          before != null
              && before.status().folder(k).filter(f -> f.verdict() == Verdict.REJECTED).isPresent();
      if (j.verdict() == Verdict.REJECTED) {
        String still =
            k.equals(DECLARATIONS)
                ? next.model().digest()
                : after.served(k).map(r -> r.digest()).orElse("nothing");
        LOG.warn(
            "live packs {}: rejected {} ({}), still serving {}:\n  {}",
            dir,
            k,
            j.removed() ? "removal" : j.digest(),
            still,
            j.problems().stream().map(PackProblem::toString).collect(Collectors.joining("\n  ")));
      } else if (j.retired() != null) {
        LOG.info("live packs {}: retired {} ({})", dir, k, j.retired());
      } else if (j.removed()) {
        LOG.info("live packs {}: removed {}{}", dir, k, wasRejected ? " (recovered)" : "");
      } else if (wasRejected) {
        LOG.info(
            "live packs {}: recovered {}: accepted {}, the rejected change is fixed",
            dir,
            k,
            j.digest());
      } else {
        LOG.info("live packs {}: accepted {} ({})", dir, k, j.digest());
      }
    }
    if (before == null || before.status().generation() != after.generation()) {
      LOG.info("live packs {}: serving generation {}: {}", dir, after.generation(), after.packs());
    }
    if (before != null && !before.status().healthy() && after.healthy()) {
      LOG.info(
          "live packs {}: recovered: healthy again, what is on disk is served (generation {})",
          dir,
          after.generation());
    }
  }

  /** Configures a live directory. Not thread-safe; the {@link LivePacks} it opens is. */
  public static final class Builder {
    private final Path dir;
    private @Nullable PackGate gate;
    private Clock clock = Clock.systemUTC();
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration quietPeriod = Duration.ofSeconds(1);

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * The gate every change must pass after compile and lint. Default: the gate found on the class
     * path through {@link ServiceLoader} (rules-testkit provides the case gate, which runs each
     * changed pack's {@code cases/}), else {@link PackGate#NONE} with a WARN.
     */
    public Builder gate(PackGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * The clock that stamps {@link LiveStatus}; default UTC system clock. Never used by decisions.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often the watcher reads the directory; default 500 ms. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /**
     * How long the directory must stay unchanged before a change is loaded (debounce); default 1 s.
     * Zero loads a change at the first poll that sees it.
     */
    public Builder quietPeriod(Duration quiet) {
      Objects.requireNonNull(quiet, "quietPeriod");
      if (quiet.isNegative()) {
        throw new IllegalArgumentException("quietPeriod must not be negative: " + quiet);
      }
      this.quietPeriod = quiet;
      return this;
    }

    /**
     * Loads the directory and starts the watcher.
     *
     * @throws PackException if a pack folder is rejected on opening, or there is none
     * @throws IllegalArgumentException if the directory does not exist
     */
    public LivePacks watch() {
      return new LivePacks(this, true);
    }

    /**
     * Loads the directory without a watcher: changes go live on {@link LivePacks#reload()}.
     *
     * @throws PackException if a pack folder is rejected on opening, or there is none
     * @throws IllegalArgumentException if the directory does not exist
     */
    public LivePacks open() {
      return new LivePacks(this, false);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }

  @Override
  public String toString() {
    LiveStatus s = status();
    return "LivePacks[" + dir + ", generation " + s.generation() + ", " + s.packs() + "]";
  }
}
