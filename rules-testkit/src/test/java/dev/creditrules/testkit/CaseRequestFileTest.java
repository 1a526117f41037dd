package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case names its request inline or by a file inside its own pack folder ({@code <id>/}), so a
 * copy of the pack tree runs its cases as the original does (issue 14, "cases only run inside this
 * repository"). A path that leaves the pack folder, by {@code ..} or by a symbolic link, is refused
 * with the case file, its line and the path.
 */
class CaseRequestFileTest {
  static final String REQUEST =
      """
      {"asOf":"2026-08-11","subject":{"id":"91110108MA01TAX03C","type":"ENTERPRISE"},"facts":[]}
      """;

  @TempDir Path root;

  private Path casesDir() throws IOException {
    return Files.createDirectories(root.resolve("packs/general/2026.04/cases"));
  }

  private static String caseNaming(String requestFile) {
    return """
        # a comment, so that the line is not the first
        cases:
          - name: inline
            request: { asOf: 2026-08-11, subject: { id: "91110108MA01TAX03C", type: ENTERPRISE }, facts: [] }
            expect: { sanctions: { only: [] } }
          - name: by file
            requestFile: %s
            asOf: 2026-09-01
            expect: { sanctions: { only: [] } }
        """
        .formatted(requestFile);
  }

  @Test
  void aRequestBesideTheCaseOrElsewhereInItsPackFolderIsRead() throws IOException {
    Path cases = casesDir();
    Files.createDirectories(cases.resolve("requests"));
    Files.writeString(cases.resolve("requests/gen-ex-01.json"), REQUEST);
    Files.createDirectories(root.resolve("packs/general/requests"));
    Files.writeString(root.resolve("packs/general/requests/shared.json"), REQUEST);
    Files.writeString(cases.resolve("beside.yaml"), caseNaming("requests/gen-ex-01.json"));
    Files.writeString(cases.resolve("shared.yaml"), caseNaming("../../requests/shared.json"));

    List<RegressionCase> loaded = new Cases().load(root.resolve("packs"), Set.of());

    assertThat(loaded)
        .hasSize(4)
        .allSatisfy(c -> assertThat(c.pack()).isEqualTo("general@2026.04"));
    assertThat(loaded.get(1).request().get("asOf").asText()).isEqualTo("2026-09-01");
    assertThat(loaded.get(1).request().at("/subject/id").asText()).isEqualTo("91110108MA01TAX03C");
  }

  @Test
  void aRequestOutsideThePackFolderIsRefusedWithFileLineAndPath() throws IOException {
    Path cases = casesDir();
    Files.createDirectories(root.resolve("examples/requests"));
    Files.writeString(root.resolve("examples/requests/gen-ex-01.json"), REQUEST);
    Path file = cases.resolve("outside.yaml");
    // it exists, but in the repository, not in the pack: a copy of the packs would not have it
    Files.writeString(file, caseNaming("../../../../examples/requests/gen-ex-01.json"));

    assertThatThrownBy(() -> new Cases().loadFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            file + ":7:5: requestFile ../../../../examples/requests/gen-ex-01.json")
        .hasMessageContaining("is outside the pack folder " + root.resolve("packs/general"))
        .hasMessageContaining(
            "resolves to " + root.resolve("examples/requests/gen-ex-01.json").toRealPath());
  }

  @Test
  void aSiblingPackIsOutsideToo() throws IOException {
    Path cases = casesDir();
    Path other = Files.createDirectories(root.resolve("packs/tax/2025.07/cases/requests"));
    Files.writeString(other.resolve("tax-ex-01.json"), REQUEST);
    Path file = cases.resolve("sibling.yaml");
    Files.writeString(file, caseNaming("../../../tax/2025.07/cases/requests/tax-ex-01.json"));

    assertThatThrownBy(() -> new Cases().loadFile(file))
        .hasMessageStartingWith(file + ":7:5: requestFile ")
        .hasMessageContaining("outside the pack folder");
  }

  @Test
  void aSymbolicLinkLeavingThePackFolderIsFollowedAndRefused() throws IOException {
    Path cases = casesDir();
    Path outside = Files.createDirectories(root.resolve("elsewhere"));
    Files.writeString(outside.resolve("gen-ex-01.json"), REQUEST);
    Files.createSymbolicLink(cases.resolve("requests"), outside);
    Path file = cases.resolve("linked.yaml");
    Files.writeString(file, caseNaming("requests/gen-ex-01.json"));

    assertThatThrownBy(() -> new Cases().loadFile(file))
        .hasMessageStartingWith(
            file + ":7:5: requestFile requests/gen-ex-01.json is outside the pack folder")
        .hasMessageContaining("resolves to " + outside.toRealPath().resolve("gen-ex-01.json"));
  }

  @Test
  void aPackFolderReachedThroughALinkKeepsItsOwnRequests() throws IOException {
    Path real = Files.createDirectories(root.resolve("store/general/2026.04/cases/requests"));
    Files.writeString(real.resolve("gen-ex-01.json"), REQUEST);
    Files.writeString(real.resolveSibling("beside.yaml"), caseNaming("requests/gen-ex-01.json"));
    Files.createDirectories(root.resolve("live"));
    Files.createSymbolicLink(root.resolve("live/general"), root.resolve("store/general"));

    assertThat(new Cases().load(root.resolve("live"), Set.of())).hasSize(2);
  }

  @Test
  void aMissingRequestFileNamesFileLineAndPath() throws IOException {
    Path file = casesDir().resolve("missing.yaml");
    Files.writeString(
        file,
        """
        name: one case in a file
        requestFile: requests/nowhere.json
        expect: { sanctions: { only: [] } }
        """);

    assertThatThrownBy(() -> new Cases().loadFile(file))
        .hasMessage(
            file
                + ":2:1: requestFile requests/nowhere.json: no such file "
                + file.toAbsolutePath().getParent().resolve("requests/nowhere.json"));
  }
}
