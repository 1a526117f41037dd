package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worked examples' requests have one source of truth: the copy in the pack whose cases use it
 * ({@code <id>/<version>/cases/requests/X.json}), since a case may only name a file inside its own
 * pack folder (so a copy of the pack tree runs its cases). {@code examples/requests/X.json}, which
 * embedders, the README, the docs and many tests read, mirrors it byte for byte: edit the pack's
 * copy, then {@code cp} it over the example.
 */
class ExampleRequestsMirrorTest {
  static final Path PACKS = Path.of("src/main/packs");
  static final Path EXAMPLES = Path.of("../examples/requests");

  @Test
  void everyExampleRequestIsTheCopyOfAPackCaseRequest() throws IOException {
    List<Path> packCopies;
    try (Stream<Path> files = Files.walk(PACKS)) {
      packCopies =
          files.filter(p -> p.getParent().endsWith(Path.of("cases/requests"))).sorted().toList();
    }
    List<Path> examples;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      List<Path> mirrored =
          packCopies.stream().filter(p -> p.getFileName().equals(example.getFileName())).toList();
      assertThat(mirrored)
          .as(
              "examples/requests/%s has no source in a pack's cases/requests/",
              example.getFileName())
          .isNotEmpty();
      for (Path source : mirrored) {
        assertThat(Files.readAllBytes(example))
            .as(
                "examples/requests/%s differs from %s: copy the pack's request over it",
                example.getFileName(), source)
            .isEqualTo(Files.readAllBytes(source));
      }
    }
  }
}
