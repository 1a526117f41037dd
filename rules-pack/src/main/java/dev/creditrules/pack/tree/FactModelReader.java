package dev.creditrules.pack.tree;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.Condition;
import dev.creditrules.api.model.DisputeRole;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import dev.creditrules.api.model.Repairable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The one reader of fact declarations: reads the {@code types.yaml} of every pack folder of a pack
 * tree, and the tree's optional {@code fact-order.yaml}, into a {@link FactModel}, checking every
 * declaration. Each problem is a {@link PackProblem} whose {@code pack} is the pack folder id
 * ({@value #ROOT} for {@code fact-order.yaml}), {@code file} is {@value #TYPES_FILE} or {@value
 * #ORDER_FILE}, {@code line} and {@code column} are 1-based (from the YAML nodes), and {@code rule}
 * is the type name when the problem is in a type's declaration.
 *
 * <h2>The pack tree</h2>
 *
 * <pre>
 * packs/
 *   fact-order.yaml          optional: the order in which types are listed
 *   general/types.yaml       the types the general pack folder declares
 *   general/2019.07/...      its versions (not read here)
 *   tax/types.yaml
 * </pre>
 *
 * <p>The types are listed (and {@link FactModel#types()} ordered) as {@code fact-order.yaml} names
 * them; types it does not name follow, in the code-point order of their pack folders and then in
 * the order of each {@code types.yaml}. A type is declared in exactly one pack folder.
 *
 * <h2>{@code fact-order.yaml}</h2>
 *
 * <pre>
 * order: [HARBOUR_GRADE, HARBOUR_LISTING, ...]
 * </pre>
 *
 * Every name must be a declared type, named once.
 *
 * <h2>{@code <pack>/types.yaml}</h2>
 *
 * <pre>
 * types:
 *   HARBOUR_GRADE:                   the type name: [A-Z][A-Z0-9_]*
 *     class: HarbourGrade            required: the class rules match on (a Java identifier, unique)
 *     description: a yearly grade    optional: plain language, for the docs
 *     subjects: organisations        required: any | organisations | [NATURAL_PERSON, ...]
 *     ownDate: { endOfYear: year }   required: a date field, or {endOfYear: an integer field}
 *     start: publishedOn             a date field; defaults to ownDate when that is a date field,
 *                                    required when ownDate is endOfYear
 *     grade:                         optional: the type is a yearly grade scheme
 *       year: year                     required: an integer field
 *       level: grade                   required: a text field (it gets oneOf = levels unless it
 *                                      declares its own oneOf)
 *       publishedOn: publishedOn       required: a date field
 *       levels: [A, B, M, C, D]        required: the grades, best first
 *       notAsNewGrade: [A]             grades a repair grant may not give as newGrade
 *       notAsNewGradeMessage: ...      the reason when it does
 *     repairable:                    optional: true (every fact), {label: ...} (every fact),
 *       field: grade                   or only the facts whose field (enumeration or text) has
 *       values: [C, D]                 one of values (known values of the field, when it has them)
 *       label: C/D tax grade           how errors name this kind of record
 *     grant:                         optional: its facts grant repairs
 *       target: target                 required: a reference field
 *       grantedOn: grantedOn           required: a date field
 *       revokedOn: revokedOn           a date field
 *       newGrade: newGrade             a text field
 *     repairSector: sector           optional: an enumeration or text field holding the sector
 *     fields:                        required: name -> declaration, in the contract's order
 *       year:
 *         kind: integer              required: date | integer | decimal | text | enumeration |
 *                                    enumeration list | boolean | reference
 *         required: true             missing is an error (and no default may be given)
 *         default: 0                 a missing value gets this one (of the field's kind)
 *         values: [X, Y]             enumeration, enumeration list: the codes (required)
 *         what: penalty kind         enumeration, enumeration list: what a code is called in errors
 *         min: 1                     integer only; min &lt;= max
 *         max: 13                    integer only
 *         oneOf: [RM-01, RM-02]      text only: the allowed values
 *         pattern: "[0-9]{2}"        text only: a regular expression the whole value matches
 *         message: ...               the reason when min/max/oneOf/pattern fails; for a reference
 *                                    the reason when it names a fact it may not
 *         yearsFrom:                 integer only: years counted from a date field
 *           from: decidedOn            required: a date field
 *           message: ...               the reason when the end passes 9999-12-31
 *         to: repairable             reference only (required there): repairable, or [TYPE, ...]
 *         description: ...           plain language, for the docs
 *     checks:                        optional: contradictions, checked in this order
 *       - notBefore: { field: a, than: b, message: ... }          both date fields
 *       - notBeforeTarget: { field: a, target: t, message: ... }  a date field, a reference field
 *       - onlyWhen: { field: a, other: b, values: [X], message: ... }
 *                                    b an enumeration or text field; values among b's known values
 *       - exclusive: { field: a, with: b, message: ... }          a boolean field, any field
 *       - unique: { field: a, also: [b], message: ... }           any fields
 *       - yearOver: { field: a, on: b, message: ... }             an integer field, a date field
 * </pre>
 *
 * <p>A field whose declaration says {@code required: true} is {@link Presence#REQUIRED}, one with a
 * {@code default} is {@link Presence#DEFAULTED} (the default converted to the kind's Java type:
 * {@code Integer}, {@code Boolean}, {@code LocalDate}, {@code BigDecimal}, {@code String}, {@code
 * List<String>}), any other {@link Presence#OPTIONAL}. A field may not be named {@code id}, {@code
 * type}, {@code authority} or {@code documentNo} (every fact has them) and must be a Java
 * identifier. Messages may name, in braces, fields of the type ({@code {severity}}), and the
 * generic {@code {field}}, {@code {target}}, {@code {what}}, {@code {first}}, {@code {type}} and
 * {@code {value}}; any other placeholder is a problem. Unknown keys are problems at every level
 * (with the nearest known key as a suggestion), and so is a key given twice.
 */
public final class FactModelReader {
  /** The file of a pack folder declaring its types. */
  public static final String TYPES_FILE = "types.yaml";

  /** The optional file at the root of a pack tree ordering the types. */
  public static final String ORDER_FILE = "fact-order.yaml";

  /** The {@code pack} of a problem in {@link #ORDER_FILE}, which belongs to no pack folder. */
  public static final String ROOT = ".";

  /** The placeholders every message may use besides the type's fields. */
  static final List<String> GENERIC_PLACEHOLDERS =
      List.of("field", "target", "what", "first", "type", "value");

  private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private static final List<String> FILE_KEYS = List.of("types");
  private static final List<String> ORDER_KEYS = List.of("order");
  private static final List<String> TYPE_KEYS =
      List.of(
          "class",
          "description",
          "subjects",
          "ownDate",
          "start",
          "grade",
          "repairable",
          "grant",
          "repairSector",
          "fields",
          "checks",
          "dispute",
          "versionDate");
  private static final List<String> FIELD_KEYS =
      List.of(
          "kind",
          "required",
          "default",
          "values",
          "what",
          "min",
          "max",
          "oneOf",
          "pattern",
          "message",
          "yearsFrom",
          "to",
          "description",
          "format",
          "java");
  private static final List<String> OWN_DATE_KEYS = List.of("endOfYear");
  private static final List<String> YEARS_FROM_KEYS = List.of("from", "message");
  private static final List<String> GRADE_KEYS =
      List.of("year", "level", "publishedOn", "levels", "notAsNewGrade", "notAsNewGradeMessage");
  private static final List<String> REPAIRABLE_KEYS = List.of("field", "values", "label", "when");
  private static final List<String> GRANT_KEYS =
      List.of("target", "grantedOn", "revokedOn", "newGrade");
  private static final List<String> DISPUTE_KEYS =
      List.of(
          "target",
          "channel",
          "raisedOn",
          "resolvedOn",
          "result",
          "replacement",
          "withdraws",
          "marks",
          "replaces");
  private static final Map<String, List<String>> CHECK_KEYS = new LinkedHashMap<>();

  static {
    CHECK_KEYS.put("notBefore", List.of("field", "than", "message"));
    CHECK_KEYS.put("notBeforeTarget", List.of("field", "target", "message"));
    CHECK_KEYS.put("onlyWhen", List.of("field", "other", "values", "message"));
    CHECK_KEYS.put("exclusive", List.of("field", "with", "message"));
    CHECK_KEYS.put("unique", List.of("field", "also", "message"));
    CHECK_KEYS.put("yearOver", List.of("field", "on", "message"));
    CHECK_KEYS.put("forbid", List.of("field", "when", "message"));
    CHECK_KEYS.put("require", List.of("field", "when", "message"));
    CHECK_KEYS.put("notAfterTerm", List.of("field", "start", "years", "message"));
    CHECK_KEYS.put("sameAsTarget", List.of("field", "this", "that", "message"));
  }

  private static final Map<String, FieldKind> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("date", FieldKind.DATE);
    KINDS.put("integer", FieldKind.INTEGER);
    KINDS.put("decimal", FieldKind.DECIMAL);
    KINDS.put("text", FieldKind.TEXT);
    KINDS.put("enumeration", FieldKind.ENUMERATION);
    KINDS.put("enumeration list", FieldKind.ENUMERATION_LIST);
    KINDS.put("boolean", FieldKind.BOOLEAN);
    KINDS.put("reference", FieldKind.REFERENCE);
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_");

  /** Identifiers that may not name a type (JLS 3.9). */
  private static final Set<String> RESTRICTED_TYPE_NAMES =
      Set.of("var", "yield", "record", "sealed", "permits");

  private FactModelReader() {}

  /**
   * The model declared by a pack tree, and every problem found; never throws for a problem of the
   * declarations (for the linter and the {@code validate} command).
   *
   * @param model every type whose declaration has no problem of its own, in the order described
   *     above (when there are problems, types that have some are left out)
   * @param problems every problem, by file (pack folders in code-point order, then {@value
   *     #ORDER_FILE}), then line and column
   */
  public record Result(FactModel model, List<PackProblem> problems) {
    public Result {
      Objects.requireNonNull(model, "model");
      problems = List.copyOf(problems);
    }

    /** True when no problem was found. */
    public boolean ok() {
      return problems.isEmpty();
    }

    /**
     * The model.
     *
     * @throws PackException listing every problem, when there is one
     */
    public FactModel orThrow() {
      if (!problems.isEmpty()) {
        throw new PackException(problems);
      }
      return model;
    }
  }

  /**
   * Reads the declarations of the pack tree {@code packsDir}.
   *
   * @throws PackException listing every problem of the declarations
   * @throws IllegalArgumentException when {@code packsDir} is not a directory
   * @throws UncheckedIOException when a file cannot be read
   */
  public static FactModel read(Path packsDir) {
    return check(packsDir).orThrow();
  }

  /**
   * Reads the declarations shipped on the class path of {@code loader}: the pack trees at {@code
   * credit-rules/packs} of every jar or classes directory (several trees are read as one; the same
   * file in two of them must have the same text).
   *
   * @throws PackException listing every problem of the declarations
   */
  public static FactModel fromClasspath(ClassLoader loader) {
    return checkClasspath(loader).orThrow();
  }

  /**
   * Reads declarations already read as text.
   *
   * @param files text by path relative to the root of the pack tree, with {@code /} separators:
   *     {@code general/types.yaml}, {@code fact-order.yaml}; other paths are ignored (see {@link
   *     #isDeclaration(String)}), so every file of a tree may be passed
   * @throws PackException listing every problem of the declarations
   */
  public static FactModel read(Map<String, String> files) {
    return check(files).orThrow();
  }

  /** As {@link #read(Path)}, returning the problems instead of throwing. */
  public static Result check(Path packsDir) {
    List<PackProblem> problems = new ArrayList<>();
    Map<String, String> files = new TreeMap<>();
    readTree(packsDir, files, problems, null);
    return check(files, problems);
  }

  /** As {@link #fromClasspath(ClassLoader)}, returning the problems instead of throwing. */
  public static Result checkClasspath(ClassLoader loader) {
    List<PackProblem> problems = new ArrayList<>();
    Map<String, String> files = new TreeMap<>();
    for (PackReader.ClasspathTree tree : PackReader.classpathTrees(loader)) {
      readTree(tree.root(), files, problems, tree.source());
    }
    return check(files, problems);
  }

  /** As {@link #read(Map)}, returning the problems instead of throwing. */
  public static Result check(Map<String, String> files) {
    return check(files, List.of());
  }

  /**
   * True when {@code relativePath} (relative to the root of a pack tree, {@code /} separators) is a
   * file this reader reads: {@code <pack>/types.yaml} or {@code fact-order.yaml}.
   */
  public static boolean isDeclaration(String relativePath) {
    return relativePath.equals(ORDER_FILE) || packOf(relativePath) != null;
  }

  // ---------------------------------------------------------------------------------------------

  /** The pack folder of {@code <pack>/types.yaml}, else null. */
  private static @Nullable String packOf(String relativePath) {
    int slash = relativePath.indexOf('/');
    if (slash <= 0 || !relativePath.substring(slash + 1).equals(TYPES_FILE)) {
      return null;
    }
    return relativePath.substring(0, slash);
  }

  private static Result check(Map<String, String> files, List<PackProblem> readProblems) {
    Reading r = new Reading(files);
    r.problems.addAll(readProblems);
    return r.run();
  }

  /** Reads the declaration files of the tree at {@code root} into {@code files}. */
  private static void readTree(
      Path root, Map<String, String> files, List<PackProblem> problems, @Nullable String source) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("pack directory does not exist: " + root);
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Path types = dir.resolve(TYPES_FILE);
        if (Files.isRegularFile(types)) {
          found.add(types);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the pack folders under " + root, e);
    }
    Path order = root.resolve(ORDER_FILE);
    if (Files.isRegularFile(order)) {
      found.add(order);
    }
    for (Path file : found) {
      String rel = root.relativize(file).toString().replace('\\', '/');
      // found holds fact-order.yaml and <pack>/types.yaml files only
      String pack = rel.equals(ORDER_FILE) ? ROOT : Objects.requireNonNull(packOf(rel));
      String name = rel.equals(ORDER_FILE) ? ORDER_FILE : TYPES_FILE;
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      String text = text(rel, bytes, problems);
      if (text == null) {
        continue;
      }
      String before = files.putIfAbsent(rel, text);
      if (before != null && !before.equals(text)) {
        problems.add(
            new PackProblem(
                pack,
                name,
                1,
                1,
                null,
                "a different "
                    + rel
                    + " is also on the class path ("
                    + source
                    + "); only the first one is read"));
      }
    }
  }

  /** The text of {@code bytes} as strict UTF-8, or null after adding a problem at the bad byte. */
  /**
   * The text of the declaration file at {@code path} (relative to its tree: {@code
   * <pack>/types.yaml} or {@code fact-order.yaml}) as strict UTF-8, or null after adding a problem
   * at the first bad byte, named as every problem of that file is.
   */
  public static @Nullable String text(String path, byte[] bytes, List<PackProblem> problems) {
    boolean order = path.equals(ORDER_FILE);
    // a path of neither form is named as it is, rather than failing on a null pack
    String pack = order ? ROOT : Objects.requireNonNullElse(packOf(path), path);
    return utf8(bytes, pack, order ? ORDER_FILE : TYPES_FILE, problems);
  }

  private static @Nullable String utf8(
      byte[] bytes, String pack, String file, List<PackProblem> problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
          column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      problems.add(new PackProblem(pack, file, line, column, null, "the file is not UTF-8"));
      return null;
    }
    return out.flip().toString();
  }

  /** Compares strings by Unicode code points. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  static boolean isJavaName(String s) {
    if (s.isEmpty() || KEYWORDS.contains(s)) {
      return false;
    }
    int first = s.codePointAt(0);
    if (!Character.isJavaIdentifierStart(first)) {
      return false;
    }
    for (int i = Character.charCount(first); i < s.length(); ) {
      int c = s.codePointAt(i);
      if (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /**
   * The known key closest to {@code key} (edit distance at most 2, less than its length), or null:
   * the "did you mean" of every reader of analysts' files (fact declarations, regression cases,
   * command options) and of the compiler's errors.
   */
  public static @Nullable String suggestion(String key, Iterable<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance && d < key.length()) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String kindName(FieldKind kind) {
    for (Map.Entry<String, FieldKind> e : KINDS.entrySet()) {
      if (e.getValue() == kind) {
        return e.getKey();
      }
    }
    throw new IllegalStateException(kind.name());
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  /** A key of a mapping with its value. */
  private record Entry(ScalarNode key, Node value) {}

  /** One type as found in a types.yaml, before it is read. */
  private record Found(String pack, ScalarNode key, Node body) {}

  /** The state of one reading. */
  private static final class Reading {
    final Map<String, String> files;
    final List<PackProblem> problems = new ArrayList<>();
    final Map<String, Integer> fileRank = new HashMap<>();

    /** Every declared type name, to the pack declaring it first. */
    final Map<String, String> declared = new LinkedHashMap<>();

    /** Class name to the type using it. */
    final Map<String, String> classes = new HashMap<>();

    // set by at(...) before anything is read or reported
    @SuppressWarnings("NullAway.Init")
    String pack;

    @SuppressWarnings("NullAway.Init")
    String file;

    @Nullable String type;

    /** The text of the current file. */
    @Nullable String source;

    Reading(Map<String, String> files) {
      this.files = files;
    }

    Result run() {
      List<String> packs = new ArrayList<>();
      for (String path : files.keySet()) {
        String p = packOf(path);
        if (p != null) {
          packs.add(p);
        }
      }
      packs.sort(FactModelReader::compareCodePoints);
      for (int i = 0; i < packs.size(); i++) {
        fileRank.put(packs.get(i) + "/" + TYPES_FILE, i);
      }
      fileRank.put(ROOT + "/" + ORDER_FILE, packs.size());
      // first the names of every file, so that references and duplicates are known
      List<Found> found = new ArrayList<>();
      Set<String> badNames = new HashSet<>();
      for (String p : packs) {
        at(p, TYPES_FILE, null);
        // packs were taken from the keys of files
        Node root = parse(Objects.requireNonNull(files.get(p + "/" + TYPES_FILE)));
        if (root == null) {
          continue;
        }
        Map<String, Entry> top = keys(root, "the file", FILE_KEYS, FILE_KEYS);
        if (top == null) {
          // not a mapping: reported by keys()
          continue;
        }
        Entry types = top.get("types");
        if (types == null) {
          continue;
        }
        MappingNode map =
            mapping(types.value(), "types", "a mapping of type names to declarations");
        if (map == null) {
          continue;
        }
        for (Entry e : entries(map, "types")) {
          String name = e.key().getValue();
          type = name;
          if (!TYPE_NAME.matcher(name).matches()) {
            problem(e.key(), "type name '" + name + "' must match [A-Z][A-Z0-9_]*");
            badNames.add(name);
          }
          String before = declared.putIfAbsent(name, p);
          if (before != null) {
            problem(e.key(), "type " + name + " is already declared in pack " + before);
            continue;
          }
          found.add(new Found(p, e.key(), e.value()));
          type = null;
        }
      }
      List<FactTypeDecl> decls = new ArrayList<>();
      for (Found f : found) {
        at(f.pack(), TYPES_FILE, f.key().getValue());
        int before = problems.size();
        FactTypeDecl decl = readType(f);
        if (decl != null && problems.size() == before && !badNames.contains(decl.name())) {
          decls.add(decl);
        }
      }
      List<String> order = List.of();
      String orderText = files.get(ORDER_FILE);
      if (orderText != null) {
        at(ROOT, ORDER_FILE, null);
        order = readOrder(orderText);
      }
      Map<String, FactTypeDecl> byName = new LinkedHashMap<>();
      for (FactTypeDecl d : decls) {
        byName.put(d.name(), d);
      }
      List<FactTypeDecl> ordered = new ArrayList<>();
      for (String name : order) {
        FactTypeDecl d = byName.remove(name);
        if (d != null) {
          ordered.add(d);
        }
      }
      ordered.addAll(byName.values());
      List<PackProblem> sorted = new ArrayList<>(problems);
      sorted.sort(
          Comparator.comparingInt(
                  (PackProblem q) -> fileRank.getOrDefault(q.pack() + "/" + q.file(), -1))
              .thenComparingInt(PackProblem::line)
              .thenComparingInt(PackProblem::column));
      return new Result(new FactModel(ordered), sorted);
    }

    void at(String pack, String file, @Nullable String type) {
      this.pack = pack;
      this.file = file;
      this.type = type;
      this.source = files.get(file.equals(ORDER_FILE) ? ORDER_FILE : pack + "/" + file);
    }

    /**
     * A problem at the first {@code needle} inside the text of {@code n} (a placeholder in a
     * message that may span lines), or at {@code n} when it cannot be found there.
     */
    void problemAt(Node n, String needle, String message) {
      int start = charOffset(n.getStartMark().getIndex());
      int end = charOffset(n.getEndMark().getIndex());
      // charOffset is -1 when there is no source
      String text = source;
      int at = start < 0 || end < 0 || text == null ? -1 : text.indexOf(needle, start);
      if (text == null || at < 0 || at + needle.length() > end) {
        problem(n, message);
        return;
      }
      // lines and columns as SnakeYAML counts them: code points, after \n, \r\n, \r, NEL, LS, PS
      int line = 1;
      int column = 1;
      for (int i = 0; i < at; ) {
        int c = text.codePointAt(i);
        i += Character.charCount(c);
        boolean crlf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
        if (c == '\n' || (c == '\r' && !crlf) || c == 0x85 || c == 0x2028 || c == 0x2029) {
          line++;
          column = 1;
        } else if (!crlf) {
          column++;
        }
      }
      problems.add(new PackProblem(pack, file, line, column, type, message));
    }

    /** The char offset in {@link #source} of a mark's index (SnakeYAML counts code points). */
    int charOffset(int codePointIndex) {
      if (source == null) {
        return -1;
      }
      try {
        return source.offsetByCodePoints(0, codePointIndex);
      } catch (IndexOutOfBoundsException e) {
        return -1;
      }
    }

    void problem(Node at, String message) {
      Mark mark = at.getStartMark();
      problems.add(
          new PackProblem(pack, file, mark.getLine() + 1, mark.getColumn() + 1, type, message));
    }

    /** The root node of {@code text}, or null (after a problem) when it cannot be parsed. */
    @Nullable Node parse(String text) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported by keys()
      Node root;
      try {
        root = new Yaml(options).compose(new StringReader(text));
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String what =
            (e.getContext() == null ? "" : e.getContext() + ": ")
                + (e.getProblem() == null ? "" : e.getProblem());
        problems.add(
            new PackProblem(
                pack,
                file,
                mark == null ? 1 : mark.getLine() + 1,
                mark == null ? 1 : mark.getColumn() + 1,
                null,
                "not valid YAML: " + what.strip()));
        return null;
      } catch (YAMLException e) {
        problems.add(new PackProblem(pack, file, 1, 1, null, "not valid YAML: " + e.getMessage()));
        return null;
      }
      if (root == null) {
        problems.add(
            new PackProblem(
                pack,
                file,
                1,
                1,
                null,
                "the file is empty; expected " + (file.equals(ORDER_FILE) ? "order:" : "types:")));
      }
      return root;
    }

    List<String> readOrder(String text) {
      Node root = parse(text);
      if (root == null) {
        return List.of();
      }
      Map<String, Entry> top = keys(root, "the file", ORDER_KEYS, ORDER_KEYS);
      // not a mapping: reported by keys()
      Entry order = top == null ? null : top.get("order");
      if (order == null) {
        return List.of();
      }
      if (!(order.value() instanceof SequenceNode seq)) {
        problem(order.value(), "order must be a list of type names");
        return List.of();
      }
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Node n : seq.getValue()) {
        String name = text(n, "each name in order");
        if (name == null) {
          continue;
        }
        if (!seen.add(name)) {
          problem(n, "order names " + name + " twice");
        } else if (!declared.containsKey(name)) {
          String hint = suggestion(name, declared.keySet());
          problem(
              n,
              "order names "
                  + name
                  + ", which no pack declares"
                  + (hint == null ? "" : "; did you mean " + hint + "?"));
        } else {
          names.add(name);
        }
      }
      return names;
    }

    // ------------------------------------------------------------------------------ a type

    @Nullable FactTypeDecl readType(Found f) {
      String name = f.key().getValue();
      String where = "type " + name;
      Map<String, Entry> keys =
          keys(
              f.body(),
              f.key(),
              where,
              TYPE_KEYS,
              List.of("class", "subjects", "ownDate", "fields"));
      if (keys == null) {
        return null;
      }
      String className = null;
      Entry classEntry = keys.get("class");
      if (classEntry != null) {
        className = text(classEntry.value(), "class");
        if (className != null) {
          if (!isJavaName(className) || RESTRICTED_TYPE_NAMES.contains(className)) {
            problem(classEntry.value(), "class '" + className + "' is not a valid Java identifier");
          } else {
            String other = classes.putIfAbsent(className, name);
            if (other != null) {
              problem(
                  classEntry.value(), "class " + className + " is already the class of " + other);
            }
          }
        }
      }
      String description = optionalText(keys, "description");
      List<SubjectType> subjects =
          keys.containsKey("subjects") ? subjects(keys.get("subjects")) : List.of();

      // fields first: everything else names them
      Set<String> fieldNames = new LinkedHashSet<>();
      Map<String, FieldDecl> fields = new LinkedHashMap<>();
      Entry fieldsEntry = keys.get("fields");
      List<Entry> fieldEntries = List.of();
      if (fieldsEntry != null) {
        MappingNode map =
            mapping(fieldsEntry.value(), "fields", "a mapping of field names to declarations");
        if (map != null) {
          fieldEntries = entries(map, "fields of " + name);
          for (Entry e : fieldEntries) {
            fieldNames.add(e.key().getValue());
          }
        }
      }
      List<Consumer<Fields>> deferred = new ArrayList<>();
      for (Entry e : fieldEntries) {
        FieldDecl field = readField(e, fieldNames, deferred);
        if (field != null) {
          fields.put(field.name(), field);
        }
      }
      Fields known = new Fields(fieldNames, fields);
      deferred.forEach(d -> d.accept(known));

      // own date and start
      String ownDate = null;
      boolean yearEnd = false;
      Entry ownEntry = keys.get("ownDate");
      if (ownEntry != null) {
        if (ownEntry.value() instanceof MappingNode) {
          Map<String, Entry> own =
              keys(ownEntry.value(), ownEntry.key(), "ownDate", OWN_DATE_KEYS, OWN_DATE_KEYS);
          Entry end = own == null ? null : own.get("endOfYear");
          if (end != null) {
            ownDate = known.ref(end.value(), "ownDate.endOfYear", FieldKind.INTEGER);
            yearEnd = true;
          }
        } else if (ownEntry.value() instanceof ScalarNode) {
          ownDate = known.ref(ownEntry.value(), "ownDate", FieldKind.DATE);
        } else {
          problem(ownEntry.value(), "ownDate must be a date field or {endOfYear: <integer field>}");
        }
      }
      String start = null;
      Entry startEntry = keys.get("start");
      if (startEntry != null) {
        start = known.ref(startEntry.value(), "start", FieldKind.DATE);
      } else if (ownEntry != null && yearEnd) {
        problem(ownEntry.key(), "start (a date field) is required when ownDate is endOfYear");
      } else {
        start = ownDate;
      }

      // grade scheme
      GradeScheme grade = null;
      Entry gradeEntry = keys.get("grade");
      if (gradeEntry != null) {
        grade = grade(gradeEntry, known);
        if (grade != null) {
          FieldDecl level = fields.get(grade.level());
          if (level != null && level.oneOf().isEmpty()) {
            fields.put(level.name(), withOneOf(level, grade.levels()));
          }
        }
      }
      Repairable repairable =
          keys.containsKey("repairable") ? repairable(keys.get("repairable"), known) : null;
      GrantRole grant = keys.containsKey("grant") ? grant(keys.get("grant"), known) : null;
      String repairSector = null;
      Entry sectorEntry = keys.get("repairSector");
      if (sectorEntry != null) {
        repairSector =
            known.ref(sectorEntry.value(), "repairSector", FieldKind.ENUMERATION, FieldKind.TEXT);
      }
      List<Check> checks =
          keys.containsKey("checks") ? checks(keys.get("checks"), known) : List.of();
      DisputeRole dispute =
          keys.containsKey("dispute") ? dispute(keys.get("dispute"), known) : null;
      String versionDate =
          keys.containsKey("versionDate")
              ? known.ref(keys.get("versionDate"), "versionDate", FieldKind.DATE)
              : null;

      if (className == null || ownDate == null || start == null || fieldsEntry == null) {
        return null;
      }
      return new FactTypeDecl(
          name,
          className,
          f.pack(),
          description,
          subjects,
          new ArrayList<>(fields.values()),
          ownDate,
          yearEnd,
          start,
          grade,
          repairable,
          grant,
          repairSector,
          checks,
          dispute,
          versionDate);
    }

    @Nullable DisputeRole dispute(Entry e, Fields known) {
      Map<String, Entry> d =
          keys(e.value(), e.key(), "dispute", DISPUTE_KEYS, DISPUTE_KEYS.subList(0, 3));
      if (d == null) {
        return null;
      }
      String target = known.ref(d, "target", "dispute.target", FieldKind.REFERENCE);
      String channel = known.ref(d, "channel", "dispute.channel", FieldKind.ENUMERATION);
      String raisedOn = known.ref(d, "raisedOn", "dispute.raisedOn", FieldKind.DATE);
      String resolvedOn = known.ref(d, "resolvedOn", "dispute.resolvedOn", FieldKind.DATE);
      String result = known.ref(d, "result", "dispute.result", FieldKind.ENUMERATION);
      String replacement = known.ref(d, "replacement", "dispute.replacement", FieldKind.REFERENCE);
      List<List<String>> lists = new ArrayList<>();
      for (String key : List.of("withdraws", "marks", "replaces")) {
        Entry list = d.get(key);
        List<String> values = List.of();
        if (list != null) {
          values = texts(list.value(), "dispute." + key, true);
          if (values == null) {
            return null;
          }
          if (result == null) {
            problem(list.key(), "dispute." + key + " needs dispute.result");
          } else {
            known.inValues(list.value(), "dispute." + key, result, values);
          }
        }
        lists.add(values);
      }
      if (!lists.get(2).isEmpty() && replacement == null) {
        // lists.get(2) holds the items of the replaces key
        problem(
            Objects.requireNonNull(d.get("replaces")).key(),
            "dispute.replaces needs dispute.replacement");
      }
      return target == null || channel == null || raisedOn == null
          ? null
          : new DisputeRole(
              target,
              channel,
              raisedOn,
              resolvedOn,
              result,
              replacement,
              lists.get(0),
              lists.get(1),
              lists.get(2));
    }

    List<SubjectType> subjects(Entry e) {
      Node n = e.value();
      if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
        switch (s.getValue()) {
          case "any":
            return List.of(SubjectType.values());
          case "organisations":
            return Arrays.stream(SubjectType.values()).filter(SubjectType::isOrganisation).toList();
          default:
            break;
        }
      }
      if (!(n instanceof SequenceNode seq)) {
        problem(n, "subjects must be any, organisations or a list of subject types");
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (SubjectType t : SubjectType.values()) {
        names.add(t.name());
      }
      List<SubjectType> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        String s = text(item, "each subject type");
        if (s == null) {
          continue;
        }
        if (!names.contains(s)) {
          String hint = suggestion(s, names);
          problem(
              item,
              "unknown subject type '"
                  + s
                  + "'; "
                  + (hint != null
                      ? "did you mean " + hint + "?"
                      : "expected one of " + String.join(", ", names)));
        } else if (out.contains(SubjectType.valueOf(s))) {
          problem(item, "subjects name " + s + " twice");
        } else {
          out.add(SubjectType.valueOf(s));
        }
      }
      if (seq.getValue().isEmpty()) {
        problem(n, "subjects must name at least one subject type");
      }
      return out;
    }

    @Nullable GradeScheme grade(Entry e, Fields known) {
      Map<String, Entry> g =
          keys(e.value(), e.key(), "grade", GRADE_KEYS, GRADE_KEYS.subList(0, 4));
      if (g == null) {
        return null;
      }
      String year = known.ref(g, "year", "grade.year", FieldKind.INTEGER);
      String level = known.ref(g, "level", "grade.level", FieldKind.TEXT);
      String published = known.ref(g, "publishedOn", "grade.publishedOn", FieldKind.DATE);
      List<String> levels =
          g.containsKey("levels") ? texts(g.get("levels").value(), "grade.levels", true) : null;
      List<String> notAsNew = null;
      Entry notEntry = g.get("notAsNewGrade");
      if (notEntry != null) {
        notAsNew = texts(notEntry.value(), "grade.notAsNewGrade", false);
        if (notAsNew != null && levels != null) {
          for (String v : notAsNew) {
            if (!levels.contains(v)) {
              problem(
                  item(notEntry.value(), v),
                  "grade.notAsNewGrade names "
                      + v
                      + ", which is not one of the levels "
                      + String.join(", ", levels));
            }
          }
        }
      }
      String message = known.message(g.get("notAsNewGradeMessage"), "grade.notAsNewGradeMessage");
      if (year == null || level == null || published == null || levels == null) {
        return null;
      }
      return new GradeScheme(
          year, level, published, levels, notAsNew == null ? List.of() : notAsNew, message);
    }

    @Nullable Repairable repairable(Entry e, Fields known) {
      Node n = e.value();
      if (n instanceof ScalarNode s) {
        Boolean b = bool(s, "repairable");
        if (b == null) {
          return null;
        }
        return b ? new Repairable(null, List.of(), null) : null;
      }
      Map<String, Entry> r = keys(n, "repairable", REPAIRABLE_KEYS, List.of());
      if (r == null) {
        return null;
      }
      String label = known.plainText(r.get("label"), "repairable.label");
      Entry fieldEntry = r.get("field");
      Entry valuesEntry = r.get("values");
      Entry whenEntry = r.get("when");
      Condition when =
          whenEntry == null ? null : condition(whenEntry.value(), "repairable.when", known);
      if (whenEntry != null && when == null) {
        return null;
      }
      if (fieldEntry == null) {
        if (valuesEntry != null) {
          problem(valuesEntry.key(), "repairable.values needs repairable.field");
        }
        return new Repairable(null, List.of(), label, when);
      }
      String field =
          known.ref(fieldEntry.value(), "repairable.field", FieldKind.ENUMERATION, FieldKind.TEXT);
      if (valuesEntry == null) {
        problem(fieldEntry.key(), "repairable.field needs repairable.values");
        return null;
      }
      List<String> values = texts(valuesEntry.value(), "repairable.values", true);
      if (field != null && values != null) {
        known.inValues(valuesEntry.value(), "repairable.values", field, values);
      }
      return field == null || values == null ? null : new Repairable(field, values, label, when);
    }

    @Nullable GrantRole grant(Entry e, Fields known) {
      Map<String, Entry> g =
          keys(e.value(), e.key(), "grant", GRANT_KEYS, GRANT_KEYS.subList(0, 2));
      if (g == null) {
        return null;
      }
      String target = known.ref(g, "target", "grant.target", FieldKind.REFERENCE);
      String grantedOn = known.ref(g, "grantedOn", "grant.grantedOn", FieldKind.DATE);
      String revokedOn = known.ref(g, "revokedOn", "grant.revokedOn", FieldKind.DATE);
      String newGrade = known.ref(g, "newGrade", "grant.newGrade", FieldKind.TEXT);
      return target == null || grantedOn == null
          ? null
          : new GrantRole(target, grantedOn, revokedOn, newGrade);
    }

    List<Check> checks(Entry e, Fields known) {
      if (!(e.value() instanceof SequenceNode seq)) {
        problem(e.value(), "checks must be a list of checks (- notBefore: {...})");
        return List.of();
      }
      List<Check> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (!(item instanceof MappingNode m) || m.getValue().size() != 1) {
          problem(
              item,
              "a check must be a mapping with one key: " + String.join(", ", CHECK_KEYS.keySet()));
          continue;
        }
        NodeTuple t = m.getValue().get(0);
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          problem(
              t.getKeyNode(),
              "a check must be named by one of " + String.join(", ", CHECK_KEYS.keySet()));
          continue;
        }
        String kind = k.getValue();
        List<String> allowed = CHECK_KEYS.get(kind);
        if (allowed == null) {
          unknownKey(k, "checks", CHECK_KEYS.keySet());
          continue;
        }
        List<String> required = allowed.subList(0, allowed.size() - 1);
        if (kind.equals("unique")) {
          required = List.of("field");
        }
        Map<String, Entry> c = keys(t.getValueNode(), k, "check " + kind, allowed, required);
        if (c == null) {
          continue;
        }
        Check check = check(kind, c, known);
        if (check != null) {
          out.add(check);
        }
      }
      return out;
    }

    @Nullable Check check(String kind, Map<String, Entry> c, Fields known) {
      String p = kind + ".";
      String message = known.message(c.get("message"), p + "message");
      String field = null;
      Entry fieldEntry = c.get("field");
      switch (kind) {
        case "notBefore":
          {
            field = known.ref(fieldEntry, p + "field", FieldKind.DATE);
            String than = known.ref(c.get("than"), p + "than", FieldKind.DATE);
            return field == null || than == null ? null : new Check.NotBefore(field, than, message);
          }
        case "notBeforeTarget":
          {
            field = known.ref(fieldEntry, p + "field", FieldKind.DATE);
            String target = known.ref(c.get("target"), p + "target", FieldKind.REFERENCE);
            return field == null || target == null
                ? null
                : new Check.NotBeforeTarget(field, target, message);
          }
        case "onlyWhen":
          {
            field = known.ref(fieldEntry, p + "field");
            String other =
                known.ref(c.get("other"), p + "other", FieldKind.ENUMERATION, FieldKind.TEXT);
            Entry valuesEntry = c.get("values");
            List<String> values =
                valuesEntry == null ? null : texts(valuesEntry.value(), p + "values", true);
            if (other != null && values != null) {
              // values is read only from a present entry
              known.inValues(
                  Objects.requireNonNull(valuesEntry).value(), p + "values", other, values);
            }
            return field == null || other == null || values == null
                ? null
                : new Check.OnlyWhen(field, other, values, message);
          }
        case "exclusive":
          {
            field = known.ref(fieldEntry, p + "field", FieldKind.BOOLEAN);
            String with = known.ref(c.get("with"), p + "with");
            return field == null || with == null ? null : new Check.Exclusive(field, with, message);
          }
        case "unique":
          {
            field = known.ref(fieldEntry, p + "field");
            List<String> also = new ArrayList<>();
            Entry alsoEntry = c.get("also");
            if (alsoEntry != null) {
              if (alsoEntry.value() instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                  String a = known.ref(n, p + "also");
                  if (a != null) {
                    also.add(a);
                  }
                }
              } else {
                problem(alsoEntry.value(), p + "also must be a list of fields");
              }
            }
            return field == null ? null : new Check.Unique(field, also, message);
          }
        case "yearOver":
          {
            field = known.ref(fieldEntry, p + "field", FieldKind.INTEGER);
            String on = known.ref(c.get("on"), p + "on", FieldKind.DATE);
            return field == null || on == null ? null : new Check.YearOver(field, on, message);
          }
        case "forbid":
        case "require":
          {
            field = known.ref(fieldEntry, p + "field");
            // a missing when is reported by keys(), which returns the other keys all the same
            Entry whenEntry = c.get("when");
            Condition when =
                whenEntry == null ? null : condition(whenEntry.value(), p + "when", known);
            if (field == null || when == null) {
              return null;
            }
            return kind.equals("forbid")
                ? new Check.Forbid(field, when, message)
                : new Check.Require(field, when, message);
          }
        case "notAfterTerm":
          {
            field = known.ref(fieldEntry, p + "field", FieldKind.DATE);
            String years = known.ref(c.get("years"), p + "years", FieldKind.INTEGER);
            Entry startEntry = c.get("start");
            if (startEntry == null) {
              // reported by keys()
              return null;
            }
            Node startNode = startEntry.value();
            List<String> start = new ArrayList<>();
            if (startNode instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
              for (Node n : seq.getValue()) {
                String f = known.ref(n, p + "start", FieldKind.DATE);
                if (f == null) {
                  return null;
                }
                start.add(f);
              }
            } else {
              String f = known.ref(startNode, p + "start", FieldKind.DATE);
              if (f == null) {
                return null;
              }
              start.add(f);
            }
            return field == null || years == null
                ? null
                : new Check.NotAfterTerm(field, start, years, message);
          }
        case "sameAsTarget":
          {
            field = known.ref(fieldEntry, p + "field", FieldKind.REFERENCE);
            String self = known.ref(c.get("this"), p + "this");
            Entry thatEntry = c.get("that");
            String that = thatEntry == null ? null : text(thatEntry.value(), p + "that");
            return field == null || self == null || that == null
                ? null
                : new Check.SameAsTarget(field, self, that, message);
          }
        default:
          throw new IllegalStateException(kind);
      }
    }

    // ------------------------------------------------------------------------ a condition

    /**
     * A condition ({@code when:}): a mapping of field names to tests, all of which must hold, plus
     * {@code any: [...]} and {@code not: {...}}; null after a problem.
     */
    @Nullable Condition condition(Node n, String what, Fields known) {
      MappingNode m = mapping(n, what, "a mapping of fields to conditions");
      if (m == null) {
        return null;
      }
      List<Condition> all = new ArrayList<>();
      boolean ok = true;
      for (Entry e : entries(m, what)) {
        String key = e.key().getValue();
        Condition c;
        if (key.equals("any")) {
          c = null;
          if (e.value() instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            List<Condition> any = new ArrayList<>();
            for (Node item : seq.getValue()) {
              Condition one = condition(item, what + ".any", known);
              if (one != null) {
                any.add(one);
              }
            }
            if (any.size() == seq.getValue().size()) {
              c = new Condition.Any(any);
            }
          } else {
            problem(e.value(), what + ".any must be a non-empty list of conditions");
          }
        } else if (key.equals("not")) {
          Condition inner = condition(e.value(), what + ".not", known);
          c = inner == null ? null : new Condition.Not(inner);
        } else {
          String field = known.ref(e.key(), what);
          c = field == null ? null : fieldCondition(field, e.value(), what + "." + key, known);
        }
        if (c == null) {
          ok = false;
        } else {
          all.add(c);
        }
      }
      if (!ok) {
        return null;
      }
      if (all.isEmpty()) {
        problem(n, what + " must not be empty");
        return null;
      }
      return all.size() == 1 ? all.get(0) : new Condition.All(all);
    }

    /** The test of one field in a condition. */
    @Nullable Condition fieldCondition(String field, Node n, String what, Fields known) {
      FieldDecl decl = known.decls.get(field);
      if (n instanceof ScalarNode s) {
        if (s.getValue().equals("present") || s.getValue().equals("absent")) {
          return new Condition.Given(field, s.getValue().equals("present"));
        }
        if (s.getTag().equals(Tag.BOOL)) {
          if (decl != null && decl.kind() != FieldKind.BOOLEAN) {
            problem(n, what + ": true/false only tests a boolean field");
            return null;
          }
          return new Condition.OneOf(field, List.of(s.getValue()), false);
        }
        problem(
            n,
            what
                + " must be present, absent, true, false, a list of values or a mapping"
                + " (not, from, before, below, above, type, notType)");
        return null;
      }
      if (n instanceof SequenceNode) {
        List<String> values = texts(n, what, true);
        if (values == null) {
          return null;
        }
        known.inValues(n, what, field, values);
        return new Condition.OneOf(field, values, false);
      }
      Map<String, Entry> k =
          keys(
              n,
              what,
              List.of("not", "from", "before", "below", "above", "type", "notType"),
              List.of());
      if (k == null) {
        return null;
      }
      if (k.size() != 1) {
        problem(
            n,
            what
                + " must have exactly one test (not, from, before, below, above, type"
                + " or notType)");
        return null;
      }
      Entry e = k.values().iterator().next();
      String op = e.key().getValue();
      switch (op) {
        case "not":
          {
            List<String> values = texts(e.value(), what + ".not", true);
            if (values == null) {
              return null;
            }
            known.inValues(e.value(), what + ".not", field, values);
            return new Condition.OneOf(field, values, true);
          }
        case "from":
        case "before":
          {
            if (decl != null && decl.kind() != FieldKind.DATE) {
              problem(e.key(), what + "." + op + " only tests a date field");
              return null;
            }
            String bound = text(e.value(), what + "." + op);
            if (bound == null) {
              return null;
            }
            try {
              return new Condition.DateCompare(
                  field, op.equals("before"), java.time.LocalDate.parse(bound), null);
            } catch (java.time.format.DateTimeParseException x) {
              String other = known.ref(e.value(), what + "." + op, FieldKind.DATE);
              return other == null
                  ? null
                  : new Condition.DateCompare(field, op.equals("before"), null, other);
            }
          }
        case "below":
        case "above":
          {
            if (decl != null
                && decl.kind() != FieldKind.INTEGER
                && decl.kind() != FieldKind.DECIMAL) {
              problem(e.key(), what + "." + op + " only tests a number field");
              return null;
            }
            String bound = text(e.value(), what + "." + op);
            try {
              return bound == null
                  ? null
                  : new Condition.NumberCompare(
                      field, op.equals("below"), new java.math.BigDecimal(bound));
            } catch (NumberFormatException x) {
              problem(e.value(), what + "." + op + " must be a number");
              return null;
            }
          }
        default:
          {
            if (decl != null && decl.kind() != FieldKind.REFERENCE) {
              problem(e.key(), what + "." + op + " only tests a reference field");
              return null;
            }
            List<String> types = texts(e.value(), what + "." + op, true);
            if (types == null) {
              return null;
            }
            for (String t : types) {
              if (!declared.containsKey(t)) {
                problem(
                    item(e.value(), t),
                    what + "." + op + " names type " + t + ", which no pack declares");
              }
            }
            return new Condition.RefType(field, types, op.equals("notType"));
          }
      }
    }

    // ------------------------------------------------------------------------------ a field

    @Nullable FieldDecl readField(
        Entry e, Set<String> fieldNames, List<Consumer<Fields>> deferred) {
      String name = e.key().getValue();
      boolean ok = true;
      if (FactTypeDecl.COMMON_FIELDS.contains(name)) {
        problem(
            e.key(),
            "a field may not be named "
                + name
                + ": every fact has "
                + String.join(", ", FactTypeDecl.COMMON_FIELDS));
        ok = false;
      }
      Map<String, Entry> k = keys(e.value(), e.key(), "field " + name, FIELD_KEYS, List.of("kind"));
      if (k == null) {
        return null;
      }
      // a JSON name that is no Java name (a keyword such as case) names its accessor with java:
      String java = null;
      Entry javaEntry = k.get("java");
      if (javaEntry != null) {
        java = text(javaEntry.value(), name + ".java");
        if (java != null && !isJavaName(java)) {
          problem(
              javaEntry.value(),
              "java name '" + java + "' of field " + name + " is not a valid Java identifier");
          ok = false;
        }
      } else if (ok && !isJavaName(name)) {
        problem(
            e.key(),
            "field name '"
                + name
                + "' is not a valid Java identifier"
                + (KEYWORDS.contains(name)
                    ? "; keep it as the JSON name and give the name rules use with java: (for"
                        + " example java: "
                        + name
                        + "Code)"
                    : ""));
        ok = false;
      }
      Fields names = new Fields(fieldNames, Map.of());
      FieldKind kind = kind(k.get("kind"), name);
      boolean enumeration = kind == FieldKind.ENUMERATION || kind == FieldKind.ENUMERATION_LIST;
      Boolean required =
          k.containsKey("required") ? bool(k.get("required").value(), name + ".required") : null;

      List<String> values = null;
      Entry valuesEntry = k.get("values");
      // allowed(...) is false for a missing entry
      if (valuesEntry != null
          && allowed(valuesEntry, kind, name, FieldKind.ENUMERATION, FieldKind.ENUMERATION_LIST)) {
        values = texts(valuesEntry.value(), name + ".values", true);
      } else if (valuesEntry == null && enumeration && kind != null) {
        problem(e.key(), "field " + name + " is " + article(kindName(kind)) + " and needs values");
      }
      String what = null;
      Entry whatEntry = k.get("what");
      if (whatEntry != null
          && allowed(whatEntry, kind, name, FieldKind.ENUMERATION, FieldKind.ENUMERATION_LIST)) {
        what = text(whatEntry.value(), name + ".what");
      }
      Long min = null;
      Entry minEntry = k.get("min");
      if (minEntry != null && allowed(minEntry, kind, name, FieldKind.INTEGER)) {
        min = integer(minEntry.value(), name + ".min");
      }
      Long max = null;
      Entry maxEntry = k.get("max");
      if (maxEntry != null && allowed(maxEntry, kind, name, FieldKind.INTEGER)) {
        max = integer(maxEntry.value(), name + ".max");
      }
      if (minEntry != null && min != null && max != null && min > max) {
        problem(
            minEntry.value(),
            "min " + min + " of field " + name + " is greater than its max " + max);
      }
      List<String> oneOf = null;
      Entry oneOfEntry = k.get("oneOf");
      if (oneOfEntry != null && allowed(oneOfEntry, kind, name, FieldKind.TEXT)) {
        oneOf = texts(oneOfEntry.value(), name + ".oneOf", true);
      }
      String pattern = null;
      Entry patternEntry = k.get("pattern");
      if (patternEntry != null && allowed(patternEntry, kind, name, FieldKind.TEXT)) {
        pattern = text(patternEntry.value(), name + ".pattern");
        if (pattern != null) {
          try {
            Pattern.compile(pattern);
          } catch (PatternSyntaxException x) {
            problem(
                patternEntry.value(),
                "pattern of field "
                    + name
                    + " is not a regular expression: "
                    + x.getDescription()
                    + " near index "
                    + x.getIndex());
            pattern = null;
          }
        }
      }
      String message = names.message(k.get("message"), name + ".message");
      FieldDecl.YearsFrom yearsFrom = null;
      Entry yearsEntry = k.get("yearsFrom");
      if (yearsEntry != null && allowed(yearsEntry, kind, name, FieldKind.INTEGER)) {
        Map<String, Entry> y =
            keys(
                yearsEntry.value(),
                yearsEntry.key(),
                name + ".yearsFrom",
                YEARS_FROM_KEYS,
                List.of("from"));
        if (y != null && y.containsKey("from")) {
          Node fromNode = y.get("from").value();
          String from = text(fromNode, name + ".yearsFrom.from");
          if (from != null) {
            String reason = names.message(y.get("message"), name + ".yearsFrom.message");
            yearsFrom = new FieldDecl.YearsFrom(from, reason);
            // checked once every field of the type is read
            deferred.add(known -> known.ref(fromNode, name + ".yearsFrom.from", FieldKind.DATE));
          }
        }
      }
      FieldDecl.Reference reference = null;
      Entry toEntry = k.get("to");
      if (toEntry != null && allowed(toEntry, kind, name, FieldKind.REFERENCE)) {
        reference = reference(toEntry.value(), name, message);
      } else if (toEntry == null && kind == FieldKind.REFERENCE) {
        problem(
            e.key(),
            "field " + name + " is a reference and needs to: repairable or a list of fact types");
      }
      String description = names.plainText(k.get("description"), name + ".description");
      String format = null;
      Entry formatEntry = k.get("format");
      if (formatEntry != null && allowed(formatEntry, kind, name, FieldKind.TEXT)) {
        format = text(formatEntry.value(), name + ".format");
        if (format != null && !format.equals(FieldDecl.CREDIT_CODE)) {
          problem(
              formatEntry.value(), "format of field " + name + " must be " + FieldDecl.CREDIT_CODE);
          format = null;
        }
      }
      Object defaultValue = null;
      Entry defaultEntry = k.get("default");
      if (defaultEntry != null) {
        if (Boolean.TRUE.equals(required)) {
          problem(
              defaultEntry.key(),
              "field " + name + " is required and has a default; give one or the other");
        }
        if (kind != null) {
          defaultValue =
              defaultValue(defaultEntry.value(), name, kind, values, min, max, oneOf, pattern);
        }
      }
      if (!ok || kind == null) {
        return null;
      }
      Presence presence =
          Boolean.TRUE.equals(required)
              ? Presence.REQUIRED
              : defaultValue != null ? Presence.DEFAULTED : Presence.OPTIONAL;
      return new FieldDecl(
          name,
          kind,
          presence,
          presence == Presence.DEFAULTED ? defaultValue : null,
          values == null ? List.of() : values,
          what == null ? name : what,
          min,
          max,
          oneOf == null ? List.of() : oneOf,
          pattern,
          kind == FieldKind.REFERENCE ? null : message,
          yearsFrom,
          reference,
          description,
          format,
          java);
    }

    /** The kind of field {@code field}, or null (after a problem unless the key is missing). */
    @Nullable FieldKind kind(@Nullable Entry e, String field) {
      if (e == null) {
        return null;
      }
      String text = text(e.value(), field + ".kind");
      if (text == null) {
        return null;
      }
      FieldKind kind = KINDS.get(text);
      if (kind == null) {
        String hint = suggestion(text, KINDS.keySet());
        problem(
            e.value(),
            "unknown kind '"
                + text
                + "' of field "
                + field
                + "; "
                + (hint != null
                    ? "did you mean '" + hint + "'?"
                    : "expected one of " + String.join(", ", KINDS.keySet())));
      }
      return kind;
    }

    /**
     * True when the key {@code e} is given and applies to a field of {@code kind} (one of {@code
     * kinds}, or not known); false when it is not given, or after a problem when it does not apply.
     */
    boolean allowed(@Nullable Entry e, @Nullable FieldKind kind, String field, FieldKind... kinds) {
      if (e == null) {
        return false;
      }
      if (kind == null || Arrays.asList(kinds).contains(kind)) {
        return true;
      }
      List<String> on = new ArrayList<>();
      for (FieldKind k : kinds) {
        on.add(article(kindName(k)));
      }
      problem(
          e.key(),
          e.key().getValue()
              + " is only allowed on "
              + String.join(" or ", on)
              + ", not on "
              + article(kindName(kind))
              + " (field "
              + field
              + ")");
      return false;
    }

    FieldDecl.@Nullable Reference reference(Node n, String field, @Nullable String message) {
      if (n instanceof ScalarNode s && "repairable".equals(s.getValue())) {
        return new FieldDecl.Reference(List.of(), message);
      }
      if (n instanceof ScalarNode s && FieldDecl.Reference.ANY.equals(s.getValue())) {
        return new FieldDecl.Reference(List.of(FieldDecl.Reference.ANY), message);
      }
      if (!(n instanceof SequenceNode)) {
        problem(n, field + ".to must be repairable, any or a list of fact types");
        return null;
      }
      List<String> types = texts(n, field + ".to", true);
      if (types == null) {
        return null;
      }
      for (String t : types) {
        if (!declared.containsKey(t)) {
          String hint = suggestion(t, declared.keySet());
          problem(
              item(n, t),
              field
                  + ".to names type "
                  + t
                  + ", which no pack declares"
                  + (hint == null ? "" : "; did you mean " + hint + "?"));
        }
      }
      return new FieldDecl.Reference(types, message);
    }

    @Nullable Object defaultValue(
        Node n,
        String field,
        FieldKind kind,
        @Nullable List<String> values,
        @Nullable Long min,
        @Nullable Long max,
        @Nullable List<String> oneOf,
        @Nullable String pattern) {
      String shown = n instanceof ScalarNode s ? "'" + s.getValue() + "'" : "given";
      String wrong =
          "default " + shown + " of field " + field + " is not " + article(kindName(kind));
      if (kind == FieldKind.ENUMERATION_LIST) {
        if (!(n instanceof SequenceNode seq)) {
          problem(n, "default of field " + field + " is not a list of its values");
          return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
          String v = text(item, "each item of the default of " + field);
          if (v == null) {
            return null;
          }
          if (values != null && !values.contains(v)) {
            problem(
                item,
                "default "
                    + v
                    + " of field "
                    + field
                    + " is not one of its values "
                    + String.join(", ", values));
            return null;
          }
          out.add(v);
        }
        return List.copyOf(out);
      }
      if (!(n instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
        problem(n, wrong);
        return null;
      }
      String v = s.getValue();
      Tag tag = s.getTag();
      switch (kind) {
        case INTEGER:
          {
            if (!tag.equals(Tag.INT) || !INTEGER.matcher(v).matches()) {
              problem(n, wrong);
              return null;
            }
            int value;
            try {
              value = Integer.parseInt(v);
            } catch (NumberFormatException x) {
              problem(n, "default " + v + " of field " + field + " is outside the int range");
              return null;
            }
            if ((min != null && value < min) || (max != null && value > max)) {
              problem(
                  n,
                  "default "
                      + v
                      + " of field "
                      + field
                      + " is outside "
                      + (min == null ? "" : min)
                      + ".."
                      + (max == null ? "" : max));
              return null;
            }
            return value;
          }
        case BOOLEAN:
          {
            if (!tag.equals(Tag.BOOL) || !(v.equals("true") || v.equals("false"))) {
              problem(n, wrong + " (true or false)");
              return null;
            }
            return Boolean.valueOf(v);
          }
        case DATE:
          {
            try {
              return LocalDate.parse(v);
            } catch (DateTimeParseException x) {
              problem(n, wrong + " (yyyy-MM-dd)");
              return null;
            }
          }
        case DECIMAL:
          {
            if (!(tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) || !DECIMAL.matcher(v).matches()) {
              problem(n, wrong);
              return null;
            }
            return new BigDecimal(v);
          }
        case ENUMERATION:
          {
            if (values != null && !values.contains(v)) {
              problem(
                  n,
                  "default "
                      + v
                      + " of field "
                      + field
                      + " is not one of its values "
                      + String.join(", ", values));
              return null;
            }
            return v;
          }
        case TEXT:
          {
            if (oneOf != null && !oneOf.contains(v)) {
              problem(
                  n,
                  "default "
                      + v
                      + " of field "
                      + field
                      + " is not one of "
                      + String.join(", ", oneOf));
              return null;
            }
            if (pattern != null && !Pattern.compile(pattern).matcher(v).matches()) {
              problem(
                  n,
                  "default " + v + " of field " + field + " does not match its pattern " + pattern);
              return null;
            }
            return v;
          }
        case REFERENCE:
          return v;
        default:
          throw new IllegalStateException(kind.name());
      }
    }

    // ------------------------------------------------------------------------------ YAML shapes

    /**
     * The keys of the mapping {@code n} (reporting unknown keys, keys given twice and missing
     * required keys), or null after a problem when {@code n} is not a mapping.
     */
    @Nullable Map<String, Entry> keys(
        Node n, String where, List<String> known, List<String> required) {
      return keys(n, n, where, known, required);
    }

    /** As above, reporting missing keys at {@code owner} (the key whose value {@code n} is). */
    @Nullable Map<String, Entry> keys(
        Node n, Node owner, String where, List<String> known, List<String> required) {
      MappingNode m = mapping(n, where, "a mapping");
      if (m == null) {
        return null;
      }
      Map<String, Entry> out = new LinkedHashMap<>();
      for (Entry e : entries(m, where)) {
        if (!known.contains(e.key().getValue())) {
          unknownKey(e.key(), where, known);
        } else {
          out.put(e.key().getValue(), e);
        }
      }
      List<String> missing = new ArrayList<>();
      for (String r : required) {
        if (!out.containsKey(r)) {
          missing.add(r);
        }
      }
      if (!missing.isEmpty()) {
        problem(
            owner,
            (missing.size() == 1 ? "missing " : "missing keys ")
                + String.join(", ", missing)
                + " in "
                + where);
      }
      return out;
    }

    /** The entries of {@code m} in order, reporting keys given twice (the first one counts). */
    List<Entry> entries(MappingNode m, String where) {
      List<Entry> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k) || k.getTag().equals(Tag.NULL)) {
          problem(t.getKeyNode(), "keys must be plain names (in " + where + ")");
          continue;
        }
        if (k.getTag().equals(Tag.MERGE)) {
          problem(k, "merge keys (<<) are not supported (in " + where + ")");
          continue;
        }
        if (!seen.add(k.getValue())) {
          problem(k, k.getValue() + " is given twice in " + where);
          continue;
        }
        out.add(new Entry(k, t.getValueNode()));
      }
      return out;
    }

    void unknownKey(ScalarNode key, String where, Iterable<String> known) {
      String hint = suggestion(key.getValue(), known);
      List<String> all = new ArrayList<>();
      known.forEach(all::add);
      problem(
          key,
          "unknown key '"
              + key.getValue()
              + "' in "
              + where
              + "; "
              + (hint != null
                  ? "did you mean '" + hint + "'?"
                  : "expected one of " + String.join(", ", all)));
    }

    /** The item {@code value} of the list {@code n}, or {@code n}. */
    Node item(Node n, String value) {
      if (n instanceof SequenceNode seq) {
        for (Node item : seq.getValue()) {
          if (item instanceof ScalarNode s && s.getValue().equals(value)) {
            return item;
          }
        }
      }
      return n;
    }

    @Nullable MappingNode mapping(Node n, String where, String expected) {
      if (n instanceof MappingNode m) {
        return m;
      }
      problem(n, where + " must be " + expected);
      return null;
    }

    @Nullable String text(Node n, String what) {
      if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
        return s.getValue();
      }
      problem(n, what + " must be a text");
      return null;
    }

    /** A list of texts (non-empty when {@code nonEmpty}), each once; or null after a problem. */
    @Nullable List<String> texts(Node n, String what, boolean nonEmpty) {
      if (!(n instanceof SequenceNode seq)) {
        problem(n, what + " must be a list");
        return null;
      }
      if (nonEmpty && seq.getValue().isEmpty()) {
        problem(n, what + " must not be empty");
        return null;
      }
      List<String> out = new ArrayList<>();
      boolean ok = true;
      for (Node item : seq.getValue()) {
        String s = text(item, "each item of " + what);
        if (s == null) {
          ok = false;
        } else if (out.contains(s)) {
          problem(item, what + " names " + s + " twice");
          ok = false;
        } else {
          out.add(s);
        }
      }
      return ok ? out : null;
    }

    @Nullable Boolean bool(Node n, String what) {
      if (n instanceof ScalarNode s
          && s.getTag().equals(Tag.BOOL)
          && (s.getValue().equals("true") || s.getValue().equals("false"))) {
        return Boolean.valueOf(s.getValue());
      }
      problem(n, what + " must be true or false");
      return null;
    }

    @Nullable Long integer(Node n, String what) {
      if (n instanceof ScalarNode s
          && s.getTag().equals(Tag.INT)
          && INTEGER.matcher(s.getValue()).matches()) {
        try {
          return Long.valueOf(s.getValue());
        } catch (NumberFormatException x) {
          // reported below
        }
      }
      problem(n, what + " must be an integer");
      return null;
    }

    FieldDecl withOneOf(FieldDecl f, List<String> oneOf) {
      return new FieldDecl(
          f.name(),
          f.kind(),
          f.presence(),
          f.defaultValue(),
          f.values(),
          f.what(),
          f.min(),
          f.max(),
          oneOf,
          f.pattern(),
          f.message(),
          f.yearsFrom(),
          f.reference(),
          f.description(),
          f.format(),
          f.java());
    }

    /** The fields of one type, for the keys that name them. */
    final class Fields {
      final Set<String> names;
      final Map<String, FieldDecl> decls;

      Fields(Set<String> names, Map<String, FieldDecl> decls) {
        this.names = names;
        this.decls = decls;
      }

      @Nullable String ref(@Nullable Entry e, String what, FieldKind... kinds) {
        return e == null ? null : ref(e.value(), what, kinds);
      }

      /** The field named by the value of {@code keys.get(key)}, as below; null when absent. */
      @Nullable String ref(
          @Nullable Map<String, Entry> keys, String key, String what, FieldKind... kinds) {
        return keys == null ? null : ref(keys.get(key), what, kinds);
      }

      /**
       * The field named by {@code n}, which must be declared and (when {@code kinds} are given and
       * its kind is known) of one of {@code kinds}; else null after a problem.
       */
      @Nullable String ref(Node n, String what, FieldKind... kinds) {
        String name = text(n, what);
        if (name == null) {
          return null;
        }
        if (!names.contains(name)) {
          String hint = suggestion(name, names);
          problem(
              n,
              what
                  + " names field "
                  + name
                  + ", which is not declared"
                  + (hint == null ? "" : "; did you mean " + hint + "?"));
          return null;
        }
        FieldDecl f = decls.get(name);
        if (kinds.length > 0 && f != null && !Arrays.asList(kinds).contains(f.kind())) {
          List<String> expected = new ArrayList<>();
          for (FieldKind k : kinds) {
            expected.add(article(kindName(k)));
          }
          problem(
              n,
              what
                  + " must be "
                  + String.join(" or ", expected)
                  + " field, but "
                  + name
                  + " is "
                  + article(kindName(f.kind())));
          return null;
        }
        return name;
      }

      /** Checks that {@code values} are among the known values of {@code field}. */
      void inValues(Node at, String what, String field, List<String> values) {
        FieldDecl f = decls.get(field);
        if (f == null) {
          return;
        }
        List<String> allowed =
            f.kind() == FieldKind.ENUMERATION || f.kind() == FieldKind.ENUMERATION_LIST
                ? f.values()
                : f.oneOf();
        if (allowed.isEmpty()) {
          return;
        }
        for (String v : values) {
          if (!allowed.contains(v)) {
            problem(
                item(at, v),
                what
                    + " names "
                    + v
                    + ", which is not one of the values of "
                    + field
                    + " ("
                    + String.join(", ", allowed)
                    + ")");
          }
        }
      }

      /** A message, its placeholders checked; null when absent or after a problem. */
      @Nullable String message(@Nullable Entry e, String what) {
        if (e == null) {
          return null;
        }
        String text = text(e.value(), what);
        if (text == null) {
          return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
          String p = m.group(1);
          if (!names.contains(p)
              && !FactTypeDecl.COMMON_FIELDS.contains(p)
              && !GENERIC_PLACEHOLDERS.contains(p)) {
            problemAt(
                e.value(),
                "{" + p + "}",
                what
                    + ": unknown placeholder {"
                    + p
                    + "}; expected a field of the type or one of {"
                    + String.join("}, {", GENERIC_PLACEHOLDERS)
                    + "}");
          }
        }
        return text;
      }

      @Nullable String plainText(@Nullable Entry e, String what) {
        return e == null ? null : text(e.value(), what);
      }
    }

    @Nullable String optionalText(Map<String, Entry> keys, String key) {
      Entry e = keys.get(key);
      return e == null ? null : text(e.value(), key);
    }
  }
}
