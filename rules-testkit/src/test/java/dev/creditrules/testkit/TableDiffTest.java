package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed row of a table shows up in a pack diff like a changed DRL rule: a row of the grade
 * table moved to another measure, and (the decision-table format) a row marked unverified.
 */
class TableDiffTest {
  static final Path ENVIRONMENT = Path.of("../rules-drl/src/main/packs/environment");

  static Path copy(Path root, String from, String to) throws IOException {
    Path target = root.resolve("environment");
    try (Stream<Path> files = Files.walk(ENVIRONMENT)) {
      for (Path f : files.toList()) {
        Path t = target.resolve(ENVIRONMENT.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    Path table = target.resolve("2014.03/grade-measures.csv");
    String text = Files.readString(table);
    assertThat(text).contains(from);
    Files.writeString(table, text.replace(from, to));
    return root;
  }

  @Test
  void aGradeTableRowGivingAnotherGradeIsAChangedOutcome(@TempDir Path tmp) throws IOException {
    CreditRulesEngine before =
        CreditRulesEngine.builder().directory(copy(tmp.resolve("a"), "rule,", "rule,")).build();
    // the licence support goes to BLUE grades instead of GREEN ones
    CreditRulesEngine after =
        CreditRulesEngine.builder()
            .directory(
                copy(
                    tmp.resolve("b"),
                    "green-licence-support,ENV_GRADE,GREEN,",
                    "green-licence-support,ENV_GRADE,BLUE,"))
            .build();
    String green =
        "{\"requestId\":\"green\",\"asOf\":\"2026-07-01\",\"subject\":{\"id\":\"91440300MA5EN1007U\","
            + "\"type\":\"ENTERPRISE\"},\"facts\":[{\"id\":\"e\",\"type\":\"ENV_GRADE\",\"year\":2025,"
            + "\"grade\":\"GREEN\",\"publishedOn\":\"2026-06-09\"}]}";
    PackDiff.Result r = PackDiff.run(before, after, Stream.of(new PackDiff.Line(1, green)));
    assertThat(r.changes())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.outcomes())
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.measure()).isEqualTo("ENV-I-01");
                          assertThat(c.after()).isNull();
                        }));
    assertThat(r.byRule())
        .singleElement()
        .satisfies(t -> assertThat(t.key()).isEqualTo("environment/green-licence-support"));
  }
}
