package dev.creditrules.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
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
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads pack folders ({@code <root>/<id>/<version>/}) from a directory or from the classpath. */
final class PackReader {
  /** Where packs live inside a jar or a classes directory. */
  static final String CLASSPATH_ROOT = "credit-rules/packs";

  private static final String CASES = "cases";

  private PackReader() {}

  /** Every pack folder under {@code root}, sorted by id then version. */
  static List<PackFolder> directory(Path root) {
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

  /** The file naming the order of fact types, at the root of a pack tree. */
  static final String FACT_ORDER = "fact-order.yaml";

  /** The fact declarations of a pack folder, beside its version folders. */
  static final String TYPES = "types.yaml";

  /**
   * The fact declarations under {@code root}: {@code <id>/types.yaml} and {@code fact-order.yaml},
   * by path relative to {@code root}, as text.
   */
  static Map<String, String> declarations(Path root) {
    Map<String, String> files = new TreeMap<>();
    try {
      Path order = root.resolve(FACT_ORDER);
      if (Files.isRegularFile(order)) {
        files.put(FACT_ORDER, Files.readString(order));
      }
      try (Stream<Path> ids = Files.list(root)) {
        for (Path idDir : ids.filter(Files::isDirectory).sorted().toList()) {
          Path types = idDir.resolve(TYPES);
          if (Files.isRegularFile(types)) {
            files.put(idDir.getFileName().toString().replace("/", "") + "/" + TYPES, Files.readString(types));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fact declarations under " + root, e);
    }
    return files;
  }

  /** The fact declarations of every pack tree on the class path of {@code loader}. */
  static Map<String, String> classpathDeclarations(ClassLoader loader) {
    Map<String, String> files = new TreeMap<>();
    for (Path root : classpathRoots(loader)) {
      files.putAll(declarations(root));
    }
    return files;
  }

  /** Every pack folder on the class path of {@code loader}. */
  static List<PackFolder> classpath(ClassLoader loader) {
    List<PackFolder> packs = new ArrayList<>();
    for (Path root : classpathRoots(loader)) {
      packs.addAll(directory(root));
    }
    return packs;
  }

  /** The pack trees on the class path of {@code loader}: a directory or a folder in a jar. */
  private static List<Path> classpathRoots(ClassLoader loader) {
    List<Path> roots = new ArrayList<>();
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
          roots.add(fs.getPath(inner));
        } else {
          roots.add(Paths.get(uri));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list packs on the class path", e);
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
