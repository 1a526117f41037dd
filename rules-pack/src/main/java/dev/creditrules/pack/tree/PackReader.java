package dev.creditrules.pack.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads pack folders ({@code <root>/<id>/<version>/}) and the fact declarations beside them from a
 * directory or from the classpath. The one reader of a pack tree's files: the runtime compiles what
 * it reads, rules-audit finds logged versions among what it reads.
 */
public final class PackReader {
  /** Where packs live inside a jar or a classes directory. */
  static final String CLASSPATH_ROOT = "credit-rules/packs";

  private static final String CASES = "cases";

  private PackReader() {}

  /**
   * A pack tree on the class path.
   *
   * @param root the folder {@value #CLASSPATH_ROOT} in a classes directory or a jar
   * @param source the URL it was found at, for messages
   */
  public record ClasspathTree(Path root, String source) {}

  /** Every pack folder under {@code root}, sorted by id then version. */
  public static List<PackFolder> directory(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("pack directory does not exist: " + root);
    }
    List<PackFolder> packs = new ArrayList<>();
    try (Stream<Path> ids = Files.list(root)) {
      for (Path idDir : ids.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> versions = Files.list(idDir)) {
          for (Path versionDir : versions.filter(Files::isDirectory).sorted().toList()) {
            packs.add(read(idDir.getFileName().toString(), versionDir));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read packs under " + root, e);
    }
    return packs;
  }

  /**
   * The fact declarations under {@code root}: {@code <id>/types.yaml} and {@code fact-order.yaml},
   * by path relative to {@code root}, as bytes.
   */
  public static SortedMap<String, byte[]> declarationFiles(Path root) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try {
      Path order = root.resolve(FactModelReader.ORDER_FILE);
      if (Files.isRegularFile(order)) {
        files.put(FactModelReader.ORDER_FILE, Files.readAllBytes(order));
      }
      try (Stream<Path> ids = Files.list(root)) {
        for (Path idDir : ids.filter(Files::isDirectory).sorted().toList()) {
          Path types = idDir.resolve(FactModelReader.TYPES_FILE);
          if (Files.isRegularFile(types)) {
            files.put(
                idDir.getFileName().toString().replace("/", "") + "/" + FactModelReader.TYPES_FILE,
                Files.readAllBytes(types));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fact declarations under " + root, e);
    }
    return files;
  }

  /**
   * The fact declarations under {@code root}: {@code <id>/types.yaml} and {@code fact-order.yaml},
   * by path relative to {@code root}, as text.
   *
   * @throws UncheckedIOException when one cannot be read or is not UTF-8
   */
  public static Map<String, String> declarations(Path root) {
    Map<String, String> files = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : declarationFiles(root).entrySet()) {
      try {
        files.put(
            e.getKey(),
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(e.getValue())).toString());
      } catch (CharacterCodingException x) {
        throw new UncheckedIOException("cannot read fact declarations under " + root, x);
      }
    }
    return files;
  }

  /** The fact declarations of every pack tree on the class path of {@code loader}. */
  public static Map<String, String> classpathDeclarations(ClassLoader loader) {
    Map<String, String> files = new TreeMap<>();
    for (ClasspathTree tree : classpathTrees(loader)) {
      files.putAll(declarations(tree.root()));
    }
    return files;
  }

  /** Every pack folder on the class path of {@code loader}. */
  public static List<PackFolder> classpath(ClassLoader loader) {
    List<PackFolder> packs = new ArrayList<>();
    for (ClasspathTree tree : classpathTrees(loader)) {
      packs.addAll(directory(tree.root()));
    }
    return packs;
  }

  /**
   * The pack trees on the class path of {@code loader} ({@value #CLASSPATH_ROOT} in a classes
   * directory or a jar), in the loader's order.
   */
  public static List<ClasspathTree> classpathTrees(ClassLoader loader) {
    List<ClasspathTree> roots = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(CLASSPATH_ROOT))) {
        URI uri = url.toURI();
        if ("jar".equals(uri.getScheme())) {
          FileSystem fs;
          try {
            fs = FileSystems.newFileSystem(uri, Map.of());
          } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
          }
          String inner = uri.getSchemeSpecificPart();
          inner = inner.substring(inner.indexOf("!/") + 1);
          roots.add(new ClasspathTree(fs.getPath(inner), url.toString()));
        } else {
          roots.add(new ClasspathTree(Paths.get(uri), url.toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the packs on the class path", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unexpected resource URL for " + CLASSPATH_ROOT, e);
    }
    return roots;
  }

  private static PackFolder read(String id, Path versionDir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(versionDir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
        String rel = versionDir.relativize(file).toString().replace('\\', '/');
        if (rel.equals(CASES) || rel.startsWith(CASES + "/")) {
          continue;
        }
        files.put(rel, Files.readAllBytes(file));
      }
    }
    return new PackFolder(
        id,
        versionDir.getFileName().toString().replace("/", ""),
        versionDir.toString(),
        new TreeMap<>(files));
  }
}
