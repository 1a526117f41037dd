package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A grade table ({@value PackVersion#GRADE_TABLE}): rules of one shape, a grade mapped to its
 * measures, written as rows. The columns are {@code rule,type,grades,measure} (grades separated by
 * spaces); each row becomes the rule
 *
 * <pre>
 * rule "&lt;rule&gt;" @measure("&lt;measure&gt;")
 * when
 *     $t : GradeTerm( scheme == "&lt;type&gt;", grade in ( &lt;grades&gt; ), $f : fact )
 *     Judged( fact == $f )
 * then
 *     insert( new Hit( $t.start(), $t.until(), $t.facts() ) );
 * end
 * </pre>
 *
 * written on the row's line, so that every problem points at the row. Lines starting with {@code #}
 * and blank lines are ignored; the first other line is the header.
 */
final class GradeTable {
  static final List<String> COLUMNS = List.of("rule", "type", "grades", "measure");
  private static final Pattern NAME = Pattern.compile("[^\"\\\\\\r\\n]+");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]+");

  private GradeTable() {}

  /**
   * The DRL of a grade table, in DRL package {@code namespace}; problems (file and line) go to
   * {@code problems} and their rows generate nothing.
   */
  static String toDrl(String key, String csv, String namespace, List<PackProblem> problems) {
    String file = PackVersion.GRADE_TABLE;
    String[] lines = csv.split("\r?\n", -1);
    List<String> out = new ArrayList<>();
    boolean header = false;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      String raw = lines[i];
      String text = raw.strip();
      out.add("");
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      List<String> cells = cells(text);
      if (!header) {
        header = true;
        List<String> got = cells.stream().map(String::strip).toList();
        if (!got.equals(COLUMNS)) {
          problems.add(
              new PackProblem(
                  key,
                  file,
                  line,
                  0,
                  null,
                  "the header must be "
                      + String.join(",", COLUMNS)
                      + " but was "
                      + String.join(",", got)));
          return "";
        }
        continue;
      }
      if (cells.size() != COLUMNS.size()) {
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                0,
                null,
                "a row has "
                    + COLUMNS.size()
                    + " cells ("
                    + String.join(",", COLUMNS)
                    + ") but this one has "
                    + cells.size()));
        continue;
      }
      String rule = cells.get(0).strip();
      String type = cells.get(1).strip();
      List<String> grades = List.of(cells.get(2).strip().split("\\s+"));
      String measure = cells.get(3).strip();
      List<String> errors = new ArrayList<>();
      if (!NAME.matcher(rule).matches()) {
        errors.add("rule must be a name without quotes or backslashes");
      } else if (!names.add(rule)) {
        errors.add("rule '" + rule + "' is named twice in the table");
      }
      if (!CODE.matcher(type).matches()) {
        errors.add(
            "type must be the name of a declared grade type (upper case with _), but was '"
                + type
                + "'");
      }
      if (grades.isEmpty() || grades.stream().anyMatch(g -> !CODE.matcher(g).matches())) {
        errors.add(
            "grades must be grade levels separated by spaces but was '"
                + cells.get(2).strip()
                + "'");
      }
      if (!CODE.matcher(measure).matches()) {
        errors.add("measure must be a measure id but was '" + measure + "'");
      }
      if (!errors.isEmpty()) {
        for (String e : errors) {
          problems.add(
              new PackProblem(key, file, line, 0, NAME.matcher(rule).matches() ? rule : null, e));
        }
        continue;
      }
      out.set(
          i,
          "rule \""
              + rule
              + "\" @measure(\""
              + measure
              + "\") when $t : GradeTerm( scheme == \""
              + type
              + "\", grade in ( "
              + String.join(", ", grades.stream().map(g -> "\"" + g + "\"").toList())
              + " ), $f : fact ) Judged( fact == $f ) then insert( new Hit( $t.start(), $t.until(),"
              + " $t.facts() ) ); end");
    }
    // the package and import go on the first line that holds no rule (the header at the latest)
    String prelude =
        (namespace.isEmpty() ? "" : "package " + namespace + "; ")
            + "import dev.creditrules.pack.*;";
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).isEmpty()) {
        out.set(i, prelude);
        break;
      }
    }
    return String.join("\n", out) + "\n";
  }

  /** The cells of a CSV line: commas separate, double quotes quote ({@code ""} is a quote). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
