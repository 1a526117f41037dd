package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credit-rules retire DIR id@version --reason TEXT}: the one way a served version leaves a
 * live directory (issue 16). It writes the marker and nothing else, and says what is wrong with its
 * arguments.
 */
class RetireCommandTest {
  @TempDir Path live;

  @Test
  void writesTheMarkerWithTheReasonAndNothingElse() throws IOException {
    Path folder = Files.createDirectories(live.resolve("tax/2014.10"));
    Files.writeString(folder.resolve("pack.properties"), "id=tax\n");

    Run r =
        MainTest.run(
            "", "retire", live.toString(), "tax@2014.10", "--reason", "superseded by tax@2025.07");

    assertThat(r.code()).as(r.err()).isZero();
    Path marker = folder.resolve("RETIRED");
    assertThat(r.out()).contains("retired tax@2014.10: wrote " + marker);
    assertThat(Files.readString(marker)).isEqualTo("superseded by tax@2025.07\n");
    try (Stream<Path> all = Files.walk(live)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> live.relativize(p).toString()))
          .containsExactlyInAnyOrder("tax/2014.10/pack.properties", "tax/2014.10/RETIRED");
    }
  }

  @Test
  void aVanishedVersionGetsAFolderHoldingOnlyTheMarker() throws IOException {
    Files.createDirectories(live.resolve("tax"));
    Run r = MainTest.run("", "retire", live.toString(), "tax@2025.07", "--reason", "withdrawn");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(live.resolve("tax/2025.07/RETIRED"))).isEqualTo("withdrawn\n");
  }

  @Test
  void badArgumentsAreNamed() throws IOException {
    Files.createDirectories(live.resolve("tax/2014.10"));
    Run noReason = MainTest.run("", "retire", live.toString(), "tax@2014.10");
    assertThat(noReason.code()).isEqualTo(1);
    assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");

    Run badKey = MainTest.run("", "retire", live.toString(), "tax/2014.10", "--reason", "x");
    assertThat(badKey.code()).isEqualTo(1);
    assertThat(badKey.err())
        .startsWith(
            "credit-rules: the pack must be id@version, as its folder <id>/<version>/ names it, but was 'tax/2014.10'");

    Run unknown = MainTest.run("", "retire", live.toString(), "taxes@2014.10", "--reason", "x");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("credit-rules: no pack taxes in " + live);

    Run blank = MainTest.run("", "retire", live.toString(), "tax@2014.10", "--reason", " ");
    assertThat(blank.code()).isEqualTo(1);
    assertThat(blank.err()).startsWith("credit-rules: the reason must not be blank");
    assertThat(live.resolve("tax/2014.10/RETIRED")).doesNotExist();
  }
}
