package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "compiler errors are raw Drools/MVEL text": each test breaks the shipped general pack
 * in a copy, as an analyst would, and checks that {@code validate} names the fault once, at the
 * line and column where it is written, in words about the pack, in text and in {@code --format
 * json}.
 */
class ValidateErrorsTest {
  static final Path SHIPPED = Path.of("../rules-drl/src/main/packs/general");
  static final String FILE = "general/2019.07/general.drl";
  static final String GENERAL =
      "$p : AdminPenalty($id : id, $d : decidedOn, severity == \"GENERAL\")";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The general pack copied into {@code dir}, with {@code old} replaced by {@code now} once. */
  static Path broken(Path dir, String old, String now) throws IOException {
    try (Stream<Path> files = Files.walk(SHIPPED)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path to = dir.resolve("general").resolve(SHIPPED.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path drl = dir.resolve(FILE);
    String text = Files.readString(drl);
    assertThat(text).contains(old);
    Files.writeString(
        drl,
        text.replaceFirst(
            java.util.regex.Pattern.quote(old), java.util.regex.Matcher.quoteReplacement(now)));
    return dir;
  }

  /** The 1-based line and column of the first {@code what} in the copied file. */
  static int[] at(Path dir, String what) throws IOException {
    String text = Files.readString(dir.resolve(FILE));
    int i = text.indexOf(what);
    assertThat(i).as(what).isNotNegative();
    int line = (int) text.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
    return new int[] {line, i - text.lastIndexOf('\n', i - 1)};
  }

  /** The only problem {@code validate --format json} reports. */
  static JsonNode onlyProblem(Path dir) throws IOException {
    Run r = MainTest.run("", "validate", "--format", "json", dir.toString());
    assertThat(r.code()).isEqualTo(Main.INTERNAL_ERROR);
    JsonNode problems = JSON.readTree(r.out()).get("problems");
    assertThat(problems).as(r.out()).hasSize(1);
    return problems.get(0);
  }

  static void assertAt(JsonNode p, int[] at, String rule, String message) {
    assertThat(p.get("pack").asText()).isEqualTo("general@2019.07");
    assertThat(p.get("file").asText()).isEqualTo("general.drl");
    assertThat(p.get("line").asInt()).as(p.toString()).isEqualTo(at[0]);
    assertThat(p.get("column").asInt()).as(p.toString()).isEqualTo(at[1]);
    assertThat(p.get("rule").isNull() ? null : p.get("rule").asText()).isEqualTo(rule);
    assertThat(p.get("message").asText()).isEqualTo(message);
  }

  @Test
  void aMissingParenthesisIsReportedWhereItBelongsNotAsTheNextLinesJudged(@TempDir Path dir)
      throws IOException {
    broken(dir, GENERAL, GENERAL.substring(0, GENERAL.length() - 1));
    int[] open = at(dir, "AdminPenalty($id : id, $d : decidedOn, severity == \"GENERAL\"\n");
    int[] end = at(dir, "severity == \"GENERAL\"\n");
    JsonNode p = onlyProblem(dir);
    assertAt(
        p,
        new int[] {end[0], end[1] + "severity == \"GENERAL\"".length()},
        "general-penalty-publication",
        "')' missing: the '(' of AdminPenalty at line "
            + open[0]
            + ", column "
            + (open[1] + 12)
            + " is never closed");
    // Drools' complaint about the next line, and the same error in the two versions inheriting
    // the file, are folded under it
    assertThat(p.get("followOns")).hasSize(3);
    assertThat(p.get("followOns").get(0).get("message").asText()).isEqualTo("unexpected 'Judged'");
    assertThat(p.get("followOns").get(0).get("line").asInt()).isEqualTo(end[0] + 1);
    assertThat(p.get("followOns").get(1).get("message").asText())
        .isEqualTo("the same error in general@2023.05, which inherits the file");

    Run text = MainTest.run("", "validate", dir.toString());
    assertThat(text.err())
        .startsWith(
            "general@2019.07/general.drl:"
                + end[0]
                + ":"
                + (end[1] + 21)
                + ": rule \"general-penalty-publication\": ')' missing")
        .contains(
            "\n    3 follow-on errors:\n      general@2019.07/general.drl:"
                + (end[0] + 1)
                + ":5: rule \"general-penalty-publication\": unexpected 'Judged'\n")
        .endsWith("1 problem(s), 3 follow-on error(s) folded under them\n");
  }

  @Test
  void aMisspeltFieldSaysWhichFieldIsMeant(@TempDir Path dir) throws IOException {
    broken(dir, GENERAL, GENERAL.replace("severity", "severty"));
    assertAt(
        onlyProblem(dir),
        at(dir, "severty"),
        "general-penalty-publication",
        "AdminPenalty has no field severty; did you mean severity?");
  }

  @Test
  void aMisspeltFieldBoundForJudgedIsFoundDespiteTheRewriting(@TempDir Path dir)
      throws IOException {
    // PackScope turns Judged( fact == $id ) into a check on the field bound to $id
    broken(dir, GENERAL, GENERAL.replace("$id : id", "$id : idd"));
    assertAt(
        onlyProblem(dir),
        at(dir, "idd"),
        "general-penalty-publication",
        "AdminPenalty has no field idd; did you mean id?");
  }

  @Test
  void aBadEnumerationValueIsAnErrorWithTheDeclaredValues(@TempDir Path dir) throws IOException {
    broken(dir, GENERAL, GENERAL.replace("\"GENERAL\"", "\"GENRAL\""));
    assertAt(
        onlyProblem(dir),
        at(dir, "\"GENRAL\""),
        "general-penalty-publication",
        "\"GENRAL\" is not a value of AdminPenalty.severity; did you mean \"GENERAL\"? (values: MINOR,"
            + " GENERAL, SERIOUS)");
  }

  @Test
  void anEnumerationWrittenAsAConstantIsNotAMissingMethod(@TempDir Path dir) throws IOException {
    broken(dir, GENERAL, GENERAL.replace("\"GENERAL\"", "PenaltySeverity.GENRAL"));
    assertAt(
        onlyProblem(dir),
        at(dir, "PenaltySeverity"),
        "general-penalty-publication",
        "PenaltySeverity is not a type rules know; severity is an enumeration, its values are text:"
            + " write severity == \"GENERAL\"");
  }

  @Test
  void aBadConstantOfAnEnumTypeSaysWhichIsMeantAndFoldsTheRulesItBreaks(@TempDir Path dir)
      throws IOException {
    broken(dir, "RepairStatus.NEVER", "RepairStatus.NEVR");
    JsonNode p = onlyProblem(dir);
    assertAt(
        p,
        at(dir, "NEVR"),
        null,
        "function penaltyRepair: RepairStatus has no value NEVR; did you mean NEVER?");
    // every rule of the package imports the function, so every rule fails with it
    assertThat(p.get("followOns").findValuesAsText("message"))
        .contains("function penaltyRepair does not compile, so this rule cannot either");
  }

  @Test
  void aRemovedEndIsBlamedOnTheRuleThatLacksIt(@TempDir Path dir) throws IOException {
    String consequence =
        "    insert(new Hit($d, recordLastDay($p), List.of($id), rowVerified($p)));\n";
    broken(dir, consequence + "end\n", consequence);
    int[] insert = at(dir, consequence);
    int[] next = at(dir, "rule \"minor-penalty-warning\"");
    JsonNode p = onlyProblem(dir);
    assertAt(
        p,
        new int[] {insert[0] + 1, 1},
        "minor-penalty-publication",
        "'end' is missing after line "
            + insert[0]
            + ": the rule must close after its consequence,"
            + " before rule \"minor-penalty-warning\" (line "
            + next[0]
            + ")");
  }

  @Test
  void anUnknownFactTypeSaysWhichIsMeant(@TempDir Path dir) throws IOException {
    broken(dir, GENERAL, GENERAL.replace("AdminPenalty", "AdminPenalti"));
    JsonNode p = onlyProblem(dir);
    assertAt(
        p,
        at(dir, "AdminPenalti"),
        "general-penalty-publication",
        "unknown fact type AdminPenalti; did you mean AdminPenalty?");
  }
}
