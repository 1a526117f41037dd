package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link LivePacks} directory serves and how its last changes went. Immutable: a snapshot
 * taken together with the engine it describes, so {@link #packs()} are exactly the versions the
 * engine of generation {@link #generation()} serves.
 *
 * @param directory the live directory
 * @param generation 1 for the engine loaded on opening, then one more for each engine swapped in
 * @param lastReload when the last change was processed (accepted or rejected), from the live
 *     directory's clock; the clock is read for this status only, never for decisions
 * @param packs the pack versions served, sorted by id then version, with their digests
 * @param folders the last outcome of every pack folder seen, sorted by pack ({@code id@version});
 *     once the fact declarations ({@code <id>/types.yaml}, {@code fact-order.yaml}) changed on
 *     disk, also their last outcome, under {@code types} (its folder is the live directory, its
 *     digest that of the declarations as last seen); while the directory itself cannot be read
 *     (deleted, moved, unmounted), first an outcome under {@code (directory)}, rejected, whose
 *     problem says so (the last good generation serves meanwhile)
 */
public record LiveStatus(
    Path directory,
    long generation,
    Instant lastReload,
    List<PackRef> packs,
    List<FolderOutcome> folders) {

  public LiveStatus {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(lastReload, "lastReload");
    packs = List.copyOf(packs);
    folders = List.copyOf(folders);
  }

  /** Whether a folder's last state went live. */
  public enum Verdict {
    /**
     * Compiled, linted and passed the gate: served (or, for a removed folder, no longer served).
     */
    ACCEPTED,
    /** Not served: the previous version of the folder, if any, is still served. */
    REJECTED
  }

  /**
   * The last outcome of one pack folder.
   *
   * @param pack {@code id@version}, from the folder names
   * @param folder the folder ({@code <dir>/<id>/<version>})
   * @param digest the digest of the folder as last seen on disk, or null when it was removed
   * @param verdict accepted or rejected
   * @param problems why it was rejected: compile and lint problems with file and line, the gate's
   *     problems (failed cases), or problems between packs; empty when accepted
   * @param at when the outcome was decided, from the live directory's clock
   */
  public record FolderOutcome(
      String pack,
      Path folder,
      @Nullable String digest,
      Verdict verdict,
      List<PackProblem> problems,
      Instant at) {
    public FolderOutcome {
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(at, "at");
      problems = List.copyOf(problems);
    }
  }

  /** The last outcome of the folder of {@code pack} ({@code id@version}), if it was ever seen. */
  public Optional<FolderOutcome> folder(String pack) {
    return folders.stream().filter(f -> f.pack().equals(pack)).findFirst();
  }

  /** The version of {@code pack} ({@code id@version}) being served, if any. */
  public Optional<PackRef> served(String pack) {
    return packs.stream().filter(p -> p.toString().equals(pack)).findFirst();
  }

  /**
   * True when the last state of every folder (and of the fact declarations) was accepted and the
   * directory reads: what is on disk is what is served. False while a change is held: a broken
   * folder, a served folder vanished or half-copied without being retired, rules or measures
   * dropped without being declared, a deleted directory.
   */
  public boolean healthy() {
    return folders.stream().allMatch(f -> f.verdict() == Verdict.ACCEPTED);
  }
}
