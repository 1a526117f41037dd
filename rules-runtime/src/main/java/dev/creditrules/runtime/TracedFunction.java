package dev.creditrules.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A DRL function rewritten to record what it computes into a {@link
 * dev.creditrules.pack.ExplainTrace}: its parameters, every local variable it declares or assigns,
 * every condition of an {@code if} and every call of another function of the pack version (its
 * parameters included). The copy is named {@code __explain_<name>} and takes the trace first; it
 * computes exactly what the function does. Beside it, what the text says: which condition guards
 * each {@code UnmetCode} and {@code RepairStatus} the function can conclude.
 */
final class TracedFunction {
  private static final Pattern HEADER =
      Pattern.compile("function\\s+(.+?)\\s+(\\w+)\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
  private static final Pattern IF = Pattern.compile("\\bif\\s*\\(");
  private static final Pattern CALL = Pattern.compile("(?<![\\w.$])(\\w+)\\s*\\(");
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?m)^[ \\t]*(?:final\\s+)?(?:([\\w.]+(?:<[^;=()]*>)?(?:\\[\\])*)\\s+)?(\\w+)\\s*=(?!=)");
  private static final Pattern CONCLUSION = Pattern.compile("\\b(UnmetCode|RepairStatus)\\.(\\w+)");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-zA-Z_]\\w*)\\b(?!\\s*\\()");
  private static final Set<String> NOT_TYPES = Set.of("return", "else", "new", "throw", "case");

  /** What an event id stands for: a parameter or variable, a condition or a call. */
  enum Kind {
    VARIABLE,
    CONDITION,
    CALL
  }

  /**
   * One recorded place of the function.
   *
   * @param kind what it is
   * @param name the variable's name (for a variable)
   * @param text the condition, the call or the variable's expression (null for a parameter)
   * @param line the line in the file
   * @param start the offset in the function's text
   * @param end the offset after it
   */
  record Place(
      Kind kind, @Nullable String name, @Nullable String text, int line, int start, int end) {

    /** The text of a condition or a call (only a parameter has none). */
    String code() {
      return Objects.requireNonNull(text, () -> kind + " " + name + " has no text");
    }
  }

  /**
   * A condition and the conclusions it guards directly.
   *
   * @param condition the id of the {@code if}'s condition, or -1 when they are not guarded
   * @param negated true for an {@code else} branch
   * @param conclusions the codes and statuses, in the order written ({@code NEVER}, {@code
   *     NOT_REPAIRABLE})
   */
  record Guard(int condition, boolean negated, List<String> conclusions) {}

  final String name;
  final String file;
  final int line;
  final String copy;
  final List<Place> places = new ArrayList<>();
  final List<Guard> guards = new ArrayList<>();

  private record Insert(int at, int order, String text) {}

  private record Span(int id, boolean negated, int start, int end) {}

  /**
   * Rewrites one function.
   *
   * @param text the function, from {@code function} to its closing brace
   * @param file the file it is written in
   * @param line the line of its header
   * @param functions the names of the version's functions (calls of them are recorded)
   */
  TracedFunction(String text, String file, int line, Set<String> functions) {
    this.file = file;
    this.line = line;
    String code = PackLinter.blankCommentsAndStrings(text);
    int open = code.indexOf('{');
    int close = code.lastIndexOf('}');
    Matcher h = HEADER.matcher(text.substring(0, open).strip());
    if (open < 0 || close < open || !h.matches()) {
      throw new IllegalArgumentException("not a function: " + text);
    }
    this.name = h.group(2);
    List<Insert> inserts = new ArrayList<>();
    // the parameters, as the function was called
    StringBuilder params = new StringBuilder();
    for (String p : Explainer.splitTopLevel(h.group(3))) {
      String[] words = p.strip().split("\\s+");
      String param = words[words.length - 1];
      params
          .append(" dev.creditrules.pack.ExplainTrace.set(__t, ")
          .append(add(Kind.VARIABLE, param, null, text, open, open))
          .append(", ")
          .append(param)
          .append(");");
    }
    inserts.add(new Insert(open + 1, 0, params.toString()));
    List<Span> spans = new ArrayList<>();
    Matcher m = IF.matcher(code);
    while (m.find() && m.start() < close) {
      if (m.start() <= open) {
        continue;
      }
      int paren = m.end() - 1;
      int end = matching(code, paren);
      int id =
          add(Kind.CONDITION, null, text.substring(paren + 1, end).strip(), text, paren + 1, end);
      inserts.add(
          new Insert(paren + 1, 0, "dev.creditrules.pack.ExplainTrace.test(__t, " + id + ", "));
      inserts.add(new Insert(end, 1, ")"));
      int blockEnd = statementEnd(code, end + 1);
      spans.add(new Span(id, false, end + 1, blockEnd));
      int next = skipSpace(code, blockEnd);
      if (code.startsWith("else", next) && !Character.isLetterOrDigit(code.charAt(next + 4))) {
        spans.add(new Span(id, true, next + 4, statementEnd(code, next + 4)));
      }
    }
    Matcher c = CALL.matcher(code);
    int from = open;
    while (c.find(from) && c.start() < close) {
      from = c.end();
      if (!functions.contains(c.group(1))
          || code.substring(Math.max(0, c.start() - 4), c.start()).endsWith("new ")) {
        continue;
      }
      int end = matching(code, c.end() - 1) + 1;
      int id = add(Kind.CALL, null, text.substring(c.start(), end), text, c.start(), end);
      inserts.add(
          new Insert(c.start(), 1, "dev.creditrules.pack.ExplainTrace.value(__t, " + id + ", "));
      inserts.add(new Insert(end, 0, ")"));
    }
    Matcher a = ASSIGNMENT.matcher(code);
    from = open + 1;
    while (a.find(from) && a.start() < close) {
      from = a.end();
      if (a.group(1) != null && NOT_TYPES.contains(a.group(1))) {
        continue;
      }
      int semicolon = statementEnd(code, a.end()) - 1;
      String variable = a.group(2);
      int id =
          add(
              Kind.VARIABLE,
              variable,
              text.substring(a.end(), semicolon).strip(),
              text,
              a.start(2),
              semicolon);
      inserts.add(
          new Insert(
              semicolon + 1,
              2,
              " dev.creditrules.pack.ExplainTrace.set(__t, " + id + ", " + variable + ");"));
    }
    // which condition guards each conclusion: the innermost branch around it
    Map<Span, List<String>> byGuard = new LinkedHashMap<>();
    Span none = new Span(-1, false, open, close);
    Matcher k = CONCLUSION.matcher(code);
    while (k.find() && k.start() < close) {
      if (k.start() <= open) {
        continue;
      }
      Span innermost = none;
      for (Span sp : spans) {
        if (sp.start() <= k.start()
            && k.start() < sp.end()
            && sp.end() - sp.start() <= innermost.end() - innermost.start()) {
          innermost = sp;
        }
      }
      if (innermost == none && k.group(1).equals("RepairStatus")) {
        // ELIGIBLE or NOT_YET chosen from the unmet list: the list explains it
        continue;
      }
      List<String> list = byGuard.computeIfAbsent(innermost, sp -> new ArrayList<>());
      if (!list.contains(k.group(2))) {
        list.add(k.group(2));
      }
    }
    byGuard.forEach((s, list) -> guards.add(new Guard(s.id(), s.negated(), list)));
    // the copy: renamed, the trace first
    inserts.sort(Comparator.comparingInt(Insert::at).thenComparingInt(Insert::order));
    StringBuilder b = new StringBuilder();
    int at = 0;
    for (Insert i : inserts) {
      b.append(text, at, i.at()).append(i.text());
      at = i.at();
    }
    b.append(text.substring(at));
    Matcher named = Pattern.compile("\\b" + name + "\\s*\\(").matcher(code);
    if (!named.find() || named.start() > open) {
      throw new IllegalArgumentException("not a function: " + text);
    }
    this.copy =
        b.substring(0, named.start())
            + "__explain_"
            + name
            + "(dev.creditrules.pack.ExplainTrace __t"
            + (h.group(3).isBlank() ? "" : ", ")
            + b.substring(named.end());
  }

  private int add(
      Kind kind,
      @Nullable String variable,
      @Nullable String what,
      String text,
      int start,
      int end) {
    places.add(
        new Place(kind, variable, what, line + PackLinter.lineAt(text, start) - 1, start, end));
    return places.size() - 1;
  }

  /** The variables a condition reads (parameters and locals of the function), in order. */
  List<String> namesIn(String condition) {
    List<String> out = new ArrayList<>();
    Matcher n = NAME.matcher(PackLinter.blankCommentsAndStrings(condition));
    while (n.find()) {
      String v = n.group(1);
      if (!out.contains(v)
          && places.stream().anyMatch(p -> p.kind() == Kind.VARIABLE && v.equals(p.name()))) {
        out.add(v);
      }
    }
    return out;
  }

  /** The offset of the bracket that closes the one at {@code open}. */
  private static int matching(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == '(' || ch == '{' || ch == '[') {
        depth++;
      } else if ((ch == ')' || ch == '}' || ch == ']') && --depth == 0) {
        return i;
      }
    }
    return code.length() - 1;
  }

  /**
   * The offset after the statement (a block or up to its {@code ;}) that starts at {@code from}.
   */
  private static int statementEnd(String code, int from) {
    int i = skipSpace(code, from);
    if (i < code.length() && code.charAt(i) == '{') {
      return matching(code, i) + 1;
    }
    int depth = 0;
    for (; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == '(' || ch == '{' || ch == '[') {
        depth++;
      } else if (ch == ')' || ch == '}' || ch == ']') {
        depth--;
      } else if (ch == ';' && depth == 0) {
        return i + 1;
      }
    }
    return code.length();
  }

  private static int skipSpace(String code, int from) {
    int i = from;
    while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
      i++;
    }
    return i;
  }
}
