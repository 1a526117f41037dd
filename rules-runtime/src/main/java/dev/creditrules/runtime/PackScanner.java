package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a live pack directory into a {@link Snapshot}: every version folder ({@code
 * <dir>/<id>/<version>/}) with its bytes and a fingerprint of all its files (cases included), and
 * the fact declarations ({@code <id>/types.yaml}, {@code fact-order.yaml}) with a digest of them.
 * The bytes compiled are the bytes fingerprinted: nothing is read from disk after the scan.
 *
 * <p>A snapshot resolves its folders against any set of declarations ({@link
 * Snapshot#resolve(Map)}): each version against the one it inherits from, with the digest that
 * covers its ancestors and the declarations it uses, exactly as {@code
 * CreditRulesEngine.builder().directory(dir)} reads and resolves the same tree. Stateless and
 * thread-safe; a snapshot is immutable.
 */
final class PackScanner {
  private static final String CASES = "cases";

  /**
   * The marker that retires a version folder ({@code <id>/<version>/RETIRED}, first line a reason):
   * the folder stays on disk (as an ancestor its files still resolve what inherits from it, and the
   * decision log's replay still finds it) but is no longer served.
   */
  static final String RETIRED = "RETIRED";

  /**
   * The file of a version folder that declares what a change deliberately drops: {@code rule
   * <name>} and {@code measure <ID>}, one per line, {@code #} comments.
   */
  static final String REMOVALS = "REMOVALS";

  private final Path root;

  PackScanner(Path root) {
    this.root = root;
  }

  /**
   * One version folder as read: its files without {@code cases/} (what it is compiled from), the
   * fingerprint of all its files, {@code cases/} included (what tells that it changed), and the
   * reason it was retired ({@value #RETIRED}'s first line, never null when the marker exists) or
   * null.
   */
  record Folder(Path path, PackFolder files, String fingerprint, @Nullable String retired) {
    String key() {
      return files.key();
    }
  }

  /**
   * The fact declarations as read: text by path relative to the directory ({@code
   * general/types.yaml}, {@code fact-order.yaml}), the problems of files that are not UTF-8 (left
   * out of {@code texts}), and a digest of every file's bytes that tells that they changed.
   */
  record Declarations(
      SortedMap<String, String> texts, List<PackProblem> unreadable, String digest) {
    Declarations {
      texts = Collections.unmodifiableSortedMap(new TreeMap<>(texts));
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * One folder resolved against a set of declarations: its {@link PackVersion}, the version's
   * digest (covering its ancestors and the declarations it uses) and a fingerprint of its own files
   * and that digest, so that a changed ancestor or declaration changes its descendants'
   * fingerprints too.
   */
  record Resolved(Path folder, PackVersion version, String digest, String fingerprint) {}

  /** The directory as read by one scan. Immutable. */
  static final class Snapshot {
    private final List<Folder> folders;
    private final SortedMap<String, Folder> byKey = new TreeMap<>();
    private final Declarations declarations;
    private final Map<String, Map<String, Resolved>> resolved = new LinkedHashMap<>();

    Snapshot(List<Folder> folders, Declarations declarations) {
      this.folders = List.copyOf(folders);
      this.declarations = declarations;
      for (Folder f : this.folders) {
        byKey.put(f.key(), f);
      }
    }

    /** Every version folder by {@code id@version}, retired ones included. */
    SortedMap<String, Folder> folders() {
      return Collections.unmodifiableSortedMap(byKey);
    }

    /** The retired version folders ({@value #RETIRED}) by {@code id@version}, with their reason. */
    SortedMap<String, String> retired() {
      SortedMap<String, String> out = new TreeMap<>();
      byKey.forEach(
          (k, f) -> {
            if (f.retired() != null) {
              out.put(k, f.retired());
            }
          });
      return out;
    }

    /** True when at least one version folder is not retired: something could be served. */
    boolean servable() {
      return byKey.values().stream().anyMatch(f -> f.retired() == null);
    }

    Declarations declarations() {
      return declarations;
    }

    /**
     * What tells two snapshots apart: each folder's fingerprint and the declarations' digest. Equal
     * signatures resolve to equal versions against any declarations.
     */
    Map<String, String> signature() {
      Map<String, String> out = new TreeMap<>();
      byKey.forEach((k, f) -> out.put(k, f.fingerprint()));
      out.put("", declarations.digest()); // no folder key is empty
      return Collections.unmodifiableMap(out);
    }

    /**
     * Every folder resolved against {@code declarationTexts} (see {@link Declarations#texts()}), by
     * {@code id@version}.
     */
    synchronized Map<String, Resolved> resolve(Map<String, String> declarationTexts) {
      // a reload resolves against the served declarations and perhaps a new set: both memoised
      String memo = digest(declarationTexts);
      Map<String, Resolved> hit = resolved.get(memo);
      if (hit != null) {
        return hit;
      }
      List<PackFolder> files = folders.stream().map(Folder::files).toList();
      Map<String, Resolved> out = new TreeMap<>();
      for (PackVersion v : PackVersion.resolve(files, declarationTexts)) {
        // resolve returns a version per folder given, keyed as its folder
        Folder f = Objects.requireNonNull(byKey.get(v.key()), v.key());
        MessageDigest both = sha256();
        both.update(f.fingerprint().getBytes(StandardCharsets.US_ASCII));
        both.update(new byte[] {0});
        both.update(v.digest().getBytes(StandardCharsets.US_ASCII));
        out.put(
            v.key(),
            new Resolved(f.path(), v, v.digest(), HexFormat.of().formatHex(both.digest())));
      }
      Map<String, Resolved> done = Collections.unmodifiableMap(out);
      resolved.put(memo, done);
      return done;
    }
  }

  /**
   * Reads the directory, retrying when a file goes away while being read.
   *
   * @throws UncheckedIOException if the directory cannot be read
   */
  Snapshot scanOrThrow() {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return scan();
      } catch (NoSuchFileException e) {
        last = e; // a file went away while being read: read again
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read packs under " + root, e);
      } catch (UncheckedIOException e) {
        last = e.getCause();
      }
    }
    throw new UncheckedIOException("cannot read packs under " + root, last);
  }

  /**
   * Reads the directory once: the folders as {@link PackReader#directory} reads them (same folders,
   * same files), the declarations with {@link PackReader#declarationFiles} (same paths, same
   * bytes).
   */
  Snapshot scan() throws IOException {
    List<Folder> folders = new ArrayList<>();
    for (Path idDir : subdirectories(root)) {
      for (Path versionDir : subdirectories(idDir)) {
        folders.add(read(idDir.getFileName().toString(), versionDir));
      }
    }
    return new Snapshot(folders, declarations(PackReader.declarationFiles(root)));
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static Folder read(String id, Path versionDir) throws IOException {
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
        new PackFolder(
            id, versionDir.getFileName().toString().replace("/", ""), versionDir.toString(), files);
    byte[] marker = files.get(RETIRED);
    return new Folder(
        versionDir,
        folder,
        HexFormat.of().formatHex(all.digest()),
        marker == null ? null : reason(marker));
  }

  /** The first non-blank line of a {@value #RETIRED} marker, or a placeholder when it has none. */
  static String reason(byte[] marker) {
    return new String(marker, StandardCharsets.UTF_8)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .findFirst()
        .orElse("(no reason given)");
  }

  /** The declarations of {@code bytes} (by relative path): decoded, and digested as bytes. */
  private static Declarations declarations(SortedMap<String, byte[]> bytes) {
    SortedMap<String, String> texts = new TreeMap<>();
    List<PackProblem> unreadable = new ArrayList<>();
    MessageDigest sha = sha256();
    for (Map.Entry<String, byte[]> e : bytes.entrySet()) {
      String path = e.getKey();
      sha.update(path.getBytes(StandardCharsets.UTF_8));
      sha.update(new byte[] {0});
      sha.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
      sha.update(new byte[] {0});
      sha.update(e.getValue());
      String text = FactModelReader.text(path, e.getValue(), unreadable);
      if (text != null) {
        texts.put(path, text);
      }
    }
    return new Declarations(texts, unreadable, "sha256:" + HexFormat.of().formatHex(sha.digest()));
  }

  /** {@code sha256:} and the hex SHA-256 of {@code texts} (path and text, in path order). */
  static String digest(Map<String, String> texts) {
    MessageDigest sha = sha256();
    for (Map.Entry<String, String> e : new TreeMap<>(texts).entrySet()) {
      byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
      sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update(new byte[] {0});
      sha.update(Long.toString(text.length).getBytes(StandardCharsets.US_ASCII));
      sha.update(new byte[] {0});
      sha.update(text);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
