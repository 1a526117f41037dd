package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.testkit.FactTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/facts.md is the fact table of the shipped declarations, as {@code bin/credit-rules facts}
 * prints it: a change to a types.yaml must come with the regenerated page ({@code bin/credit-rules
 * facts > docs/facts.md}).
 */
class FactTableDocTest {
  @Test
  void docsFactTableIsTheGeneratedOne() throws IOException {
    String expected = FactTable.markdown(FactModelReader.read(Path.of("src/main/packs")));
    String actual = Files.readString(Path.of("../docs/facts.md"), StandardCharsets.UTF_8);
    assertThat(actual)
        .as("docs/facts.md is stale: run bin/credit-rules facts > docs/facts.md")
        .isEqualTo(expected);
  }
}
