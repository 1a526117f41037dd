package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.pack.tree.FactModelReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Drools' parser and compiler say about a pack version's rule sources into problems an
 * analyst can act on: one problem per fault, at the line and column of the analyst's file where the
 * fault is written, in words about the pack (a field, a fact type, an enumeration value, a missing
 * {@code )} or {@code end}) with "did you mean" from the fact declarations; the errors the fault
 * causes further on (rules that call a function that did not compile, variables of a pattern that
 * did not compile, the parser's complaint about the next line) are folded under it.
 *
 * <p>{@link PackScope} rewrites parsed rules (a {@code Judged( fact == $x )} becomes a check in the
 * pattern binding {@code $x}, the package gets a version suffix): what the compiler says about the
 * rewritten text is mapped back to what the analyst wrote. A converted decision table's problems
 * are mapped to its rows and cells ({@link DecisionTables#locate}).
 */
final class DrlErrors {
  /** What Drools reported: the unit's path, a 1-based line (0 when unknown) and the text. */
  record Raw(String path, int line, int column, String text) {}

  private static final Pattern PARSER =
      Pattern.compile(
          "^\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*?)(?: in rule \"[^\"]*\")?\\s*$", Pattern.DOTALL);
  private static final Pattern ANALYSE =
      Pattern.compile("Unable to Analyse Expression\\s+([\\s\\S]+?):\\s*\\n\\[Error: ([^\\n]*)\\]");
  private static final Pattern STRICT =
      Pattern.compile("unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
  private static final Pattern OBJECT_TYPE =
      Pattern.compile("Unable to resolve ObjectType '([\\w.$]+)'");
  private static final Pattern FUNCTION_ERROR =
      Pattern.compile("^\\s*\\[ function (\\w+) \\(line:(\\d+)\\): ([\\s\\S]*?)\\s*\\]\\s*$");
  private static final Pattern RULE_ERROR = Pattern.compile("^Rule Compilation error ([\\s\\S]*)$");
  private static final Pattern NOT_A_FIELD =
      Pattern.compile("^(\\w+) cannot be resolved or is not a field$");
  private static final Pattern UNDEFINED_METHOD =
      Pattern.compile("^The method (\\w+)\\(\\) is undefined for the type (\\w+)$");
  private static final Pattern NOT_A_TYPE =
      Pattern.compile("^(\\w+) cannot be resolved to a type$");
  private static final Pattern NOT_RESOLVED = Pattern.compile("^(\\w+) cannot be resolved$");

  /** Errors that only follow from another: they are folded under the fault that causes them. */
  private static final List<Pattern> FOLLOW_ONS =
      List.of(
          Pattern.compile("cannot be resolved to a variable"),
          Pattern.compile("^Field Reader does not exist"),
          Pattern.compile("^Unable to analyze expression"),
          Pattern.compile("^Error importing"),
          Pattern.compile("The import [\\w.$]+ cannot be resolved"),
          Pattern.compile("is undefined for the type Rule_"),
          Pattern.compile("^Unable to build expression for"));

  private static final Pattern NAMESPACE = Pattern.compile("\\.v_\\w+?(?=[.'\\s]|$)");
  private static final Pattern IMPORTING = Pattern.compile("Error importing : '[\\w.$]+\\.(\\w+)'");
  private static final Pattern IMPORT_FAILED =
      Pattern.compile("The import [\\w.$]+\\.(\\w+) cannot be resolved");
  private static final Pattern UNDEFINED_FUNCTION =
      Pattern.compile("The method (\\w+)\\([^)]*\\) is undefined for the type Rule_[\\w$]+");
  private static final Pattern RULE_CLASS = Pattern.compile("Rule_[\\w$]+");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+([\\w.]+?)(\\.\\*)?\\s*;?\\s*$");

  private final String key;
  private final Map<String, PackVersion.Unit> units = new LinkedHashMap<>();
  private final @Nullable FactModel model;
  private final ClassLoader loader;

  DrlErrors(
      String key, List<PackVersion.Unit> units, @Nullable FactModel model, ClassLoader loader) {
    this.key = key;
    units.forEach(u -> this.units.put(u.path(), u));
    this.model = model;
    this.loader = loader;
  }

  /** The problems of one unit that Drools' parser refused. */
  List<PackProblem> parseErrors(PackVersion.Unit unit, List<Raw> raws) {
    List<PackProblem> raw = new ArrayList<>();
    int errorAt = -1;
    for (Raw r : raws) {
      Matcher m = PARSER.matcher(r.text().strip());
      int line = r.line();
      int column = 0;
      String message = clean(r.text());
      if (m.matches()) {
        line = Integer.parseInt(m.group(1));
        column = Integer.parseInt(m.group(2)) + 1;
        message =
            m.group(3)
                .replace("mismatched input", "unexpected")
                .replace("no viable alternative at input", "cannot read");
        if (errorAt < 0) {
          errorAt = offset(unit.text(), line, column);
        }
      }
      raw.add(problem(unit, line, column, message));
    }
    List<PackProblem> faults = structure(unit, errorAt);
    if (faults.isEmpty()) {
      return table(unit, raw);
    }
    // the parser's complaints follow from the first fault of structure
    List<PackProblem> out = new ArrayList<>();
    out.add(faults.get(0).withFollowOns(raw));
    out.addAll(faults.subList(1, faults.size()));
    return table(unit, out);
  }

  /** The problems of a build whose parsed units Drools' compiler refused. */
  List<PackProblem> compileErrors(List<Raw> raws) {
    List<PackProblem> faults = new ArrayList<>();
    List<PackProblem> derived = new ArrayList<>();
    for (Raw r : raws) {
      PackProblem p = compileError(r);
      boolean follows = FOLLOW_ONS.stream().anyMatch(f -> f.matcher(r.text()).find());
      boolean seen =
          faults.stream()
              .anyMatch(f -> same(f, p) || f.followOns().stream().anyMatch(g -> same(g, p)));
      if (seen) {
        continue;
      }
      if (follows) {
        derived.add(p);
      } else {
        faults.add(p);
      }
    }
    // each follow-on goes under the fault of its rule, else of its file, else the first fault
    List<List<PackProblem>> under = new ArrayList<>();
    faults.forEach(f -> under.add(new ArrayList<>()));
    List<PackProblem> alone = new ArrayList<>();
    for (PackProblem d : derived) {
      int at = -1;
      for (int i = 0; i < faults.size() && at < 0; i++) {
        if (faults.get(i).file().equals(d.file())
            && d.rule() != null
            && d.rule().equals(faults.get(i).rule())) {
          at = i;
        }
      }
      for (int i = 0; i < faults.size() && at < 0; i++) {
        if (faults.get(i).file().equals(d.file())) {
          at = i;
        }
      }
      if (at < 0 && !faults.isEmpty()) {
        at = 0;
      }
      if (at < 0) {
        alone.add(d);
      } else if (under.get(at).stream().noneMatch(g -> same(g, d))) {
        under.get(at).add(d);
      }
    }
    List<PackProblem> out = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      out.add(faults.get(i).withFollowOns(under.get(i)));
    }
    if (!alone.isEmpty()) {
      // nothing to fold them under: the first is the fault, the rest follow from it
      out.add(alone.get(0).withFollowOns(alone.subList(1, alone.size())));
    }
    List<PackProblem> located = new ArrayList<>();
    for (PackProblem p : out) {
      PackVersion.Unit u = units.get(p.file());
      located.addAll(u == null ? List.of(p) : table(u, List.of(p)));
    }
    located.sort(
        Comparator.comparing(PackProblem::file)
            .thenComparingInt(PackProblem::line)
            .thenComparingInt(PackProblem::column));
    return located;
  }

  private static boolean same(PackProblem a, PackProblem b) {
    return a.file().equals(b.file())
        && a.line() == b.line()
        && a.column() == b.column()
        && a.message().equals(b.message());
  }

  /** A converted decision table's problems at its rows and cells; others as they are. */
  private static List<PackProblem> table(PackVersion.Unit unit, List<PackProblem> problems) {
    if (unit.table() == null) {
      return new ArrayList<>(problems);
    }
    List<PackProblem> out = new ArrayList<>();
    for (PackProblem p : problems) {
      out.add(DecisionTables.locate(p, unit.table(), unit.text()));
    }
    return out;
  }

  // --- the parser: a missing ')' or 'end', found on the text -----------------------------------

  /**
   * The faults of structure in a unit's text: a bracket opened and never closed (or closed and
   * never opened) in a rule or function, a rule without {@code end} before the next rule. {@code
   * errorAt} is the offset where the parser gave up, or -1: a missing {@code )} belongs after the
   * last code before it.
   */
  private List<PackProblem> structure(PackVersion.Unit unit, int errorAt) {
    String text = unit.text();
    String code = PackLinter.blankCommentsAndStrings(text);
    List<int[]> headers = new ArrayList<>();
    Matcher h = Pattern.compile("(?m)^[ \\t]*(rule|query|function)\\b").matcher(code);
    while (h.find()) {
      headers.add(new int[] {h.start(1), h.group(1).equals("function") ? 1 : 0});
    }
    List<PackProblem> out = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      int start = headers.get(i)[0];
      boolean function = headers.get(i)[1] == 1;
      int end = i + 1 < headers.size() ? headers.get(i + 1)[0] : code.length();
      String name = nameAt(text, start, function);
      String region = code.substring(start, end);
      if (!function) {
        Matcher e = Pattern.compile("(?m)(?<![\\w.$])end[ \\t]*$").matcher(region);
        if (!e.find()) {
          int last = lastCode(text, code, end);
          int line = PackLinter.lineAt(text, last) + 1;
          String next =
              i + 1 < headers.size()
                  ? " before "
                      + describe(text, headers.get(i + 1))
                      + " (line "
                      + PackLinter.lineAt(text, headers.get(i + 1)[0])
                      + ")"
                  : " at the end of the file";
          out.add(
              new PackProblem(
                  key,
                  unit.path(),
                  line,
                  1,
                  name,
                  "'end' is missing after line "
                      + PackLinter.lineAt(text, last)
                      + ": the rule must close after its consequence,"
                      + next));
          continue;
        }
        end = start + e.end();
      }
      List<Integer> open = new ArrayList<>();
      for (int k = start; k < end; k++) {
        char c = code.charAt(k);
        if (c == '(' || c == '[' || c == '{') {
          open.add(k);
        } else if (c == ')' || c == ']' || c == '}') {
          char want = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || code.charAt(open.get(open.size() - 1)) != want) {
            out.add(
                new PackProblem(
                    key,
                    unit.path(),
                    PackLinter.lineAt(text, k),
                    PackLinter.column(text, k),
                    function ? null : name,
                    "'"
                        + c
                        + "' closes nothing"
                        + (open.isEmpty()
                            ? ""
                            : ": the '"
                                + code.charAt(open.get(open.size() - 1))
                                + "' at line "
                                + PackLinter.lineAt(text, open.get(open.size() - 1))
                                + " is still open")));
            open.clear();
            break;
          }
          open.remove(open.size() - 1);
        }
      }
      if (!open.isEmpty()) {
        int o = open.get(open.size() - 1);
        char c = code.charAt(o);
        char close = c == '(' ? ')' : c == '[' ? ']' : '}';
        int limit = errorAt > o && errorAt <= end ? errorAt : lineEnd(code, o);
        int after = lastCode(text, code, limit) + 1;
        String of = wordBefore(code, o);
        out.add(
            new PackProblem(
                key,
                unit.path(),
                PackLinter.lineAt(text, after),
                PackLinter.column(text, after),
                function ? null : name,
                "'"
                    + close
                    + "' missing: the '"
                    + c
                    + "'"
                    + (of.isEmpty() ? "" : " of " + of)
                    + " at line "
                    + PackLinter.lineAt(text, o)
                    + ", column "
                    + PackLinter.column(text, o)
                    + " is never closed"));
      }
    }
    return out;
  }

  private static @Nullable String nameAt(String text, int start, boolean function) {
    Matcher m =
        (function
                ? Pattern.compile("function\\s+[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\(")
                : Pattern.compile("(?:rule|query)\\s+\"([^\"]+)\""))
            .matcher(text);
    return m.find(start) && m.start() == start ? m.group(1) : null;
  }

  private static String describe(String text, int[] header) {
    String name = nameAt(text, header[0], header[1] == 1);
    return (header[1] == 1 ? "function " : "rule ")
        + (name == null ? "" : header[1] == 1 ? name : "\"" + name + "\"");
  }

  /**
   * The offset of the last character of code before {@code limit}: not blank, not in a comment
   * ({@code code} is {@code text} with comments and literals blanked; a literal ends with its
   * quote).
   */
  private static int lastCode(String text, String code, int limit) {
    int k = Math.min(limit, text.length()) - 1;
    while (k > 0) {
      char c = text.charAt(k);
      if (!Character.isWhitespace(c) && (code.charAt(k) != ' ' || c == '"' || c == '\'')) {
        return k;
      }
      k--;
    }
    return 0;
  }

  private static int lineEnd(String code, int from) {
    int nl = code.indexOf('\n', from);
    return nl < 0 ? code.length() : nl;
  }

  private static String wordBefore(String code, int at) {
    int k = at - 1;
    while (k >= 0 && code.charAt(k) == ' ') {
      k--;
    }
    int end = k + 1;
    while (k >= 0 && (Character.isJavaIdentifierPart(code.charAt(k)) || code.charAt(k) == '.')) {
      k--;
    }
    return code.substring(k + 1, end);
  }

  // --- the compiler ---------------------------------------------------------------------------

  private PackProblem compileError(Raw r) {
    PackVersion.Unit unit = units.get(r.path());
    String text = r.text();
    if (unit == null) {
      return new PackProblem(key, r.path() == null ? "" : r.path(), r.line(), 0, null, clean(text));
    }
    Matcher a = ANALYSE.matcher(text);
    if (a.find()) {
      return expression(unit, r, a.group(1).strip(), a.group(2).strip());
    }
    Matcher t = OBJECT_TYPE.matcher(text);
    if (t.find()) {
      String type = simple(t.group(1));
      Set<String> known = new TreeSet<>(factClasses());
      known.addAll(imported(unit.text()));
      // a name imported but declared by no types.yaml is not a suggestion for itself
      known.remove(type);
      String hint = FactModelReader.suggestion(type, known);
      String why =
          imported(unit.text()).contains(type) && !factClasses().contains(type)
              ? ": it is imported, but no types.yaml the pack reads declares a type of class "
                  + type
                  + " (declared: "
                  + String.join(", ", factClasses())
                  + ")"
              : hint != null
                  ? "; did you mean " + hint + "?"
                  : " (declared: " + String.join(", ", factClasses()) + ")";
      return at(unit, r.line(), type, "unknown fact type " + type + why);
    }
    Matcher f = FUNCTION_ERROR.matcher(text);
    if (f.find()) {
      String name = f.group(1);
      int half = name.length() / 2;
      if (name.length() % 2 == 0 && name.substring(0, half).equals(name.substring(half))) {
        name = name.substring(0, half);
      }
      int start = functionStart(unit.text(), name);
      return java(
          unit,
          start,
          f.group(3).strip().lines().findFirst().orElse("").strip(),
          "function " + name,
          r.line());
    }
    Matcher rc = RULE_ERROR.matcher(text.strip());
    if (rc.matches() && FOLLOW_ONS.stream().noneMatch(p -> p.matcher(text).find())) {
      PackVersion.Site site = ruleSite(unit, r.line());
      int start = site == null ? offset(unit.text(), r.line(), 1) : site.start();
      return java(
          unit, start, rc.group(1).strip().lines().findFirst().orElse("").strip(), null, r.line());
    }
    return problem(unit, r.line(), 0, clean(text));
  }

  /** An MVEL error about {@code expression} (a constraint of a pattern) near {@code r.line()}. */
  private PackProblem expression(PackVersion.Unit unit, Raw r, String expression, String error) {
    String shown = expression;
    String token = null;
    // PackScope's check for a Judged marker: the analyst wrote the field as "$x : field"
    Matcher judged =
        Pattern.compile("creditRulesJudges\\.has\\(\"[^\"]*\",\\s*(\\w+)\\)").matcher(expression);
    boolean generated = judged.find();
    Matcher s = STRICT.matcher(error);
    if (!s.find()) {
      return at(
          unit,
          r.line(),
          generated ? judged.group(1) : expression,
          "cannot compile " + shown + ": " + clean(error));
    }
    String owner = s.group(1);
    String name = s.group(2);
    token = name;
    Class<?> type = load(owner);
    String message;
    if (type != null && type.isEnum()) {
      message = enumValue(type, name);
    } else if (Pattern.compile("(?<![\\w$.])" + name + "\\s*\\.\\s*\\w+").matcher(expression).find()
        && Character.isUpperCase(name.charAt(0))) {
      message = unknownQualifier(expression, simple(owner), name);
    } else {
      message = noField(simple(owner), type, name) + textValue(expression, simple(owner), name);
    }
    if (generated) {
      return bound(unit, r.line(), token, message);
    }
    return at(unit, r.line(), expression, token, message);
  }

  /** A Java compiler error in a function or consequence that starts at {@code start}. */
  private PackProblem java(
      PackVersion.Unit unit, int start, String error, @Nullable String where, int line) {
    String body = start < 0 ? unit.text() : unit.text().substring(start);
    int base = Math.max(start, 0);
    Matcher m;
    if ((m = NOT_A_FIELD.matcher(error)).matches()) {
      String name = m.group(1);
      Matcher q =
          Pattern.compile("(\\w+)\\s*\\.\\s*" + name + "(?![\\w$])")
              .matcher(PackLinter.blankCommentsAndStrings(body));
      if (q.find()) {
        Class<?> type = resolve(unit.text(), q.group(1));
        String message = type != null && type.isEnum() ? enumValue(type, name) : clean(error);
        return located(unit, base + q.end() - name.length(), where, message);
      }
    } else if ((m = UNDEFINED_METHOD.matcher(error)).matches()) {
      String name = m.group(1);
      Matcher q =
          Pattern.compile("\\.\\s*(" + name + ")\\s*\\(")
              .matcher(PackLinter.blankCommentsAndStrings(body));
      if (q.find()) {
        return located(
            unit,
            base + q.start(1),
            where,
            noField(m.group(2), load(FactModel.FACT_PACKAGE + "." + m.group(2)), name));
      }
    } else if ((m = NOT_A_TYPE.matcher(error)).matches()
        || (m = NOT_RESOLVED.matcher(error)).matches()) {
      String name = m.group(1);
      Matcher q =
          Pattern.compile("(?<![\\w$.])" + name + "(?![\\w$])")
              .matcher(PackLinter.blankCommentsAndStrings(body));
      if (q.find()) {
        Set<String> known = new TreeSet<>(factClasses());
        known.addAll(imported(unit.text()));
        String hint = FactModelReader.suggestion(name, known);
        return located(
            unit,
            base + q.start(),
            where,
            clean(error) + (hint != null ? "; did you mean " + hint + "?" : ""));
      }
    }
    PackProblem p =
        problem(unit, start < 0 ? line : PackLinter.lineAt(unit.text(), start), 0, clean(error));
    return where == null
        ? p
        : new PackProblem(
            p.pack(), p.file(), p.line(), p.column(), p.rule(), where + ": " + p.message());
  }

  private PackProblem located(
      PackVersion.Unit unit, int offset, @Nullable String where, String message) {
    PackProblem p =
        problem(
            unit,
            PackLinter.lineAt(unit.text(), offset),
            PackLinter.column(unit.text(), offset),
            message);
    return where == null
        ? p
        : new PackProblem(p.pack(), p.file(), p.line(), p.column(), null, where + ": " + message);
  }

  // --- messages --------------------------------------------------------------------------------

  /**
   * "RepairStatus has no value NEVR; did you mean NEVER?" with the values when there is no hint.
   */
  private static String enumValue(Class<?> type, String name) {
    List<String> values = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      values.add(((Enum<?>) c).name());
    }
    String hint = FactModelReader.suggestion(name, values);
    return type.getSimpleName()
        + " has no value "
        + name
        + (hint != null
            ? "; did you mean " + hint + "?"
            : " (values: " + String.join(", ", values) + ")");
  }

  /** "AdminPenalty has no field severty; did you mean severity?" from the fact declarations. */
  private String noField(String owner, @Nullable Class<?> type, String name) {
    List<String> fields = fieldsOf(owner, type);
    String hint = FactModelReader.suggestion(name, fields);
    return owner
        + " has no field "
        + name
        + (hint != null
            ? "; did you mean " + hint + "?"
            : fields.isEmpty() ? "" : " (fields: " + String.join(", ", fields) + ")");
  }

  /**
   * {@code severity == PenaltySeverity.GENERAL}: the qualifier is no type rules know; when the
   * other side is an enumeration field, its values are written as text.
   */
  private String unknownQualifier(String expression, String owner, String qualifier) {
    StringBuilder b = new StringBuilder(qualifier + " is not a type rules know");
    Matcher m =
        Pattern.compile("(\\w+)\\s*(==|!=)\\s*" + qualifier + "\\s*\\.\\s*(\\w+)")
            .matcher(expression);
    FactTypeDecl decl = declOf(owner);
    if (m.find() && decl != null) {
      FieldDecl field = fieldNamed(decl, m.group(1));
      if (field != null
          && (field.kind() == FieldKind.ENUMERATION
              || field.kind() == FieldKind.ENUMERATION_LIST)) {
        String value =
            field.values().contains(m.group(3))
                ? m.group(3)
                : FactModelReader.suggestion(m.group(3), field.values());
        b.append("; ").append(field.javaName()).append(" is an enumeration, its values are text: ");
        if (value != null) {
          b.append("write ")
              .append(field.javaName())
              .append(' ')
              .append(m.group(2))
              .append(" \"")
              .append(value)
              .append('"');
        } else {
          b.append(String.join(", ", field.values()));
        }
        return b.toString();
      }
    }
    Set<String> known = new TreeSet<>(factClasses());
    String hint = FactModelReader.suggestion(qualifier, known);
    return b.append(hint != null ? "; did you mean " + hint + "?" : "").toString();
  }

  /**
   * {@code severity == SERIOUS}: a bare word compared with an enumeration field is read as a field;
   * its values are text. The hint, else "".
   */
  private String textValue(String expression, String owner, String word) {
    Matcher m =
        Pattern.compile("(\\w+)\\s*(==|!=)\\s*" + word + "(?![\\w$.(])").matcher(expression);
    FactTypeDecl decl = declOf(owner);
    FieldDecl field = m.find() && decl != null ? fieldNamed(decl, m.group(1)) : null;
    if (field == null || field.values().isEmpty()) {
      return "";
    }
    String value =
        field.values().contains(word) ? word : FactModelReader.suggestion(word, field.values());
    return "; "
        + field.javaName()
        + " is an enumeration, its values are text in quotes"
        + (value != null
            ? ": write " + field.javaName() + " " + m.group(2) + " \"" + value + "\""
            : " (values: " + String.join(", ", field.values()) + ")");
  }

  private List<String> fieldsOf(String owner, @Nullable Class<?> type) {
    FactTypeDecl decl = declOf(owner);
    if (decl != null) {
      List<String> out = new ArrayList<>(FactTypeDecl.COMMON_FIELDS);
      decl.fields().forEach(f -> out.add(f.javaName()));
      return out;
    }
    // a record the runtime gives rules (GradeTerm, Context, ...): its accessors
    Set<String> out = new LinkedHashSet<>();
    if (type != null) {
      for (Method m : type.getMethods()) {
        if (m.getParameterCount() == 0
            && !Modifier.isStatic(m.getModifiers())
            && m.getDeclaringClass() != Object.class
            && m.getReturnType() != void.class
            && !Set.of("hashCode", "toString").contains(m.getName())) {
          out.add(m.getName());
        }
      }
    }
    return new ArrayList<>(new TreeSet<>(out));
  }

  private @Nullable FactTypeDecl declOf(String className) {
    if (model == null) {
      return null;
    }
    for (FactTypeDecl t : model.types()) {
      if (t.className().equals(className)) {
        return t;
      }
    }
    return null;
  }

  private static @Nullable FieldDecl fieldNamed(FactTypeDecl decl, String javaName) {
    for (FieldDecl f : decl.fields()) {
      if (f.javaName().equals(javaName)) {
        return f;
      }
    }
    return null;
  }

  private List<String> factClasses() {
    return model == null
        ? List.of()
        : model.types().stream().map(FactTypeDecl::className).sorted().toList();
  }

  /** Compiler text without the version suffix of the package, generated class names and dumps. */
  static String clean(String text) {
    String s = text.strip();
    Matcher a = ANALYSE.matcher(s);
    if (a.find()) {
      s = "cannot compile " + a.group(1).strip() + ": " + a.group(2).strip();
    }
    s = NAMESPACE.matcher(s).replaceAll("");
    s = s.replaceFirst("^Rule Compilation error\\s*", "");
    // a function that does not compile is imported by every rule of its package, as a class
    s = IMPORTING.matcher(s).replaceAll("function $1 does not compile, so no rule can use it");
    s =
        IMPORT_FAILED
            .matcher(s)
            .replaceAll(
                m ->
                    "function "
                        + Character.toLowerCase(m.group(1).charAt(0))
                        + m.group(1).substring(1)
                        + " does not compile, so this rule cannot either");
    s = UNDEFINED_FUNCTION.matcher(s).replaceAll("calls function $1, which does not compile");
    s = RULE_CLASS.matcher(s).replaceAll("the rule");
    s = s.replaceAll("\\s*\\n\\s*", "; ");
    return s;
  }

  // --- locations -------------------------------------------------------------------------------

  private PackProblem problem(PackVersion.Unit unit, int line, int column, String message) {
    return new PackProblem(
        key,
        unit.path(),
        Math.max(line, 0),
        Math.max(column, 0),
        PackCompiler.ruleAt(unit.text(), line),
        message);
  }

  /** At {@code token} within the rule around {@code line} (the first occurrence), else the line. */
  private PackProblem at(PackVersion.Unit unit, int line, String token, String message) {
    return at(unit, line, token, token, message);
  }

  /**
   * At {@code token} within the first occurrence of {@code expression} in the rule around {@code
   * line}, else at the token, else at the line.
   */
  private PackProblem at(
      PackVersion.Unit unit, int line, String expression, String token, String message) {
    String text = unit.text();
    PackVersion.Site site = ruleSite(unit, line);
    int from = site == null ? offset(text, line, 1) : site.start();
    int to = site == null ? text.length() : site.end();
    int e = text.indexOf(expression, from);
    int base = e >= 0 && e < to ? e : from;
    Matcher m = Pattern.compile("(?<![\\w$])" + Pattern.quote(token) + "(?![\\w$])").matcher(text);
    if (m.find(base) && m.start() < to) {
      return problem(
          unit, PackLinter.lineAt(text, m.start()), PackLinter.column(text, m.start()), message);
    }
    return problem(unit, line, 0, message);
  }

  /** At the field of {@code $x : field} in the rule around {@code line}. */
  private PackProblem bound(PackVersion.Unit unit, int line, String field, String message) {
    String text = unit.text();
    PackVersion.Site site = ruleSite(unit, line);
    int from = site == null ? offset(text, line, 1) : site.start();
    Matcher m =
        Pattern.compile("\\$\\w+\\s*:\\s*(" + Pattern.quote(field) + ")(?![\\w$])").matcher(text);
    if (m.find(from) && (site == null || m.start() < site.end())) {
      return problem(
          unit, PackLinter.lineAt(text, m.start(1)), PackLinter.column(text, m.start(1)), message);
    }
    return at(unit, line, field, message);
  }

  private static PackVersion.@Nullable Site ruleSite(PackVersion.Unit unit, int line) {
    String name = PackCompiler.ruleAt(unit.text(), line);
    return name == null ? null : PackVersion.ruleSites(unit).get(name);
  }

  private static int functionStart(String text, String name) {
    Matcher m = PackVersion.FUNCTION.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.start();
      }
    }
    return -1;
  }

  /** The offset of a 1-based line and column, clamped to the text. */
  static int offset(String text, int line, int column) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        return text.length();
      }
      at = nl + 1;
    }
    return Math.min(text.length(), at + Math.max(column - 1, 0));
  }

  // --- classes ---------------------------------------------------------------------------------

  private @Nullable Class<?> load(String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** The class a simple name means in a DRL file: its explicit and wildcard imports. */
  private @Nullable Class<?> resolve(String text, String simpleName) {
    Matcher m = IMPORT.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      Class<?> c =
          m.group(2) != null
              ? load(name + "." + simpleName)
              : name.endsWith("." + simpleName) ? load(name) : null;
      if (c != null) {
        return c;
      }
    }
    return load("java.lang." + simpleName);
  }

  private static List<String> imported(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(text);
    while (m.find()) {
      if (m.group(2) == null) {
        out.add(simple(m.group(1)));
      }
    }
    return out;
  }

  private static String simple(String name) {
    int dot = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
    return name.substring(dot + 1);
  }
}
