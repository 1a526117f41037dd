package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.ResolvedFolder;
import dev.creditrules.pack.tree.ResolvedFolder.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One pack version as it takes effect: its own folder resolved against the version it inherits from
 * (docs/packs.md, "A version holds only its differences"). A version inherits from the previous
 * folder of the same pack by {@code validFrom} unless its {@code pack.properties} says {@code
 * inherit=false}; the first version inherits nothing.
 *
 * <ul>
 *   <li>{@code pack.properties}, {@code README.md} and {@code CHANGES.md} are the version's own,
 *       never inherited (cases stay with the version too).
 *   <li>The catalogue ({@code measures.properties}) and the parameters ({@code
 *       parameters.properties}) are overlaid key by key on the inherited ones; {@code
 *       measure.<id>.removed=true} (or {@code procedure.<id>.removed=true}) drops an inherited
 *       entry ({@code <name>.removed=true} an inherited parameter), and an entry's {@code basis.N}
 *       list is replaced as a whole when the version gives any {@code basis.N} of it.
 *   <li>The rules are the inherited ones, then the version's own files: a rule or function with an
 *       inherited name replaces it, a new name is added, and {@code removes=<rule>,<rule>} in
 *       {@code pack.properties} drops inherited rules. Each rule source is a {@link Unit}; the
 *       compiler parses every unit into a Drools package description and leaves out the names a
 *       unit {@linkplain Unit#dropped drops}, so the merge happens on the parsed descriptions and
 *       every rule keeps the file and line it was written at (an inherited file is named {@code
 *       ../<version>/<file>}).
 *   <li>Decision tables are converted to DRL first, grade tables ({@value #GRADE_TABLE}) generate
 *       one rule per row, and each parameter becomes a DRL function of the version's package.
 * </ul>
 *
 * <p>What is done at the level of files (the lineage, the overlaid catalogue and parameters, the
 * digest that covers what the version inherits) is the version's {@link ResolvedFolder}, which
 * rules-audit shares; this class adds what needs the rules' text and Drools. Immutable.
 */
final class PackVersion {
  /** The version's terms and thresholds, named. */
  static final String PARAMETERS = PackFolder.PARAMETERS;

  /** Rules of one shape, a grade mapped to its measures, as a table. */
  static final String GRADE_TABLE = PackFolder.GRADE_TABLE;

  /**
   * One rule source of the version: a DRL file, a converted decision table, a generated grade table
   * or the generated parameter functions.
   *
   * @param path the file as analysts see it: {@code sanctions.drl}, or {@code
   *     ../2014.10/sanctions.drl} for an inherited one
   * @param text the DRL
   * @param dropped the rules and functions of this unit that do not take effect (replaced or
   *     removed by a later version)
   * @param generated true for the parameter functions (never inherited: each version generates its
   *     own from its effective parameters)
   * @param table the text of the spreadsheet decision table {@code text} was converted from (a CSV
   *     file), so problems can name its rows and cells; null for any other unit
   */
  record Unit(
      String path, String text, Set<String> dropped, boolean generated, @Nullable String table) {
    Unit {
      dropped = Set.copyOf(dropped);
    }

    Unit(String path, String text, Set<String> dropped, boolean generated) {
      this(path, text, dropped, generated, null);
    }
  }

  /** Where an effective rule or function is written: its unit, line (1-based) and text span. */
  record Site(Unit unit, int line, int start, int end) {
    String path() {
      return unit.path();
    }

    /** The rule's text, from its header to its {@code end}. */
    String text() {
      return unit.text().substring(start, end);
    }
  }

  private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*(?:rule|query)\\s+\"([^\"]+)\"");
  static final Pattern FUNCTION =
      Pattern.compile("(?m)^[ \\t]*function\\s+[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\(");

  /** A rule's {@code end}: the last word of a line (alone on it, or after a one-line rule). */
  private static final Pattern END = Pattern.compile("(?m)(?<![\\w.$])end[ \\t]*$");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
  private final ResolvedFolder resolved;
  private final PackFolder folder;
  private final @Nullable PackVersion parent;
  private final List<PackProblem> problems = new ArrayList<>();
  private final String namespace;
  private final List<Unit> units;
  private final Map<String, Site> rules;
  private final Map<String, Site> functions;

  private PackVersion(ResolvedFolder resolved, @Nullable PackVersion parent) {
    this.resolved = resolved;
    this.folder = resolved.folder();
    this.parent = parent;
    String key = folder.key();
    List<String> removes = resolved.removes();

    // 1. own rule sources: DRL files, decision tables (converted), then the grade table
    List<Unit> own = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : folder.files().entrySet()) {
      String path = f.getKey();
      if (path.endsWith(".drl")) {
        own.add(new Unit(path, new String(f.getValue(), StandardCharsets.UTF_8), Set.of(), false));
      } else if (PackFolder.isDecisionTable(path)) {
        String missing = OptIn.missingDecisionTables();
        if (missing != null) {
          problems.add(new PackProblem(key, path, 0, 0, null, missing));
          continue;
        }
        try {
          String csv =
              path.endsWith(".csv") ? new String(f.getValue(), StandardCharsets.UTF_8) : null;
          own.add(new Unit(path, DecisionTables.toDrl(path, f.getValue()), Set.of(), false, csv));
        } catch (IllegalArgumentException e) {
          // toDrl's messages start with the path
          String message = Objects.requireNonNull(e.getMessage(), path);
          problems.add(
              new PackProblem(
                  key,
                  path,
                  0,
                  0,
                  null,
                  message.substring(Math.min(message.length(), path.length() + 2))));
        }
      }
    }
    String ns = null;
    for (Unit u : own) {
      Matcher m = PACKAGE.matcher(u.text());
      if (m.find()) {
        ns = m.group(1);
        break;
      }
    }
    if (ns == null) {
      ns = parent == null ? "" : parent.namespace;
    }
    namespace = ns;
    String table = folder.text(GRADE_TABLE);
    if (table != null) {
      own.add(
          new Unit(
              GRADE_TABLE, GradeTable.toDrl(key, table, namespace, problems), Set.of(), false));
    }

    // 2. what the own sources name, and the inherited sources less what they replace or remove
    Set<String> ownNames = new TreeSet<>();
    for (Unit u : own) {
      ownNames.addAll(sites(u, RULE).keySet());
      ownNames.addAll(sites(u, FUNCTION).keySet());
    }
    List<Unit> all = new ArrayList<>(own);
    if (parent != null) {
      int removesLine = ResolvedFolder.lineOfKey(folder.text(PackManifest.FILE), "removes");
      for (String r : removes) {
        if (!parent.rules.containsKey(r)) {
          problems.add(
              new PackProblem(
                  key,
                  PackManifest.FILE,
                  removesLine,
                  0,
                  r,
                  "removes names rule '" + r + "', which " + parent.key() + " does not have"));
        }
      }
      for (Unit u : parent.units) {
        if (u.generated()) {
          continue;
        }
        Set<String> dropped = new TreeSet<>(u.dropped());
        dropped.addAll(ownNames);
        dropped.addAll(removes);
        String path =
            u.path().startsWith("../")
                ? u.path()
                : "../" + parent.folder.version() + "/" + u.path();
        all.add(new Unit(path, u.text(), dropped, false, u.table()));
      }
    } else if (!removes.isEmpty()) {
      problems.add(
          new PackProblem(
              key,
              PackManifest.FILE,
              ResolvedFolder.lineOfKey(folder.text(PackManifest.FILE), "removes"),
              0,
              null,
              "removes names rules but this version inherits none"));
    }

    // 3. parameters: inherited, overlaid by the version's own (its problems in file order)
    Map<String, Parameter> params = resolved.parameters();
    String paramText = folder.text(PARAMETERS);
    problems.addAll(resolved.parameterProblems());
    if (!params.isEmpty()) {
      all.add(new Unit(PARAMETERS, functions(namespace, params, paramText), Set.of(), true));
    }
    units = List.copyOf(all);

    // 4. the effective rules and functions: the first unit naming one, unless it drops it
    Map<String, Site> r = new LinkedHashMap<>();
    Map<String, Site> fn = new LinkedHashMap<>();
    for (Unit u : units) {
      sites(u, RULE)
          .forEach(
              (name, site) -> {
                if (!u.dropped().contains(name)) {
                  r.putIfAbsent(name, site);
                }
              });
      sites(u, FUNCTION)
          .forEach(
              (name, site) -> {
                if (!u.dropped().contains(name)) {
                  fn.putIfAbsent(name, site);
                }
              });
    }
    rules = Collections.unmodifiableMap(r);
    functions = Collections.unmodifiableMap(fn);
    for (Parameter p : params.values()) {
      Site clash = fn.get(p.name());
      if (clash != null && !clash.unit().generated()) {
        problems.add(
            new PackProblem(
                key,
                clash.path(),
                clash.line(),
                0,
                null,
                "function "
                    + p.name()
                    + " has the name of a parameter ("
                    + p.setBy()
                    + " "
                    + PARAMETERS
                    + ")"));
      }
    }

    // 5. the catalogue: inherited, overlaid key by key
    problems.addAll(resolved.catalogueProblems());
  }

  /**
   * Resolves every folder against the one it inherits from: the previous folder of the same pack id
   * by {@code validFrom} (then version), unless its manifest says {@code inherit=false} (see {@link
   * ResolvedFolder#resolve}). {@code declarations} are the fact declarations of the trees ({@code
   * <id>/types.yaml} to text), which the digests cover. The result keeps the order of {@code
   * folders}.
   */
  static List<PackVersion> resolve(List<PackFolder> folders, Map<String, String> declarations) {
    Map<ResolvedFolder, PackVersion> done = new IdentityHashMap<>();
    return ResolvedFolder.resolve(folders, ResolvedFolder.utf8(declarations)).stream()
        .map(r -> version(r, done))
        .toList();
  }

  private static PackVersion version(ResolvedFolder r, Map<ResolvedFolder, PackVersion> done) {
    PackVersion v = done.get(r);
    if (v == null) {
      v = new PackVersion(r, r.parent() == null ? null : version(r.parent(), done));
      done.put(r, v);
    }
    return v;
  }

  PackFolder folder() {
    return folder;
  }

  String key() {
    return folder.key();
  }

  /** The version this one inherits from, or null. */
  @Nullable PackVersion parent() {
    return parent;
  }

  /** Problems found while resolving: files that cannot be read or converted, bad names. */
  List<PackProblem> problems() {
    return List.copyOf(problems);
  }

  /** The DRL package of the version's rules (before {@link PackScope} suffixes it); maybe "". */
  String namespace() {
    return namespace;
  }

  /** The rule sources, the version's own first, then the inherited ones, then the parameters. */
  List<Unit> units() {
    return units;
  }

  /** The effective rules by name, in unit order. */
  Map<String, Site> rules() {
    return rules;
  }

  /**
   * The line an analyst edits for the rule at {@code site}: its line in a DRL file or grade table,
   * and for a decision table (converted to DRL) the row of the table that names it, 0 when no row
   * does.
   */
  int lineOf(Site site, String rule) {
    String path = site.path();
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (!PackFolder.isDecisionTable(file)) {
      return site.line();
    }
    PackVersion v = this;
    for (String p = path; p.startsWith("../") && v != null; ) {
      String version = p.substring(3, p.indexOf('/', 3));
      while (v != null && !v.folder.version().equals(version)) {
        v = v.parent;
      }
      p = p.substring(p.indexOf('/', 3) + 1);
    }
    String csv = v == null ? null : v.folder.text(file);
    if (csv == null) {
      return 0;
    }
    String[] lines = csv.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String cell : lines[i].split(",", -1)) {
        if (cell.strip().equals(rule)) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  /** The effective functions by name (parameter functions included). */
  Map<String, Site> functions() {
    return functions;
  }

  /** The effective parameters by name. */
  Map<String, Parameter> parameters() {
    return resolved.parameters();
  }

  /** The rules {@code pack.properties} removes from the inherited ones. */
  List<String> removes() {
    return resolved.removes();
  }

  /** The effective catalogue entries, or null when no version of the lineage has a catalogue. */
  @Nullable Properties catalogue() {
    return resolved.catalogue();
  }

  /**
   * {@code sha256:} and the hex SHA-256 of what the version takes effect with (see {@link
   * ResolvedFolder#digest()}).
   */
  String digest() {
    return resolved.digest();
  }

  /**
   * The text of every effective rule source with what does not take effect blanked (replaced and
   * removed rules and functions; line breaks kept), by unit.
   */
  Map<Unit, String> effectiveTexts() {
    Map<Unit, String> out = new LinkedHashMap<>();
    for (Unit u : units) {
      if (u.dropped().isEmpty()) {
        out.put(u, u.text());
        continue;
      }
      StringBuilder b = new StringBuilder(u.text());
      List<Map<String, Site>> both = List.of(sites(u, RULE), sites(u, FUNCTION));
      for (Map<String, Site> s : both) {
        s.forEach(
            (name, site) -> {
              if (u.dropped().contains(name)) {
                for (int i = site.start(); i < site.end(); i++) {
                  if (b.charAt(i) != '\n') {
                    b.setCharAt(i, ' ');
                  }
                }
              }
            });
      }
      out.put(u, b.toString());
    }
    return out;
  }

  // --- helpers ----------------------------------------------------------------------------

  /** The rules (or functions) a unit writes, by name, with line and text span. */
  static Map<String, Site> sites(Unit u, Pattern header) {
    Map<String, Site> out = new LinkedHashMap<>();
    String text = u.text();
    String code = null;
    Matcher m = header.matcher(text);
    while (m.find()) {
      if (code == null) {
        code = PackLinter.blankCommentsAndStrings(text);
      }
      int start = m.start();
      while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
        start++;
      }
      int end;
      if (header == RULE) {
        Matcher e = END.matcher(code);
        end = e.find(m.end()) ? e.end() : text.length();
      } else {
        end = functionEnd(code, m.end());
      }
      out.putIfAbsent(m.group(1), new Site(u, PackLinter.lineAt(text, start), start, end));
    }
    return out;
  }

  static Map<String, Site> ruleSites(Unit u) {
    return sites(u, RULE);
  }

  /** The offset after the closing brace of a function body that starts after {@code from}. */
  private static int functionEnd(String code, int from) {
    int open = code.indexOf('{', from);
    if (open < 0) {
      return code.length();
    }
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return code.length();
  }

  /**
   * The parameter functions in the version's package; a parameter set by this version is written on
   * the line of its key in {@code parameters.properties}, so a compile error points there.
   */
  private static String functions(
      String namespace, Map<String, Parameter> params, @Nullable String ownText) {
    List<String> lines = new ArrayList<>();
    int own = ownText == null ? 0 : (int) ownText.lines().count();
    for (int i = 0; i < Math.max(own, 1); i++) {
      lines.add("");
    }
    lines.set(0, namespace.isEmpty() ? "" : "package " + namespace + ";");
    for (Parameter p : params.values()) {
      String fn =
          "function " + p.javaType() + " " + p.name() + "() { return " + p.expression() + "; }";
      int at =
          ownText != null
                  && p.line() > 1
                  && p.line() <= lines.size()
                  && lines.get(p.line() - 1).isEmpty()
                  && isOwn(p, params, ownText)
              ? p.line() - 1
              : -1;
      if (at >= 0) {
        lines.set(at, fn);
      } else {
        lines.add(fn);
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static boolean isOwn(Parameter p, Map<String, Parameter> params, String ownText) {
    return ResolvedFolder.lineOfKey(ownText, p.name()) == p.line();
  }

  @Override
  public String toString() {
    return "PackVersion[" + key() + (parent == null ? "" : " < " + parent.key()) + "]";
  }
}
