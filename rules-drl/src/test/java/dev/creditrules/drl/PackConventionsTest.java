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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conventions every pack version keeps, checked on the files: each rule names its measure or
 * procedure and its basis; the catalogue and the rules agree both ways; docs/packs.md lists the
 * version, its sources and its unverified measures.
 */
class PackConventionsTest {
  static final Pattern RULE = Pattern.compile("(?m)^rule\\s+\"([^\"]+)\"([\\s\\S]*?)^when");
  static final Pattern META = Pattern.compile("@(measure|procedure|record)\\(\"([^\"]+)\"\\)");
  static final Pattern HIT = Pattern.compile("new\\s+Hit\\s*\\(\\s*\"([A-Z]+-[A-Z]-\\d+)\"");
  static final Pattern REPAIR = Pattern.compile("\"([A-Z]+-R-\\d+)\"");

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

  static String drl(Path version) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(version)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
        b.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return b.toString();
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
  void everyRuleNamesWhatItConcludesAndItsBasis(Path version) throws IOException {
    Matcher m = RULE.matcher(drl(version));
    int rules = 0;
    while (m.find()) {
      rules++;
      String header = m.group(2);
      assertThat(META.matcher(header).find())
          .as("rule \"%s\" in %s needs @measure, @procedure or @record", m.group(1), version)
          .isTrue();
      assertThat(header).as("rule \"%s\" in %s needs @basis", m.group(1), version).contains("@basis(");
    }
    assertThat(rules).as("rules in %s", version).isPositive();
  }

  @ParameterizedTest
  @MethodSource("packVersions")
  void catalogueAndRulesAgree(Path version) throws IOException {
    Properties catalogue = load(version.resolve("measures.properties"));
    String drl = drl(version);
    Set<String> emitted = new TreeSet<>();
    Matcher hit = HIT.matcher(drl);
    while (hit.find()) {
      emitted.add(hit.group(1));
    }
    Set<String> declared = new TreeSet<>();
    Set<String> procedures = new TreeSet<>();
    Matcher meta = META.matcher(drl);
    while (meta.find()) {
      if (meta.group(1).equals("measure")) {
        declared.add(meta.group(2));
      } else if (meta.group(1).equals("procedure")) {
        procedures.add(meta.group(2));
      }
    }
    Set<String> catalogued = ids(catalogue, "measure");
    assertThat(catalogued).as("measures emitted by %s", version).isEqualTo(emitted);
    assertThat(declared).as("@measure metadata of %s", version).isEqualTo(emitted);
    assertThat(ids(catalogue, "procedure")).as("procedures of %s", version).containsAll(procedures);
    Set<String> named = new TreeSet<>();
    Matcher repair = REPAIR.matcher(drl);
    while (repair.find()) {
      named.add(repair.group(1));
    }
    assertThat(ids(catalogue, "procedure")).as("procedures named in %s", version).isEqualTo(named);
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
