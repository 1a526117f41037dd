package dev.creditrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's main job: the example decides the TAX-EX-01 request as the reference says. */
class DecideExampleTest {
  @Test
  void printsTheIncentivesOfAnAGrade() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        DecideExample.run(
            Path.of("requests/tax-ex-01.json"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(out)
        .contains("TAX-I-01", "TAX-I-02", "TAX-I-03", "TAX-I-05")
        .doesNotContain("TAX-I-04");
    assertThat(out).contains("tax@2025.07/");
  }
}
