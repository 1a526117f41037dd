package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysts' guide stays true to the packs: docs/packs.md lists every pack version, its sources
 * and its unverified measures. (Rule metadata and the catalogue are checked by the runtime's lint
 * whenever a pack is loaded, so every case run checks them too.)
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
    Properties catalogue = load(version.resolve("measures.properties"));
    String key = manifest.getProperty("id") + "@" + manifest.getProperty("version");
    int at = docs.indexOf("**" + key + "**");
    assertThat(at).as("docs/packs.md lists %s", key).isNotNegative();
    int next = docs.indexOf("\n**", at + 2);
    int nextSection = docs.indexOf("\n### ", at);
    int end = Math.min(next < 0 ? docs.length() : next, nextSection < 0 ? docs.length() : nextSection);
    String section = docs.substring(at, end);
    for (int i = 1; manifest.getProperty("source." + i) != null; i++) {
      String number = manifest.getProperty("source." + i).split("\\|")[1];
      assertThat(section).as("docs/packs.md names source %s of %s", number, key).contains(number);
    }
    String line = section.lines().filter(l -> l.startsWith("Unverified measures:")).findFirst().orElse("");
    for (String id : ids(catalogue, "measure")) {
      boolean unverified = "false".equals(catalogue.getProperty("measure." + id + ".verified"));
      assertThat(line.contains(id))
          .as("docs/packs.md lists %s of %s as unverified: %s", id, key, unverified)
          .isEqualTo(unverified);
    }
  }
}
