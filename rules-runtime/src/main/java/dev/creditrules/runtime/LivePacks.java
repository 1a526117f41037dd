package dev.creditrules.runtime;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.runtime.LiveStatus.FolderOutcome;
import dev.creditrules.runtime.LiveStatus.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the packs of a directory ({@code <dir>/<id>/<version>/}) and takes their changes live,
 * safely: when a pack folder changes, it is compiled and linted, a candidate engine is built with
 * it and every other pack as served, and the {@link PackGate} checks the candidate (for example by
 * running the changed pack's own cases). Only if all of that passes is the candidate swapped in;
 * otherwise the last good version keeps being served and the reason is logged (WARN) and readable
 * in {@link #status()}.
 *
 * <pre>{@code
 * try (LivePacks rules = LivePacks.watch(Path.of("/srv/packs"), new CaseGate())) {
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
 * hashes their content ({@code cases/} included, so a changed case re-runs the gate). A change is
 * processed once the directory has stayed the same for the quiet period, so a burst of writes (an
 * editor, a {@code git pull}, a copy) is loaded once, complete. Each folder is judged on its own:
 * a broken folder is rejected while a good change to another folder in the same burst goes live.
 * Compiled packs are cached by pack and digest, so a reload compiles only the folders whose rule
 * files changed. A version's digest and fingerprint cover what it inherits: a changed ancestor
 * makes each of its descendants change and compile again, and a folder whose effective content is
 * unchanged is reused.
 *
 * <p>Decisions never read the clock; the {@link Clock} given to the builder stamps the status only.
 */
public final class LivePacks implements CreditRules, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LivePacks.class);
  private static final String CASES = "cases";
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Recent good compilations kept per pack folder (the one served is kept in any case). */
  private static final int CACHED_VERSIONS = 3;

  private final Path dir;
  private final PackGate gate;
  private final Clock clock;
  private final Duration quietPeriod;
  /** The engine being served and its status, always published together. */
  private final AtomicReference<State> state = new AtomicReference<>();
  private final AtomicLong compilations = new AtomicLong();
  private final ScheduledExecutorService watcher;
  private volatile boolean closed;

  // Everything below is guarded by lock: one reload at a time.
  private final Object lock = new Object();
  /** The fact classes of the directory's declarations, read on opening. */
  private FactClasses classes;
  /** The directory's declarations as read on opening, which the digests cover. */
  private Map<String, String> declarations;
  /** The last good version of each pack folder, as served. */
  private final Map<String, Served> served = new TreeMap<>();
  /** The content fingerprint of each folder as last judged (absent: not on disk then). */
  private final Map<String, String> judged = new TreeMap<>();
  /** The last outcome of each folder seen. */
  private final Map<String, FolderOutcome> outcomes = new TreeMap<>();
  /** Recent good compilations of each folder (by key, then digest), least recently used first. */
  private final Map<String, LinkedHashMap<String, CompiledPack>> compiled = new TreeMap<>();
  /** The last failed compilation of each folder (by key). */
  private final Map<String, Compilation> failed = new TreeMap<>();
  /** Debounce: the changed fingerprints seen by the last poll, and since when (nanoTime). */
  private Map<String, String> pending;
  private long pendingSince;
  private String lastScanError;

  private record State(CreditRulesEngine engine, LiveStatus status) {}

  private record Served(CompiledPack pack, Path folder) {}

  private record Compilation(String digest, CompiledPack pack, List<PackProblem> problems) {}

  /**
   * One folder as read in one scan; the bytes compiled are the bytes fingerprinted. Its digest
   * and fingerprint cover what it inherits, so a changed ancestor changes its descendants too.
   */
  private record Scanned(Path folder, PackVersion version, String digest, String fingerprint) {
    PackFolder pack() {
      return version.folder();
    }
  }

  private LivePacks(Builder b, boolean watch) {
    this.dir = b.dir;
    this.gate = b.gate;
    this.clock = b.clock;
    this.quietPeriod = b.quietPeriod;
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("pack directory does not exist: " + dir);
    }
    synchronized (lock) {
      declarations = PackReader.declarations(dir);
      classes = FactClasses.of(FactModelReader.read(declarations), PackCompiler.loader());
      Map<String, Scanned> snapshot = scanOrThrow();
      if (snapshot.isEmpty()) {
        throw new PackException(List.of(new PackProblem("(none)", "", 0, 0, null, "no rule pack found in " + dir)));
      }
      process(snapshot, true);
    }
    if (watch) {
      watcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "credit-rules-live-packs-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      long every = b.pollInterval.toNanos();
      watcher.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.NANOSECONDS);
    } else {
      watcher = null;
    }
  }

  /**
   * Serves the packs under {@code dir} and watches it with the default poll interval (500 ms) and
   * quiet period (1 s).
   *
   * @throws PackException if a pack folder does not compile, lint or pass {@code gate} on opening
   *     (there is no last good version to fall back on), or if there is no pack
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
    return state.get().engine().decide(request);
  }

  /** The pack versions served at the moment of the call. Thread-safe. */
  @Override
  public List<PackRef> packs() {
    return state.get().engine().packs();
  }

  /** The fact types the served packs declare. Thread-safe. */
  @Override
  public dev.creditrules.api.model.FactModel model() {
    return state.get().engine().model();
  }

  /**
   * The engine served at the moment of the call: an immutable snapshot (for {@code trace},
   * {@code rules()}, or several decisions that must use the same packs). Thread-safe.
   */
  public CreditRulesEngine engine() {
    return state.get().engine();
  }

  /** What is served and the last outcome of every pack folder. Thread-safe; never blocks. */
  public LiveStatus status() {
    return state.get().status();
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
      pending = null;
      process(scanOrThrow(), false);
      return status();
    }
  }

  /**
   * Stops the watcher (waiting for a reload in progress). The last engine keeps serving
   * {@link #decide}; {@link #reload()} is no longer allowed. Idempotent, thread-safe.
   */
  @Override
  public void close() {
    closed = true;
    if (watcher != null) {
      watcher.shutdown();
      try {
        if (!watcher.awaitTermination(30, TimeUnit.SECONDS)) {
          watcher.shutdownNow();
        }
      } catch (InterruptedException e) {
        watcher.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many pack folders were compiled since opening (cache misses), for tests. */
  long compilations() {
    return compilations.get();
  }

  // --- the watcher -------------------------------------------------------------------------

  private void poll() {
    try {
      synchronized (lock) {
        if (closed) {
          return;
        }
        Map<String, Scanned> snapshot;
        try {
          snapshot = scan(dir, declarations);
        } catch (IOException | UncheckedIOException e) {
          String message = String.valueOf(e);
          if (!message.equals(lastScanError)) {
            LOG.warn("live packs {}: cannot read the directory, still serving generation {}: {}",
                dir, status().generation(), message);
            lastScanError = message;
          }
          return;
        }
        lastScanError = null;
        Map<String, String> now = fingerprints(snapshot);
        if (now.equals(judged)) {
          pending = null;
          return;
        }
        long t = System.nanoTime();
        if (!now.equals(pending)) {
          pending = now;
          pendingSince = t;
        }
        if (t - pendingSince >= quietPeriod.toNanos()) {
          pending = null;
          process(snapshot, false);
        }
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // never let the scheduled task die: the next poll tries again
      LOG.error("live packs {}: reload failed, still serving generation {}", dir, status().generation(), e);
    }
  }

  // --- one reload ---------------------------------------------------------------------------

  /**
   * Judges every folder whose content differs from when it was last judged and publishes the
   * outcome. On opening, any rejection throws instead (there is nothing to fall back on).
   */
  private void process(Map<String, Scanned> snapshot, boolean opening) {
    Set<String> keys = new TreeSet<>(snapshot.keySet());
    keys.addAll(judged.keySet());
    List<String> changed = new ArrayList<>();
    for (String k : keys) {
      Scanned s = snapshot.get(k);
      if (!Objects.equals(s == null ? null : s.fingerprint(), judged.get(k))) {
        changed.add(k);
      }
    }
    if (changed.isEmpty()) {
      return;
    }

    // 1. compile and lint each changed folder on its own (cached by digest)
    Map<String, List<PackProblem>> rejected = new TreeMap<>();
    Map<String, CompiledPack> candidates = new TreeMap<>();
    for (String k : changed) {
      Scanned s = snapshot.get(k);
      if (s == null) {
        continue; // removed
      }
      Compilation c = compile(k, s);
      if (c.pack() == null) {
        rejected.put(k, c.problems());
      } else {
        candidates.put(k, c.pack());
      }
    }

    // 2. a candidate engine with what compiled, checked together and by the gate; the folders a
    //    problem names are dropped and the rest tried again, until the gate accepts or none is left
    Set<String> trying = new TreeSet<>(changed);
    trying.removeAll(rejected.keySet());
    CreditRulesEngine accepted = null;
    while (!trying.isEmpty()) {
      Map<String, CompiledPack> next = new TreeMap<>();
      served.forEach((k, v) -> next.put(k, v.pack()));
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
        candidate = CreditRulesEngine.of(new ArrayList<>(next.values()), classes, problems);
      }
      if (candidate != null) {
        List<Path> folders =
            trying.stream().filter(candidates::containsKey).map(k -> snapshot.get(k).folder()).toList();
        problems.addAll(runGate(candidate, folders));
      }
      if (problems.isEmpty()) {
        accepted = candidate;
        break;
      }
      Set<String> blamed =
          problems.stream().map(PackProblem::pack).filter(trying::contains).collect(Collectors.toCollection(TreeSet::new));
      if (blamed.isEmpty()) {
        blamed = new TreeSet<>(trying); // a problem between packs, or of the gate itself
      }
      for (String k : blamed) {
        List<PackProblem> own = problems.stream().filter(p -> p.pack().equals(k)).toList();
        rejected.put(k, own.isEmpty() ? problems : own);
      }
      trying.removeAll(blamed);
    }

    if (opening && !rejected.isEmpty()) {
      throw new PackException(rejected.values().stream().flatMap(List::stream).toList());
    }

    // 3. commit: nothing above changed any state
    Instant at = clock.instant();
    Map<String, Path> folderOf = new TreeMap<>();
    for (String k : changed) {
      Scanned s = snapshot.get(k);
      folderOf.put(k, s != null ? s.folder() : outcomes.get(k).folder());
    }
    for (String k : changed) {
      Scanned s = snapshot.get(k);
      if (rejected.containsKey(k)) {
        outcomes.put(
            k, new FolderOutcome(k, folderOf.get(k), s == null ? null : s.digest(), Verdict.REJECTED, rejected.get(k), at));
      } else if (s == null) {
        outcomes.remove(k);
      } else {
        outcomes.put(k, new FolderOutcome(k, s.folder(), s.digest(), Verdict.ACCEPTED, List.of(), at));
      }
      if (s == null) {
        judged.remove(k);
      } else {
        judged.put(k, s.fingerprint());
      }
    }
    State before = state.get();
    CreditRulesEngine engine = before == null ? null : before.engine();
    long generation = before == null ? 0 : before.status().generation();
    if (accepted != null) {
      for (String k : trying) {
        if (candidates.containsKey(k)) {
          served.put(k, new Served(candidates.get(k), snapshot.get(k).folder()));
        } else {
          served.remove(k);
        }
      }
      if (engine == null || !accepted.packs().equals(engine.packs())) {
        engine = accepted;
        generation++;
      }
    }
    LiveStatus status =
        new LiveStatus(dir, generation, at, engine.packs(), List.copyOf(outcomes.values()));
    state.set(new State(engine, status));
    log(changed, snapshot, rejected, before, status);
  }

  private Compilation compile(String key, Scanned s) {
    Served current = served.get(key);
    if (current != null && current.pack().digest().equals(s.digest())) {
      return new Compilation(s.digest(), current.pack(), List.of());
    }
    LinkedHashMap<String, CompiledPack> recent =
        compiled.computeIfAbsent(key, k -> new LinkedHashMap<>(8, 0.75f, true));
    CompiledPack hit = recent.get(s.digest());
    if (hit != null) {
      return new Compilation(s.digest(), hit, List.of());
    }
    Compilation last = failed.get(key);
    if (last != null && last.digest().equals(s.digest())) {
      return last;
    }
    List<PackProblem> problems = new ArrayList<>();
    CompiledPack pack;
    try {
      compilations.incrementAndGet();
      pack = PackCompiler.compile(s.version(), classes, problems);
    } catch (RuntimeException | LinkageError e) {
      problems.add(new PackProblem(key, "", 0, 0, null, "cannot compile: " + e));
      pack = null;
    }
    Compilation c = new Compilation(s.digest(), pack, List.copyOf(problems));
    if (pack == null) {
      failed.put(key, c);
    } else {
      failed.remove(key);
      recent.put(s.digest(), pack);
      // keep a few, so that going back to a recent version (a rollback) compiles nothing
      while (recent.size() > CACHED_VERSIONS) {
        recent.remove(recent.keySet().iterator().next());
      }
    }
    return c;
  }

  private List<PackProblem> runGate(CreditRulesEngine candidate, List<Path> folders) {
    try {
      List<PackProblem> problems = gate.check(candidate, folders);
      return problems == null ? List.of() : List.copyOf(problems);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return List.of(new PackProblem("(gate)", "", 0, 0, null, "the gate failed: " + e));
    }
  }

  private void log(
      List<String> changed,
      Map<String, Scanned> snapshot,
      Map<String, List<PackProblem>> rejected,
      State before,
      LiveStatus after) {
    for (String k : changed) {
      Scanned s = snapshot.get(k);
      if (rejected.containsKey(k)) {
        String still = after.served(k).map(r -> r.digest()).orElse("nothing");
        LOG.warn(
            "live packs {}: rejected {} ({}), still serving {}:\n  {}",
            dir, k, s == null ? "removal" : s.digest(), still,
            rejected.get(k).stream().map(PackProblem::toString).collect(Collectors.joining("\n  ")));
      } else if (s == null) {
        LOG.info("live packs {}: removed {}", dir, k);
      } else {
        LOG.info("live packs {}: accepted {} ({})", dir, k, s.digest());
      }
    }
    if (before == null || before.status().generation() != after.generation()) {
      LOG.info("live packs {}: serving generation {}: {}", dir, after.generation(), after.packs());
    }
  }

  // --- reading the directory ----------------------------------------------------------------

  private Map<String, Scanned> scanOrThrow() {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return scan(dir, declarations);
      } catch (NoSuchFileException e) {
        last = e; // a file went away while being read: read again
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read packs under " + dir, e);
      } catch (UncheckedIOException e) {
        last = e.getCause();
      }
    }
    throw new UncheckedIOException("cannot read packs under " + dir, last);
  }

  /**
   * Every pack folder under {@code root}, read as {@code PackReader.directory} reads it (same
   * folders, same files), resolved against the versions they inherit from (same digest), plus a
   * fingerprint of all its files, cases included, and of what it inherits.
   */
  private static Map<String, Scanned> scan(Path root, Map<String, String> declarations) throws IOException {
    List<PackFolder> folders = new ArrayList<>();
    Map<String, String> own = new TreeMap<>();
    Map<String, Path> where = new TreeMap<>();
    for (Path idDir : subdirectories(root)) {
      for (Path versionDir : subdirectories(idDir)) {
        Read r = read(idDir.getFileName().toString(), versionDir);
        folders.add(r.folder());
        own.put(r.folder().key(), r.fingerprint());
        where.put(r.folder().key(), versionDir);
      }
    }
    Map<String, Scanned> out = new TreeMap<>();
    for (PackVersion v : PackVersion.resolve(folders, declarations)) {
      String k = v.key();
      MessageDigest both = sha256();
      both.update(own.get(k).getBytes(StandardCharsets.US_ASCII));
      both.update(new byte[] {0});
      both.update(v.digest().getBytes(StandardCharsets.US_ASCII));
      out.put(k, new Scanned(where.get(k), v, v.digest(), HexFormat.of().formatHex(both.digest())));
    }
    return out;
  }

  private record Read(PackFolder folder, String fingerprint) {}

  private static List<Path> subdirectories(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static Read read(String id, Path versionDir) throws IOException {
    MessageDigest all = sha256();
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(versionDir, FileVisitOption.FOLLOW_LINKS)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : paths) {
      String rel = versionDir.relativize(file).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(file);
      byte[] name = rel.getBytes(StandardCharsets.UTF_8);
      all.update(name);
      all.update(new byte[] {0});
      all.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      all.update(new byte[] {0});
      all.update(bytes);
      if (!(rel.equals(CASES) || rel.startsWith(CASES + "/"))) {
        files.put(rel, bytes);
      }
    }
    PackFolder folder =
        new PackFolder(id, versionDir.getFileName().toString().replace("/", ""), versionDir.toString(), files);
    return new Read(folder, HexFormat.of().formatHex(all.digest()));
  }

  private static Map<String, String> fingerprints(Map<String, Scanned> snapshot) {
    Map<String, String> out = new TreeMap<>();
    snapshot.forEach((k, s) -> out.put(k, s.fingerprint()));
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Configures a live directory. Not thread-safe; the {@link LivePacks} it opens is.
   */
  public static final class Builder {
    private final Path dir;
    private PackGate gate = PackGate.NONE;
    private Clock clock = Clock.systemUTC();
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration quietPeriod = Duration.ofSeconds(1);

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The gate every change must pass after compile and lint; default {@link PackGate#NONE}. */
    public Builder gate(PackGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /** The clock that stamps {@link LiveStatus}; default UTC system clock. Never used by decisions. */
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
