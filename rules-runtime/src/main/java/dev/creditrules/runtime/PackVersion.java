package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * One pack version as it takes effect: its own folder resolved against the version it inherits
 * from (docs/packs.md, "A version holds only its differences"). A version inherits from the
 * previous folder of the same pack by {@code validFrom} unless its {@code pack.properties} says
 * {@code inherit=false}; the first version inherits nothing.
 *
 * <ul>
 *   <li>{@code pack.properties}, {@code README.md} and {@code CHANGES.md} are the version's own,
 *       never inherited (cases stay with the version too).
 *   <li>The catalogue ({@code measures.properties}) and the parameters ({@code
 *       parameters.properties}) are overlaid key by key on the inherited ones; {@code
 *       measure.<id>.removed=true} (or {@code procedure.<id>.removed=true}) drops an inherited
 *       entry ({@code <name>.removed=true} an inherited parameter), and an entry's {@code
 *       basis.N} list is replaced as a whole when the version gives any {@code basis.N} of it.
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
 * <p>The {@linkplain #digest() digest} covers what the version inherits. Immutable.
 */
final class PackVersion {
  /** The version's terms and thresholds, named. */
  static final String PARAMETERS = "parameters.properties";

  /** Rules of one shape, a grade mapped to its measures, as a table. */
  static final String GRADE_TABLE = "grade-measures.csv";

  /** Files of a version that its descendants never inherit. */
  static final Set<String> NOT_INHERITED = Set.of(PackManifest.FILE, "README.md", "CHANGES.md");

  /**
   * One rule source of the version: a DRL file, a converted decision table, a generated grade
   * table or the generated parameter functions.
   *
   * @param path the file as analysts see it: {@code sanctions.drl}, or {@code
   *     ../2014.10/sanctions.drl} for an inherited one
   * @param text the DRL
   * @param dropped the rules and functions of this unit that do not take effect (replaced or
   *     removed by a later version)
   * @param generated true for the parameter functions (never inherited: each version generates
   *     its own from its effective parameters)
   */
  record Unit(String path, String text, Set<String> dropped, boolean generated) {
    Unit {
      dropped = Set.copyOf(dropped);
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

  /**
   * A named term or threshold, as a DRL function of the version's package.
   *
   * @param javaType {@code int}, {@code java.math.BigDecimal}, {@code java.time.LocalDate} or
   *     {@code String}
   * @param setBy the version that set it ({@code id@version}), which dates it
   * @param validFrom that version's {@code validFrom}, or null when its manifest cannot be read
   * @param line its line in that version's {@value #PARAMETERS}
   */
  record Parameter(
      String name, String value, String javaType, String setBy, LocalDate validFrom, int line) {
    /** The Java expression of the value. */
    String expression() {
      return switch (javaType) {
        case "int" -> value;
        case "java.math.BigDecimal" -> "new java.math.BigDecimal(\"" + value + "\")";
        case "java.time.LocalDate" -> "java.time.LocalDate.parse(\"" + value + "\")";
        default -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      };
    }
  }

  private static final Pattern RULE =
      Pattern.compile("(?m)^[ \\t]*(?:rule|query)\\s+\"([^\"]+)\"");
  private static final Pattern FUNCTION =
      Pattern.compile("(?m)^[ \\t]*function\\s+[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\(");
  /** A rule's {@code end}: the last word of a line (alone on it, or after a one-line rule). */
  private static final Pattern END = Pattern.compile("(?m)(?<![\\w.$])end[ \\t]*$");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern CLASS = Pattern.compile("\\bclass\\s*:\\s*[\"']?([A-Za-z_$][\\w$]*)");
  private static final Pattern CATALOGUE_ENTRY =
      Pattern.compile("(measure|procedure)\\.([^.]+)\\.(.+)");

  private final PackFolder folder;
  private final PackVersion parent;
  private final List<PackProblem> problems = new ArrayList<>();
  private final String namespace;
  private final List<Unit> units;
  private final Map<String, Site> rules;
  private final Map<String, Site> functions;
  private final Map<String, Parameter> parameters;
  private final Properties catalogue;
  private final List<String> removes;
  private final String digest;

  private PackVersion(PackFolder folder, PackVersion parent, Map<String, String> declarations) {
    this.folder = folder;
    this.parent = parent;
    String key = folder.key();
    Properties manifest = properties(folder.text(PackManifest.FILE));
    LocalDate validFrom = date(manifest.getProperty("validFrom"));
    removes = list(manifest.getProperty("removes"));

    // 1. own rule sources: DRL files, decision tables (converted), then the grade table
    List<Unit> own = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : folder.files().entrySet()) {
      String path = f.getKey();
      if (path.endsWith(".drl")) {
        own.add(new Unit(path, new String(f.getValue(), StandardCharsets.UTF_8), Set.of(), false));
      } else if (PackFolder.isDecisionTable(path)) {
        try {
          own.add(new Unit(path, DecisionTables.toDrl(path, f.getValue()), Set.of(), false));
        } catch (IllegalArgumentException e) {
          String message = e.getMessage();
          problems.add(
              new PackProblem(key, path, 0, 0, null, message.substring(Math.min(message.length(), path.length() + 2))));
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
      own.add(new Unit(GRADE_TABLE, GradeTable.toDrl(key, table, namespace, problems), Set.of(), false));
    }

    // 2. what the own sources name, and the inherited sources less what they replace or remove
    Set<String> ownNames = new TreeSet<>();
    for (Unit u : own) {
      ownNames.addAll(sites(u, RULE).keySet());
      ownNames.addAll(sites(u, FUNCTION).keySet());
    }
    List<Unit> all = new ArrayList<>(own);
    if (parent != null) {
      int removesLine = lineOfKey(folder.text(PackManifest.FILE), "removes");
      for (String r : removes) {
        if (!parent.rules.containsKey(r)) {
          problems.add(
              new PackProblem(key, PackManifest.FILE, removesLine, 0, r,
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
        String path = u.path().startsWith("../") ? u.path() : "../" + parent.folder.version() + "/" + u.path();
        all.add(new Unit(path, u.text(), dropped, false));
      }
    } else if (!removes.isEmpty()) {
      problems.add(
          new PackProblem(key, PackManifest.FILE, lineOfKey(folder.text(PackManifest.FILE), "removes"), 0, null,
              "removes names rules but this version inherits none"));
    }

    // 3. parameters: inherited, overlaid by the version's own
    Map<String, Parameter> params = new TreeMap<>();
    if (parent != null) {
      params.putAll(parent.parameters);
    }
    String paramText = folder.text(PARAMETERS);
    if (paramText != null) {
      Properties p = properties(paramText, PARAMETERS, key, problems);
      List<String> names = new ArrayList<>(new TreeSet<>(p.stringPropertyNames()));
      // removals first, so that a version may drop a parameter and set another
      names.sort(Comparator.comparing((String n) -> !n.endsWith(".removed")).thenComparing(n -> n));
      for (String name : names) {
        int line = lineOfKey(paramText, name);
        String value = p.getProperty(name).strip();
        if (name.endsWith(".removed")) {
          String dropped = name.substring(0, name.length() - ".removed".length());
          if (!value.equals("true")) {
            problems.add(new PackProblem(key, PARAMETERS, line, 0, null, name + " must be true"));
          } else if (params.remove(dropped) == null) {
            problems.add(new PackProblem(key, PARAMETERS, line, 0, null,
                name + ": parameter " + dropped + " is not inherited"));
          }
          continue;
        }
        if (!SourceVersion.isName(name) || name.contains(".")) {
          problems.add(new PackProblem(key, PARAMETERS, line, 0, null,
              "parameter name '" + name + "' is not a Java identifier (letters, digits, _ and $, not"
                  + " starting with a digit, not a Java keyword)"));
          continue;
        }
        if (value.isEmpty()) {
          problems.add(new PackProblem(key, PARAMETERS, line, 0, null, "parameter " + name + " has no value"));
          continue;
        }
        params.put(name, new Parameter(name, value, javaType(value), key, validFrom, line));
      }
    }
    parameters = Collections.unmodifiableMap(params);
    if (!params.isEmpty()) {
      all.add(new Unit(PARAMETERS, functions(namespace, params, paramText), Set.of(), true));
    }
    units = List.copyOf(all);

    // 4. the effective rules and functions: the first unit naming one, unless it drops it
    Map<String, Site> r = new LinkedHashMap<>();
    Map<String, Site> fn = new LinkedHashMap<>();
    for (Unit u : units) {
      sites(u, RULE).forEach((name, site) -> {
        if (!u.dropped().contains(name)) {
          r.putIfAbsent(name, site);
        }
      });
      sites(u, FUNCTION).forEach((name, site) -> {
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
        problems.add(new PackProblem(key, clash.path(), clash.line(), 0, null,
            "function " + p.name() + " has the name of a parameter (" + p.setBy() + " " + PARAMETERS + ")"));
      }
    }

    // 5. the catalogue: inherited, overlaid key by key
    catalogue = catalogue(key, parent == null ? null : parent.catalogue, folder.text(Catalogue.FILE), problems);
    digest = digest(this, declarations);
  }

  /**
   * Resolves every folder against the one it inherits from: the previous folder of the same pack
   * id by {@code validFrom} (then version), unless its manifest says {@code inherit=false}.
   * {@code declarations} are the fact declarations of the trees ({@code <id>/types.yaml} to text),
   * which the digests cover. The result keeps the order of {@code folders}.
   */
  static List<PackVersion> resolve(List<PackFolder> folders, Map<String, String> declarations) {
    Map<String, List<PackFolder>> byId = new TreeMap<>();
    for (PackFolder f : folders) {
      byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
    }
    Map<PackFolder, PackVersion> done = new java.util.IdentityHashMap<>();
    for (List<PackFolder> versions : byId.values()) {
      versions.sort(LINEAGE_ORDER);
      PackVersion previous = null;
      for (PackFolder f : versions) {
        PackVersion parent = inherits(f) ? previous : null;
        previous = new PackVersion(f, parent, declarations);
        done.put(f, previous);
      }
    }
    return folders.stream().map(done::get).toList();
  }

  /** Folders of one pack in inheritance order: by validFrom as written, then version. */
  static final Comparator<PackFolder> LINEAGE_ORDER =
      Comparator.comparing((PackFolder f) -> properties(f.text(PackManifest.FILE)).getProperty("validFrom", "").strip())
          .thenComparing(PackFolder::version);

  /** False when the folder's manifest says {@code inherit=false}. */
  static boolean inherits(PackFolder f) {
    return !"false".equalsIgnoreCase(properties(f.text(PackManifest.FILE)).getProperty("inherit", "true").strip());
  }

  PackFolder folder() {
    return folder;
  }

  String key() {
    return folder.key();
  }

  /** The version this one inherits from, or null. */
  PackVersion parent() {
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

  /** The effective functions by name (parameter functions included). */
  Map<String, Site> functions() {
    return functions;
  }

  /** The effective parameters by name. */
  Map<String, Parameter> parameters() {
    return parameters;
  }

  /** The rules {@code pack.properties} removes from the inherited ones. */
  List<String> removes() {
    return removes;
  }

  /** The effective catalogue entries, or null when no version of the lineage has a catalogue. */
  Properties catalogue() {
    return catalogue;
  }

  /** {@code sha256:} and the hex SHA-256 of what the version takes effect with (see {@link #digestEntries}). */
  String digest() {
    return digest;
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
        s.forEach((name, site) -> {
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

  // --- digest -----------------------------------------------------------------------------

  /**
   * What the digest covers, in order: the version's own files, then each ancestor's inherited
   * files (nearest first; every file but {@code pack.properties}, {@code README.md} and {@code
   * CHANGES.md} is inherited, and an ancestor's manifest counts too since its {@code removes}
   * shape what is inherited), each path prefixed by its version; then the {@code types.yaml} of
   * every pack folder one of whose declared classes is named in the rule files ({@code .drl},
   * top-level {@code .csv}) of the version or an ancestor, all of them when one of those is a
   * spreadsheet ({@code .xlsx}, which is not read as text). rules-audit's PackLibrary computes the
   * same.
   */
  static List<Map.Entry<String, byte[]>> digestEntries(PackVersion v, Map<String, String> declarations) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    StringBuilder ruleText = new StringBuilder();
    boolean spreadsheet = false;
    for (PackVersion a = v; a != null; a = a.parent) {
      for (Map.Entry<String, byte[]> f : a.folder.files().entrySet()) {
        String path = f.getKey();
        if (a != v && (path.equals("README.md") || path.equals("CHANGES.md"))) {
          continue;
        }
        entries.add(Map.entry(a.folder.version() + "/" + path, f.getValue()));
        if (path.endsWith(".drl") || (!path.contains("/") && path.endsWith(".csv"))) {
          ruleText.append(new String(f.getValue(), StandardCharsets.UTF_8)).append('\n');
        } else if (!path.contains("/") && path.endsWith(".xlsx")) {
          spreadsheet = true;
        }
      }
    }
    String text = ruleText.toString();
    for (Map.Entry<String, String> d : new TreeMap<>(declarations).entrySet()) {
      if (!d.getKey().endsWith("/types.yaml")) {
        continue;
      }
      boolean used = spreadsheet;
      Matcher m = CLASS.matcher(d.getValue());
      while (!used && m.find()) {
        used = Pattern.compile("(?<![\\w$])" + Pattern.quote(m.group(1)) + "(?![\\w$])").matcher(text).find();
      }
      if (used) {
        entries.add(Map.entry(d.getKey(), d.getValue().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return entries;
  }

  private static String digest(PackVersion v, Map<String, String> declarations) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : digestEntries(v, declarations)) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(e.getValue());
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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

  private static String javaType(String value) {
    if (INTEGER.matcher(value).matches()) {
      return "int";
    }
    if (DECIMAL.matcher(value).matches()) {
      return "java.math.BigDecimal";
    }
    if (DATE.matcher(value).matches()) {
      try {
        LocalDate.parse(value);
        return "java.time.LocalDate";
      } catch (DateTimeParseException e) {
        return "String";
      }
    }
    return "String";
  }

  /**
   * The parameter functions in the version's package; a parameter set by this version is written
   * on the line of its key in {@code parameters.properties}, so a compile error points there.
   */
  private static String functions(String namespace, Map<String, Parameter> params, String ownText) {
    List<String> lines = new ArrayList<>();
    int own = ownText == null ? 0 : (int) ownText.lines().count();
    for (int i = 0; i < Math.max(own, 1); i++) {
      lines.add("");
    }
    lines.set(0, namespace.isEmpty() ? "" : "package " + namespace + ";");
    for (Parameter p : params.values()) {
      String fn = "function " + p.javaType() + " " + p.name() + "() { return " + p.expression() + "; }";
      int at = ownText != null && p.line() > 1 && p.line() <= lines.size() && lines.get(p.line() - 1).isEmpty()
          && isOwn(p, params, ownText) ? p.line() - 1 : -1;
      if (at >= 0) {
        lines.set(at, fn);
      } else {
        lines.add(fn);
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static boolean isOwn(Parameter p, Map<String, Parameter> params, String ownText) {
    return lineOfKey(ownText, p.name()) == p.line();
  }

  private static Properties catalogue(
      String key, Properties inherited, String ownText, List<PackProblem> problems) {
    if (inherited == null && ownText == null) {
      return null;
    }
    Properties out = new Properties();
    if (inherited != null) {
      out.putAll(inherited);
    }
    if (ownText == null) {
      return out;
    }
    Properties own = properties(ownText, Catalogue.FILE, key, problems);
    Set<String> replacedLists = new LinkedHashSet<>();
    for (String k : new TreeSet<>(own.stringPropertyNames())) {
      Matcher m = CATALOGUE_ENTRY.matcher(k);
      if (!m.matches()) {
        continue;
      }
      String entry = m.group(1) + "." + m.group(2) + ".";
      if (m.group(3).equals("removed")) {
        String v = own.getProperty(k).strip();
        if (!v.equals("true") && !v.equals("false")) {
          problems.add(new PackProblem(key, Catalogue.FILE, lineOfKey(ownText, k), 0, null,
              k + " must be true or false but was '" + v + "'"));
        } else if (v.equals("true")) {
          boolean had = out.stringPropertyNames().stream().anyMatch(x -> x.startsWith(entry));
          if (inherited == null || !had) {
            problems.add(new PackProblem(key, Catalogue.FILE, lineOfKey(ownText, k), 0, null,
                k + ": " + m.group(1) + " " + m.group(2) + " is not inherited"));
          }
          out.stringPropertyNames().stream().filter(x -> x.startsWith(entry)).toList().forEach(out::remove);
        }
      } else if (m.group(3).startsWith("basis.") && replacedLists.add(entry)) {
        out.stringPropertyNames().stream().filter(x -> x.startsWith(entry + "basis.")).toList().forEach(out::remove);
      }
    }
    for (String k : own.stringPropertyNames()) {
      if (!k.endsWith(".removed")) {
        out.setProperty(k, own.getProperty(k));
      }
    }
    return out;
  }

  /** The 1-based line of {@code key}'s entry in a properties text, or 0. */
  static int lineOfKey(String text, String key) {
    if (text == null) {
      return 0;
    }
    Matcher m = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(key) + "[ \\t]*[=:]").matcher(text);
    return m.find() ? PackLinter.lineAt(text, m.start()) : 0;
  }

  private static Properties properties(String text) {
    Properties p = new Properties();
    if (text != null) {
      try {
        p.load(new StringReader(text));
      } catch (IOException | IllegalArgumentException e) {
        // the manifest's own reading reports it
      }
    }
    return p;
  }

  private static Properties properties(String text, String file, String key, List<PackProblem> problems) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(new PackProblem(key, file, 0, 0, null, "cannot read: " + e.getMessage()));
    }
    return p;
  }

  private static LocalDate date(String text) {
    try {
      return text == null ? null : LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String s : text.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "PackVersion[" + key() + (parent == null ? "" : " < " + parent.key()) + "]";
  }

  /** For records of several kinds: the sorted file map of a folder. */
  static SortedMap<String, byte[]> files(PackFolder f) {
    return f.files();
  }
}
