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
import java.util.Comparator;
import java.util.Properties;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * a version inherits from the previous version of its pack in the same tree (by {@code
 * validFrom}, unless {@code inherit=false}), and its digest covers its own files, what it inherits
 * and the fact declarations its rules use (regression cases excluded), so that a version is found
 * exactly when the content it took effect with is the one a decision named, and {@link
 * #materialise} writes it with its ancestors. This repeats the runtime's
 * folder reading on purpose: rules-audit does not depend on the runtime, so that an application
 * that only logs decisions does not carry Drools; {@code ReplayerTest} holds both to the same
 * references and digests for every shipped pack.
 *
 * <p>The fact declarations of a pack tree are kept with every version found in it: its pack
 * folder's {@code types.yaml} (beside the version folders) and the tree's {@code fact-order.yaml},
 * and {@link #materialise} writes them with the versions, so that an engine over the written
 * folders reads the fact types the versions were found with; the {@code types.yaml} files a
 * version's digest covers are written too. Immutable once scanned.
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
   * @param parent the version it inherits from (found in the same tree), or {@code null}
   * @param declarations the {@code <id>/types.yaml} files its digest covers
   */
  record Folder(
      PackRef ref,
      String origin,
      SortedMap<String, byte[]> files,
      byte[] types,
      byte[] factOrder,
      Folder parent,
      SortedMap<String, byte[]> declarations) {}

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
      List<Path> idDirs = ids.filter(Files::isDirectory).sorted().toList();
      SortedMap<String, byte[]> declarations = new TreeMap<>();
      for (Path idDir : idDirs) {
        byte[] types = readIfFile(idDir.resolve(TYPES));
        if (types != null) {
          declarations.put(idDir.getFileName().toString().replace("/", "") + "/" + TYPES, types);
        }
      }
      for (Path idDir : idDirs) {
        String id = idDir.getFileName().toString().replace("/", "");
        byte[] types = readIfFile(idDir.resolve(TYPES));
        List<Raw> versions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(idDir)) {
          for (Path versionDir : dirs.filter(Files::isDirectory).sorted().toList()) {
            versions.add(raw(versionDir));
          }
        }
        // each version inherits from the previous one of its pack by validFrom, as the runtime
        // resolves it, unless its manifest says inherit=false
        versions.sort(Comparator.comparing(Raw::validFrom).thenComparing(Raw::version));
        Folder previous = null;
        for (Raw r : versions) {
          Folder parent = r.inherits() ? previous : null;
          SortedMap<String, byte[]> covered = covered(r, parent, declarations);
          Folder f =
              new Folder(
                  new PackRef(id, r.version(), digest(r, parent, covered)),
                  r.dir().toString(),
                  r.files(),
                  types,
                  factOrder,
                  parent,
                  covered);
          found.putIfAbsent(f.ref().digest(), f);
          previous = f;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read packs under " + root, e);
    }
  }

  /** A version folder as read, before its lineage is known. */
  private record Raw(Path dir, String version, SortedMap<String, byte[]> files, String validFrom, boolean inherits) {}

  private static byte[] readIfFile(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
  }

  private static Raw raw(Path versionDir) throws IOException {
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
    Properties manifest = new Properties();
    byte[] m = files.get(MANIFEST);
    if (m != null) {
      try {
        manifest.load(new StringReader(new String(m, StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        // an unreadable manifest: the runtime refuses the version; its digest is still defined
      }
    }
    return new Raw(
        versionDir,
        versionDir.getFileName().toString().replace("/", ""),
        files,
        manifest.getProperty("validFrom", "").strip(),
        !"false".equalsIgnoreCase(manifest.getProperty("inherit", "true").strip()));
  }

  private static final String MANIFEST = "pack.properties";
  private static final Pattern CLASS = Pattern.compile("\\bclass\\s*:\\s*[\"']?([A-Za-z_$][\\w$]*)");

  /**
   * The {@code types.yaml} files a version's digest covers: those declaring a class that the rule
   * files ({@code .drl}, top-level {@code .csv}) of the version or an ancestor name, all of them
   * when one of those is a spreadsheet ({@code .xlsx}). As the runtime's {@code PackVersion}.
   */
  private static SortedMap<String, byte[]> covered(
      Raw own, Folder parent, SortedMap<String, byte[]> declarations) {
    StringBuilder text = new StringBuilder();
    boolean spreadsheet = false;
    List<SortedMap<String, byte[]>> lineage = new ArrayList<>();
    lineage.add(own.files());
    for (Folder a = parent; a != null; a = a.parent()) {
      lineage.add(a.files());
    }
    for (SortedMap<String, byte[]> files : lineage) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        String path = f.getKey();
        if (path.endsWith(".drl") || (!path.contains("/") && path.endsWith(".csv"))) {
          text.append(new String(f.getValue(), StandardCharsets.UTF_8)).append('\n');
        } else if (!path.contains("/") && path.endsWith(".xlsx")) {
          spreadsheet = true;
        }
      }
    }
    String rules = text.toString();
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> d : declarations.entrySet()) {
      boolean used = spreadsheet;
      Matcher m = CLASS.matcher(new String(d.getValue(), StandardCharsets.UTF_8));
      while (!used && m.find()) {
        used = Pattern.compile("(?<![\\w$])" + Pattern.quote(m.group(1)) + "(?![\\w$])").matcher(rules).find();
      }
      if (used) {
        out.put(d.getKey(), d.getValue());
      }
    }
    return out;
  }

  /**
   * The digest of a version as the runtime computes it: SHA-256 over its own files, then each
   * ancestor's inherited files (all but {@code README.md} and {@code CHANGES.md}; nearest first),
   * each path prefixed by its version, then the {@code types.yaml} files it covers; each entry as
   * its path, a zero byte, its length in decimal, a zero byte and its bytes.
   */
  private static String digest(Raw own, Folder parent, SortedMap<String, byte[]> covered) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> f : own.files().entrySet()) {
        entry(sha, own.version() + "/" + f.getKey(), f.getValue());
      }
      for (Folder a = parent; a != null; a = a.parent()) {
        for (Map.Entry<String, byte[]> f : a.files().entrySet()) {
          if (!f.getKey().equals("README.md") && !f.getKey().equals("CHANGES.md")) {
            entry(sha, a.ref().version() + "/" + f.getKey(), f.getValue());
          }
        }
      }
      for (Map.Entry<String, byte[]> d : covered.entrySet()) {
        entry(sha, d.getKey(), d.getValue());
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void entry(MessageDigest sha, String path, byte[] bytes) {
    sha.update(path.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(bytes);
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
    Map<String, byte[]> written = new TreeMap<>();
    for (PackRef r : refs) {
      Folder f =
          find(r).orElseThrow(() -> new IllegalArgumentException("pack " + r + " " + r.digest() + " not found"));
      declaration(types, r.id() + "/" + TYPES, f.types(), r.id() + "/" + TYPES);
      declaration(factOrder, FACT_ORDER, f.factOrder(), FACT_ORDER);
      for (Map.Entry<String, byte[]> d : f.declarations().entrySet()) {
        declaration(types, d.getKey(), d.getValue(), d.getKey());
      }
      // a version takes effect with what it inherits: its ancestors are written beside it
      for (Folder a = f; a != null; a = a.parent()) {
        Path dir = target.resolve(r.id()).resolve(a.ref().version());
        for (Map.Entry<String, byte[]> e : a.files().entrySet()) {
          Path file = dir.resolve(e.getKey());
          if (!file.normalize().startsWith(dir)) {
            throw new IOException("unsafe path in pack " + r + ": " + e.getKey());
          }
          byte[] before = written.putIfAbsent(file.toString(), e.getValue());
          if (before != null && !Arrays.equals(before, e.getValue())) {
            throw new IllegalArgumentException(
                "the pack versions were found with different " + r.id() + "@" + a.ref().version()
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
