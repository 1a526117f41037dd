package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.jspecify.annotations.Nullable;

/**
 * Converts a spreadsheet decision table (drools-decisiontables: CSV or XLSX) into DRL, so that
 * compilation, lint, coverage, diff and explanations treat a table exactly like a DRL file.
 */
final class DecisionTables {
  private DecisionTables() {}

  /**
   * The DRL of the table in {@code path}.
   *
   * @throws IllegalArgumentException naming the file when the table is malformed
   */
  static String toDrl(String path, byte[] content) {
    InputType type = path.endsWith(".csv") ? InputType.CSV : InputType.XLS;
    try {
      String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
      if (drl == null || drl.isBlank()) {
        throw new IllegalArgumentException(path + ": the decision table produced no rules");
      }
      return drl;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          path + ": not a valid decision table: " + e.getMessage(), e);
    }
  }

  /**
   * {@code problem}, found in the DRL {@code drl} converted from the CSV table {@code csv}, at the
   * table's row of the rule (the row whose cell is the rule's name) and, when the problem points at
   * a word of the generated DRL that one of the row's cells holds, at that cell: the line is the
   * CSV line, the column the cell's first character, and the message names the cell ({@code C10})
   * with its column's label and text. A problem outside any row keeps no line (the generated DRL's
   * lines mean nothing to the analyst). Follow-on errors are located the same way.
   */
  static PackProblem locate(PackProblem problem, String csv, String drl) {
    List<PackProblem> followOns = new ArrayList<>();
    for (PackProblem f : problem.followOns()) {
      followOns.add(locate(f, csv, drl));
    }
    String rule =
        problem.rule() != null ? problem.rule() : PackCompiler.ruleAt(drl, problem.line());
    String[] lines = csv.split("\r?\n", -1);
    int row = -1;
    for (int i = 0; i < lines.length && rule != null && row < 0; i++) {
      if (GradeTable.cells(lines[i]).stream().anyMatch(c -> c.strip().equals(rule))) {
        row = i;
      }
    }
    if (row < 0) {
      return new PackProblem(
          problem.pack(), problem.file(), 0, 0, rule, problem.message(), followOns);
    }
    String word = wordAt(drl, problem.line(), problem.column());
    List<String> cells = GradeTable.cells(lines[row]);
    int column = 0;
    String message = problem.message();
    for (int c = 0; c < cells.size() && word != null && column == 0; c++) {
      if (cells
          .get(c)
          .matches("(?s).*(?<![\\w$])" + java.util.regex.Pattern.quote(word) + "(?![\\w$]).*")) {
        column = cellStart(lines[row], c) + 1;
        String label = label(lines, row, c);
        message =
            "cell "
                + letters(c)
                + (row + 1)
                + (label.isEmpty() ? "" : " (" + label + ")")
                + " '"
                + cells.get(c).strip()
                + "': "
                + message;
      }
    }
    return new PackProblem(
        problem.pack(), problem.file(), row + 1, column, rule, message, followOns);
  }

  /** The identifier at a 1-based line and column of {@code text}, or null. */
  private static @Nullable String wordAt(String text, int line, int column) {
    if (line <= 0 || column <= 0) {
      return null;
    }
    int at = DrlErrors.offset(text, line, column);
    int end = at;
    while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
      end++;
    }
    return end > at ? text.substring(at, end) : null;
  }

  /** The offset in {@code line} of the first character of cell {@code index}. */
  private static int cellStart(String line, int index) {
    boolean quoted = false;
    int cell = 0;
    for (int i = 0; i < line.length(); i++) {
      if (cell == index) {
        return i;
      }
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cell++;
      }
    }
    return line.length();
  }

  /**
   * The label of a column: a rule table's keyword row ({@code CONDITION}, {@code ACTION}) is
   * followed by the object types, the templates, then the labels analysts read.
   */
  private static String label(String[] lines, int row, int column) {
    for (int i = row - 1; i >= 0; i--) {
      List<String> cells = GradeTable.cells(lines[i]);
      if (cells.stream()
          .anyMatch(c -> c.strip().equals("CONDITION") || c.strip().equals("ACTION"))) {
        List<String> labels = i + 3 < row ? GradeTable.cells(lines[i + 3]) : List.of();
        return column < labels.size() ? labels.get(column).strip() : "";
      }
    }
    return "";
  }

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** A spreadsheet column's letters: 0 is A, 25 is Z, 26 is AA. */
  private static String letters(int column) {
    StringBuilder b = new StringBuilder();
    for (int c = column + 1; c > 0; c = (c - 1) / 26) {
      b.insert(0, ALPHABET.charAt((c - 1) % 26));
    }
    return b.toString();
  }
}
