package dev.creditrules.pack.tree;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The files of one pack version folder as read from disk or the classpath: relative path (with
 * {@code /}) to content, sorted by path. Regression cases ({@code cases/}) are never part of it.
 * What the version takes effect with, its digest included, is the folder resolved against the
 * version it inherits from: its {@link ResolvedFolder} (and, in the runtime, its {@code
 * PackVersion}).
 *
 * @param origin where it was read from, for messages
 */
public record PackFolder(
    String id, String version, String origin, SortedMap<String, byte[]> files) {
  /** The version's manifest. */
  public static final String MANIFEST = "pack.properties";

  /** The version's catalogue of measures and procedures. */
  public static final String CATALOGUE = "measures.properties";

  /** The version's terms and thresholds, named. */
  public static final String PARAMETERS = "parameters.properties";

  /** Rules of one shape, a grade mapped to its measures, as a table. */
  public static final String GRADE_TABLE = "grade-measures.csv";

  public PackFolder {
    files = new TreeMap<>(files);
  }

  /** {@code id@version}. */
  public String key() {
    return id + "@" + version;
  }

  /** The file at {@code path} as UTF-8 text, or null when the folder has none. */
  public @Nullable String text(String path) {
    byte[] b = files.get(path);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /**
   * True for a spreadsheet decision table at the top of a version folder ({@code .csv}, {@code
   * .xlsx}); the grade table ({@value #GRADE_TABLE}) is not one.
   */
  public static boolean isDecisionTable(String path) {
    return !path.contains("/")
        && !path.equals(GRADE_TABLE)
        && (path.endsWith(".csv") || path.endsWith(".xlsx"));
  }
}
