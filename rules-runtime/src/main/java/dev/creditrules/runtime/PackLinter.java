package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.pack.tree.ResolvedFolder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Checks a compiled pack beyond what the compiler checks. Analysts' packs are code that runs inside
 * services, so this lint is the sandbox: DRL may use the project's fact and conclusion types,
 * {@code java.time}, {@code java.math} and the {@code java.util} collections, and nothing that
 * reaches the system, threads, reflection, files, the network, class loading or the engine itself.
 * It also keeps the rules and the catalogue in agreement: every rule names exactly one of {@code
 * @measure}, {@code @procedure} or {@code @record}; a rule naming a measure or procedure writes no
 * {@code @sector} or {@code @basis} (the manifest and the catalogue hold them) and no constant
 * {@code verified} flag; every named measure or procedure is in the version's effective catalogue
 * and every catalogue entry is named by some rule; every parameter is read.
 */
final class PackLinter {
  /** Metadata keys naming what a rule concludes; one of them is required. */
  static final List<String> CONCLUSION_KEYS = List.of("measure", "procedure", "record");

  private static final Pattern IMPORT =
      Pattern.compile(
          "(?m)^\\s*import\\s+(?:function\\s+|static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;?\\s*$");
  private static final List<Pattern> ALLOWED_IMPORTS =
      List.of(
          Pattern.compile("dev\\.creditrules\\.api(\\.[\\w]+)*(\\.\\*)?"),
          // what rules see and conclude (Context, Judged, Hit, ...) and Periods; not pack.tree
          Pattern.compile("dev\\.creditrules\\.pack\\.(\\w+|\\*)"),
          // the classes generated from the fact declarations (FactClasses)
          Pattern.compile("dev\\.creditrules\\.facts\\.(\\w+|\\*)"),
          Pattern.compile("java\\.time(\\.[\\w]+)*(\\.\\*)?"),
          Pattern.compile("java\\.math\\.(BigDecimal|BigInteger|RoundingMode|\\*)"),
          Pattern.compile(
              "java\\.util\\.(List|ArrayList|LinkedList|Map|HashMap|LinkedHashMap|TreeMap|Set|HashSet"
                  + "|LinkedHashSet|TreeSet|Collection|Collections|Comparator|Objects|Optional|Arrays"
                  + "|Iterator|\\*)"));

  /** Forbidden in code (comments and string literals are blanked first), with the reason. */
  private static final Map<Pattern, String> FORBIDDEN = new java.util.LinkedHashMap<>();

  static {
    forbid("\\bSystem\\b", "System (console, environment, clock, exit) is not available to rules");
    forbid("\\bRuntime\\b", "Runtime (processes, exit, memory) is not available to rules");
    forbid("\\b(Process|ProcessBuilder|ProcessHandle)\\b", "starting processes is not allowed");
    forbid(
        "\\b(Thread|ThreadLocal|Executors?|ExecutorService|ForkJoinPool|CompletableFuture|Timer)\\b",
        "threads and executors are not allowed in rules");
    forbid("\\bsynchronized\\b", "locking is not allowed in rules");
    forbid(
        "\\b(ClassLoader|Class\\s*\\.\\s*forName|getClass|getClassLoader|loadClass)\\b",
        "class loading is not allowed in rules");
    forbid(
        "\\b(reflect|getDeclared\\w*|getMethods?|getFields?|setAccessible|invoke|MethodHandles?)\\b",
        "reflection is not allowed in rules");
    forbid(
        "\\b(File|Files|Path|Paths|FileSystems?|RandomAccessFile|\\w*InputStream|\\w*OutputStream"
            + "|\\w*Reader|\\w*Writer|Scanner|Console)\\b",
        "file and stream access is not allowed in rules");
    forbid(
        "\\b(Socket|ServerSocket|URL|URI|HttpClient|HttpURLConnection|InetAddress|DatagramSocket)\\b",
        "network access is not allowed in rules");
    forbid(
        "\\b(ServiceLoader|ResourceBundle|Properties|SecurityManager|Unsafe|Native)\\b",
        "this JDK facility is not available to rules");
    forbid(
        "\\b(kcontext|getKieRuntime|getKnowledgeRuntime|getWorkingMemory|getKieBase|getEntryPoint"
            + "|getChannels?|halt)\\b",
        "rules may not reach into the engine");
    forbid(
        "(?<![$\\w.])(java|javax|jdk|sun|com|org|net)\\s*\\.\\s*(?!time\\b|util\\s*\\.\\s*(List|ArrayList|Map|HashMap|Set|HashSet|Collections|Objects|Optional|Arrays)\\b|math\\b)\\w+",
        "fully qualified names outside java.time, java.math and the java.util collections are not allowed");
    forbid(
        "(?m)^\\s*global\\b", "globals are not allowed: rules read facts and insert conclusions");
  }

  private static void forbid(String regex, String reason) {
    FORBIDDEN.put(Pattern.compile(regex), reason);
  }

  private static final Pattern CONSTRUCTION =
      Pattern.compile("\\bnew\\s+(Hit|RepairHit)\\s*\\(|\\b(Hit)\\s*\\.\\s*of\\s*\\(");

  private PackLinter() {}

  /**
   * The metadata, catalogue and parameter checks, on a version that compiled ({@code packages} are
   * its effective rules). Every problem names the file and line of the rule, entry or construction
   * it is about; an inherited rule is named in its ancestor's file ({@code ../<version>/<file>}).
   */
  static void lint(
      PackVersion version,
      PackManifest manifest,
      Catalogue catalogue,
      Collection<KiePackage> packages,
      FactModel model,
      List<PackProblem> problems) {
    String key = version.key();
    Set<String> namedMeasures = new TreeSet<>();
    Set<String> namedProcedures = new TreeSet<>();
    Map<String, Map<String, Object>> metaOf = new TreeMap<>();
    for (var pkg : packages) {
      for (Rule rule : pkg.getRules()) {
        metaOf.put(rule.getName(), rule.getMetaData());
      }
    }
    for (Map.Entry<String, Map<String, Object>> r : metaOf.entrySet()) {
      String name = r.getKey();
      Map<String, Object> meta = r.getValue();
      PackVersion.Site site = version.rules().get(name);
      String file = site == null ? "" : site.path();
      int line = site == null ? 0 : site.line();
      List<String> names = CONCLUSION_KEYS.stream().filter(meta::containsKey).toList();
      if (names.isEmpty()) {
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                0,
                name,
                "rule carries no @measure, @procedure or @record metadata naming what it concludes"));
      } else if (names.size() > 1) {
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                0,
                name,
                "rule names "
                    + names.stream()
                        .map(n -> "@" + n)
                        .collect(java.util.stream.Collectors.joining(" and "))
                    + ": a rule concludes exactly one of @measure, @procedure or @record"));
      }
      Object measure = meta.get("measure");
      Object procedure = meta.get("procedure");
      if (measure != null) {
        String id = unquote(measure);
        namedMeasures.add(id);
        if (!catalogue.measures().containsKey(id)) {
          problems.add(
              new PackProblem(
                  key,
                  file,
                  line,
                  0,
                  name,
                  "@measure(\"" + id + "\") is not in " + Catalogue.FILE));
        }
      }
      if (procedure != null) {
        List<String> ids = Catalogue.idsNamed(unquote(procedure));
        for (String id : ids) {
          namedProcedures.add(id);
          Catalogue.Procedure p = catalogue.procedures().get(id);
          if (p == null) {
            problems.add(
                new PackProblem(
                    key,
                    file,
                    line,
                    0,
                    name,
                    "@procedure(\"" + id + "\") is not in " + Catalogue.FILE));
          } else if (ids.size() > 1 && p.when().isEmpty()) {
            problems.add(
                new PackProblem(
                    key,
                    file,
                    line,
                    0,
                    name,
                    "the rule names several procedures, so "
                        + id
                        + " needs procedure."
                        + id
                        + ".when.<field>=<values> in "
                        + Catalogue.FILE
                        + " (which records it is for)"));
          }
        }
      }
      boolean catalogued = measure != null || procedure != null;
      Object sector = meta.get("sector");
      if (catalogued && sector != null) {
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                0,
                name,
                "@sector is not written on a rule that names a "
                    + (measure != null ? "@measure" : "@procedure")
                    + ": the decision takes the sector from "
                    + PackManifest.FILE
                    + " ('"
                    + manifest.sector()
                    + "')"));
      } else if (sector != null && !unquote(sector).equals(manifest.sector())) {
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                0,
                name,
                "@sector(\""
                    + unquote(sector)
                    + "\") differs from the pack's sector '"
                    + manifest.sector()
                    + "'"));
      }
      if (catalogued && meta.get("basis") != null) {
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                0,
                name,
                "@basis is not written on a rule that names a "
                    + (measure != null ? "@measure" : "@procedure")
                    + ": the decision takes the basis from "
                    + Catalogue.FILE
                    + " (measure."
                    + "/procedure.<id>.basis.N)"));
      }
      if (site != null) {
        constructions(key, site, measure != null, procedure != null, problems);
      }
    }
    for (String id : catalogue.measures().keySet()) {
      if (!namedMeasures.contains(id)) {
        problems.add(
            new PackProblem(
                key,
                Catalogue.FILE,
                entryLine(version, "measure." + id + "."),
                0,
                null,
                "measure " + id + " is in the catalogue but no rule names it in @measure"));
      }
    }
    for (String id : catalogue.procedures().keySet()) {
      if (!namedProcedures.contains(id)) {
        problems.add(
            new PackProblem(
                key,
                Catalogue.FILE,
                entryLine(version, "procedure." + id + "."),
                0,
                null,
                "procedure " + id + " is in the catalogue but no rule names it in @procedure"));
      }
    }
    parameters(version, problems);
    gradeTable(version, model, problems);
  }

  /**
   * A rule that constructs a {@code Hit} (or {@code RepairHit}) in its own consequence must name
   * the measure (procedure) the runtime gives it, and the constructors take none.
   */
  private static void constructions(
      String key,
      PackVersion.Site site,
      boolean measure,
      boolean procedure,
      List<PackProblem> problems) {
    String text = site.text();
    String code = blankCommentsAndStrings(text);
    int then = indexOfWord(code, "then");
    if (then < 0) {
      return;
    }
    Matcher m = CONSTRUCTION.matcher(code);
    int from = then;
    while (from < code.length() && m.find(from)) {
      from = m.end();
      String type = m.group(1) != null ? m.group(1) : m.group(2);
      int line = site.line() + lineAt(text, m.start()) - 1;
      if (type.equals("Hit") && !measure) {
        problems.add(
            new PackProblem(
                key,
                site.path(),
                line,
                0,
                ruleName(site),
                "inserts a Hit but names no @measure: the Hit's measure is the rule's @measure"));
      } else if (type.equals("RepairHit") && !procedure) {
        problems.add(
            new PackProblem(
                key,
                site.path(),
                line,
                0,
                ruleName(site),
                "inserts a RepairHit but names no @procedure: the RepairHit's procedure is the rule's @procedure"));
      }
    }
  }

  private static @Nullable String ruleName(PackVersion.Site site) {
    Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(site.text());
    return m.find() ? m.group(1) : null;
  }

  private static int indexOfWord(String code, String word) {
    Matcher m = Pattern.compile("(?<![\\w$.])" + word + "(?![\\w$])").matcher(code);
    return m.find() ? m.start() : -1;
  }

  /**
   * Checked on the text before compiling (the old constructors do not compile, and this says why):
   * constructions of conclusions in the effective rule sources: a measure or procedure id as the
   * first argument (the rule's metadata names it now), and a constant {@code verified} argument (a
   * constant belongs in the catalogue: {@code true} is the default, {@code false} is the
   * catalogue's {@code verified=false}).
   */
  static void conclusions(PackVersion version, List<PackProblem> problems) {
    String key = version.key();
    for (Map.Entry<PackVersion.Unit, String> e : version.effectiveTexts().entrySet()) {
      if (e.getKey().generated()) {
        continue;
      }
      String raw = e.getValue();
      String code = blankCommentsAndStrings(raw);
      Matcher m = CONSTRUCTION.matcher(code);
      while (m.find()) {
        boolean of = m.group(2) != null;
        String type = of ? "Hit" : m.group(1);
        List<int[]> args = arguments(code, m.end());
        if (args == null) {
          continue;
        }
        int line = lineAt(raw, m.start());
        String file = e.getKey().path();
        String rule = PackCompiler.ruleAt(e.getKey().text(), line);
        if (!args.isEmpty()
            && raw.substring(args.get(0)[0], args.get(0)[1]).strip().startsWith("\"")
            && (type.equals("Hit")
                || args.size() >= 2
                    && raw.substring(args.get(1)[0], args.get(1)[1]).strip().startsWith("\""))) {
          problems.add(
              new PackProblem(
                  key,
                  file,
                  line,
                  column(raw, m.start()),
                  rule,
                  (of ? "Hit.of" : "new " + type)
                      + " names its "
                      + (type.equals("Hit") ? "measure" : "procedure")
                      + ": write "
                      + (type.equals("Hit")
                          ? "new Hit(start, until, facts)"
                          : "new RepairHit(fact, status, earliest, unmet)")
                      + "; the "
                      + (type.equals("Hit") ? "measure" : "procedure")
                      + " is the rule's @"
                      + (type.equals("Hit") ? "measure" : "procedure")));
          continue;
        }
        int withVerified = type.equals("Hit") ? 4 : 5;
        if (!of && args.size() == withVerified) {
          int[] last = args.get(args.size() - 1);
          String literal = code.substring(last[0], last[1]).strip();
          if (literal.equals("false")) {
            problems.add(
                new PackProblem(
                    key,
                    file,
                    lineAt(raw, last[0]),
                    column(raw, last[0]),
                    rule,
                    "new "
                        + type
                        + "(…, false): a constant verified flag belongs in "
                        + Catalogue.FILE
                        + " (verified=false on the "
                        + (type.equals("Hit") ? "measure" : "procedure")
                        + "); pass a flag here only when it is computed per conclusion"));
          } else if (literal.equals("true")) {
            problems.add(
                new PackProblem(
                    key,
                    file,
                    lineAt(raw, last[0]),
                    column(raw, last[0]),
                    rule,
                    "new "
                        + type
                        + "(…, true): a conclusion is verified unless "
                        + Catalogue.FILE
                        + " says otherwise; leave the flag out"));
          }
        }
      }
    }
  }

  private static final Pattern PATTERN_TYPE = Pattern.compile("(?<![\\w$.])([A-Z]\\w*)\\s*\\(");
  private static final Pattern COMPARED =
      Pattern.compile(
          "(?<![\\w$.])(\\w+)\\s*(?:==|!=|contains|not\\s+contains)\\s*(\"[^\"\\n]*\")");
  private static final Pattern IN =
      Pattern.compile("(?<![\\w$.])(\\w+)\\s+(?:not\\s+)?in\\s*\\(([^)]*)\\)");
  private static final Pattern EQUALS_CALL =
      Pattern.compile(
          "(\"[^\"\\n]*\")\\s*\\.\\s*equals\\s*\\(\\s*[\\w$]+\\s*\\.\\s*(\\w+)\\s*\\(\\s*\\)\\s*\\)");
  private static final Pattern LITERAL = Pattern.compile("\"([^\"\\n]*)\"");

  /**
   * Checked on the text before compiling: a text literal compared with a declared enumeration field
   * must be one of its values (the fact declarations list them), or the comparison could never
   * hold. In a pattern of a declared fact type ({@code severity == "GENRAL"}, {@code severity in
   * ("MINOR", "GENRAL")}, {@code kinds contains "FIN"}), and in {@code
   * "GENRAL".equals(p.severity())} when no declared type has that value for a field of that name.
   * The problem is at the literal, with "did you mean" and the values.
   */
  static void enumerations(PackVersion version, FactModel model, List<PackProblem> problems) {
    if (model == null) {
      return;
    }
    Map<String, FactTypeDecl> byClass = new java.util.HashMap<>();
    model.types().forEach(t -> byClass.put(t.className(), t));
    for (Map.Entry<PackVersion.Unit, String> e : version.effectiveTexts().entrySet()) {
      PackVersion.Unit unit = e.getKey();
      if (unit.generated()) {
        continue;
      }
      String raw = e.getValue();
      String code = blankCommentsAndStrings(raw);
      List<PackProblem> found = new java.util.ArrayList<>();
      Matcher p = PATTERN_TYPE.matcher(code);
      while (p.find()) {
        FactTypeDecl decl = byClass.get(p.group(1));
        List<int[]> args = decl == null ? null : arguments(code, p.end());
        if (decl == null || args == null || args.isEmpty()) {
          continue;
        }
        String inside = raw.substring(p.end(), args.get(args.size() - 1)[1]);
        Matcher c = COMPARED.matcher(inside);
        while (c.find()) {
          enumValue(version, unit, raw, decl, c.group(1), p.end() + c.start(2), found);
        }
        Matcher in = IN.matcher(inside);
        while (in.find()) {
          Matcher lit = LITERAL.matcher(in.group(2));
          while (lit.find()) {
            enumValue(
                version, unit, raw, decl, in.group(1), p.end() + in.start(2) + lit.start(), found);
          }
        }
      }
      Matcher eq = EQUALS_CALL.matcher(raw);
      while (eq.find()) {
        if (code.charAt(eq.start()) != ' ' || code.charAt(eq.end(1)) == ' ') {
          continue; // inside a comment or a string
        }
        String value = eq.group(1).substring(1, eq.group(1).length() - 1);
        List<FieldDecl> fields = new java.util.ArrayList<>();
        for (FactTypeDecl t : model.types()) {
          for (FieldDecl f : t.fields()) {
            if (f.javaName().equals(eq.group(2)) && !f.values().isEmpty()) {
              fields.add(f);
            }
          }
        }
        if (!fields.isEmpty() && fields.stream().noneMatch(f -> f.values().contains(value))) {
          Set<String> values = new java.util.LinkedHashSet<>();
          fields.forEach(f -> values.addAll(f.values()));
          int at = eq.start(1);
          String hint = FactModelReader.suggestion(value, values);
          found.add(
              new PackProblem(
                  version.key(),
                  unit.path(),
                  lineAt(raw, at),
                  column(raw, at),
                  PackCompiler.ruleAt(raw, lineAt(raw, at)),
                  "\""
                      + value
                      + "\" is not a value of any declared field "
                      + eq.group(2)
                      + (hint != null
                          ? "; did you mean \"" + hint + "\"?"
                          : " (values: " + String.join(", ", values) + ")")));
        }
      }
      for (PackProblem f : found) {
        problems.add(
            unit.table() == null ? f : DecisionTables.locate(f, unit.table(), unit.text()));
      }
    }
  }

  private static void enumValue(
      PackVersion version,
      PackVersion.Unit unit,
      String raw,
      FactTypeDecl decl,
      String field,
      int at,
      List<PackProblem> found) {
    FieldDecl f = null;
    for (FieldDecl d : decl.fields()) {
      if (d.javaName().equals(field)) {
        f = d;
      }
    }
    if (f == null
        || f.values().isEmpty()
        || (f.kind() != FieldKind.ENUMERATION && f.kind() != FieldKind.ENUMERATION_LIST)) {
      return;
    }
    Matcher lit = LITERAL.matcher(raw);
    if (!lit.find(at) || lit.start() != at || f.values().contains(lit.group(1))) {
      return;
    }
    String value = lit.group(1);
    String hint = FactModelReader.suggestion(value, f.values());
    int line = lineAt(raw, at);
    found.add(
        new PackProblem(
            version.key(),
            unit.path(),
            line,
            column(raw, at),
            PackCompiler.ruleAt(raw, line),
            "\""
                + value
                + "\" is not a value of "
                + decl.className()
                + "."
                + f.javaName()
                + (hint != null ? "; did you mean \"" + hint + "\"?" : "")
                + " (values: "
                + String.join(", ", f.values())
                + ")"));
  }

  /** The spans of the top-level arguments of a call whose parenthesis opens before {@code from}. */
  private static @Nullable List<int[]> arguments(String code, int from) {
    List<int[]> out = new java.util.ArrayList<>();
    int depth = 1;
    int start = from;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          if (!code.substring(start, i).isBlank() || !out.isEmpty()) {
            out.add(new int[] {start, i});
          }
          return out;
        }
      } else if (c == ',' && depth == 1) {
        out.add(new int[] {start, i});
        start = i + 1;
      }
    }
    return null;
  }

  /** Every parameter must be read by some rule or function of the version. */
  private static void parameters(PackVersion version, List<PackProblem> problems) {
    if (version.parameters().isEmpty()) {
      return;
    }
    StringBuilder code = new StringBuilder();
    version
        .effectiveTexts()
        .forEach(
            (u, text) -> {
              if (!u.generated()) {
                code.append(blankCommentsAndStrings(text)).append('\n');
              }
            });
    String all = code.toString();
    for (ResolvedFolder.Parameter p : version.parameters().values()) {
      if (!Pattern.compile("(?<![\\w$.])" + Pattern.quote(p.name()) + "\\s*\\(")
          .matcher(all)
          .find()) {
        boolean own = p.setBy().equals(version.key());
        problems.add(
            new PackProblem(
                version.key(),
                own
                    ? PackVersion.PARAMETERS
                    : "../"
                        + p.setBy().substring(p.setBy().indexOf('@') + 1)
                        + "/"
                        + PackVersion.PARAMETERS,
                p.line(),
                0,
                null,
                "parameter "
                    + p.name()
                    + " is read by no rule or function of "
                    + version.key()
                    + " (write "
                    + p.name()
                    + "() where its value is meant, or drop it)"));
      }
    }
  }

  /** A grade table's types must be declared grade schemes and its grades their levels. */
  private static void gradeTable(PackVersion version, FactModel model, List<PackProblem> problems) {
    String csv = version.folder().text(PackVersion.GRADE_TABLE);
    if (csv == null || model == null) {
      return;
    }
    String[] lines = csv.split("\r?\n", -1);
    boolean header = false;
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i].strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (!header) {
        header = true;
        continue;
      }
      List<String> cells = GradeTable.cells(text);
      if (cells.size() != GradeTable.COLUMNS.size()) {
        continue;
      }
      String type = cells.get(1).strip();
      FactTypeDecl decl = model.type(type);
      if (decl == null || decl.grade() == null) {
        problems.add(
            new PackProblem(
                version.key(),
                PackVersion.GRADE_TABLE,
                i + 1,
                0,
                cells.get(0).strip(),
                "type '" + type + "' is not a declared grade type"));
        continue;
      }
      for (String g : cells.get(2).strip().split("\\s+")) {
        if (!decl.grade().levels().contains(g)) {
          problems.add(
              new PackProblem(
                  version.key(),
                  PackVersion.GRADE_TABLE,
                  i + 1,
                  0,
                  cells.get(0).strip(),
                  "grade '" + g + "' is not a level of " + type + " " + decl.grade().levels()));
        }
      }
    }
  }

  /** The line of a catalogue entry in the version's own file, or 0 when it is inherited. */
  private static int entryLine(PackVersion version, String prefix) {
    String text = version.folder().text(Catalogue.FILE);
    if (text == null) {
      return 0;
    }
    Matcher m = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(prefix)).matcher(text);
    return m.find() ? lineAt(text, m.start()) : 0;
  }

  /** The sandbox checks of one DRL file. */
  static void sandbox(String key, String file, String text, List<PackProblem> problems) {
    Matcher imp = IMPORT.matcher(text);
    while (imp.find()) {
      String name = imp.group(1);
      if (ALLOWED_IMPORTS.stream().noneMatch(p -> p.matcher(name).matches())) {
        int line = lineAt(text, imp.start(1));
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                column(text, imp.start(1)),
                null,
                "import "
                    + name
                    + " reaches outside the fact model (allowed: dev.creditrules.api, "
                    + "dev.creditrules.pack, dev.creditrules.facts, "
                    + "java.time, java.math, the java.util collections)"));
      }
    }
    String code = blankCommentsAndStrings(text);
    String withoutImports = IMPORT.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
    for (Map.Entry<Pattern, String> f : FORBIDDEN.entrySet()) {
      Matcher m = f.getKey().matcher(withoutImports);
      while (m.find()) {
        int line = lineAt(text, m.start());
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                column(text, m.start()),
                PackCompiler.ruleAt(text, line),
                f.getValue() + " ('" + m.group().strip() + "')"));
      }
    }
  }

  /** The text with comments and string/char literals replaced by spaces (line breaks kept). */
  static String blankCommentsAndStrings(String s) {
    StringBuilder b = new StringBuilder(s);
    int i = 0;
    while (i < b.length()) {
      char c = b.charAt(i);
      if (c == '/' && i + 1 < b.length() && b.charAt(i + 1) == '/') {
        while (i < b.length() && b.charAt(i) != '\n') {
          b.setCharAt(i++, ' ');
        }
      } else if (c == '/' && i + 1 < b.length() && b.charAt(i + 1) == '*') {
        while (i < b.length()
            && !(b.charAt(i) == '*' && i + 1 < b.length() && b.charAt(i + 1) == '/')) {
          if (b.charAt(i) != '\n') {
            b.setCharAt(i, ' ');
          }
          i++;
        }
        for (int k = 0; k < 2 && i < b.length(); k++) {
          b.setCharAt(i++, ' ');
        }
      } else if (c == '"' || c == '\'') {
        b.setCharAt(i++, ' ');
        while (i < b.length() && b.charAt(i) != c && b.charAt(i) != '\n') {
          if (b.charAt(i) == '\\' && i + 1 < b.length()) {
            b.setCharAt(i++, ' ');
          }
          b.setCharAt(i++, ' ');
        }
        if (i < b.length() && b.charAt(i) == c) {
          b.setCharAt(i++, ' ');
        }
      } else {
        i++;
      }
    }
    return b.toString();
  }

  /** A metadata value without the quotes some Drools builds keep. */
  static String unquote(Object v) {
    String s = String.valueOf(v).strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  static int column(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - start + 1;
  }
}
