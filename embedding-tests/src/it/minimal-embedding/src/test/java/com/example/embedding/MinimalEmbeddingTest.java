package com.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A service that embeds credit-rules with the minimal dependency set (the BOM, {@code
 * rules-runtime}, {@code rules-json}, {@code rules-drl}), built outside the reactor against the
 * artifacts the reactor produced.
 */
class MinimalEmbeddingTest {
  /** The worked examples' requests: {@code examples/requests/*.json} of the checkout. */
  private static final Path EXAMPLES = Path.of(System.getProperty("examples.dir"));

  /** The reactor's decision of each example, written by {@code ExpectedDecisionsTest}. */
  private static final Path EXPECTED = Path.of(System.getProperty("expected.dir"));

  /** The page that documents the minimal dependency set and its footprint. */
  private static final Path DOCS = Path.of(System.getProperty("embedding.docs"));

  /** This project's runtime dependencies, as {@code mvn dependency:list} wrote them. */
  private static final Path DEPENDENCY_LIST = Path.of(System.getProperty("dependency.list"));

  /** Where the footprint is recorded (one line: jars and MB). */
  private static final Path FOOTPRINT = Path.of(System.getProperty("footprint.file"));

  /** Marks the documented list: the first fenced block after it holds one artifact a line. */
  static final String MARKER = "<!-- minimal-dependency-set: checked by embedding-tests -->";

  private static final Pattern QUOTED_FOOTPRINT = Pattern.compile("(\\d+) jars, (\\d+) MB");

  @Test
  void decidesEveryWorkedExampleAsTheReactorDoes() throws IOException {
    CreditRules rules = CreditRulesEngine.fromClasspath();
    ContractJson json = new ContractJson(rules.model());

    List<String> examples = jsonFileNames(EXAMPLES);
    assertFalse(examples.isEmpty(), "no worked example in " + EXAMPLES);
    assertEquals(
        examples,
        jsonFileNames(EXPECTED),
        "one expected decision per worked example: embedding-tests' ExpectedDecisionsTest writes"
            + " them to "
            + EXPECTED
            + " in the same build (mvn -B verify -pl embedding-tests -am)");
    for (String name : examples) {
      String request = Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8);
      Decision decision = rules.decide(json.readRequest(request));
      assertEquals(
          Files.readString(EXPECTED.resolve(name), StandardCharsets.UTF_8),
          json.writeDecision(decision),
          name + ": the minimal set decides otherwise than the reactor");
    }
  }

  @Test
  void itsDependencyListIsTheDocumentedOne() throws IOException {
    List<Artifact> artifacts = runtimeDependencies();
    long bytes = 0;
    for (Artifact a : artifacts) {
      bytes += Files.size(a.file());
    }
    int jars = artifacts.size();
    long mb = Math.round(bytes / 1_000_000.0);
    String footprint = String.format(Locale.ROOT, "%d jars, %d MB (%,d bytes)", jars, mb, bytes);
    Files.writeString(FOOTPRINT, footprint + "\n", StandardCharsets.UTF_8);
    System.out.println("minimal embedding: " + footprint);

    String actual = String.join("\n", artifacts.stream().map(Artifact::coordinates).toList());
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    assertEquals(
        documentedList(docs),
        actual,
        "the minimal set's runtime dependencies differ from the block after "
            + MARKER
            + " in "
            + DOCS
            + ": if the change is meant, replace the block with the list above");
    Matcher quoted = QUOTED_FOOTPRINT.matcher(docs.substring(docs.indexOf(MARKER)));
    assertTrue(quoted.find(), DOCS + " quotes no 'N jars, M MB' after " + MARKER);
    assertEquals(
        jars + " jars, " + mb + " MB",
        quoted.group(),
        DOCS
            + " quotes another footprint after the block: write '"
            + jars
            + " jars, "
            + mb
            + " MB'");
  }

  /** One runtime dependency: {@code groupId:artifactId:version} (and classifier) and its file. */
  record Artifact(String coordinates, Path file) {}

  /**
   * The lines of {@code mvn dependency:list} with {@code outputAbsoluteArtifactFilename}: {@code
   * group:artifact:type[:classifier]:version:scope:/path/to.jar -- module name}, sorted.
   */
  private static List<Artifact> runtimeDependencies() throws IOException {
    List<Artifact> artifacts = new ArrayList<>();
    for (String line : Files.readAllLines(DEPENDENCY_LIST, StandardCharsets.UTF_8)) {
      String entry = line.strip();
      int module = entry.indexOf(" -- ");
      if (module >= 0) {
        entry = entry.substring(0, module);
      }
      String[] parts = entry.split(":");
      if (parts.length < 6) {
        continue; // the heading and blank lines
      }
      String version = parts[parts.length - 3];
      String coordinates =
          parts[0] + ":" + parts[1] + ":" + version + (parts.length == 7 ? ":" + parts[3] : "");
      artifacts.add(new Artifact(coordinates, Path.of(parts[parts.length - 1])));
    }
    assertFalse(artifacts.isEmpty(), "no dependency in " + DEPENDENCY_LIST);
    artifacts.sort((a, b) -> a.coordinates().compareTo(b.coordinates()));
    return artifacts;
  }

  /** The lines of the first fenced block after {@link #MARKER}. */
  private static String documentedList(String docs) {
    int marker = docs.indexOf(MARKER);
    assertTrue(marker >= 0, DOCS + " has no " + MARKER);
    List<String> lines = docs.substring(marker).lines().toList();
    List<String> block = new ArrayList<>();
    boolean inside = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        if (inside) {
          return String.join("\n", block);
        }
        inside = true;
      } else if (inside) {
        block.add(line.strip());
      }
    }
    throw new AssertionError(DOCS + ": no fenced block after " + MARKER);
  }

  private static List<String> jsonFileNames(Path dir) throws IOException {
    assertTrue(Files.isDirectory(dir), dir + " is not a directory");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    }
  }
}
