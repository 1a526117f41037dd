package dev.creditrules.pack.tree;

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
import java.util.IdentityHashMap;
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
import org.jspecify.annotations.Nullable;

/**
 * One pack version folder resolved against the version it inherits from, at the level of its files
 * (docs/packs.md, "A version holds only its differences"): the lineage, the catalogue and
 * parameters overlaid on the inherited ones, and the digest of what the version takes effect with.
 * A version inherits from the previous folder of the same pack by {@code validFrom} unless its
 * {@code pack.properties} says {@code inherit=false}; the first version inherits nothing.
 *
 * <ul>
 *   <li>{@code pack.properties}, {@code README.md} and {@code CHANGES.md} are the version's own,
 *       never inherited (cases stay with the version too).
 *   <li>The catalogue ({@value PackFolder#CATALOGUE}) and the parameters ({@value
 *       PackFolder#PARAMETERS}) are overlaid key by key on the inherited ones; {@code
 *       measure.<id>.removed=true} (or {@code procedure.<id>.removed=true}) drops an inherited
 *       entry ({@code <name>.removed=true} an inherited parameter), and an entry's {@code basis.N}
 *       list is replaced as a whole when the version gives any {@code basis.N} of it.
 *   <li>The rules are merged by the runtime ({@code PackVersion}, which needs Drools to parse
 *       them); this class only names what {@code removes=} in {@code pack.properties} drops.
 * </ul>
 *
 * <p>The {@linkplain #digest() digest} covers what the version inherits. It is the one digest of a
 * pack version: the runtime names it in every decision and precompiled file, and rules-audit's
 * {@code PackLibrary} finds a logged version by it. Immutable.
 */
public final class ResolvedFolder {
  /**
   * A named term or threshold, as a DRL function of the version's package.
   *
   * @param javaType {@code int}, {@code java.math.BigDecimal}, {@code java.time.LocalDate} or
   *     {@code String}
   * @param setBy the version that set it ({@code id@version}), which dates it
   * @param validFrom that version's {@code validFrom}, or null when its manifest cannot be read
   * @param line its line in that version's {@value PackFolder#PARAMETERS}
   */
  public record Parameter(
      String name,
      String value,
      String javaType,
      String setBy,
      @Nullable LocalDate validFrom,
      int line) {
    /** The Java expression of the value. */
    public String expression() {
      return switch (javaType) {
        case "int" -> value;
        case "java.math.BigDecimal" -> "new java.math.BigDecimal(\"" + value + "\")";
        // built from its numbers, not parsed on every call (a rule may call it per fact)
        case "java.time.LocalDate" -> dateExpression(value);
        default -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      };
    }

    /** {@code java.time.LocalDate.of(y, m, d)} for a checked {@code yyyy-mm-dd} value. */
    private static String dateExpression(String value) {
      LocalDate d = LocalDate.parse(value);
      return "java.time.LocalDate.of("
          + d.getYear()
          + ", "
          + d.getMonthValue()
          + ", "
          + d.getDayOfMonth()
          + ")";
    }
  }

  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern CLASS =
      Pattern.compile("\\bclass\\s*:\\s*[\"']?([A-Za-z_$][\\w$]*)");
  private static final Pattern CATALOGUE_ENTRY =
      Pattern.compile("(measure|procedure)\\.([^.]+)\\.(.+)");

  private final PackFolder folder;
  private final @Nullable ResolvedFolder parent;
  private final List<String> removes;
  private final Map<String, Parameter> parameters;
  private final List<PackProblem> parameterProblems = new ArrayList<>();
  private final @Nullable Properties catalogue;
  private final List<PackProblem> catalogueProblems = new ArrayList<>();
  private final SortedMap<String, byte[]> declarations;
  private final String digest;

  private ResolvedFolder(
      PackFolder folder, @Nullable ResolvedFolder parent, Map<String, byte[]> declarations) {
    this.folder = folder;
    this.parent = parent;
    String key = folder.key();
    Properties manifest = properties(folder.text(PackFolder.MANIFEST));
    LocalDate validFrom = date(manifest.getProperty("validFrom"));
    removes = list(manifest.getProperty("removes"));

    // parameters: inherited, overlaid by the version's own
    Map<String, Parameter> params = new TreeMap<>();
    if (parent != null) {
      params.putAll(parent.parameters);
    }
    String paramText = folder.text(PackFolder.PARAMETERS);
    if (paramText != null) {
      List<PackProblem> problems = parameterProblems;
      String file = PackFolder.PARAMETERS;
      Properties p = properties(paramText, file, key, problems);
      List<String> names = new ArrayList<>(new TreeSet<>(p.stringPropertyNames()));
      // removals first, so that a version may drop a parameter and set another
      names.sort(Comparator.comparing((String n) -> !n.endsWith(".removed")).thenComparing(n -> n));
      for (String name : names) {
        int line = lineOfKey(paramText, name);
        String value = p.getProperty(name).strip();
        if (name.endsWith(".removed")) {
          String dropped = name.substring(0, name.length() - ".removed".length());
          if (!value.equals("true")) {
            problems.add(new PackProblem(key, file, line, 0, null, name + " must be true"));
          } else if (params.remove(dropped) == null) {
            problems.add(
                new PackProblem(
                    key,
                    file,
                    line,
                    0,
                    null,
                    name + ": parameter " + dropped + " is not inherited"));
          }
          continue;
        }
        if (!SourceVersion.isName(name) || name.contains(".")) {
          problems.add(
              new PackProblem(
                  key,
                  file,
                  line,
                  0,
                  null,
                  "parameter name '"
                      + name
                      + "' is not a Java identifier (letters, digits, _ and $, not"
                      + " starting with a digit, not a Java keyword)"));
          continue;
        }
        if (value.isEmpty()) {
          problems.add(
              new PackProblem(key, file, line, 0, null, "parameter " + name + " has no value"));
          continue;
        }
        params.put(name, new Parameter(name, value, javaType(value), key, validFrom, line));
      }
    }
    parameters = Collections.unmodifiableMap(params);

    // the catalogue: inherited, overlaid key by key
    catalogue =
        catalogue(
            key,
            parent == null ? null : parent.catalogue,
            folder.text(PackFolder.CATALOGUE),
            catalogueProblems);

    this.declarations = Collections.unmodifiableSortedMap(covered(this, declarations));
    digest = digest(digestEntries());
  }

  /**
   * Resolves every folder against the one it inherits from: the previous folder of the same pack id
   * by {@code validFrom} (then version), unless its manifest says {@code inherit=false}. {@code
   * declarations} are the fact declarations of the trees ({@code <id>/types.yaml} to its bytes;
   * other paths are ignored), which the digests cover. The result keeps the order of {@code
   * folders}.
   */
  public static List<ResolvedFolder> resolve(
      List<PackFolder> folders, Map<String, byte[]> declarations) {
    Map<String, List<PackFolder>> byId = new TreeMap<>();
    for (PackFolder f : folders) {
      byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
    }
    Map<PackFolder, ResolvedFolder> done = new IdentityHashMap<>();
    for (List<PackFolder> versions : byId.values()) {
      versions.sort(LINEAGE_ORDER);
      ResolvedFolder previous = null;
      for (PackFolder f : versions) {
        ResolvedFolder parent = inherits(f) ? previous : null;
        previous = new ResolvedFolder(f, parent, declarations);
        done.put(f, previous);
      }
    }
    return folders.stream().map(done::get).toList();
  }

  /**
   * Declarations read as text ({@code <id>/types.yaml} to text), as the bytes that are digested.
   */
  public static Map<String, byte[]> utf8(Map<String, String> texts) {
    Map<String, byte[]> out = new TreeMap<>();
    texts.forEach((path, text) -> out.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  /** Folders of one pack in inheritance order: by validFrom as written, then version. */
  public static final Comparator<PackFolder> LINEAGE_ORDER =
      Comparator.comparing(
              (PackFolder f) ->
                  properties(f.text(PackFolder.MANIFEST)).getProperty("validFrom", "").strip())
          .thenComparing(PackFolder::version);

  /** False when the folder's manifest says {@code inherit=false}. */
  private static boolean inherits(PackFolder f) {
    return !"false"
        .equalsIgnoreCase(
            properties(f.text(PackFolder.MANIFEST)).getProperty("inherit", "true").strip());
  }

  public PackFolder folder() {
    return folder;
  }

  /** {@code id@version}. */
  public String key() {
    return folder.key();
  }

  /** The version this one inherits from, or null. */
  public @Nullable ResolvedFolder parent() {
    return parent;
  }

  /** The rules {@code pack.properties} removes from the inherited ones, as written. */
  public List<String> removes() {
    return removes;
  }

  /** The effective parameters by name. */
  public Map<String, Parameter> parameters() {
    return parameters;
  }

  /** Problems of the version's own {@value PackFolder#PARAMETERS}, in file order. */
  public List<PackProblem> parameterProblems() {
    return List.copyOf(parameterProblems);
  }

  /** The effective catalogue entries, or null when no version of the lineage has a catalogue. */
  public @Nullable Properties catalogue() {
    return catalogue;
  }

  /**
   * Problems of the version's own {@value PackFolder#CATALOGUE} overlay ({@code .removed} keys).
   */
  public List<PackProblem> catalogueProblems() {
    return List.copyOf(catalogueProblems);
  }

  /** The {@code <id>/types.yaml} files the digest covers (see {@link #digestEntries()}). */
  public SortedMap<String, byte[]> declarations() {
    return declarations;
  }

  /**
   * {@code sha256:} and the hex SHA-256 of what the version takes effect with: its own files (cases
   * excluded), then each ancestor's inherited files (all but {@code README.md} and {@code
   * CHANGES.md}; nearest first), each path prefixed by its version, then the {@linkplain
   * #declarations() declarations} it covers; each entry as its path, a zero byte, its length in
   * decimal, a zero byte and its bytes.
   */
  public String digest() {
    return digest;
  }

  // --- digest -----------------------------------------------------------------------------

  /**
   * What the digest covers, in order: the version's own files, then each ancestor's inherited files
   * (nearest first; every file but {@code pack.properties}, {@code README.md} and {@code
   * CHANGES.md} is inherited, and an ancestor's manifest counts too since its {@code removes} shape
   * what is inherited), each path prefixed by its version; then the {@code types.yaml} of every
   * pack folder one of whose declared classes is named in the rule files ({@code .drl}, top-level
   * {@code .csv}) of the version or an ancestor, all of them when one of those is a spreadsheet
   * ({@code .xlsx}, which is not read as text). The digest is SHA-256 over the entries, each as its
   * path, a zero byte, its length in decimal, a zero byte and its bytes.
   */
  List<Map.Entry<String, byte[]>> digestEntries() {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    for (ResolvedFolder a = this; a != null; a = a.parent) {
      for (Map.Entry<String, byte[]> f : a.folder.files().entrySet()) {
        String path = f.getKey();
        if (a != this && (path.equals("README.md") || path.equals("CHANGES.md"))) {
          continue;
        }
        entries.add(Map.entry(a.folder.version() + "/" + path, f.getValue()));
      }
    }
    entries.addAll(declarations.entrySet());
    return entries;
  }

  /**
   * The {@code types.yaml} files of {@code declarations} that declare a class named in the rule
   * files of {@code v} or an ancestor (all of them when one of those is a spreadsheet).
   */
  private static SortedMap<String, byte[]> covered(
      ResolvedFolder v, Map<String, byte[]> declarations) {
    StringBuilder ruleText = new StringBuilder();
    boolean spreadsheet = false;
    for (ResolvedFolder a = v; a != null; a = a.parent) {
      for (Map.Entry<String, byte[]> f : a.folder.files().entrySet()) {
        String path = f.getKey();
        if (path.endsWith(".drl") || (!path.contains("/") && path.endsWith(".csv"))) {
          ruleText.append(new String(f.getValue(), StandardCharsets.UTF_8)).append('\n');
        } else if (!path.contains("/") && path.endsWith(".xlsx")) {
          spreadsheet = true;
        }
      }
    }
    String text = ruleText.toString();
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> d : new TreeMap<>(declarations).entrySet()) {
      if (!d.getKey().endsWith("/" + FactModelReader.TYPES_FILE)) {
        continue;
      }
      boolean used = spreadsheet;
      Matcher m = CLASS.matcher(new String(d.getValue(), StandardCharsets.UTF_8));
      while (!used && m.find()) {
        used =
            Pattern.compile("(?<![\\w$])" + Pattern.quote(m.group(1)) + "(?![\\w$])")
                .matcher(text)
                .find();
      }
      if (used) {
        out.put(d.getKey(), d.getValue());
      }
    }
    return out;
  }

  private static String digest(List<Map.Entry<String, byte[]>> entries) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : entries) {
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

  private static @Nullable Properties catalogue(
      String key,
      @Nullable Properties inherited,
      @Nullable String ownText,
      List<PackProblem> problems) {
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
    Properties own = properties(ownText, PackFolder.CATALOGUE, key, problems);
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
          problems.add(
              new PackProblem(
                  key,
                  PackFolder.CATALOGUE,
                  lineOfKey(ownText, k),
                  0,
                  null,
                  k + " must be true or false but was '" + v + "'"));
        } else if (v.equals("true")) {
          boolean had = out.stringPropertyNames().stream().anyMatch(x -> x.startsWith(entry));
          if (inherited == null || !had) {
            problems.add(
                new PackProblem(
                    key,
                    PackFolder.CATALOGUE,
                    lineOfKey(ownText, k),
                    0,
                    null,
                    k + ": " + m.group(1) + " " + m.group(2) + " is not inherited"));
          }
          out.stringPropertyNames().stream()
              .filter(x -> x.startsWith(entry))
              .toList()
              .forEach(out::remove);
        }
      } else if (m.group(3).startsWith("basis.") && replacedLists.add(entry)) {
        out.stringPropertyNames().stream()
            .filter(x -> x.startsWith(entry + "basis."))
            .toList()
            .forEach(out::remove);
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
  public static int lineOfKey(@Nullable String text, String key) {
    if (text == null) {
      return 0;
    }
    Matcher m = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(key) + "[ \\t]*[=:]").matcher(text);
    if (!m.find()) {
      return 0;
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static Properties properties(@Nullable String text) {
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

  private static Properties properties(
      String text, String file, String key, List<PackProblem> problems) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(new PackProblem(key, file, 0, 0, null, "cannot read: " + e.getMessage()));
    }
    return p;
  }

  private static @Nullable LocalDate date(String text) {
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
    return "ResolvedFolder[" + key() + (parent == null ? "" : " < " + parent.key()) + "]";
  }
}
