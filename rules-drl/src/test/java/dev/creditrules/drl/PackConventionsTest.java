package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysts' guide stays true to the packs: docs/packs.md lists every pack version, its sources
 * and its unverified measures (of its effective catalogue: what it inherits included). A pack is
 * written once: no two versions of a lineage carry the same rule or function with the same body (a
 * version inherits it; a different body is a replacement). (Rule metadata and the catalogue are
 * checked by the runtime's lint whenever a pack is loaded, so every case run checks them too.)
 */
class PackConventionsTest {

  static Stream<Path> packVersions() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> ids = Files.list(PackCasesTest.PACKS)) {
      for (Path id : ids.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> versions = Files.list(id)) {
          versions.filter(Files::isDirectory).sorted().forEach(out::add);
        }
      }
    }
    return out.stream();
  }

  static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  static Set<String> ids(Properties catalogue, String kind) {
    Set<String> ids = new TreeSet<>();
    for (String k : catalogue.stringPropertyNames()) {
      if (k.startsWith(kind + ".")) {
        ids.add(k.split("\\.")[1]);
      }
    }
    return ids;
  }

  @ParameterizedTest
  @MethodSource("packVersions")
  void docsListTheVersionItsSourcesAndItsUnverifiedMeasures(Path version) throws IOException {
    String docs = Files.readString(Path.of("../docs/packs.md"), StandardCharsets.UTF_8);
    Properties manifest = load(version.resolve("pack.properties"));
    Properties catalogue = effectiveCatalogue(version);
    String key = manifest.getProperty("id") + "@" + manifest.getProperty("version");
    int at = docs.indexOf("**" + key + "**");
    assertThat(at).as("docs/packs.md lists %s", key).isNotNegative();
    int next = docs.indexOf("\n**", at + 2);
    int nextSection = docs.indexOf("\n### ", at);
    int end =
        Math.min(next < 0 ? docs.length() : next, nextSection < 0 ? docs.length() : nextSection);
    String section = docs.substring(at, end);
    for (int i = 1; manifest.getProperty("source." + i) != null; i++) {
      String number = manifest.getProperty("source." + i).split("\\|")[1];
      assertThat(section).as("docs/packs.md names source %s of %s", number, key).contains(number);
    }
    String line =
        section.lines().filter(l -> l.startsWith("Unverified measures:")).findFirst().orElse("");
    for (String id : ids(catalogue, "measure")) {
      boolean unverified = "false".equals(catalogue.getProperty("measure." + id + ".verified"));
      assertThat(line.contains(id))
          .as("docs/packs.md lists %s of %s as unverified: %s", id, key, unverified)
          .isEqualTo(unverified);
    }
  }

  /** The versions a version inherits from, oldest first, and the version itself. */
  static List<Path> lineage(Path version) throws IOException {
    List<Path> versions = new ArrayList<>();
    try (Stream<Path> all = Files.list(version.getParent())) {
      all.filter(Files::isDirectory).forEach(versions::add);
    }
    versions.sort(
        java.util.Comparator.comparing(
                (Path v) -> {
                  try {
                    return load(v.resolve("pack.properties")).getProperty("validFrom", "").strip();
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .thenComparing(v -> v.getFileName().toString()));
    List<Path> chain = new ArrayList<>();
    for (Path v : versions) {
      if ("false"
          .equals(load(v.resolve("pack.properties")).getProperty("inherit", "true").strip())) {
        chain.clear();
      }
      chain.add(v);
      if (v.equals(version)) {
        return chain;
      }
    }
    throw new IllegalStateException(version + " not found");
  }

  /** The catalogue a version takes effect with: its own entries over the inherited ones. */
  static Properties effectiveCatalogue(Path version) throws IOException {
    Properties effective = new Properties();
    for (Path v : lineage(version)) {
      Path file = v.resolve("measures.properties");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Properties own = load(file);
      for (String k : own.stringPropertyNames()) {
        if (k.endsWith(".removed") && "true".equals(own.getProperty(k).strip())) {
          String entry = k.substring(0, k.length() - "removed".length());
          effective.stringPropertyNames().stream()
              .filter(x -> x.startsWith(entry))
              .toList()
              .forEach(effective::remove);
        }
      }
      for (String k : own.stringPropertyNames()) {
        if (!k.endsWith(".removed")) {
          effective.setProperty(k, own.getProperty(k));
        }
      }
    }
    return effective;
  }

  private static final Pattern RULE =
      Pattern.compile("(?ms)^[ \\t]*rule\\s+\"([^\"]+)\".*?^[ \\t]*end\\s*$");
  private static final Pattern FUNCTION =
      Pattern.compile("(?m)^[ \\t]*function\\s+[\\w.<>\\[\\], ]+?\\s+(\\w+)\\s*\\(");
  private static final Pattern ROW = Pattern.compile("(?m)^([^#,\\n][^,\\n]*),([^\\n]*)$");

  /**
   * The rules and functions a version writes in its own files, by name, with their text (comments
   * and blank space normalised), so that a copy is told from a replacement.
   */
  static Map<String, String> ownDefinitions(Path version) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> all = Files.list(version)) {
      files = all.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      String text = Files.readString(f, StandardCharsets.UTF_8);
      if (name.endsWith(".drl")) {
        String code = text.replaceAll("(?m)//.*$", "");
        Matcher r = RULE.matcher(code);
        while (r.find()) {
          out.put("rule " + r.group(1), r.group().replaceAll("\\s+", " ").strip());
        }
        Matcher fn = FUNCTION.matcher(code);
        while (fn.find()) {
          int open = code.indexOf('{', fn.end());
          int depth = 0;
          int end = open;
          for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
              depth++;
            } else if (c == '}' && --depth == 0) {
              end = i + 1;
              break;
            }
          }
          out.put(
              "function " + fn.group(1),
              code.substring(fn.start(), end).replaceAll("\\s+", " ").strip());
        }
      } else if (name.equals("grade-measures.csv")) {
        Matcher row = ROW.matcher(text);
        boolean header = true;
        while (row.find()) {
          if (header) {
            header = false;
            continue;
          }
          out.put("rule " + row.group(1).strip(), row.group().replaceAll("\\s+", " ").strip());
        }
      }
    }
    return out;
  }

  static Stream<Path> packs() throws IOException {
    try (Stream<Path> ids = Files.list(PackCasesTest.PACKS)) {
      return ids.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("packs")
  void noTwoVersionsOfAPackCarryTheSameRuleTwice(Path pack) throws IOException {
    List<String> copies = new ArrayList<>();
    List<Path> versions = packVersions().filter(v -> v.getParent().equals(pack)).toList();
    for (Path v : versions) {
      Map<String, String> own = ownDefinitions(v);
      List<Path> chain = lineage(v);
      for (Path ancestor : chain.subList(0, chain.size() - 1)) {
        Map<String, String> theirs = ownDefinitions(ancestor);
        own.forEach(
            (name, body) -> {
              if (body.equals(theirs.get(name))) {
                copies.add(
                    name
                        + " of "
                        + v.getFileName()
                        + " is a copy of "
                        + ancestor.getFileName()
                        + "'s: delete it (the version inherits it)");
              }
            });
      }
    }
    assertThat(copies).as(pack.getFileName() + " is written once").isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aCopyIsToldFromAReplacement(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(
        a.resolve("r.drl"),
        "rule \"x\"\n  @measure(\"M\")\nwhen\nthen\nend\n" + "function int f() { return 1; }\n");
    Files.writeString(a.resolve("grade-measures.csv"), "# c\nrule,type,grades,measure\ng,T,A,M\n");
    Map<String, String> defs = ownDefinitions(a);
    assertThat(defs).containsOnlyKeys("rule x", "function f", "rule g");
    assertThat(defs.get("function f")).isEqualTo("function int f() { return 1; }");
  }
}
