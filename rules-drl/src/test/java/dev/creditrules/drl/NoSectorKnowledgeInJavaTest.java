package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.pack.tree.FactModelReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java main code names no fact type, field, grade level, sector or code list (issue 11, item 2):
 * all of that is declared in the pack tree and read from there.
 *
 * <p>The test reads what the shipped packs declare — the fact declarations ({@code types.yaml},
 * through {@link FactModelReader}) and the manifests ({@code pack.properties}) — and scans the main
 * Java sources ({@code src/main/java}) of the library modules ({@link #MODULES}: rules-api,
 * rules-pack, rules-json, rules-runtime, rules-testkit, rules-audit, rules-cli, rules-spark,
 * credit-rules-spring-boot-starter). Comments, Javadoc included, are stripped first: documentation
 * may name examples. What remains fails the test, reported as {@code file:line} with the offending
 * token, when
 *
 * <ul>
 *   <li>a string literal, a character literal or a word (or a quoted string) inside a text block
 *       equals a declared fact type name ({@code ADMIN_PENALTY}), a declared class name ({@code
 *       AdminPenalty}), a declared field name other than the common {@code id}, {@code type},
 *       {@code authority} and {@code documentNo} ({@code decidedOn}, {@code year}), an enumeration
 *       code, a {@code oneOf} value, a grade level or a repairable value of any declared type
 *       ({@code MINOR}, {@code market}, {@code RM-01}, {@code C}, {@code GREEN}), or a pack id,
 *       sector or layer written in a manifest ({@code tax-serious}, {@code environment});
 *   <li>a string literal or text block contains a measure or procedure id ({@code GEN-S-05}, {@code
 *       TAX-R-11});
 *   <li>an identifier equals a declared class name or fact type name (field names are ordinary
 *       words as identifiers: a local variable {@code year} is no sector knowledge).
 * </ul>
 *
 * <p>A literal that only repeats the name of the variable of a null check, {@code
 * Objects.requireNonNull(year, "year")}, is not reported: it names a Java variable, and variables
 * may be called like fields. Some words are also words of the contract or of a format: the
 * decision's own field {@code sector}, the keys of the declaration format ({@code grade:}, {@code
 * target:}), a letter used as a letter ({@code 'A'}). Each such use is listed in {@link #ALLOWED}
 * by file and token as written, with the reason it is not sector knowledge; an entry that no longer
 * matches anything fails the test too, so the list stays as narrow as the code.
 *
 * <p>Not scanned, on purpose: rules-benchmarks (its oracle is an independent re-implementation of
 * the shipped packs, kept to cross-check them, so it must name their types and codes), examples
 * (programs showing a caller deciding with the shipped packs), rules-drl (it is the packs) and all
 * test sources (tests exercise the shipped packs by name).
 */
class NoSectorKnowledgeInJavaTest {

  static final Path PACKS = Path.of("src/main/packs");

  /** The repository root, seen from rules-drl (the working directory of its tests). */
  static final Path ROOT = Path.of("..");

  static final List<String> MODULES =
      List.of(
          "rules-api",
          "rules-pack",
          "rules-json",
          "rules-runtime",
          "rules-testkit",
          "rules-audit",
          "rules-cli",
          "rules-spark",
          "credit-rules-spring-boot-starter");

  /** A measure or procedure id: {@code GEN-S-05}, {@code TAX-R-11}, {@code ENV-G-07}. */
  /** A Java-identifier-like word inside a literal. */
  static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static final Pattern MEASURE_ID =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{3}-[A-Z]{1,2}-\\d{2}(?!\\d)");

  /**
   * A use that is not sector knowledge: in {@code file} (relative to the repository root), the
   * literal or identifier {@code token} written as in the source ({@code "sector"} is a string
   * literal, {@code 'A'} a character literal), because {@code why}.
   */
  record Allowed(String file, String token, String why) {}

  private static final String API = "rules-api/src/main/java/dev/creditrules/api/";
  private static final String PACK_TREE = "rules-pack/src/main/java/dev/creditrules/pack/tree/";
  private static final String BOOT =
      "credit-rules-spring-boot-starter/src/main/java/dev/creditrules/spring/boot/";
  private static final String JSON = "rules-json/src/main/java/dev/creditrules/json/";
  private static final String RUNTIME = "rules-runtime/src/main/java/dev/creditrules/runtime/";
  private static final String TESTKIT = "rules-testkit/src/main/java/dev/creditrules/testkit/";
  private static final String SPARK = "rules-spark/src/main/java/dev/creditrules/spark/";
  private static final String AUDIT = "rules-audit/src/main/java/dev/creditrules/audit/";

  private static final String CONTRACT_SECTOR =
      "the decision contract's own field \"sector\" of an outcome and of a repair entry"
          + " (Outcome.sector, Repair.sector), which every pack fills; not ADMIN_PENALTY's field";
  private static final String FORMAT_KEY =
      "a key of the types.yaml format (docs/packs.md, \"Fact types\"): a role of grade:, grant:"
          + " or a check, or the generic message placeholder {target}; the shipped declarations"
          + " merely name their fields like the roles";

  private static final String DISPUTE_ROLE =
      "a key of the dispute: role of the types.yaml format (docs/packs.md, \"Fact types\"), which"
          + " names the fields of a declared type that the runtime reads to mark, withdraw or"
          + " replace a record; the shipped DISPUTE declaration merely names its fields like the"
          + " roles";
  private static final String FIELD_KIND =
      "the key kind: of a field declaration in the types.yaml format (docs/packs.md, \"Fact"
          + " types\"); not CREDIT_COMMITMENT's field";
  private static final String CONTRACT_DISPUTES =
      "a field of an entry of the decision contract's disputes list (Decision.disputes,"
          + " OpenDispute: fact, target, channel, raisedOn, answerDue, ...), which the runtime"
          + " fills from any type's dispute: role; not the DISPUTE fact's field";
  private static final String LOG_RESULT =
      "the decision log record format (RecordFormat): its key \"result\" and value"
          + " DecisionRecord.Result (DECIDED or REJECTED: the request was decided or rejected"
          + " with errors); not DISPUTE's field result or its code";

  static final List<Allowed> ALLOWED =
      List.of(
          new Allowed(
              BOOT + "CreditRulesMetrics.java",
              "\"sanction\"",
              "a value of the meter tag outcome: the contract's list Decision.sanctions, for every"
                  + " pack"),
          new Allowed(
              BOOT + "CreditRulesMetrics.java",
              "\"result\"",
              "the name of the decision timer's tag (decided, invalid, error), not a fact field"),
          new Allowed(
              API + "RequestValidator.java",
              "\"target\"",
              "the generic message placeholder {target} (FactModelReader.GENERIC_PLACEHOLDERS):"
                  + " the id a reference field of any declared type names"),
          new Allowed(
              API + "SubjectIds.java",
              "'A'",
              "ASCII upper-casing of a subject id, c - ('a' - 'A'); a letter, not a grade"),
          new Allowed(JSON + "DecisionWriter.java", "\"sector\"", CONTRACT_SECTOR),
          new Allowed(JSON + "DecisionWriter.java", "\"target\"", CONTRACT_DISPUTES),
          new Allowed(JSON + "DecisionWriter.java", "\"channel\"", CONTRACT_DISPUTES),
          new Allowed(JSON + "DecisionWriter.java", "\"raisedOn\"", CONTRACT_DISPUTES),
          new Allowed(JSON + "DecisionReader.java", "\"sector\"", CONTRACT_SECTOR),
          new Allowed(JSON + "DecisionReader.java", "\"target\"", CONTRACT_DISPUTES),
          new Allowed(JSON + "DecisionReader.java", "\"channel\"", CONTRACT_DISPUTES),
          new Allowed(JSON + "DecisionReader.java", "\"raisedOn\"", CONTRACT_DISPUTES),
          new Allowed(
              JSON + "RequestSchema.java",
              "'A'",
              "the letter range 'A'..'Z' of the characters a JSON pointer token keeps unescaped in"
                  + " a URI fragment (RFC 3986); a letter, not a grade"),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"target\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"grade\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"year\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"publishedOn\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"grantedOn\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"revokedOn\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"newGrade\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"other\"", FORMAT_KEY),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"kind\"", FIELD_KIND),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"channel\"", DISPUTE_ROLE),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"raisedOn\"", DISPUTE_ROLE),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"resolvedOn\"", DISPUTE_ROLE),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"result\"", DISPUTE_ROLE),
          new Allowed(PACK_TREE + "FactModelReader.java", "\"replacement\"", DISPUTE_ROLE),
          new Allowed(
              RUNTIME + "PackManifest.java",
              "\"sector\"",
              "the manifest key sector= of pack.properties (docs/packs.md), read for every pack"),
          new Allowed(
              RUNTIME + "PackLinter.java",
              "\"sector\"",
              "the manifest key sector= and the rule metadata @sector of the pack format, which"
                  + " the lint compares for every pack"),
          new Allowed(
              TESTKIT + "Expectations.java",
              "\"sector\"",
              "a key a case may expect of an outcome or a repair entry: " + CONTRACT_SECTOR),
          new Allowed(
              TESTKIT + "Expectations.java",
              "\"target\"",
              "a key a case may expect of a disputes entry: " + CONTRACT_DISPUTES),
          new Allowed(
              TESTKIT + "Expectations.java",
              "\"channel\"",
              "a key a case may expect of a disputes entry: " + CONTRACT_DISPUTES),
          new Allowed(
              TESTKIT + "Expectations.java",
              "\"raisedOn\"",
              "a key a case may expect of a disputes entry: " + CONTRACT_DISPUTES),
          new Allowed(
              TESTKIT + "DiffReport.java",
              "\"kind\"",
              "the key kind of an outcome or repair change in the JSON diff report (ADDED, REMOVED,"
                  + " CHANGED: PackDiff.Kind); not CREDIT_COMMITMENT's field"),
          new Allowed(AUDIT + "LoggedDecision.java", "\"result\"", LOG_RESULT),
          new Allowed(AUDIT + "LoggedDecision.java", "\"REJECTED\"", LOG_RESULT),
          new Allowed(AUDIT + "RecordFormat.java", "\"result\"", LOG_RESULT),
          new Allowed(AUDIT + "Replayer.java", "\"REJECTED\"", LOG_RESULT),
          new Allowed(
              SPARK + "FlatTables.java",
              "\"sector\"",
              "a column of the flattened outcomes and repairs: " + CONTRACT_SECTOR));

  /** What a forbidden token is, by token, in the order first found. */
  private static final Map<String, String> FORBIDDEN_WORDS = new LinkedHashMap<>();

  /** Forbidden as identifiers: the type and class names. */
  private static final Map<String, String> FORBIDDEN_IDENTIFIERS = new LinkedHashMap<>();

  @BeforeAll
  static void readDeclarations() throws IOException {
    FactModel model = FactModelReader.read(PACKS);
    assertThat(model.types()).as("fact types declared under %s", PACKS).isNotEmpty();
    for (FactTypeDecl t : model.types()) {
      forbid(t.name(), "fact type");
      forbid(t.className(), "class of " + t.name());
      FORBIDDEN_IDENTIFIERS.put(t.name(), "fact type");
      FORBIDDEN_IDENTIFIERS.put(t.className(), "class of " + t.name());
    }
    for (FactTypeDecl t : model.types()) {
      if (t.grade() != null) {
        t.grade().levels().forEach(v -> forbid(v, "grade level of " + t.name()));
        t.grade().notAsNewGrade().forEach(v -> forbid(v, "grade level of " + t.name()));
      }
      if (t.repairable() != null) {
        t.repairable().values().forEach(v -> forbid(v, "repairable value of " + t.name()));
      }
    }
    for (FactTypeDecl t : model.types()) {
      for (FieldDecl f : t.fields()) {
        if (!FactTypeDecl.COMMON_FIELDS.contains(f.name())) {
          forbid(f.name(), "field of " + t.name());
        }
        f.values().forEach(v -> forbid(v, "code of " + t.name() + "." + f.name()));
        f.oneOf().forEach(v -> forbid(v, "oneOf value of " + t.name() + "." + f.name()));
      }
    }
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(PACKS)) {
      manifests =
          files.filter(p -> p.getFileName().toString().equals("pack.properties")).sorted().toList();
    }
    assertThat(manifests).as("manifests under %s", PACKS).isNotEmpty();
    for (Path m : manifests) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      forbid(p.getProperty("id"), "pack id");
      forbid(p.getProperty("sector"), "sector");
      forbid(p.getProperty("layerOf"), "pack id");
    }
  }

  private static void forbid(String token, String what) {
    if (token != null && !token.isEmpty()) {
      FORBIDDEN_WORDS.putIfAbsent(token, what);
    }
  }

  @Test
  void libraryMainCodeNamesNoSectorKnowledge() throws IOException {
    List<Finding> findings = new ArrayList<>();
    int files = 0;
    for (String module : MODULES) {
      Path main = ROOT.resolve(module).resolve("src/main/java");
      assertThat(main).as("main sources of %s", module).isDirectory();
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(main)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        files++;
        String file = ROOT.relativize(source).toString().replace('\\', '/');
        findings.addAll(scan(file, Files.readString(source, StandardCharsets.UTF_8)));
      }
    }
    assertThat(files).as("Java files scanned").isPositive();

    Set<Allowed> used = new LinkedHashSet<>();
    List<String> report = new ArrayList<>();
    for (Finding f : findings) {
      Allowed allowed = allowance(f);
      if (allowed != null) {
        used.add(allowed);
      } else {
        report.add(f.toString());
      }
    }
    assertThat(report)
        .as(
            "Java main code names sector knowledge (take it from the FactModel or the pack, or,"
                + " if it is contract or format vocabulary, allow it in %s.ALLOWED with the"
                + " reason)",
            NoSectorKnowledgeInJavaTest.class.getSimpleName())
        .isEmpty();
    List<Allowed> stale =
        ALLOWED.stream().filter(a -> !used.contains(a) && !VOCABULARY.containsValue(a)).toList();
    assertThat(stale).as("allowlist entries that match nothing any more (remove them)").isEmpty();
  }

  /** The scanner itself: what it reports, and what it leaves alone. */
  @Test
  void scannerReportsLiteralsIdentifiersAndTextBlocksButNotComments() {
    String src =
        String.join(
            "\n",
            "/** ADMIN_PENALTY, GEN-S-05 and \"MINOR\" in Javadoc are documentation. */",
            "class Probe { // TAX_GRADE in a comment",
            "  /* \"tax\" */ String a = \"ADMIN_PENALTY\";",
            "  Object b = new AdminPenalty(); int year = 1;",
            "  String c = \"see GEN-S-05\"; char d = 'C';",
            "  Probe(String severity) { Objects.requireNonNull(severity, \"severity\"); }",
            "  String e = \"\"\"",
            "      {\"sector\": \"market\"}",
            "      \"\"\";",
            "  String f = \"severity\" + \"a \\\"quoted\\\" MINOR\";",
            "}");
    assertThat(scan("Probe.java", src))
        .extracting(Finding::toString)
        .containsExactly(
            "Probe.java:3: string literal \"ADMIN_PENALTY\" is a fact type",
            "Probe.java:4: identifier AdminPenalty is a class of ADMIN_PENALTY",
            "Probe.java:5: string literal \"see GEN-S-05\" is a measure or procedure id GEN-S-05",
            "Probe.java:5: char literal 'C' is a grade level of TAX_GRADE",
            "Probe.java:8: text block word \"\"\"sector\"\"\" is a field of ADMIN_PENALTY",
            "Probe.java:8: text block word \"\"\"market\"\"\" is a code of ADMIN_PENALTY.sector",
            "Probe.java:10: string literal \"severity\" is a field of ADMIN_PENALTY");
  }

  /**
   * Words of the library's own vocabulary (the pack and contract formats) that a pack also uses as
   * a field name: allowed in any file, since the library means its own word. {@code procedure}: a
   * catalogue's {@code procedure.<id>}, a rule's {@code @procedure}, a repair entry's procedure
   * (market declares ADMIN_PENALTY.procedure, market.md s.1.1). {@code reason}: a request error's
   * {@code reason} (contract "Errors"; market declares MKT_ABNORMAL_LISTING.reason, s.1.2).
   */
  static final Map<String, Allowed> VOCABULARY =
      Map.of(
          "\"procedure\"",
          new Allowed(
              "*",
              "\"procedure\"",
              "the pack format's repair procedure (procedure.<id>, @procedure)"),
          "\"reason\"",
          new Allowed("*", "\"reason\"", "the contract's error reason ({pointer, value, reason})"),
          "\"case\"",
          new Allowed(
              "*",
              "\"case\"",
              "the Java keyword case (the reader's list of names a generated accessor may not"
                  + " take) and a regression case of the case format; persons declares a field"
                  + " case, which rules read as caseCode (java:)"));

  private static Allowed allowance(Finding f) {
    Allowed word = VOCABULARY.get(f.token());
    if (word != null) {
      return word;
    }
    for (Allowed a : ALLOWED) {
      if (a.file().equals(f.file()) && a.token().equals(f.token())) {
        return a;
      }
    }
    return null;
  }

  /** One offending token, shown as written: {@code "sector"}, {@code 'A'}, {@code AdminPenalty}. */
  record Finding(String file, int line, String token, String kind, String what) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + kind + " " + token + " is a " + what;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A small Java lexer: it drops comments and yields identifiers, punctuation and string,
  // character and text-block literals (their escapes decoded), each with its line.

  enum Kind {
    IDENTIFIER,
    STRING,
    CHAR,
    TEXT_BLOCK,
    NUMBER,
    PUNCTUATION
  }

  record Token(Kind kind, String text, int line) {}

  static List<Token> tokens(String src) {
    List<Token> out = new ArrayList<>();
    int n = src.length();
    int i = 0;
    int line = 1;
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (src.startsWith("//", i)) {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(src, i, end);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int j = i + 3;
        StringBuilder text = new StringBuilder();
        while (j < n && !src.startsWith("\"\"\"", j)) {
          if (src.charAt(j) == '\\' && j + 1 < n) {
            j = unescape(src, j, text);
          } else {
            text.append(src.charAt(j));
            j++;
          }
        }
        int end = Math.min(n, j + 3);
        out.add(new Token(Kind.TEXT_BLOCK, text.toString(), line));
        line += count(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        StringBuilder text = new StringBuilder();
        while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
          if (src.charAt(j) == '\\' && j + 1 < n) {
            j = unescape(src, j, text);
          } else {
            text.append(src.charAt(j));
            j++;
          }
        }
        out.add(new Token(c == '"' ? Kind.STRING : Kind.CHAR, text.toString(), line));
        i = Math.min(n, j + 1);
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
          j++;
        }
        out.add(new Token(Kind.IDENTIFIER, src.substring(i, j), line));
        i = j;
      } else if (Character.isDigit(c)) {
        // a number with its suffix or hex digits (0xCAFE, 10L) is no identifier
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
          j++;
        }
        out.add(new Token(Kind.NUMBER, src.substring(i, j), line));
        i = j;
      } else {
        out.add(new Token(Kind.PUNCTUATION, String.valueOf(c), line));
        i++;
      }
    }
    return out;
  }

  private static int count(String src, int from, int to) {
    int lines = 0;
    for (int k = from; k < to; k++) {
      if (src.charAt(k) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** Decodes the escape at {@code j} (a backslash) into {@code text}; returns the next index. */
  private static int unescape(String src, int j, StringBuilder text) {
    char e = src.charAt(j + 1);
    switch (e) {
      case 'n' -> text.append('\n');
      case 't' -> text.append('\t');
      case 'r' -> text.append('\r');
      case 'b' -> text.append('\b');
      case 'f' -> text.append('\f');
      case 's' -> text.append(' ');
      case '\n' -> {
        // a text block's line continuation
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int k = j + 1;
          int v = 0;
          while (k < src.length() && k < j + 4 && src.charAt(k) >= '0' && src.charAt(k) <= '7') {
            v = v * 8 + (src.charAt(k) - '0');
            k++;
          }
          text.append((char) v);
          return k;
        }
        text.append(e);
      }
    }
    return j + 2;
  }

  // ---------------------------------------------------------------------------------------------

  static List<Finding> scan(String file, String src) {
    List<Finding> out = new ArrayList<>();
    List<Token> tokens = tokens(src);
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      switch (t.kind()) {
        case IDENTIFIER -> {
          String what = FORBIDDEN_IDENTIFIERS.get(t.text());
          if (what != null) {
            out.add(new Finding(file, t.line(), t.text(), "identifier", what));
          }
        }
        case STRING, CHAR -> {
          String q = t.kind() == Kind.STRING ? "\"" : "'";
          String shown = q + t.text() + q;
          String kind = t.kind() == Kind.STRING ? "string literal" : "char literal";
          String what = FORBIDDEN_WORDS.get(t.text());
          if (what != null && !repeatsVariableInNullCheck(tokens, k)) {
            out.add(new Finding(file, t.line(), shown, kind, what));
          }
          Matcher m = MEASURE_ID.matcher(t.text());
          while (m.find()) {
            if (!FORBIDDEN_WORDS.containsKey(m.group())) {
              String id = "measure or procedure id " + m.group();
              out.add(new Finding(file, t.line(), shown, kind, id));
            }
          }
          // a type or class name is distinctive: inside a longer literal ("such as TAX_GRADE")
          // it is sector knowledge too
          Matcher w = WORD.matcher(t.text());
          while (w.find()) {
            String named = FORBIDDEN_IDENTIFIERS.get(w.group());
            if (named != null && !w.group().equals(t.text())) {
              out.add(new Finding(file, t.line(), shown, kind, named + " inside the literal"));
            }
          }
        }
        case TEXT_BLOCK -> checkTextBlock(file, t.line(), t.text(), out);
        default -> {}
      }
    }
    return out;
  }

  /**
   * True for the literal of {@code Objects.requireNonNull(year, "year")}: it only repeats the name
   * of the Java variable checked, and a variable may be called like a field.
   */
  static boolean repeatsVariableInNullCheck(List<Token> tokens, int k) {
    if (k < 4 || k + 1 >= tokens.size()) {
      return false;
    }
    return tokens.get(k - 4).text().equals("requireNonNull")
        && tokens.get(k - 3).text().equals("(")
        && tokens.get(k - 2).kind() == Kind.IDENTIFIER
        && tokens.get(k - 2).text().equals(tokens.get(k).text())
        && tokens.get(k - 1).text().equals(",")
        && tokens.get(k + 1).text().equals(")");
  }

  private static final Pattern TEXT_BLOCK_WORD = Pattern.compile("[\\p{L}\\p{N}_-]+");
  private static final Pattern TEXT_BLOCK_QUOTED = Pattern.compile("\"([^\"\\n]*)\"");

  /** Every word and every quoted string on each line of a text block. */
  private static void checkTextBlock(String file, int start, String text, List<Finding> out) {
    String[] lines = text.split("\n", -1);
    for (int k = 0; k < lines.length; k++) {
      int line = start + k;
      Set<String> words = new LinkedHashSet<>();
      Matcher q = TEXT_BLOCK_QUOTED.matcher(lines[k]);
      while (q.find()) {
        words.add(q.group(1));
      }
      Matcher w = TEXT_BLOCK_WORD.matcher(lines[k]);
      while (w.find()) {
        words.add(w.group());
      }
      for (String word : words) {
        String what = FORBIDDEN_WORDS.get(word);
        if (what != null) {
          out.add(new Finding(file, line, "\"\"\"" + word + "\"\"\"", "text block word", what));
        }
      }
      Matcher m = MEASURE_ID.matcher(lines[k]);
      while (m.find()) {
        if (!FORBIDDEN_WORDS.containsKey(m.group())) {
          String shown = "\"\"\"" + m.group() + "\"\"\"";
          out.add(new Finding(file, line, shown, "text block word", "measure or procedure id"));
        }
      }
    }
  }
}
