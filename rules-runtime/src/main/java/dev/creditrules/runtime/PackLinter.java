package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Collection;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Checks a compiled pack beyond what the compiler checks. Analysts' packs are code that runs inside
 * services, so this lint is the sandbox: DRL may use the project's fact and conclusion types,
 * {@code java.time}, {@code java.math} and the {@code java.util} collections, and nothing that
 * reaches the system, threads, reflection, files, the network, class loading or the engine itself.
 * It also requires every rule's metadata (what it concludes, its sector, its legal basis) and keeps
 * the catalogue and the rules in agreement.
 */
final class PackLinter {
  /** Metadata keys naming what a rule concludes; one of them is required. */
  static final List<String> CONCLUSION_KEYS = List.of("measure", "procedure", "record");

  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+(?:function\\s+|static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;?\\s*$");
  private static final List<Pattern> ALLOWED_IMPORTS =
      List.of(
          Pattern.compile("dev\\.creditrules\\.api(\\.[\\w]+)*(\\.\\*)?"),
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
    forbid("\\b(Thread|ThreadLocal|Executors?|ExecutorService|ForkJoinPool|CompletableFuture|Timer)\\b",
        "threads and executors are not allowed in rules");
    forbid("\\bsynchronized\\b", "locking is not allowed in rules");
    forbid("\\b(ClassLoader|Class\\s*\\.\\s*forName|getClass|getClassLoader|loadClass)\\b",
        "class loading is not allowed in rules");
    forbid("\\b(reflect|getDeclared\\w*|getMethods?|getFields?|setAccessible|invoke|MethodHandles?)\\b",
        "reflection is not allowed in rules");
    forbid("\\b(File|Files|Path|Paths|FileSystems?|RandomAccessFile|\\w*InputStream|\\w*OutputStream"
            + "|\\w*Reader|\\w*Writer|Scanner|Console)\\b", "file and stream access is not allowed in rules");
    forbid("\\b(Socket|ServerSocket|URL|URI|HttpClient|HttpURLConnection|InetAddress|DatagramSocket)\\b",
        "network access is not allowed in rules");
    forbid("\\b(ServiceLoader|ResourceBundle|Properties|SecurityManager|Unsafe|Native)\\b",
        "this JDK facility is not available to rules");
    forbid("\\b(kcontext|getKieRuntime|getKnowledgeRuntime|getWorkingMemory|getKieBase|getEntryPoint"
            + "|getChannels?|halt)\\b", "rules may not reach into the engine");
    forbid("(?<![$\\w.])(java|javax|jdk|sun|com|org|net)\\s*\\.\\s*(?!time\\b|util\\s*\\.\\s*(List|ArrayList|Map|HashMap|Set|HashSet|Collections|Objects|Optional|Arrays)\\b|math\\b)\\w+",
        "fully qualified names outside java.time, java.math and the java.util collections are not allowed");
    forbid("(?m)^\\s*global\\b", "globals are not allowed: rules read facts and insert conclusions");
  }

  private static void forbid(String regex, String reason) {
    FORBIDDEN.put(Pattern.compile(regex), reason);
  }

  private static final Pattern HIT_MEASURE = Pattern.compile("new\\s+Hit\\s*\\(\\s*\"([^\"]+)\"|Hit\\s*\\.\\s*of\\s*\\(\\s*\"([^\"]+)\"");
  private static final Pattern PROCEDURE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*-R-\\d+)\"");

  private PackLinter() {}

  /** The metadata and catalogue checks, on a pack that compiled. */
  static void lint(
      PackFolder folder, Catalogue catalogue, Collection<KiePackage> packages, List<PackProblem> problems) {
    String key = folder.key();
    Set<String> declaredMeasures = new TreeSet<>();
    Set<String> declaredProcedures = new TreeSet<>();
    Map<String, String> fileOfRule = new TreeMap<>();
    folder.drlFiles().forEach((file, text) -> {
      Matcher m = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"").matcher(text);
      while (m.find()) {
        fileOfRule.put(m.group(1), file);
      }
    });
    for (var pkg : packages) {
      for (Rule rule : pkg.getRules()) {
        String file = fileOfRule.getOrDefault(rule.getName(), "");
        int line = lineOfRule(folder, file, rule.getName());
        Map<String, Object> meta = rule.getMetaData();
        boolean names = false;
        for (String k : CONCLUSION_KEYS) {
          Object v = meta.get(k);
          if (v != null) {
            names = true;
            String id = unquote(v);
            if (k.equals("measure")) {
              declaredMeasures.add(id);
              if (!catalogue.measures().containsKey(id)) {
                problems.add(new PackProblem(key, file, line, 0, rule.getName(),
                    "@measure(\"" + id + "\") is not in " + Catalogue.FILE));
              }
            } else if (k.equals("procedure")) {
              declaredProcedures.add(id);
              if (!catalogue.procedures().containsKey(id)) {
                problems.add(new PackProblem(key, file, line, 0, rule.getName(),
                    "@procedure(\"" + id + "\") is not in " + Catalogue.FILE));
              }
            }
          }
        }
        if (!names) {
          problems.add(new PackProblem(key, file, line, 0, rule.getName(),
              "rule carries no @measure, @procedure or @record metadata naming what it concludes"));
        }
        Object sector = meta.get("sector");
        String packSector = folder.text(PackManifest.FILE) == null ? null : sectorOf(folder);
        if (sector == null || unquote(sector).isBlank()) {
          problems.add(new PackProblem(key, file, line, 0, rule.getName(),
              "rule carries no @sector metadata (this pack's sector is '" + packSector + "')"));
        } else if (packSector != null && !unquote(sector).equals(packSector)) {
          problems.add(new PackProblem(key, file, line, 0, rule.getName(),
              "@sector(\"" + unquote(sector) + "\") differs from the pack's sector '" + packSector + "'"));
        }
        Object basis = meta.get("basis");
        if (basis == null || unquote(basis).isBlank()) {
          problems.add(new PackProblem(key, file, line, 0, rule.getName(),
              "rule carries no @basis metadata citing its legal basis"));
        }
      }
    }
    Set<String> emitted = new TreeSet<>();
    Set<String> procedures = new TreeSet<>();
    folder.drlFiles().forEach((file, text) -> {
      Matcher hit = HIT_MEASURE.matcher(text);
      while (hit.find()) {
        String id = hit.group(1) != null ? hit.group(1) : hit.group(2);
        emitted.add(id);
        if (!catalogue.measures().containsKey(id)) {
          int line = lineAt(text, hit.start());
          problems.add(new PackProblem(key, file, line, 0, PackCompiler.ruleAt(text, line),
              "emits measure " + id + ", which is not in " + Catalogue.FILE));
        }
      }
      Matcher proc = PROCEDURE_LITERAL.matcher(text);
      while (proc.find()) {
        procedures.add(proc.group(1));
        if (!catalogue.procedures().containsKey(proc.group(1))) {
          int line = lineAt(text, proc.start());
          problems.add(new PackProblem(key, file, line, 0, PackCompiler.ruleAt(text, line),
              "names repair procedure " + proc.group(1) + ", which is not in " + Catalogue.FILE));
        }
      }
    });
    for (String id : catalogue.measures().keySet()) {
      if (!emitted.contains(id)) {
        problems.add(new PackProblem(key, Catalogue.FILE, 0, 0, null,
            "measure " + id + " is in the catalogue but no rule emits it"));
      }
    }
    for (String id : catalogue.procedures().keySet()) {
      if (!procedures.contains(id)) {
        problems.add(new PackProblem(key, Catalogue.FILE, 0, 0, null,
            "procedure " + id + " is in the catalogue but no rule names it"));
      }
    }
  }

  /** The sandbox checks of one DRL file. */
  static void sandbox(String key, String file, String text, List<PackProblem> problems) {
    Matcher imp = IMPORT.matcher(text);
    while (imp.find()) {
      String name = imp.group(1);
      if (ALLOWED_IMPORTS.stream().noneMatch(p -> p.matcher(name).matches())) {
        int line = lineAt(text, imp.start(1));
        problems.add(new PackProblem(key, file, line, column(text, imp.start(1)), null,
            "import " + name + " reaches outside the fact model (allowed: dev.creditrules.api, "
                + "dev.creditrules.facts, "
                + "java.time, java.math, the java.util collections)"));
      }
    }
    String code = blankCommentsAndStrings(text);
    String withoutImports = IMPORT.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
    for (Map.Entry<Pattern, String> f : FORBIDDEN.entrySet()) {
      Matcher m = f.getKey().matcher(withoutImports);
      while (m.find()) {
        int line = lineAt(text, m.start());
        problems.add(new PackProblem(key, file, line, column(text, m.start()),
            PackCompiler.ruleAt(text, line), f.getValue() + " ('" + m.group().strip() + "')"));
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
        while (i < b.length() && !(b.charAt(i) == '*' && i + 1 < b.length() && b.charAt(i + 1) == '/')) {
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

  private static String sectorOf(PackFolder folder) {
    java.util.Properties p = new java.util.Properties();
    try {
      p.load(new java.io.StringReader(folder.text(PackManifest.FILE)));
    } catch (java.io.IOException e) {
      return null;
    }
    String s = p.getProperty("sector");
    return s == null ? null : s.strip();
  }

  /** A metadata value without the quotes some Drools builds keep. */
  static String unquote(Object v) {
    String s = String.valueOf(v).strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static int lineOfRule(PackFolder folder, String file, String rule) {
    String text = folder.drlFiles().get(file);
    if (text == null) {
      return 0;
    }
    Matcher m = Pattern.compile("(?m)^\\s*rule\\s+\"" + Pattern.quote(rule) + "\"").matcher(text);
    return m.find() ? lineAt(text, m.start()) : 0;
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

  private static int column(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - start + 1;
  }
}
