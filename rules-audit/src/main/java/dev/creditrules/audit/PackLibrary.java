package dev.creditrules.audit;

import dev.creditrules.api.PackRef;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import dev.creditrules.pack.tree.ResolvedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Pack versions found by their digests, for replay: every {@code <id>/<version>/} folder under some
 * directories and, optionally, on the class path ({@code credit-rules/packs}, the {@code rules-drl}
 * jar). Several directories may hold the same pack version with different content (an old and a new
 * edit of it): each is kept under its own digest. Each tree is read and resolved as the runtime
 * reads and resolves it, with the same code (rules-pack's {@link PackReader} and {@link
 * ResolvedFolder}, which need no Drools): a version inherits from the previous version of its pack
 * in the same tree (by {@code validFrom}, unless {@code inherit=false}), and its digest covers its
 * own files, what it inherits and the fact declarations its rules use (regression cases excluded),
 * so that a version is found exactly when the content it took effect with is the one a decision
 * named, and {@link #materialise} writes it with its ancestors. rules-audit does not depend on the
 * runtime, so that an application that only logs decisions does not carry Drools; {@code
 * ReplayerTest} holds both to the same references and digests for every shipped pack.
 *
 * <p>The fact declarations of a pack tree are kept with every version found in it: its pack
 * folder's {@code types.yaml} (beside the version folders) and the tree's {@code fact-order.yaml},
 * and {@link #materialise} writes them with the versions, so that an engine over the written
 * folders reads the fact types the versions were found with; the {@code types.yaml} files a
 * version's digest covers are written too. Immutable once scanned.
 */
public final class PackLibrary {
  /** A pack folder's fact declarations, beside its version folders (as the runtime reads them). */
  static final String TYPES = FactModelReader.TYPES_FILE;

  /** The order of fact types, at the root of a pack tree (as the runtime reads it). */
  static final String FACT_ORDER = FactModelReader.ORDER_FILE;

  /**
   * One pack version as found: its reference, its folder resolved in its tree (its files, the
   * version it inherits from, the {@code <id>/types.yaml} files its digest covers), and the fact
   * declarations found with it.
   *
   * @param types its pack folder's {@value #TYPES}, or {@code null} when it has none
   * @param factOrder its tree's {@value #FACT_ORDER}, or {@code null} when it has none
   */
  record Folder(
      PackRef ref, ResolvedFolder resolved, byte @Nullable [] types, byte @Nullable [] factOrder) {}

  private final Map<String, Folder> byDigest;

  private PackLibrary(Map<String, Folder> byDigest) {
    this.byDigest = byDigest;
  }

  /**
   * Scans {@code dirs} (each laid out as {@code <dir>/<id>/<version>/}) and, when {@code
   * classpath}, the packs on the class path.
   *
   * @throws IllegalArgumentException when a directory does not exist
   * @throws UncheckedIOException when a folder cannot be read
   */
  public static PackLibrary scan(List<Path> dirs, boolean classpath) {
    Map<String, Folder> found = new LinkedHashMap<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("pack directory does not exist: " + dir);
      }
      read(dir, found);
    }
    if (classpath) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      for (PackReader.ClasspathTree tree :
          PackReader.classpathTrees(loader != null ? loader : PackLibrary.class.getClassLoader())) {
        read(tree.root(), found);
      }
    }
    return new PackLibrary(found);
  }

  /**
   * Reads one tree and resolves its versions against each other (never against another tree's),
   * keeping them by digest in the order of their packs, each pack's versions in inheritance order.
   */
  private static void read(Path root, Map<String, Folder> found) {
    List<PackFolder> folders = PackReader.directory(root);
    SortedMap<String, byte[]> declarations = PackReader.declarationFiles(root);
    byte[] factOrder = declarations.get(FACT_ORDER);
    List<ResolvedFolder> resolved = ResolvedFolder.resolve(folders, declarations);
    // the folders come by pack id then version name: each pack's versions in inheritance order
    List<ResolvedFolder> ordered = new ArrayList<>();
    for (int i = 0; i < resolved.size(); ) {
      int j = i;
      while (j < resolved.size()
          && resolved.get(j).folder().id().equals(resolved.get(i).folder().id())) {
        j++;
      }
      List<ResolvedFolder> pack = new ArrayList<>(resolved.subList(i, j));
      pack.sort((a, b) -> ResolvedFolder.LINEAGE_ORDER.compare(a.folder(), b.folder()));
      ordered.addAll(pack);
      i = j;
    }
    for (ResolvedFolder r : ordered) {
      PackFolder f = r.folder();
      Folder folder =
          new Folder(
              new PackRef(f.id(), f.version(), r.digest()),
              r,
              declarations.get(f.id() + "/" + TYPES),
              factOrder);
      found.putIfAbsent(r.digest(), folder);
    }
  }

  /** Every pack version found, in the order found (a digest once). */
  public List<PackRef> packs() {
    return byDigest.values().stream().map(Folder::ref).toList();
  }

  /** The folder with exactly this id, version and digest, if found. */
  Optional<Folder> find(PackRef ref) {
    Folder f = byDigest.get(ref.digest());
    return f != null && f.ref().equals(ref) ? Optional.of(f) : Optional.empty();
  }

  /** The packs of {@code refs} that were not found. */
  public List<PackRef> missing(List<PackRef> refs) {
    List<PackRef> missing = new ArrayList<>();
    for (PackRef r : refs) {
      if (find(r).isEmpty()) {
        missing.add(r);
      }
    }
    return missing;
  }

  /**
   * Writes the folders of {@code refs} under {@code target} as {@code <id>/<version>/}, with the
   * fact declarations found with them ({@code <id>/types.yaml}, {@code fact-order.yaml}), ready for
   * an engine to load.
   *
   * @throws IllegalArgumentException when one of them was not found, or when versions found in
   *     different trees come with different declarations (which would be ambiguous)
   */
  public Path materialise(List<PackRef> refs, Path target) throws IOException {
    Map<String, byte[]> types = new TreeMap<>();
    Map<String, byte[]> factOrder = new TreeMap<>();
    Map<String, byte[]> written = new TreeMap<>();
    for (PackRef r : refs) {
      Folder f =
          find(r)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException("pack " + r + " " + r.digest() + " not found"));
      declaration(types, r.id() + "/" + TYPES, f.types(), r.id() + "/" + TYPES);
      declaration(factOrder, FACT_ORDER, f.factOrder(), FACT_ORDER);
      for (Map.Entry<String, byte[]> d : f.resolved().declarations().entrySet()) {
        declaration(types, d.getKey(), d.getValue(), d.getKey());
      }
      // a version takes effect with what it inherits: its ancestors are written beside it
      for (ResolvedFolder a = f.resolved(); a != null; a = a.parent()) {
        Path dir = target.resolve(r.id()).resolve(a.folder().version());
        for (Map.Entry<String, byte[]> e : a.folder().files().entrySet()) {
          Path file = dir.resolve(e.getKey());
          if (!file.normalize().startsWith(dir)) {
            throw new IOException("unsafe path in pack " + r + ": " + e.getKey());
          }
          byte[] before = written.putIfAbsent(file.toString(), e.getValue());
          if (before != null && !Arrays.equals(before, e.getValue())) {
            throw new IllegalArgumentException(
                "the pack versions were found with different "
                    + a.key()
                    + " folders (one inherits from it)");
          }
          Files.createDirectories(file.getParent());
          Files.write(file, e.getValue());
        }
      }
    }
    for (Map.Entry<String, byte[]> e : types.entrySet()) {
      Files.createDirectories(target.resolve(e.getKey()).getParent());
      Files.write(target.resolve(e.getKey()), e.getValue());
    }
    for (byte[] order : factOrder.values()) {
      Files.write(target.resolve(FACT_ORDER), order);
    }
    return target;
  }

  /** Keeps {@code bytes} under {@code key}, failing when other bytes are there already. */
  private static void declaration(
      Map<String, byte[]> kept, String key, byte @Nullable [] bytes, String what) {
    if (bytes == null) {
      return;
    }
    byte[] before = kept.putIfAbsent(key, bytes);
    if (before != null && !Arrays.equals(before, bytes)) {
      throw new IllegalArgumentException(
          "the pack versions were found with different " + what + " files");
    }
  }
}
