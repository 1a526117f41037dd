package dev.creditrules.audit;

import dev.creditrules.api.PackRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Pack versions found by their digests, for replay: every {@code <id>/<version>/} folder under some
 * directories and, optionally, on the class path ({@code credit-rules/packs}, the {@code rules-drl}
 * jar). Several directories may hold the same pack version with different content (an old and a
 * new edit of it): each is kept under its own digest. The digest is computed as the runtime does:
 * SHA-256 over the folder's files (regression cases excluded) concatenated in path order, so that
 * a folder is found exactly when its bytes are those a decision named. This repeats the runtime's
 * folder reading on purpose: rules-audit does not depend on the runtime, so that an application
 * that only logs decisions does not carry Drools; {@code ReplayerTest} holds both to the same
 * references and digests for every shipped pack.
 *
 * <p>The fact declarations of a pack tree are kept with every version found in it: its pack
 * folder's {@code types.yaml} (beside the version folders) and the tree's {@code fact-order.yaml},
 * and {@link #materialise} writes them with the versions, so that an engine over the written
 * folders reads the fact types the versions were found with. A version's digest covers its own
 * folder only, so the declarations are taken as found, not checked by digest. Immutable once
 * scanned.
 */
public final class PackLibrary {
  static final String CLASSPATH_ROOT = "credit-rules/packs";
  private static final String CASES = "cases";

  /** A pack folder's fact declarations, beside its version folders (as the runtime reads them). */
  static final String TYPES = "types.yaml";

  /** The order of fact types, at the root of a pack tree (as the runtime reads it). */
  static final String FACT_ORDER = "fact-order.yaml";

  /**
   * One pack version's files (relative path with {@code /} to bytes), where it was found, and the
   * fact declarations found with it.
   *
   * @param types its pack folder's {@value #TYPES}, or {@code null} when it has none
   * @param factOrder its tree's {@value #FACT_ORDER}, or {@code null} when it has none
   */
  record Folder(
      PackRef ref, String origin, SortedMap<String, byte[]> files, byte[] types, byte[] factOrder) {}

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
      try {
        for (URL url : Collections.list(
            (loader != null ? loader : PackLibrary.class.getClassLoader()).getResources(CLASSPATH_ROOT))) {
          URI uri = url.toURI();
          if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            try {
              fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
              fs = FileSystems.getFileSystem(uri);
            }
            String inner = uri.getSchemeSpecificPart();
            read(fs.getPath(inner.substring(inner.indexOf("!/") + 1)), found);
          } else {
            read(Paths.get(uri), found);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the packs on the class path", e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException("unexpected resource URL for " + CLASSPATH_ROOT, e);
      }
    }
    return new PackLibrary(found);
  }

  private static void read(Path root, Map<String, Folder> found) {
    try (Stream<Path> ids = Files.list(root)) {
      byte[] factOrder = readIfFile(root.resolve(FACT_ORDER));
      for (Path idDir : ids.filter(Files::isDirectory).sorted().toList()) {
        byte[] types = readIfFile(idDir.resolve(TYPES));
        try (Stream<Path> versions = Files.list(idDir)) {
          for (Path versionDir : versions.filter(Files::isDirectory).sorted().toList()) {
            Folder f =
                folder(idDir.getFileName().toString().replace("/", ""), versionDir, types, factOrder);
            found.putIfAbsent(f.ref().digest(), f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read packs under " + root, e);
    }
  }

  private static byte[] readIfFile(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
  }

  private static Folder folder(String id, Path versionDir, byte[] types, byte[] factOrder)
      throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(versionDir, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
        String rel = versionDir.relativize(file).toString().replace('\\', '/');
        if (rel.equals(CASES) || rel.startsWith(CASES + "/")) {
          continue;
        }
        files.put(rel, Files.readAllBytes(file));
      }
    }
    String version = versionDir.getFileName().toString().replace("/", "");
    return new Folder(
        new PackRef(id, version, digest(files)), versionDir.toString(), files, types, factOrder);
  }

  static String digest(SortedMap<String, byte[]> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.values().forEach(sha::update);
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
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
   * fact declarations found with them ({@code <id>/types.yaml}, {@code fact-order.yaml}), ready
   * for an engine to load.
   *
   * @throws IllegalArgumentException when one of them was not found, or when versions found in
   *     different trees come with different declarations (which would be ambiguous)
   */
  public Path materialise(List<PackRef> refs, Path target) throws IOException {
    Map<String, byte[]> types = new TreeMap<>();
    Map<String, byte[]> factOrder = new TreeMap<>();
    for (PackRef r : refs) {
      Folder f =
          find(r).orElseThrow(() -> new IllegalArgumentException("pack " + r + " " + r.digest() + " not found"));
      declaration(types, r.id(), f.types(), r.id() + "/" + TYPES);
      declaration(factOrder, FACT_ORDER, f.factOrder(), FACT_ORDER);
      Path dir = target.resolve(r.id()).resolve(r.version());
      for (Map.Entry<String, byte[]> e : f.files().entrySet()) {
        Path file = dir.resolve(e.getKey());
        if (!file.normalize().startsWith(dir)) {
          throw new IOException("unsafe path in pack " + r + ": " + e.getKey());
        }
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
    }
    for (Map.Entry<String, byte[]> e : types.entrySet()) {
      Files.write(target.resolve(e.getKey()).resolve(TYPES), e.getValue());
    }
    for (byte[] order : factOrder.values()) {
      Files.write(target.resolve(FACT_ORDER), order);
    }
    return target;
  }

  /** Keeps {@code bytes} under {@code key}, failing when other bytes are there already. */
  private static void declaration(Map<String, byte[]> kept, String key, byte[] bytes, String what) {
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
